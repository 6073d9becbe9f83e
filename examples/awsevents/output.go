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
	"text/tabwriter"
	"time"
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
// indentation, keys of objects sorted (the order the service sends), no
// HTML escaping.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	return enc.Encode(v)
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

func newRenderer(r *runner, key string) renderer {
	w := bufio.NewWriter(r.stdout)
	o := r.opts
	switch o.output {
	case "ndjson":
		return &ndjsonRenderer{w: w, r: r}
	case "text":
		return &textRenderer{w: w, r: r, key: key}
	case "table":
		if o.compiled != nil {
			return &bufferedRenderer{w: w, r: r, key: key, print: writeTable}
		}
		return &tableRenderer{w: w, key: key}
	default:
		return &bufferedRenderer{w: w, r: r, key: key, print: writeJSON}
	}
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
// json (as the AWS CLI), and table with --query (a query needs the whole
// document).
type bufferedRenderer struct {
	w     *bufio.Writer
	r     *runner
	key   string
	items []any
	print func(io.Writer, any) error
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
	if err := b.print(b.w, v); err != nil {
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

func (t *textRenderer) finish(next string, _ bool) error {
	if next != "" {
		formatText(t.w, map[string]any{"NextToken": map[string]any{"NextToken": next}}, "", nil)
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

// tableRenderer prints a table with a header of column names, flushing each
// page as it arrives: the columns of later pages are aligned within each
// page. Nested objects are flattened into dotted column names; a page that
// brings a new column prints a new header.
type tableRenderer struct {
	w       *bufio.Writer
	key     string
	columns []string
}

func (t *tableRenderer) page(items []any) error {
	rows := make([]map[string]string, len(items))
	cols := slices.Clone(t.columns)
	for i, it := range items {
		rows[i] = map[string]string{}
		flatten(rows[i], "", it)
		for k := range rows[i] {
			if !slices.Contains(cols, k) {
				cols = append(cols, k)
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(t.w, 0, 4, 2, ' ', 0)
	if len(cols) != len(t.columns) {
		slices.Sort(cols[len(t.columns):])
		t.columns = cols
		writeRow(tw, t.columns)
	}
	for _, row := range rows {
		cells := make([]string, len(t.columns))
		for i, c := range t.columns {
			cells[i] = row[c]
		}
		writeRow(tw, cells)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return t.w.Flush()
}

func (t *tableRenderer) finish(next string, _ bool) error {
	if next != "" {
		fmt.Fprintf(t.w, "NextToken  %s\n", next)
	}
	return t.w.Flush()
}

func writeRow(w io.Writer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			io.WriteString(w, "\t")
		}
		io.WriteString(w, escapeControl(c))
	}
	io.WriteString(w, "\n")
}

// flatten puts the scalars of v into row, nested names joined by dots.
func flatten(row map[string]string, prefix string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			name := k
			if prefix != "" {
				name = prefix + "." + k
			}
			flatten(row, name, e)
		}
	case []any:
		if prefix == "" {
			prefix = "value"
		}
		b, _ := marshal(v)
		row[prefix] = string(b)
	default:
		if prefix == "" {
			prefix = "value"
		}
		row[prefix] = textScalar(v)
	}
}

// writeTable prints the result of a --query as a table: a list of objects
// as rows with a header, a list of scalars or lists as rows, an object as
// one row, a scalar alone.
func writeTable(w io.Writer, v any) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	switch v := v.(type) {
	case []any:
		var rows []map[string]string
		var cols []string
		for _, e := range v {
			if l, ok := e.([]any); ok {
				cells := make([]string, len(l))
				for i, c := range l {
					cells[i] = textScalarOrJSON(c)
				}
				writeRow(tw, cells)
				continue
			}
			row := map[string]string{}
			flatten(row, "", e)
			for k := range row {
				if !slices.Contains(cols, k) {
					cols = append(cols, k)
				}
			}
			rows = append(rows, row)
		}
		if len(rows) > 0 {
			slices.Sort(cols)
			writeRow(tw, cols)
			for _, row := range rows {
				cells := make([]string, len(cols))
				for i, c := range cols {
					cells[i] = row[c]
				}
				writeRow(tw, cells)
			}
		}
	case map[string]any:
		row := map[string]string{}
		flatten(row, "", v)
		cols := slices.Sorted(maps.Keys(row))
		writeRow(tw, cols)
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = row[c]
		}
		writeRow(tw, cells)
	default:
		writeRow(tw, []string{textScalarOrJSON(v)})
	}
	return tw.Flush()
}

func textScalarOrJSON(v any) string {
	if isScalar(v) {
		return textScalar(v)
	}
	b, _ := marshal(v)
	return string(b)
}
