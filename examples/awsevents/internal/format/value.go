package format

import (
	"bytes"
	"time"
)

// Field is one member of an Object.
type Field struct {
	Key   string
	Value any
}

// Object is a JSON object whose members keep their order, as the AWS CLI
// prints its documents (the list first, NextToken last; a structure's
// members in the service model's order; a multi-select hash's in the
// query's order).
type Object []Field

// MarshalJSON encodes o with its members in order.
func (o Object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := Marshal(f.Key)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		v, err := Marshal(f.Value)
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// Map returns o's members as a map (its values as they are).
func (o Object) Map() map[string]any {
	m := make(map[string]any, len(o))
	for _, f := range o {
		m[f.Key] = f.Value
	}
	return m
}

// Plain returns v with every Object, at any depth, turned into a map: the
// form JMESPath searches, and the one text and table print (they sort an
// object's members).
func Plain(v any) any {
	switch v := v.(type) {
	case Object:
		m := make(map[string]any, len(v))
		for _, f := range v {
			m[f.Key] = Plain(f.Value)
		}
		return m
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = Plain(e)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = Plain(e)
		}
		return out
	}
	return v
}

// NaiveTime is a timestamp without a zone, as the AWS CLI holds one that
// it did not parse from a response (botocore's stubbed sample output for
// --generate-cli-skeleton output holds datetime objects): json and yaml
// print it in ISO 8601 (1970-01-01T00:00:00), text and table as Python's
// str does (1970-01-01 00:00:00).
type NaiveTime time.Time

// MarshalJSON encodes t as the AWS CLI's json encoder does (isoformat).
func (t NaiveTime) MarshalJSON() ([]byte, error) { return Marshal(t.iso()) }

func (t NaiveTime) iso() string { return time.Time(t).UTC().Format("2006-01-02T15:04:05") }

// String is t as Python's str prints a datetime.
func (t NaiveTime) String() string { return time.Time(t).UTC().Format(time.DateTime) }
