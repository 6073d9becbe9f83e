package query

import (
	"fmt"

	"github.com/jmespath/go-jmespath"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
)

// Query is a compiled --query.
type Query struct {
	expr     *jmespath.JMESPath
	hashKeys [][]string // the key lists of the query's multi-select hashes
}

// Compile compiles the JMESPath expression s, read as the AWS CLI reads it.
// An expression go-jmespath's lexer panics on (a non-ASCII byte right after
// an identifier, found by FuzzHashKeyLists) is an error like any other bad
// expression.
func Compile(s string) (_ *Query, err error) {
	expr := legacyLiterals(s)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("SyntaxError: the expression cannot be read (%v)", r)
		}
	}()
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
