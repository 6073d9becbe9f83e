package timeline

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

var update = flag.Bool("update", false, "rewrite docs/demo-session.svg from the demo session")

// demoSVGPath is the picture the README shows.
var demoSVGPath = filepath.Join("..", "..", "docs", "demo-session.svg")

// wellFormed fails the test unless doc is well-formed XML, and returns the
// names of its elements in order.
func wellFormed(t *testing.T, doc []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var names []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "not well-formed XML")
		if se, ok := tok.(xml.StartElement); ok {
			names = append(names, se.Name.Local)
		}
	}
	require.NotEmpty(t, names)
	return names
}

func svgOf(t *testing.T, tl Timeline) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, tl.WriteSVG(&b))
	return b.Bytes()
}

func TestDemoSVGIsUpToDate(t *testing.T) {
	got := svgOf(t, demoTimeline(t))
	if *update || os.Getenv("UPDATE_DOCS") == "1" {
		require.NoError(t, os.WriteFile(demoSVGPath, got, 0o644))
	}
	want, err := os.ReadFile(demoSVGPath)
	require.NoError(t, err, "regenerate it with: go test ./ivsrealtime/timeline -run TestDemoSVGIsUpToDate -update")
	require.True(t, bytes.Equal(want, got),
		"docs/demo-session.svg is out of date; regenerate it with: go test ./ivsrealtime/timeline -run TestDemoSVGIsUpToDate -update")
}

func TestWriteSVGDemo(t *testing.T) {
	tl := demoTimeline(t)
	svg := svgOf(t, tl)
	names := wellFormed(t, svg)
	assert.Equal(t, "svg", names[0])
	for _, n := range names {
		// Self-contained: nothing that runs or fetches.
		assert.NotContains(t, []string{"script", "image", "use", "foreignObject", "style", "a"}, n)
	}
	s := string(svg)
	assert.NotContains(t, s, "href")
	assert.NotContains(t, s, "url(")
	assert.NotContains(t, s, "@import")
	assert.NotContains(t, strings.ToLower(s), " on") // no event handlers (onload=...)

	// Deterministic: the same bytes every time, and for the events in another order.
	assert.Equal(t, svg, svgOf(t, tl))
	events := demoEvents(t)
	for i, j := 0, len(events)-1; i < j; i, j = i+1, j-1 {
		events[i], events[j] = events[j], events[i]
	}
	rev := Build(events)
	rev.StageARN, rev.SessionID = tl.StageARN, tl.SessionID
	assert.Equal(t, string(svg), string(svgOf(t, rev)))

	// One labelled row per participant, in the timeline's order.
	last := -1
	for _, p := range tl.Participants {
		i := strings.Index(s, ">"+p.ID+"</text>")
		require.Greater(t, i, last, "row of %s missing or out of order", p.ID)
		last = i
	}
	// Every error has a mark whose hover text gives its code's documented meaning.
	n := 0
	for _, p := range tl.Participants {
		for _, e := range p.Errors {
			n++
			assert.Contains(t, s, string(e.ErrorCode)+" at "+clock(e.Time))
			assert.Contains(t, s, xmlEscape(e.ErrorCode.Description()))
		}
	}
	assert.Equal(t, n+1, strings.Count(s, `fill="`+colError+`" stroke="#ffffff"`), "one error mark per error, and the legend's")
	// Every documented error code occurs in the demo session.
	for _, c := range ivsrealtime.ErrorCode("").Values() {
		assert.Contains(t, s, string(c))
	}
	// The legend and the UTC axis with whole-minute ticks (the session lasts ~6 minutes).
	for _, want := range []string{">present<", ">publishing<", ">subscribed<", ">replicated<", ">UTC<", ">20:31<", ">20:36<"} {
		assert.Contains(t, s, want)
	}
}

func xmlEscape(s string) string {
	var b strings.Builder
	require.NoError(nil, xml.EscapeText(&b, []byte(s)))
	return b.String()
}

func TestTickStep(t *testing.T) {
	for _, tt := range []struct {
		span time.Duration
		want time.Duration
	}{
		{0, time.Second},
		{5 * time.Second, time.Second},
		{30 * time.Second, 5 * time.Second},
		{6 * time.Minute, time.Minute},
		{time.Hour, 10 * time.Minute},
		{24 * time.Hour, 3 * time.Hour},
		{40 * 24 * time.Hour, 192 * time.Hour},
	} {
		got := tickStep(tt.span)
		assert.Equal(t, tt.want, got, "span %s", tt.span)
		assert.LessOrEqual(t, float64(tt.span)/float64(got), float64(plotRight-plotLeft)/minTickGap, "too many ticks for %s", tt.span)
	}
}

func TestWriteSVGEscapesAndOddities(t *testing.T) {
	at := time.Date(2024, 1, 1, 23, 59, 50, 0, time.UTC)
	evil := `<b>&"'` + "\x00\xff"
	tl := Build([]ivsrealtime.Event{
		{Name: ivsrealtime.EventNameJoined, ParticipantID: evil, Time: at},
		{Name: ivsrealtime.EventNamePublishError, ParticipantID: evil, Time: at.Add(time.Second), ErrorCode: "NEW_CODE<"},
		{Name: "RAISED_HAND", ParticipantID: evil, Time: at.Add(2 * time.Second)},
		{Name: ivsrealtime.EventNameLeft, ParticipantID: evil, Time: at.Add(20 * time.Second)}, // crosses midnight
	})
	tl.StageARN, tl.SessionID = "arn</title>", "st-<x>"
	svg := svgOf(t, tl)
	wellFormed(t, svg)
	assert.NotContains(t, string(svg), "<b>")
	assert.Contains(t, string(svg), "1 event contradict")
	assert.Contains(t, string(svg), ">Jan 2 00:00<", "ticks name the day when the session crosses midnight")

	var h bytes.Buffer
	require.NoError(t, tl.WriteHTML(&h))
	assert.NotContains(t, h.String(), "<b>")
	assert.NotContains(t, h.String(), "arn</title>")
	assert.Contains(t, h.String(), "Contradictory events")
	assert.Contains(t, h.String(), "unknown event name")
}

func TestWriteSVGEmpty(t *testing.T) {
	svg := svgOf(t, Build(nil))
	wellFormed(t, svg)
	assert.Contains(t, string(svg), "No events.")
	var h bytes.Buffer
	require.NoError(t, Timeline{}.WriteHTML(&h))
	assert.Contains(t, h.String(), "None.")
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriteErrors(t *testing.T) {
	tl := demoTimeline(t)
	err := tl.WriteSVG(failWriter{})
	require.ErrorIs(t, err, os.ErrClosed)
	assert.True(t, strings.HasPrefix(err.Error(), "timeline: "), err.Error())
	err = tl.WriteHTML(failWriter{})
	require.ErrorIs(t, err, os.ErrClosed)
	assert.True(t, strings.HasPrefix(err.Error(), "timeline: "), err.Error())
}

func TestWriteHTMLDemo(t *testing.T) {
	tl := demoTimeline(t)
	var a, b bytes.Buffer
	require.NoError(t, tl.WriteHTML(&a))
	require.NoError(t, tl.WriteHTML(&b))
	assert.Equal(t, a.String(), b.String(), "deterministic")
	h := a.String()
	assert.True(t, strings.HasPrefix(h, "<!DOCTYPE html>"))
	for _, want := range []string{ivsrealtimetest.DemoSessionID, ivsrealtimetest.DemoStageARN, "2023-04-26 20:30:34", "UTC", "<svg", ">present<"} {
		assert.Contains(t, h, want)
	}
	assert.NotContains(t, h, "<script")
	// The error table: one row per error, with its meaning.
	n := 0
	for _, p := range tl.Participants {
		n += len(p.Errors)
		for _, e := range p.Errors {
			assert.Contains(t, h, `<td class="err">`+string(e.ErrorCode)+`</td>`)
		}
	}
	assert.Equal(t, n, strings.Count(h, `<tr><td class="n err">`))
	// The embedded pictures are well-formed XML too.
	for _, part := range strings.Split(h, "<svg")[1:] {
		end := strings.Index(part, "</svg>")
		require.GreaterOrEqual(t, end, 0)
		wellFormed(t, []byte("<svg"+part[:end]+"</svg>"))
	}
}
