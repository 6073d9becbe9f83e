package format

import (
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// WriteText prints v as the AWS CLI's text output (awscli/text.py):
// objects print their scalar members on one tab-separated line, prefixed
// with the name of the list or member they are in, upper-cased; nested
// objects and lists follow on their own lines. Every string is escaped
// (Escape).
func WriteText(w io.Writer, v any) error {
	ew := &errWriter{w: w}
	formatText(ew, Plain(v), "", nil)
	return ew.err
}

// errWriter remembers the first error, so that a formatter can write
// without checking each call.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) line(fields ...string) {
	if e.err != nil {
		return
	}
	_, e.err = io.WriteString(e.w, strings.Join(fields, "\t")+"\n")
}

func formatText(w *errWriter, v any, identifier string, scalarKeys []string) {
	switch v := v.(type) {
	case map[string]any:
		var scalars []string
		type nested struct {
			key string
			v   any
		}
		var rest []nested
		if scalarKeys == nil {
			for _, k := range slices.Sorted(maps.Keys(v)) {
				if isScalar(v[k]) {
					scalars = append(scalars, textScalar(v[k]))
				} else {
					rest = append(rest, nested{k, v[k]})
				}
			}
		} else {
			for _, k := range scalarKeys {
				e, ok := v[k]
				if !ok {
					scalars = append(scalars, "")
					continue
				}
				scalars = append(scalars, textScalar(e))
			}
			for _, k := range slices.Sorted(maps.Keys(v)) {
				if !slices.Contains(scalarKeys, k) {
					rest = append(rest, nested{k, v[k]})
				}
			}
		}
		if len(scalars) > 0 {
			if identifier != "" {
				scalars = append([]string{Escape(strings.ToUpper(identifier))}, scalars...)
			}
			w.line(scalars...)
		}
		for _, n := range rest {
			formatText(w, n.v, n.key, nil)
		}
	case []any:
		if len(v) == 0 {
			return
		}
		var hasMap, hasList bool
		for _, e := range v {
			switch e.(type) {
			case map[string]any:
				hasMap = true
			case []any:
				hasList = true
			}
		}
		switch {
		case hasMap:
			keys := allScalarKeys(v)
			for _, e := range v {
				formatText(w, e, identifier, keys)
			}
		case hasList:
			var scalars []any
			for _, e := range v {
				if isScalar(e) {
					scalars = append(scalars, e)
				}
			}
			if len(scalars) > 0 {
				formatScalarList(w, scalars, identifier)
			}
			for _, e := range v {
				if !isScalar(e) {
					formatText(w, e, identifier, nil)
				}
			}
		default:
			formatScalarList(w, v, identifier)
		}
	default:
		w.line(textScalar(v))
	}
}

// formatScalarList prints a list of scalars: one line per element after
// the name of the list, or, for a bare list, all on one line.
func formatScalarList(w *errWriter, list []any, identifier string) {
	if identifier != "" {
		for _, e := range list {
			w.line(Escape(strings.ToUpper(identifier)), textScalar(e))
		}
		return
	}
	s := make([]string, len(list))
	for i, e := range list {
		s[i] = textScalar(e)
	}
	w.line(s...)
}

func allScalarKeys(list []any) []string {
	set := map[string]bool{}
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			for k, v := range m {
				if isScalar(v) {
					set[k] = true
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any, Object:
		return false
	}
	return true
}

// textScalar prints a scalar as Python's str does, escaped.
func textScalar(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case float64:
		if v == float64(int64(v)) {
			return strconv.FormatInt(int64(v), 10)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return Escape(v)
	case NaiveTime:
		return v.String()
	default:
		b, _ := Marshal(v)
		return Escape(string(b))
	}
}

// textScalarOrJSON prints a table cell: a scalar as text does, anything
// else as compact JSON.
func textScalarOrJSON(v any) string {
	if isScalar(v) {
		return textScalar(v)
	}
	b, _ := Marshal(v)
	return Escape(string(b))
}
