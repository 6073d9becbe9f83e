package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// timeKeys are the fields that hold timestamps. The AWS CLI prints them as
// Python's isoformat does: 2023-04-26T20:36:28+00:00, with microseconds
// only when there are some.
var timeKeys = map[string]bool{
	"eventTime": true, "startTime": true, "endTime": true,
	"firstJoinTime": true, "expirationTime": true,
}

// cliTime formats t as the AWS CLI prints timestamps.
func cliTime(t time.Time) string {
	t = t.UTC()
	s := t.Format("2006-01-02T15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	return s + "+00:00"
}

// toValue turns an item of the library into the generic JSON value the
// output formats and JMESPath work on, with timestamps as the AWS CLI
// prints them.
func toValue(item any) (any, error) {
	b, err := json.Marshal(item)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	return fixTimes(v), nil
}

func fixTimes(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if s, ok := e.(string); ok && timeKeys[k] {
				if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
					v[k] = cliTime(t)
				}
				continue
			}
			v[k] = fixTimes(e)
		}
	case []any:
		for i, e := range v {
			v[i] = fixTimes(e)
		}
	}
	return v
}

// field is one member of an ordered JSON object.
type field struct {
	key   string
	value any
}

// object is a JSON object whose members keep their order, as the AWS CLI
// prints its top-level document: the list first, NextToken last.
type object []field

func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := marshal(f.key)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		v, err := marshal(f.value)
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// asMap returns o as a map, the form JMESPath searches.
func (o object) asMap() map[string]any {
	m := make(map[string]any, len(o))
	for _, f := range o {
		m[f.key] = f.value
	}
	return m
}

// marshal is json.Marshal without HTML escaping, as Python's json prints.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// writeJSON prints v as the AWS CLI's json output does: 4-space
// indentation, no HTML escaping, and U+2028 and U+2029 as themselves, as
// Python's json.dumps(ensure_ascii=False) prints them.
func writeJSON(w io.Writer, v any) error {
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

// yamlNode turns an output value into a YAML node, keeping the members of
// an object in order (maps, which order has made objects where the model
// has their shape, in sorted order, as the json output).
func yamlNode(v any) *yaml.Node {
	switch v := v.(type) {
	case object:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, f := range v {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.key}, yamlNode(f.value))
		}
		return n
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, yamlNode(v[k]))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range v {
			n.Content = append(n.Content, yamlNode(e))
		}
		return n
	case string:
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
		if singleQuoted(v) {
			n.Style = yaml.SingleQuotedStyle
		}
		return n
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

// writeYAML prints v as one YAML document (--output yaml), or, with
// stream, as one element of a top-level list (--output yaml-stream, one
// element per page, as the AWS CLI v2).
func writeYAML(w io.Writer, v any, stream bool) error {
	n := yamlNode(v)
	if stream {
		n = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{n}}
	}
	return encodeYAML(w, n)
}

// encodeYAML writes the document n as aws does: two-space indent, sequences
// not indented under their key. Nothing is written when n cannot be
// encoded.
func encodeYAML(w io.Writer, n *yaml.Node) error {
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

// renderer prints the items of a listing in one output format.
type renderer interface {
	// page prints (or keeps) the items of one page.
	page(items []any) error
	// finish ends the output. next is the cursor to resume from ("" when
	// every item was printed); stopped reports that an interrupt or a
	// failure ended the listing early (the caller then reports next on
	// stderr).
	finish(next string, stopped bool) error
}

// writer prints a whole document in one output format; a format that
// prints documents is one entry of documentWriters.
type writer func(r *runner, w io.Writer, v any) error

// documentWriters are the formats that print a whole document at the end.
var documentWriters = map[string]writer{
	"json": func(_ *runner, w io.Writer, v any) error { return writeJSON(w, v) },
	"yaml": func(_ *runner, w io.Writer, v any) error { return writeYAML(w, v, false) },
	"table": func(r *runner, w io.Writer, v any) error {
		return writeAWSTable(w, r.cmd.op, v, r.tableStyle(), r.env.width)
	},
}

// order puts the members of every object in the order the AWS CLI prints
// them, for the formats that keep an object's order (json, yaml,
// yaml-stream, ndjson): those of the objects the query's multi-select
// hashes made in the query's order, and those of the model's structures in
// the model's order (modelOrder). text and table sort members, in aws too.
func (r *runner) order(v any) any {
	switch r.opts.output {
	case "json", "yaml", "yaml-stream", "ndjson":
		if len(r.opts.hashKeys) > 0 {
			v = orderHashes(v, r.opts.hashKeys)
		}
		return modelOrder(r.cmd.service, v)
	}
	return v
}

// tableStyle is the colouring --color asks for.
func (r *runner) tableStyle() tableStyle {
	return tableStyle{color: r.opts.color == "on" || (r.opts.color == "auto" && r.env.stdoutTerminal)}
}

func newRenderer(r *runner, key string) renderer {
	w := bufio.NewWriter(r.stdout)
	o := r.opts
	switch o.output {
	case "ndjson":
		return &ndjsonRenderer{w: w, r: r}
	case "text":
		return &textRenderer{w: w, r: r, key: key}
	case "yaml-stream":
		return &yamlStreamRenderer{w: w, r: r, key: key}
	default:
		return &bufferedRenderer{w: w, r: r, key: key, print: documentWriters[o.output]}
	}
}

// printPage prints one page as the service sent it (--max-results,
// --next-token, --no-paginate), in any output format, as the AWS CLI
// prints the reply of an operation it does not paginate.
func printPage(r *runner, doc object) error {
	w := bufio.NewWriter(r.stdout)
	var v any = doc
	if q := r.opts.compiled; q != nil && r.opts.output != "ndjson" {
		var err error
		if v, err = q.Search(doc.asMap()); err != nil {
			return fmt.Errorf("--query: %w", err)
		}
	}
	v = r.order(v)
	switch r.opts.output {
	case "text":
		if o, ok := v.(object); ok {
			v = o.asMap()
		}
		formatText(w, v, "", nil)
	case "yaml-stream":
		if err := writeYAML(w, v, true); err != nil {
			return err
		}
	case "ndjson":
		for _, f := range doc {
			switch v := f.value.(type) {
			case []any:
				n := &ndjsonRenderer{w: w, r: r}
				if err := n.page(v); err != nil {
					return err
				}
			case string:
				defer fmt.Fprintf(r.stderr, "awsevents: more items; the service's nextToken is %s\n", v)
			}
		}
	default:
		if err := documentWriters[r.opts.output](r, w, v); err != nil {
			return err
		}
	}
	return w.Flush()
}

// document is the AWS CLI's output document for a listing.
func document(key string, items []any, next string) object {
	if items == nil {
		items = []any{}
	}
	doc := object{{key, items}}
	if next != "" {
		doc = append(doc, field{"NextToken", next})
	}
	return doc
}

// bufferedRenderer collects every item and prints one document at the end:
// json, yaml and table, as the AWS CLI (a query needs the whole document,
// and a table's columns are as wide as its widest cell).
type bufferedRenderer struct {
	w     *bufio.Writer
	r     *runner
	key   string
	items []any
	print writer
}

func (b *bufferedRenderer) page(items []any) error {
	b.items = append(b.items, items...)
	return nil
}

func (b *bufferedRenderer) finish(next string, stopped bool) error {
	if stopped && len(b.items) == 0 {
		return nil
	}
	var v any = document(b.key, b.items, next)
	if q := b.r.opts.compiled; q != nil {
		var err error
		if v, err = q.Search(v.(object).asMap()); err != nil {
			return fmt.Errorf("--query: %w", err)
		}
	}
	v = b.r.order(v)
	if err := b.print(b.r, b.w, v); err != nil {
		return err
	}
	return b.w.Flush()
}

// ndjsonRenderer prints one compact JSON object per item and flushes each
// page as it arrives. --query applies to each item; an item it maps to null
// is left out. A NextToken goes to stderr, so that stdout holds items only.
type ndjsonRenderer struct {
	w *bufio.Writer
	r *runner
}

func (n *ndjsonRenderer) page(items []any) error {
	for _, it := range items {
		if q := n.r.opts.compiled; q != nil {
			var err error
			if it, err = q.Search(it); err != nil {
				return fmt.Errorf("--query: %w", err)
			}
			if it == nil {
				continue
			}
		}
		it = n.r.order(it)
		b, err := marshal(it)
		if err != nil {
			return err
		}
		n.w.Write(b)
		n.w.WriteByte('\n')
	}
	return n.w.Flush()
}

func (n *ndjsonRenderer) finish(next string, stopped bool) error {
	if err := n.w.Flush(); err != nil {
		return err
	}
	if next != "" && !stopped {
		fmt.Fprintf(n.r.stderr, "awsevents: more items; resume with --starting-token %s\n", next)
	}
	return nil
}

// textRenderer prints the AWS CLI's text output page by page, as the AWS
// CLI does (--query applies to each page's document).
type textRenderer struct {
	w   *bufio.Writer
	r   *runner
	key string
}

func (t *textRenderer) page(items []any) error {
	var v any = map[string]any{t.key: items}
	if q := t.r.opts.compiled; q != nil {
		var err error
		if v, err = q.Search(v); err != nil {
			return fmt.Errorf("--query: %w", err)
		}
	}
	formatText(t.w, v, "", nil)
	return t.w.Flush()
}

// finish prints the resume token as the AWS CLI's text output does: as one
// more document, {"NextToken": {"NextToken": token}}, which --query applies
// to as well (so `--query items[].id` prints None for it, as aws).
func (t *textRenderer) finish(next string, _ bool) error {
	if next != "" {
		var v any = map[string]any{"NextToken": map[string]any{"NextToken": next}}
		if q := t.r.opts.compiled; q != nil {
			var err error
			if v, err = q.Search(v); err != nil {
				return fmt.Errorf("--query: %w", err)
			}
		}
		formatText(t.w, v, "", nil)
	}
	return t.w.Flush()
}

// formatText is the AWS CLI's text formatter (awscli/text.py): objects print
// their scalar members on one tab-separated line, prefixed with the name of
// the list or member they are in, upper-cased; nested objects and lists
// follow on their own lines.
func formatText(w io.Writer, v any, identifier string, scalarKeys []string) {
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
				scalars = append([]string{strings.ToUpper(identifier)}, scalars...)
			}
			fmt.Fprintln(w, strings.Join(scalars, "\t"))
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
		fmt.Fprintln(w, textScalar(v))
	}
}

// formatScalarList prints a list of scalars: one line per element after
// the name of the list, or, for a bare list, all on one line.
func formatScalarList(w io.Writer, list []any, identifier string) {
	if identifier != "" {
		for _, e := range list {
			fmt.Fprintf(w, "%s\t%s\n", strings.ToUpper(identifier), textScalar(e))
		}
		return
	}
	s := make([]string, len(list))
	for i, e := range list {
		s[i] = textScalar(e)
	}
	fmt.Fprintln(w, strings.Join(s, "\t"))
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
	case map[string]any, []any:
		return false
	}
	return true
}

// textScalar prints a scalar as Python's str does.
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
		return escapeControl(v)
	default:
		b, _ := marshal(v)
		return string(b)
	}
}

// yamlStreamRenderer prints each page as it arrives, as one element of a
// top-level YAML list (the AWS CLI v2's yaml-stream); --query applies to
// each page's document.
type yamlStreamRenderer struct {
	w   *bufio.Writer
	r   *runner
	key string
}

func (y *yamlStreamRenderer) page(items []any) error {
	var v any = map[string]any{y.key: items}
	if q := y.r.opts.compiled; q != nil {
		var err error
		if v, err = q.Search(v); err != nil {
			return fmt.Errorf("--query: %w", err)
		}
	}
	v = y.r.order(v)
	if err := writeYAML(y.w, v, true); err != nil {
		return err
	}
	return y.w.Flush()
}

func (y *yamlStreamRenderer) finish(next string, _ bool) error {
	if next != "" {
		if err := writeYAML(y.w, object{{"NextToken", next}}, true); err != nil {
			return err
		}
	}
	return y.w.Flush()
}

func textScalarOrJSON(v any) string {
	if isScalar(v) {
		return textScalar(v)
	}
	b, _ := marshal(v)
	return string(b)
}
