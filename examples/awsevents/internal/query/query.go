// Package query is the awsevents command's --query: JMESPath as the AWS
// CLI runs it (jmespath.py), on top of go-jmespath: the legacy literals
// the AWS CLI's examples use (events[?name==`JOINED`]), and the objects a
// multi-select hash makes with their members in the query's order.
package query

import (
	"github.com/jmespath/go-jmespath"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
)

// Query is a compiled --query.
type Query struct {
	expr     *jmespath.JMESPath
	hashKeys [][]string // the key lists of the query's multi-select hashes
}

// Compile compiles the JMESPath expression s, read as the AWS CLI reads it.
func Compile(s string) (*Query, error) {
	expr := legacyLiterals(s)
	q, err := jmespath.Compile(expr)
	if err != nil {
		return nil, err
	}
	return &Query{expr: q, hashKeys: hashKeyLists(expr)}, nil
}

// Search applies q to the document v (Objects are searched as the maps
// they are) and returns the result, the objects its multi-select hashes
// made as Objects in the query's order.
func (q *Query) Search(v any) (any, error) {
	out, err := q.expr.Search(format.Plain(v))
	if err != nil {
		return nil, err
	}
	if len(q.hashKeys) > 0 {
		out = orderHashes(out, q.hashKeys)
	}
	return out, nil
}
