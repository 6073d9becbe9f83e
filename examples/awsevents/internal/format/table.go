package format

import (
	"io"
	"maps"
	"math"
	"slices"
	"strings"
)

// This file is the AWS CLI's table output (awscli/formatter.py's
// TableFormatter and awscli/table.py's MultiTable), written again in Go so
// that the same document prints the same bytes: a titled box per object,
// sections nested one level deeper per level of the document, columns sized
// to their widest cell and scaled to the widest section, and, when the
// widest section is wider than the terminal (80 columns when stdout is not a
// terminal), sections of one row turned into two columns (name, value).
//
// The table needs every row before it prints its first line (the widest
// cell of the whole document sets every column), so it cannot stream.

// TableStyle is how a table is drawn: Color colours it as the AWS CLI's
// ColorizedStyler does (--color on, or auto on a terminal); Width is the
// terminal's width in columns (80 when stdout is not a terminal, as the
// AWS CLI assumes).
type TableStyle struct {
	Color bool
	Width int
}

const (
	ansiReset  = "\x1b[0m"
	ansiRow    = "\x1b[1m\x1b[34m" // Style.BRIGHT + Fore.BLUE
	ansiIndent = "\x1b[2m\x1b[33m" // Style.DIM + Fore.YELLOW
)

func (s TableStyle) row(text string) string {
	if !s.Color {
		return text
	}
	return ansiRow + text + ansiReset
}

func (s TableStyle) indent(text string) string {
	if !s.Color {
		return text
	}
	return ansiIndent + text + ansiReset
}

// tableSection is awscli.table.Section.
type tableSection struct {
	title     string
	headers   []string
	rows      [][]string
	indent    int
	maxWidths []int
}

func (s *tableSection) updateMaxWidths(row []string) {
	if len(s.maxWidths) == 0 {
		s.maxWidths = make([]int, len(row))
		for i, c := range row {
			s.maxWidths[i] = textWidth(c)
		}
		return
	}
	for i, c := range row {
		if i >= len(s.maxWidths) {
			s.maxWidths = append(s.maxWidths, 0)
		}
		s.maxWidths[i] = max(s.maxWidths[i], textWidth(c))
	}
}

func (s *tableSection) addHeader(headers []string) {
	escaped := make([]string, len(headers))
	for i, h := range headers {
		escaped[i] = Escape(h) // member names can come from the service (token attributes)
	}
	s.updateMaxWidths(escaped)
	s.headers = escaped
}

func (s *tableSection) addRow(row []any) {
	cells := make([]string, len(row))
	for i, c := range row {
		cells[i] = textScalarOrJSON(c)
	}
	s.rows = append(s.rows, cells)
	s.updateMaxWidths(cells)
}

// columnWidths is Section.calculate_column_widths: each column's widest
// cell plus padding, scaled to maxWidth when it is positive, with Python's
// rounding (half to even) and its way of spreading what rounding lost.
func (s *tableSection) columnWidths(padding, maxWidth int) []int {
	widths := make([]int, len(s.maxWidths))
	sum := 0
	for i, w := range s.maxWidths {
		widths[i] = w + padding
		sum += widths[i]
	}
	if maxWidth <= 0 || len(widths) == 0 {
		return widths
	}
	scale := float64(maxWidth) / float64(sum)
	scaled := make([]int, len(widths))
	total := 0
	for i, w := range widths {
		scaled[i] = int(math.RoundToEven(scale * float64(w)))
		total += scaled[i]
	}
	off := total - maxWidth
	for off != 0 {
		order := make([]int, len(scaled))
		for i := range order {
			order[i] = i
		}
		if off < 0 {
			slices.Reverse(order)
		}
		for _, i := range order {
			if off > 0 {
				scaled[i]--
				off--
			} else {
				scaled[i]++
				off++
			}
			if off == 0 {
				break
			}
		}
	}
	return scaled
}

// totalWidth is Section.total_width(padding=4, with_border=True,
// outer_padding=indent).
func (s *tableSection) totalWidth() int {
	total := 0
	for _, w := range s.columnWidths(0, 0) {
		total += w + 4
	}
	total += 2 + 2*s.indent
	return max(textWidth(s.title)+2+2*s.indent, total)
}

// table is awscli.table.MultiTable with the TableFormatter that fills it.
type table struct {
	sections []*tableSection
	current  *tableSection
	style    TableStyle
}

func (t *table) newSection(title string, indent int) {
	t.current = &tableSection{title: Escape(title), indent: indent}
	t.sections = append(t.sections, t.current)
}

func isEmptyValue(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	case string:
		return v == ""
	case bool:
		return !v
	case float64:
		return v == 0
	}
	return false
}

// build is TableFormatter._build_table. A nil title is "".
func (t *table) build(title string, hasTitle bool, v any, indent int) bool {
	if isEmptyValue(v) {
		return false
	}
	if hasTitle {
		t.newSection(title, indent)
	}
	switch v := v.(type) {
	case []any:
		if m, ok := v[0].(map[string]any); ok && m != nil {
			t.subTableFromList(v, indent, title)
			return true
		}
		for _, it := range v {
			switch it := it.(type) {
			case []any:
				if all(it, isScalar) {
					t.current.addRow(it)
				} else {
					t.build("", false, it, 0)
				}
			case map[string]any:
				// Python iterates a dict's keys: a row of its keys.
				keys := slices.Sorted(maps.Keys(it))
				row := make([]any, len(keys))
				for i, k := range keys {
					row[i] = Escape(k)
				}
				t.current.addRow(row)
			default:
				t.current.addRow([]any{it})
			}
		}
	case map[string]any:
		t.subTableFromDict(v, indent)
	}
	return true
}

func all(list []any, f func(any) bool) bool {
	for _, e := range list {
		if !f(e) {
			return false
		}
	}
	return true
}

// scalarKeys splits the keys of m into those of scalars and the others,
// each sorted.
func scalarKeys(m map[string]any) (headers, more []string) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if isScalar(m[k]) {
			headers = append(headers, k)
		} else {
			more = append(more, k)
		}
	}
	return headers, more
}

func (t *table) subTableFromDict(m map[string]any, indent int) {
	headers, more := scalarKeys(m)
	switch {
	case len(headers) == 1:
		t.current.addRow([]any{Escape(headers[0]), m[headers[0]]})
	case len(headers) > 1:
		t.current.addHeader(headers)
		row := make([]any, len(headers))
		for i, h := range headers {
			row[i] = m[h]
		}
		t.current.addRow(row)
	}
	for _, k := range more {
		t.build(k, true, m[k], indent+1)
	}
}

func (t *table) subTableFromList(list []any, indent int, title string) {
	hs, ms := map[string]bool{}, map[string]bool{}
	for _, e := range list {
		m, _ := e.(map[string]any)
		h, mo := scalarKeys(m)
		for _, k := range h {
			hs[k] = true
		}
		for _, k := range mo {
			ms[k] = true
		}
	}
	headers, more := slices.Sorted(maps.Keys(hs)), slices.Sorted(maps.Keys(ms))
	if headers == nil {
		headers = []string{}
	}
	t.current.addHeader(headers)
	for i, e := range list {
		m, _ := e.(map[string]any)
		if i > 0 && len(more) > 0 {
			t.newSection(title, indent)
			t.current.addHeader(headers)
		}
		row := make([]any, len(headers))
		for j, h := range headers {
			if v, ok := m[h]; ok {
				row[j] = v
			} else {
				row[j] = ""
			}
		}
		t.current.addRow(row)
		for _, k := range more {
			if v, ok := m[k]; ok {
				t.build(k, true, v, indent+1)
			}
		}
	}
}

// WriteTable prints v, titled with the operation's name, as the AWS CLI's
// table output. It prints nothing for an empty document, as aws does.
// Every cell, title and header is escaped (Escape).
func WriteTable(w io.Writer, title string, v any, style TableStyle) error {
	t := &table{style: style}
	if !t.build(title, true, Plain(v), 0) {
		return nil
	}
	return t.render(w)
}

func (t *table) maxWidth() int {
	m := 0
	for _, s := range t.sections {
		m = max(m, s.totalWidth())
	}
	return m
}

// tableWriter counts nothing and remembers the first error, so that the
// renderer can write without checking each call. With colour on it ends
// each write with a reset, as colorama's autoreset does under the AWS CLI.
type tableWriter struct {
	w     io.Writer
	color bool
	err   error
}

func (tw *tableWriter) write(s string) {
	if tw.err != nil {
		return
	}
	if tw.color {
		s += ansiReset
	}
	_, tw.err = io.WriteString(tw.w, s)
}

// indented is awscli.table.IndentedStream: each line is framed by one
// indentation character per level on each side.
type indented struct {
	tw          *tableWriter
	level       int
	left, right string
}

func (in indented) write(s string) {
	in.tw.write(strings.Repeat(in.left, in.level))
	if rest, ok := strings.CutSuffix(s, "\n"); ok {
		in.tw.write(rest)
		in.tw.write(strings.Repeat(in.right, in.level))
		in.tw.write("\n")
		return
	}
	in.tw.write(s)
}

func (t *table) render(w io.Writer) error {
	mw := t.maxWidth()
	if mw > t.style.Width {
		for i, s := range t.sections {
			if len(s.rows) == 1 && len(s.headers) > 0 {
				v := &tableSection{title: s.title, indent: s.indent}
				for j, h := range s.headers {
					if j < len(s.rows[0]) {
						v.rows = append(v.rows, []string{h, s.rows[0][j]})
						v.updateMaxWidths([]string{h, s.rows[0][j]})
					}
				}
				t.sections[i] = v
			}
		}
		mw = t.maxWidth()
	}
	tw := &tableWriter{w: w, color: t.style.Color}
	tw.write(strings.Repeat("-", mw) + "\n")
	for _, s := range t.sections {
		t.renderSection(tw, s, mw)
	}
	return tw.err
}

func (t *table) renderSection(tw *tableWriter, s *tableSection, maxWidth int) {
	out := indented{tw: tw, level: s.indent, left: t.style.indent("|"), right: t.style.indent("|")}
	maxWidth -= s.indent * 2
	if s.title != "" {
		out.write(centerText(s.title, maxWidth, "|", "|") + "\n")
		if len(s.headers) == 0 && len(s.rows) == 0 {
			out.write("+" + repeat("-", maxWidth-2) + "+\n")
		}
	}
	if len(s.headers) > 0 {
		widths := s.columnWidths(4, maxWidth)
		var line strings.Builder
		for i := 0; i < len(widths) && i < len(s.headers); i++ {
			left := ""
			if i == 0 {
				left = "|"
			}
			line.WriteString(centerText(s.headers[i], widths[i], left, "|"))
		}
		out.write(lineBreak(widths))
		out.write(line.String() + "\n")
	}
	if len(s.rows) == 0 {
		return
	}
	widths := s.columnWidths(4, maxWidth)
	if len(widths) == 0 {
		return
	}
	out.write(lineBreak(widths))
	for _, row := range s.rows {
		var line strings.Builder
		for i := 0; i < len(widths) && i < len(row); i++ {
			left := ""
			if i == 0 {
				left = "|"
			}
			line.WriteString(alignLeft(t.style.row(row[i]), textWidth(row[i]), widths[i], left, "|"))
		}
		out.write(line.String() + "\n")
	}
	out.write(lineBreak(widths))
}

func lineBreak(widths []int) string {
	var b strings.Builder
	for i, w := range widths {
		if i == 0 {
			b.WriteString("+" + repeat("-", w-2) + "+")
		} else {
			b.WriteString(repeat("-", w-1) + "+")
		}
	}
	b.WriteString("\n")
	return b.String()
}

// repeat is strings.Repeat that, like Python's s * n, gives "" for n < 0.
func repeat(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(s, n)
}

// centerText is awscli.table.center_text.
func centerText(text string, length int, left, right string) string {
	n := textWidth(text)
	start := length/2 - n/2 - 1
	sofar := textWidth(left) + start + n // Python counts a negative start too
	return left + repeat(" ", start) + text + repeat(" ", length-textWidth(right)-sofar) + right
}

// alignLeft is awscli.table.align_left; text may carry colour codes, n is
// its printed width.
func alignLeft(text string, n, length int, left, right string) string {
	padding := 0
	if length-(n+2+textWidth(left)+textWidth(right)) >= 0 {
		padding = 2
	}
	sofar := len(left) + padding + n
	return left + repeat(" ", padding) + text + repeat(" ", length-sofar-len(right)) + right
}

// textWidth is awscli.table.get_text_length: East Asian wide and
// full-width characters count two columns.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if isWide(r) {
			n++
		}
	}
	return n
}

// isWide reports whether r is East Asian Wide or Fullwidth (the main
// blocks of Unicode's EastAsianWidth W and F).
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115f, r == 0x2329, r == 0x232a,
		r >= 0x2e80 && r <= 0x303e, r >= 0x3041 && r <= 0x33ff,
		r >= 0x3400 && r <= 0x4dbf, r >= 0x4e00 && r <= 0x9fff,
		r >= 0xa000 && r <= 0xa4cf, r >= 0xac00 && r <= 0xd7a3,
		r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6,
		r >= 0x1f300 && r <= 0x1f64f, r >= 0x1f900 && r <= 0x1f9ff,
		r >= 0x20000 && r <= 0x3fffd:
		return true
	}
	return false
}
