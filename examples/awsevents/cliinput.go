package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// applyInput sets, from --cli-input-json or --cli-input-yaml, every
// parameter not given on the command line (the command line wins).
func (inv *invocation) applyInput(ctx context.Context, fs *pflag.FlagSet) error {
	name, src := "--cli-input-json", inv.g.input.json
	if inv.set["cli-input-yaml"] {
		if inv.set["cli-input-json"] {
			return usagef("--cli-input-json and --cli-input-yaml cannot be used together")
		}
		name, src = "--cli-input-yaml", inv.g.input.yaml
	}
	if src == "" {
		return nil
	}
	if path, ok := strings.CutPrefix(src, "file://"); ok {
		b, err := readInputFile(ctx, path)
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			return usagef("%s: %v", name, err)
		}
		src = string(b)
	}
	decode := decodeJSONInput
	if name == "--cli-input-yaml" {
		decode = decodeYAMLInput
	}
	in, err := decode(src, inv.params)
	if err != nil {
		return usagef("%s: %v", name, err)
	}
	paging := inv.cmd.awsPaginates && inv.inputPages(in)
	for _, member := range slices.Sorted(maps.Keys(in)) {
		p := inv.param(member)
		if inv.set[p.name] {
			continue // the command line overrides the input
		}
		flag := p.name
		if flag == "max-results" && paging {
			if inv.set["page-size"] {
				continue // --page-size overrides it
			}
			flag = "page-size"
		}
		for _, text := range in[member] {
			if err := fs.Set(flag, text); err != nil {
				var bad *pflag.InvalidValueError
				if errors.As(err, &bad) {
					err = bad.Unwrap()
				}
				return usagef("%s: %s %q: %v", name, member, text, err)
			}
			inv.set[flag] = true
		}
		if flag == "max-results" || flag == "next-token" {
			// One page already, as --no-paginate asks (aws takes both).
			inv.g.paging.noPaginate = false
		}
	}
	return nil
}

// param returns the parameter whose model member is member (known to
// exist: the input was decoded against the parameters).
func (inv *invocation) param(member string) *option {
	i := slices.IndexFunc(inv.params, func(p *option) bool { return p.member == member })
	return inv.params[i]
}

// inputPages reports whether a run whose parameters come from the input in
// auto-paginates, as the AWS CLI does for an operation it has a paginator
// for: no nextToken in the input (aws would page on from it: a difference
// left, that run prints the one page), and no one-page option on the
// command line.
func (inv *invocation) inputPages(in map[string][]string) bool {
	if _, ok := in["nextToken"]; ok {
		return false
	}
	return !inv.set["max-results"] && !inv.set["next-token"] && !inv.set["no-paginate"]
}

// unknownMember is the error for a member the operation does not have.
func unknownMember(key string, params []*option) error {
	var members []string
	for _, p := range params {
		if p.member != "" {
			members = append(members, p.member)
		}
	}
	return fmt.Errorf("unknown parameter %q (valid: %s)", key, strings.Join(members, ", "))
}

func memberParam(key string, params []*option) (*option, error) {
	i := slices.IndexFunc(params, func(p *option) bool { return p.member != "" && p.member == key })
	if i < 0 {
		return nil, unknownMember(key, params)
	}
	return params[i], nil
}

// decodeJSONInput reads the JSON object src, as the AWS CLI does: one
// object and nothing after it; each member a parameter of the operation,
// of its type in the model (a string parameter takes a string, an integer
// a whole number, a boolean true or false, a timestamp a string or a
// number, a list a list of strings); null as if the member were not there.
// It returns the text of each member's value, as its option takes it (a
// list's, one text per string).
func decodeJSONInput(src string, params []*option) (map[string][]string, error) {
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var in map[string]any
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("not a JSON object: data after the object at offset %d", dec.InputOffset())
	}
	out := map[string][]string{}
	for k, v := range in {
		p, err := memberParam(k, params)
		if err != nil {
			return nil, err
		}
		if v == nil {
			continue
		}
		var texts []string
		ok := true
		switch x := v.(type) {
		case string:
			texts, ok = []string{x}, p.kind == kindString || p.kind == kindTimestamp || p.kind == kindDuration
		case json.Number:
			texts, ok = []string{x.String()}, p.kind == kindInteger || p.kind == kindTimestamp
		case bool:
			texts, ok = []string{strconv.FormatBool(x)}, p.kind == kindBoolean
		case []any:
			ok = p.kind == kindList
			for _, e := range x {
				s, isString := e.(string)
				ok = ok && isString
				texts = append(texts, s)
			}
		default:
			ok = false
		}
		if !ok {
			return nil, fmt.Errorf("%s must be %s, not %s", k, p.kind.a(), jsonText(v))
		}
		out[k] = texts
	}
	return out, nil
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// decodeYAMLInput reads the YAML document src, a mapping of the
// operation's parameters, as decodeJSONInput reads JSON. A string
// parameter keeps the text written, whatever YAML would make of it
// (spaceName: 1_000 is the space 1_000, participantId: 0123 is 0123, not
// the numbers 1000 and 83); a list is a sequence of such strings; ~ and
// null leave the member out.
func decodeYAMLInput(src string, params []*option) (map[string][]string, error) {
	dec := yaml.NewDecoder(bytes.NewReader([]byte(src)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return nil, fmt.Errorf("not a YAML mapping: %v", err)
	}
	var more yaml.Node
	if err := dec.Decode(&more); err != io.EOF {
		return nil, errors.New("not a YAML mapping: more than one document")
	}
	out := map[string][]string{}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return out, nil
	}
	root := resolve(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("not a YAML mapping (line %d)", root.Line)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, v := resolve(root.Content[i]), resolve(root.Content[i+1])
		if key.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("line %d: a member's name must be a string", key.Line)
		}
		p, err := memberParam(key.Value, params)
		if err != nil {
			return nil, err
		}
		if isNull(v) {
			delete(out, key.Value)
			continue
		}
		texts, err := yamlTexts(v, p.kind)
		if err != nil {
			return nil, fmt.Errorf("%s (line %d) must be %s: %v", key.Value, v.Line, p.kind.a(), err)
		}
		out[key.Value] = texts
	}
	return out, nil
}

// yamlTexts is the text of the value n as the option of a parameter of
// kind k takes it: one text, or for a list one per string.
func yamlTexts(n *yaml.Node, k kind) ([]string, error) {
	if k != kindList {
		text, err := yamlText(n, k)
		if err != nil {
			return nil, err
		}
		return []string{text}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errors.New("not a sequence")
	}
	texts := make([]string, 0, len(n.Content))
	for _, e := range n.Content {
		if e = resolve(e); e.Kind != yaml.ScalarNode || isNull(e) {
			return nil, errors.New("a sequence of strings")
		}
		texts = append(texts, e.Value)
	}
	return texts, nil
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// yamlText is the text of the value n, as the option of a parameter of
// kind k takes it.
func yamlText(n *yaml.Node, k kind) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", errors.New("not a scalar")
	}
	switch k {
	case kindInteger:
		var i int64
		if err := n.Decode(&i); err != nil {
			return "", err
		}
		return strconv.FormatInt(i, 10), nil
	case kindBoolean:
		var b bool
		if err := n.Decode(&b); err != nil {
			return "", err
		}
		return strconv.FormatBool(b), nil
	case kindTimestamp:
		if n.ShortTag() == "!!timestamp" {
			var t time.Time
			if err := n.Decode(&t); err == nil {
				return t.Format(time.RFC3339Nano), nil
			}
		}
	}
	return n.Value, nil // the text written
}
