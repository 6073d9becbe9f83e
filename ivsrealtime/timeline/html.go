package timeline

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
)

var page = template.Must(template.New("page").Funcs(template.FuncMap{"join": strings.Join}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: sans-serif; color: #1b1f24; margin: 16px; }
h1 { font-size: 20px; margin: 0 0 4px 0; }
h2 { font-size: 16px; margin: 20px 0 6px 0; }
p.sub { color: #57606a; margin: 0 0 8px 0; }
svg { display: block; }
table { border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid #d3d9e0; vertical-align: top; }
td.n { text-align: right; }
td.err { color: #d62728; font-weight: bold; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
{{.Legend}}
{{.Chart}}
<h2>Errors</h2>
{{- if .Errors}}
<table>
<tr><th>#</th><th>time (UTC)</th><th>participant</th><th>event</th><th>code</th><th>remote participant</th><th>meaning</th></tr>
{{- range .Errors}}
<tr><td class="n err">{{.N}}</td><td>{{.Time}}</td><td>{{.Participant}}</td><td>{{.Name}}</td><td class="err">{{.Code}}</td><td>{{.Remote}}</td><td>{{.Meaning}}</td></tr>
{{- end}}
</table>
{{- else}}
<p>None.</p>
{{- end}}
{{- if .Oddities}}
<h2>Contradictory events</h2>
<table>
<tr><th>time (UTC)</th><th>participant</th><th>event</th><th>what is odd</th></tr>
{{- range .Oddities}}
<tr><td>{{.Time}}</td><td>{{.Participant}}</td><td>{{.Name}}</td><td>{{.Detail}}</td></tr>
{{- end}}
</table>
{{- end}}
<h2>Participants</h2>
<table>
<tr><th>participant</th><th>joins</th><th>present</th><th>publishing</th><th>subscriptions</th><th>errors</th></tr>
{{- range .Summary}}
<tr><td>{{.ID}}{{if .Replica}} (replica){{end}}</td><td class="n">{{.Joins}}</td><td class="n">{{.Present}}</td><td class="n">{{.Publishing}}</td><td>{{.Subscriptions}}{{with .SubscribedTo}} (to {{join . ", "}}){{end}}</td><td>{{range $i, $c := .Codes}}{{if $i}}, {{end}}{{$c}}{{end}}</td></tr>
{{- end}}
</table>
</body>
</html>
`))

type htmlError struct {
	N                                              int
	Time, Participant, Name, Code, Remote, Meaning string
}

// htmlSummary is a participant's row of the summary table.
type htmlSummary struct {
	ID                  string
	Replica             bool
	Joins               int           // presence intervals
	Present, Publishing time.Duration // in all
	Subscriptions       int           // subscription intervals, to any remote participant
	SubscribedTo        []string      // the remote participants, sorted
	Codes               []string      // "CODE ×n", by code
}

type htmlOddity struct {
	Time, Participant, Name, Detail string
}

// WriteHTML writes the timeline as a self-contained HTML page: a title with
// the stage, the session and the times, the legend, the picture WriteSVG
// draws, a table of the errors (numbered as in the picture, with the
// meaning of each code), the contradictory events, and the summary of each
// participant. Every text is escaped. The same timeline always gives the
// same bytes.
func (t Timeline) WriteHTML(w io.Writer) error {
	var chart bytes.Buffer
	if err := t.writeSVG(&chart, drawOpts{}); err != nil {
		return err
	}
	l := newLayout(t, drawOpts{})
	data := struct {
		Title, Subtitle string
		Legend, Chart   template.HTML
		Errors          []htmlError
		Oddities        []htmlOddity
		Summary         []htmlSummary
	}{
		Title:    t.title(),
		Subtitle: t.subtitle(),
		// Both pictures are ours, their texts escaped as XML.
		Legend: template.HTML(legendSVG(len(t.Oddities) > 0)),
		Chart:  template.HTML(chart.String()),
	}
	for _, p := range t.Participants {
		data.Summary = append(data.Summary, summaryRow(p))
	}
	for _, e := range l.errors {
		data.Errors = append(data.Errors, htmlError{
			N: e.n, Time: clock(e.Time), Participant: t.Participants[e.row].ID, Name: string(e.Name),
			Code: string(e.ErrorCode), Remote: e.RemoteParticipantID, Meaning: e.ErrorCode.Description(),
		})
	}
	for _, o := range t.Oddities {
		tm := ""
		if !o.Event.Time.IsZero() {
			tm = o.Event.Time.UTC().Format(time.DateTime + ".999999999")
		}
		data.Oddities = append(data.Oddities, htmlOddity{tm, o.Event.ParticipantID, string(o.Event.Name), o.Detail})
	}
	var b bytes.Buffer
	if err := page.Execute(&b, data); err != nil {
		return fmt.Errorf("timeline: writing the HTML page: %w", err)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("timeline: writing the HTML page: %w", err)
	}
	return nil
}

// summaryRow is p's row of the summary table.
func summaryRow(p Participant) htmlSummary {
	row := htmlSummary{ID: p.ID, Replica: p.Replica, Joins: len(p.Present)}
	for _, iv := range p.Present {
		row.Present += iv.Duration()
	}
	for _, iv := range p.Publishing {
		row.Publishing += iv.Duration()
	}
	for _, remote := range sortedKeys(p.Subscriptions) {
		row.SubscribedTo = append(row.SubscribedTo, remote)
		row.Subscriptions += len(p.Subscriptions[remote])
	}
	errors := map[ivsrealtime.ErrorCode]int{}
	for _, e := range p.Errors {
		errors[e.ErrorCode]++
	}
	for _, code := range sortedKeys(errors) {
		row.Codes = append(row.Codes, fmt.Sprintf("%s ×%d", code, errors[code]))
	}
	return row
}
