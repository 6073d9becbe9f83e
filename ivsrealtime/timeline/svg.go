package timeline

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// The picture's geometry, in SVG user units (CSS pixels).
const (
	svgWidth   = 1000
	labelX     = 10  // participant labels start here
	plotLeft   = 180 // the time axis runs from plotLeft ...
	plotRight  = 970 // ... to plotRight
	rowHeight  = 48
	headerH    = 48 // title and subtitle
	legendH    = 26
	axisH      = 22
	listLineH  = 15
	maxListed  = 40 // errors listed under the standalone picture
	minTickGap = 80 // pixels between time ticks, at least

	// Offsets inside a row.
	laneBase0   = 9  // baseline of the first lane of error numbers
	laneBase1   = 18 // and of the second
	presTop     = 21 // presence bar
	presH       = 12
	pubTop      = 24 // publishing bar, inside the presence bar
	pubH        = 6
	markY       = 27 // centre of error, token and oddity marks
	replY       = 36 // replication line
	subY        = 39.5
	subLaneStep = 2.5
	subLanes    = 3
)

// The palette. The picture's background is a colour used nowhere else, so
// a screenshot shows where the picture is.
const (
	colBackground = "#fbfcfd"
	colStripe0    = "#eef1f5"
	colStripe1    = "#f6f7f9"
	colGrid       = "#d3d9e0"
	colText       = "#1b1f24"
	colMuted      = "#57606a"
	colPresent    = "#9ec5e8"
	colPublishing = "#1f6fb2"
	colSubscribed = "#2e9d5b"
	colReplicated = "#8e5cc4"
	colError      = "#d62728"
	colToken      = "#e69f00"
	colOddity     = "#7f7f7f"
)

// drawOpts says which parts of the picture to draw: WriteHTML shows the
// title, legend and errors as HTML instead.
type drawOpts struct {
	header, legend, errorList bool
}

// numbered is an error event with its number in the picture and its row.
type numbered struct {
	n   int
	row int
	ivsrealtime.Event
}

// layout places a timeline on the picture.
type layout struct {
	t      Timeline
	opts   drawOpts
	start  time.Time
	span   time.Duration // never less than a second
	rowsY  float64       // top of the first row
	axisY  float64       // baseline of the tick labels
	height float64
	errors []numbered // in time order, then row order
}

func newLayout(t Timeline, opts drawOpts) *layout {
	l := &layout{t: t, opts: opts, start: t.Start, span: max(t.End.Sub(t.Start), time.Second)}
	y := 0.0
	if opts.header {
		y += headerH
	}
	if opts.legend {
		y += legendH
	}
	y += axisH
	l.axisY = y - 7
	l.rowsY = y
	y += float64(len(t.Participants)) * rowHeight
	if len(t.Participants) == 0 {
		y += listLineH // "No events."
	}
	if len(t.Oddities) > 0 {
		y += listLineH // the oddities' footnote
	}
	for i, p := range t.Participants {
		for _, e := range p.Errors {
			l.errors = append(l.errors, numbered{row: i, Event: e})
		}
	}
	slices.SortStableFunc(l.errors, func(a, b numbered) int {
		return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.row, b.row))
	})
	for i := range l.errors {
		l.errors[i].n = i + 1
	}
	if opts.errorList && len(l.errors) > 0 {
		y += 8 + listLineH*float64(1+min(len(l.errors), maxListed))
		if len(l.errors) > maxListed {
			y += listLineH
		}
	}
	l.height = math.Ceil(y + 8)
	return l
}

// x returns the horizontal position of t.
func (l *layout) x(t time.Time) float64 {
	return plotLeft + float64(t.Sub(l.start))/float64(l.span)*(plotRight-plotLeft)
}

// rowY returns the top of row i.
func (l *layout) rowY(i int) float64 { return l.rowsY + float64(i)*rowHeight }

// WriteSVG writes the timeline as a self-contained SVG picture: one row per
// participant in the timeline's order, a time axis in UTC, bars for presence
// and publishing, thin lines for subscriptions (and a dashed one for
// replication), a numbered red mark at each error (its hover text gives the
// code and the meaning the service documents) listed under the picture,
// an orange mark at each token exchange, a grey one at each oddity, and a
// legend. The same timeline always gives the same bytes.
func (t Timeline) WriteSVG(w io.Writer) error {
	return t.writeSVG(w, drawOpts{header: true, legend: true, errorList: true})
}

func (t Timeline) writeSVG(w io.Writer, opts drawOpts) error {
	l := newLayout(t, opts)
	var b svgBuf
	b.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%s" viewBox="0 0 %d %s" font-family="sans-serif" font-size="12" fill="%s">`+"\n",
		svgWidth, num(l.height), svgWidth, num(l.height), colText)
	b.printf("<title>%s</title>\n", esc(t.caption()))
	b.printf(`<rect width="%d" height="%s" fill="%s"/>`+"\n", svgWidth, num(l.height), colBackground)
	y := 0.0
	if opts.header {
		b.printf(`<text x="%d" y="20" font-size="15" font-weight="bold">%s</text>`+"\n", labelX, esc(t.title()))
		b.printf(`<text x="%d" y="38" fill="%s">%s</text>`+"\n", labelX, colMuted, esc(t.subtitle()))
		y += headerH
	}
	if opts.legend {
		writeLegend(&b, y+4, len(t.Oddities) > 0) // newLayout left room for it
	}
	l.writeAxis(&b)
	for i, p := range t.Participants {
		l.writeRow(&b, i, p)
	}
	l.writeErrorMarks(&b)
	l.writeOddities(&b)
	l.writeFooter(&b)
	b.printf("</svg>\n")
	_, err := w.Write(b.Bytes())
	if err != nil {
		return fmt.Errorf("timeline: writing the SVG: %w", err)
	}
	return nil
}

// title is the picture's heading.
func (t Timeline) title() string {
	if t.SessionID == "" {
		return "IVS stage session"
	}
	return "IVS stage session " + t.SessionID
}

// subtitle gives the stage, the times and the counts.
func (t Timeline) subtitle() string {
	var parts []string
	if t.StageARN != "" {
		parts = append(parts, t.StageARN)
	}
	if !t.Start.IsZero() {
		parts = append(parts, timeRange(t.Start, t.End))
	}
	n := 0
	for _, p := range t.Participants {
		n += len(p.Errors)
	}
	parts = append(parts, plural(len(t.Participants), "participant"), plural(n, "error"))
	return strings.Join(parts, " · ")
}

// caption is the picture's accessible title.
func (t Timeline) caption() string {
	return "Timeline of the " + t.title() + ": " + t.subtitle()
}

func timeRange(start, end time.Time) string {
	start, end = start.UTC(), end.UTC()
	to := end.Format("15:04:05")
	if start.Format(time.DateOnly) != end.Format(time.DateOnly) {
		to = end.Format(time.DateTime)
	}
	return fmt.Sprintf("%s – %s UTC (%s)", start.Format(time.DateTime), to, end.Sub(start))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// legendEntry is one item of the legend.
type legendEntry struct {
	label string
	draw  func(b *svgBuf, x, y float64) // a swatch 24 wide, centred on y
}

func legendEntries(oddities bool) []legendEntry {
	entries := []legendEntry{
		{"present", func(b *svgBuf, x, y float64) { b.rect(x, y-presH/2, 24, presH, colPresent) }},
		{"publishing", func(b *svgBuf, x, y float64) { b.rect(x, y-pubH/2, 24, pubH, colPublishing) }},
		{"subscribed", func(b *svgBuf, x, y float64) { b.line(x, y, x+24, y, colSubscribed, 1.5, "") }},
		{"replicated", func(b *svgBuf, x, y float64) { b.line(x, y, x+24, y, colReplicated, 2, "4 2") }},
		{"error (numbered)", func(b *svgBuf, x, y float64) { b.diamond(x+12, y, colError) }},
		{"token exchanged", func(b *svgBuf, x, y float64) { b.circle(x+12, y, colToken) }},
	}
	if oddities {
		entries = append(entries, legendEntry{"contradictory event", func(b *svgBuf, x, y float64) { b.square(x+12, y, colOddity) }})
	}
	return entries
}

// writeLegend draws the legend in a strip whose top is y.
func writeLegend(b *svgBuf, y float64, oddities bool) {
	x := float64(labelX)
	mid := y + 9
	for _, e := range legendEntries(oddities) {
		b.printf("<g>")
		e.draw(b, x, mid)
		b.printf(`<text x="%s" y="%s">%s</text></g>`+"\n", num(x+30), num(mid+4), esc(e.label))
		x += 30 + textWidth(e.label, 12) + 22
	}
}

// legendSVG is the legend as a picture of its own.
func legendSVG(oddities bool) string {
	var b svgBuf
	b.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12" fill="%s" role="img" aria-label="legend">`+"\n",
		svgWidth, legendH, svgWidth, legendH, colText)
	writeLegend(&b, 4, oddities)
	b.printf("</svg>")
	return b.String()
}

// tickSteps are the steps the time axis may use.
var tickSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

// tickStep returns the smallest step that leaves at least minTickGap pixels
// between ticks.
func tickStep(span time.Duration) time.Duration {
	most := float64(plotRight-plotLeft) / minTickGap
	for _, s := range tickSteps {
		if float64(span)/float64(s) <= most {
			return s
		}
	}
	s := 24 * time.Hour
	for float64(span)/float64(s) > most {
		s *= 2
	}
	return s
}

// ticks returns the times of the axis' ticks: the multiples of the step
// (counted from the Unix epoch, so on whole minutes, hours, UTC days)
// within the axis.
func (l *layout) ticks() (step time.Duration, ticks []time.Time) {
	step = tickStep(l.span)
	end := l.start.Add(l.span)
	first := l.start.Truncate(step) // Truncate counts from the zero time, a UTC midnight
	if first.Before(l.start) {
		first = first.Add(step)
	}
	for t := first; !t.After(end); t = t.Add(step) {
		ticks = append(ticks, t)
	}
	return step, ticks
}

func (l *layout) writeAxis(b *svgBuf) {
	step, ticks := l.ticks()
	layout := "15:04:05"
	switch {
	case step >= 24*time.Hour:
		layout = "Jan 2"
	case l.start.UTC().Format(time.DateOnly) != l.start.Add(l.span).UTC().Format(time.DateOnly):
		layout = "Jan 2 15:04"
	case step >= time.Minute:
		layout = "15:04"
	}
	b.printf(`<text x="%d" y="%s" fill="%s">UTC</text>`+"\n", labelX, num(l.axisY), colMuted)
	b.printf(`<g fill="%s" text-anchor="middle">`+"\n", colMuted)
	for _, t := range ticks {
		b.printf(`<text x="%s" y="%s">%s</text>`+"\n", num(l.x(t)), num(l.axisY), t.UTC().Format(layout))
	}
	b.printf("</g>\n")
	// The grid lines go over the rows' stripes and under their bars: each
	// row draws its own.
}

func (l *layout) writeGrid(b *svgBuf, top float64) {
	_, ticks := l.ticks()
	for _, t := range ticks {
		x := l.x(t)
		b.line(x, top, x, top+rowHeight, colGrid, 1, "")
	}
}

// label shortens a participant ID that would run into the plot.
func label(p Participant) string {
	s := p.ID
	if p.Replica {
		s += " (replica)"
	}
	const most = 24
	if utf8.RuneCountInString(s) > most {
		r := []rune(s)
		s = string(r[:most-1]) + "…"
	}
	return s
}

func (l *layout) writeRow(b *svgBuf, i int, p Participant) {
	y := l.rowY(i)
	stripe := colStripe0
	if i%2 == 1 {
		stripe = colStripe1
	}
	b.printf(`<g><title>%s</title>`, esc(p.ID))
	b.rect(0, y, svgWidth, rowHeight, stripe)
	b.printf(`<text x="%d" y="%s">%s</text></g>`+"\n", labelX, num(y+markY+4), esc(label(p)))
	l.writeGrid(b, y)

	for _, iv := range p.Present {
		b.printf("<g>")
		b.rect(l.x(iv.Start), y+presTop, l.x(iv.End)-l.x(iv.Start), presH, colPresent)
		b.printf("<title>%s</title></g>\n", esc(describe("present", iv)))
	}
	for _, iv := range p.Publishing {
		b.printf("<g>")
		b.rect(l.x(iv.Start), y+pubTop, l.x(iv.End)-l.x(iv.Start), pubH, colPublishing)
		b.printf("<title>%s</title></g>\n", esc(describe("publishing", iv)))
	}
	for _, r := range p.Replications {
		b.printf("<g>")
		b.line(l.x(r.Start), y+replY, l.x(r.End), y+replY, colReplicated, 2, "4 2")
		b.printf("<title>%s</title></g>\n", esc(describe("replicated to "+r.DestinationSessionID+" of "+r.DestinationStageARN, r.Interval)))
	}
	for k, remote := range sortedKeys(p.Subscriptions) {
		sy := y + subY + float64(k%subLanes)*subLaneStep
		for _, iv := range p.Subscriptions[remote] {
			b.printf("<g>")
			b.line(l.x(iv.Start), sy, l.x(iv.End), sy, colSubscribed, 1.5, "")
			b.printf("<title>%s</title></g>\n", esc(describe("subscribed to "+quoteID(remote), iv)))
		}
	}
	for _, e := range p.TokenExchanges {
		b.printf("<g>")
		b.circle(l.x(e.Time), y+markY, colToken)
		b.printf("<title>%s</title></g>\n", esc(describeToken(e)))
	}
}

// describe is the hover text of an interval.
func describe(what string, iv Interval) string {
	s := fmt.Sprintf("%s %s – %s (%s)", what, clock(iv.Start), clock(iv.End), iv.Duration())
	if iv.Open {
		s += ", no closing event"
	}
	return s
}

func describeToken(e ivsrealtime.Event) string {
	caps := func(t *ivsrealtime.ExchangedToken) string {
		if t == nil {
			return "?"
		}
		var s []string
		for _, c := range t.Capabilities {
			s = append(s, string(c))
		}
		if len(s) == 0 {
			return "none"
		}
		return strings.Join(s, "+")
	}
	return fmt.Sprintf("TOKEN_EXCHANGED at %s: capabilities %s → %s", clock(e.Time), caps(e.PreviousToken), caps(e.NewToken))
}

// describeError is the hover text of an error mark.
func describeError(e numbered) string {
	s := fmt.Sprintf("#%d %s %s at %s", e.n, e.Name, e.ErrorCode, clock(e.Time))
	if e.RemoteParticipantID != "" {
		s += " (remote participant " + e.RemoteParticipantID + ")"
	}
	if d := e.ErrorCode.Description(); d != "" {
		s += ": " + d
	}
	return s
}

// writeErrorMarks draws the error marks over every row, and their numbers
// above them in two lanes, leaving out a number where it would overlap
// another (the mark's hover text and the list still give it).
func (l *layout) writeErrorMarks(b *svgBuf) {
	lanes := map[int][2]float64{} // row -> right end of each lane's last number
	for _, e := range l.errors {
		x, y := l.x(e.Time), l.rowY(e.row)
		b.printf("<g>")
		b.diamond(x, y+markY, colError)
		b.printf("<title>%s</title></g>\n", esc(describeError(e)))
		s := strconv.Itoa(e.n)
		w := textWidth(s, 9)
		ends, ok := lanes[e.row]
		if !ok {
			ends = [2]float64{math.Inf(-1), math.Inf(-1)}
		}
		for lane, base := range [2]float64{laneBase0, laneBase1} {
			if x-w/2 >= ends[lane]+2 {
				b.printf(`<text x="%s" y="%s" font-size="9" text-anchor="middle" fill="%s">%s</text>`+"\n", num(x), num(y+base), colError, s)
				ends[lane] = x + w/2
				break
			}
		}
		lanes[e.row] = ends
	}
}

func (l *layout) writeOddities(b *svgBuf) {
	rows := map[string]int{}
	for i, p := range l.t.Participants {
		rows[p.ID] = i
	}
	for _, o := range l.t.Oddities {
		i, ok := rows[o.Event.ParticipantID]
		if !ok || o.Event.Time.IsZero() {
			continue // no row or no time: listed in the footnote's count
		}
		b.printf("<g>")
		b.square(l.x(o.Event.Time), l.rowY(i)+markY, colOddity)
		b.printf("<title>%s</title></g>\n", esc(o.String()))
	}
}

func (l *layout) writeFooter(b *svgBuf) {
	y := l.rowY(len(l.t.Participants))
	if len(l.t.Participants) == 0 {
		y += listLineH
		b.printf(`<text x="%d" y="%s" fill="%s">No events.</text>`+"\n", labelX, num(y), colMuted)
	}
	if n := len(l.t.Oddities); n > 0 {
		y += listLineH
		b.printf(`<text x="%d" y="%s" fill="%s">%s contradict the others or cannot be placed (grey marks; Timeline.Oddities lists them).</text>`+"\n",
			labelX, num(y), colMuted, plural(n, "event"))
	}
	if !l.opts.errorList || len(l.errors) == 0 {
		return
	}
	y += 8 + listLineH
	b.printf(`<text x="%d" y="%s" font-weight="bold">Errors</text>`+"\n", labelX, num(y))
	for _, e := range l.errors[:min(len(l.errors), maxListed)] {
		y += listLineH
		b.printf(`<text y="%s" font-size="11"><tspan x="%d" text-anchor="end" fill="%s">%d</tspan><tspan x="%d">%s</tspan><tspan x="%d">%s</tspan><tspan x="%d">%s</tspan><tspan x="%d" font-weight="bold">%s</tspan><tspan x="%d" fill="%s" font-size="10">%s</tspan></text>`+"\n",
			num(y), labelX+18, colError, e.n, labelX+26, clock(e.Time), labelX+82, esc(l.t.Participants[e.row].ID),
			labelX+176, esc(string(e.Name)), labelX+296, esc(string(e.ErrorCode)), labelX+480, colMuted, esc(e.ErrorCode.Description()))
	}
	if n := len(l.errors) - maxListed; n > 0 {
		y += listLineH
		b.printf(`<text x="%d" y="%s" fill="%s">… and %d more (hover over the marks, or see WriteHTML's table).</text>`+"\n", labelX+26, num(y), colMuted, n)
	}
}

// svgBuf accumulates the picture.
type svgBuf struct{ bytes.Buffer }

func (b *svgBuf) printf(format string, args ...any) { fmt.Fprintf(&b.Buffer, format, args...) }

func (b *svgBuf) rect(x, y, w, h float64, fill string) {
	b.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, num(x), num(y), num(max(w, 1)), num(h), fill)
}

func (b *svgBuf) line(x1, y1, x2, y2 float64, stroke string, width float64, dash string) {
	if x2-x1 < 1 && y1 == y2 {
		x2 = x1 + 1 // an instant still shows
	}
	d := ""
	if dash != "" {
		d = ` stroke-dasharray="` + dash + `"`
	}
	b.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`, num(x1), num(y1), num(x2), num(y2), stroke, num(width), d)
}

func (b *svgBuf) diamond(x, y float64, fill string) {
	b.printf(`<path d="M%s %sl5 6l-5 6l-5 -6z" fill="%s" stroke="#ffffff" stroke-width="1"/>`, num(x), num(y-6), fill)
}

func (b *svgBuf) circle(x, y float64, stroke string) {
	b.printf(`<circle cx="%s" cy="%s" r="3.5" fill="#ffffff" stroke="%s" stroke-width="2"/>`, num(x), num(y), stroke)
}

func (b *svgBuf) square(x, y float64, fill string) {
	b.printf(`<rect x="%s" y="%s" width="7" height="7" fill="%s" stroke="#ffffff" stroke-width="1"/>`, num(x-3.5), num(y-3.5), fill)
}

// num formats a coordinate with at most two decimals.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// esc escapes s for XML text and attribute values; invalid UTF-8 and
// characters XML cannot hold become U+FFFD.
func esc(s string) string {
	var sb strings.Builder
	_ = xml.EscapeText(&sb, []byte(s)) // a strings.Builder never fails
	return sb.String()
}

// textWidth estimates the width of s in a sans-serif font of size px.
func textWidth(s string, px float64) float64 {
	return float64(utf8.RuneCountInString(s)) * px * 0.58
}
