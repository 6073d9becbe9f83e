package format

import (
	"bytes"
	"encoding/json"
	"io"
)

// Marshal is json.Marshal without HTML escaping, as Python's json prints:
// the compact form of one ndjson line.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// WriteJSON prints v as the AWS CLI's json output does: 4-space
// indentation, no HTML escaping, and U+2028 and U+2029 as themselves, as
// Python's json.dumps(ensure_ascii=False) prints them.
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(unescapeLineSeparators(buf.Bytes()))
	return err
}

// WriteNDJSON prints v as one compact JSON line.
func WriteNDJSON(w io.Writer, v any) error {
	b, err := Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// unescapeLineSeparators turns the \u2028 and \u2029 escapes that
// encoding/json writes back into the characters. An escape is one only
// after an even number of backslashes (\\u2028 is a backslash, then text).
func unescapeLineSeparators(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u202`)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			out = append(out, b[i])
			continue
		}
		if i+6 <= len(b) && b[i+1] == 'u' && string(b[i+2:i+5]) == "202" && (b[i+5] == '8' || b[i+5] == '9') {
			out = append(out, string(rune(0x2020+int(b[i+5]-'0')))...)
			i += 5
			continue
		}
		out = append(out, b[i], b[i+1]) // an escape: keep it and what it escapes
		i++
	}
	return out
}
