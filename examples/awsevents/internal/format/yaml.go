package format

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// YAMLNode turns a document into a YAML node, keeping the members of an
// Object in order (maps, which ordering has made Objects where the model
// has their shape, in sorted order, as the json output).
func YAMLNode(v any) *yaml.Node {
	switch v := v.(type) {
	case Object:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, f := range v {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.Key}, YAMLNode(f.Value))
		}
		return n
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, YAMLNode(v[k]))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range v {
			n.Content = append(n.Content, YAMLNode(e))
		}
		return n
	case string:
		return yamlString(v)
	case NaiveTime:
		// A datetime, as PyYAML represents one: a plain timestamp.
		return &yaml.Node{Kind: yaml.ScalarNode, Value: v.iso()}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
	case float64:
		if v == float64(int64(v)) {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(int64(v), 10)}
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(v, 'g', -1, 64)}
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	default:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v)}
	}
}

func yamlString(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if singleQuoted(s) {
		n.Style = yaml.SingleQuotedStyle
	}
	return n
}

// singleQuoted reports whether s, a string that YAML would read as
// something else unquoted (a time, a number, true, ""), is printable in
// single quotes, as the AWS CLI v2 (ruamel.yaml) quotes such strings.
func singleQuoted(s string) bool {
	b, err := yaml.Marshal(s)
	if err != nil || !bytes.HasPrefix(b, []byte(`"`)) {
		return false
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// WriteYAML prints v as one YAML document (--output yaml).
func WriteYAML(w io.Writer, v any) error { return EncodeYAML(w, YAMLNode(v)) }

// WriteYAMLStream prints v as one element of a top-level list (--output
// yaml-stream: one element per page, as the AWS CLI v2).
func WriteYAMLStream(w io.Writer, v any) error {
	return EncodeYAML(w, &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{YAMLNode(v)}})
}

// EncodeYAML writes the document n as aws does: two-space indent, sequences
// not indented under their key. Nothing is written when n cannot be
// encoded.
func EncodeYAML(w io.Writer, n *yaml.Node) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	enc.CompactSeqIndent()
	if err := enc.Encode(n); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
