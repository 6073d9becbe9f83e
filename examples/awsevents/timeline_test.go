package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/ivsrealtime/timeline"
	"github.com/awsevents/awsevents/paginate"
)

func timelineArgs(extra ...string) []string {
	return append([]string{"ivs-realtime", "session-timeline", "--local", "--stage-arn", stage, "--session-id", session}, extra...)
}

// The SVG the command draws for the demo session is the README's picture.
func TestSessionTimelineSVG(t *testing.T) {
	out, stderr, code := cli(t, timelineArgs("--output", "svg")...)
	require.Equal(t, exitOK, code, stderr)
	want, err := os.ReadFile(filepath.Join("..", "..", "docs", "demo-session.svg"))
	require.NoError(t, err)
	assert.Equal(t, string(want), out, "the README's picture, byte for byte")
	require.NoError(t, xml.Unmarshal([]byte(out), new(struct{})))
}

func TestSessionTimelineHTML(t *testing.T) {
	out, stderr, code := cli(t, timelineArgs("--output", "html", "--page-size", "3")...)
	require.Equal(t, exitOK, code, stderr)
	assert.True(t, strings.HasPrefix(out, "<!DOCTYPE html>"))
	for _, want := range []string{session, stage, "<svg", "QUOTA_EXCEEDED", ivsrealtimetest.DemoLateID} {
		assert.Contains(t, out, want)
	}
}

func TestSessionTimelineJSON(t *testing.T) {
	out, stderr, code := cli(t, timelineArgs()...) // json is the default
	require.Equal(t, exitOK, code, stderr)
	var s struct {
		SessionID    string `json:"sessionId"`
		Participants []struct {
			ID             string         `json:"participantId"`
			PresentSeconds float64        `json:"presentSeconds"`
			Errors         map[string]int `json:"errors"`
		} `json:"participants"`
		Errors   map[string]int `json:"errors"`
		Oddities int            `json:"oddities"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &s))
	assert.Equal(t, session, s.SessionID)
	require.Len(t, s.Participants, 5)
	assert.Equal(t, participant, s.Participants[0].ID)
	assert.Equal(t, 354.0, s.Participants[0].PresentSeconds, "20:30:34 to 20:36:28")
	assert.Equal(t, 1, s.Participants[4].Errors["QUOTA_EXCEEDED"])
	assert.Len(t, s.Errors, 14, "every error code occurs in the demo session")
	assert.Zero(t, s.Oddities)
}

func TestSessionTimelineTable(t *testing.T) {
	out, stderr, code := cli(t, timelineArgs("--output", "table")...)
	require.Equal(t, exitOK, code, stderr)
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	require.Len(t, lines, 4+5, out)
	assert.Equal(t, "2023-04-26 20:30:34 to 2023-04-26 20:36:29 UTC (5m55s)", lines[1])
	assert.Regexp(t, `^PARTICIPANT +JOINS +PRESENT +PUBLISHING +SUBSCRIPTIONS +ERRORS$`, lines[3])
	assert.Regexp(t, `^`+participant+` +1 +5m54s +5m54s +0 *$`, lines[4])
	assert.Regexp(t, `^`+ivsrealtimetest.DemoViewerID+` +1 +5m39s +0s +2 \(to `, lines[6])
}

func TestSessionTimelineRefusesWhatDoesNotApply(t *testing.T) {
	for _, args := range [][]string{
		{"--output", "text"},
		{"--output", "yaml"},
		{"--max-items", "3"},
		{"--starting-token", "x"},
		{"--no-paginate"},
		{"--query", "participants"},
	} {
		_, stderr, code := cli(t, timelineArgs(args...)...)
		assert.Equal(t, exitUsage, code, "%v: %s", args, stderr)
		assert.Contains(t, stderr, strings.TrimPrefix(args[0], "--"), args)
	}
	_, stderr, code := cli(t, "ivs-realtime", "session-timeline", "--local", "--stage-arn", stage)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "--session-id")
}

func TestSessionTimelineUnknownSession(t *testing.T) {
	_, stderr, code := cli(t, "ivs-realtime", "session-timeline", "--local", "--stage-arn", stage, "--session-id", "st-0000000000000", "--output", "table")
	assert.NotEqual(t, exitOK, code)
	assert.NotEmpty(t, stderr)
}

// session-timeline prints, byte for byte, what it printed when its summary
// was ivsrealtime/timeline's Timeline.Summary (testdata/session-timeline.*
// were captured then), now that the summary is the tool's own.
func TestSessionTimelineOutputUnchanged(t *testing.T) {
	for output, file := range map[string]string{"json": "session-timeline.json", "table": "session-timeline.txt"} {
		want, err := os.ReadFile(filepath.Join("testdata", file))
		require.NoError(t, err)
		out, stderr, code := cli(t, timelineArgs("--output", output)...)
		require.Equal(t, exitOK, code, stderr)
		assert.Equal(t, string(want), out, output)
	}
}

// The summary's numbers, for the demo session.
func TestSummarizeDemo(t *testing.T) {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()
	in := ivsrealtime.SessionEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
	events, err := paginate.Collect(ivsrealtime.New(srv.Client()).SessionEvents(context.Background(), in))
	require.NoError(t, err)
	tl := timeline.Build(events)
	tl.StageARN, tl.SessionID = in.StageARN, in.SessionID
	s := summarize(tl)
	require.NotEmpty(t, s.Participants)
	host := s.Participants[0]
	assert.Equal(t, ivsrealtimetest.DemoParticipantID, host.ID, "the seed participant joined first")
	assert.Equal(t, 5*time.Minute+54*time.Second, host.Present)
	assert.Equal(t, 5*time.Minute+54*time.Second, host.Publishing)
	assert.Equal(t, 1, host.Joins)
	assert.False(t, host.StillPresent)

	total, perParticipant := 0, 0
	for _, c := range s.Errors {
		total += c
	}
	for _, p := range s.Participants {
		for _, c := range p.Errors {
			perParticipant += c
		}
	}
	assert.Equal(t, total, perParticipant)
	assert.Len(t, s.Errors, len(ivsrealtime.ErrorCode("").Values()), "every code occurs in the demo")

	raw, err := json.Marshal(s)
	require.NoError(t, err)
	var back struct {
		SessionID    string `json:"sessionId"`
		Participants []struct {
			ID                string  `json:"participantId"`
			PresentSeconds    float64 `json:"presentSeconds"`
			PublishingSeconds float64 `json:"publishingSeconds"`
		} `json:"participants"`
	}
	require.NoError(t, json.Unmarshal(raw, &back))
	assert.Equal(t, ivsrealtimetest.DemoSessionID, back.SessionID)
	assert.Equal(t, 354.0, back.Participants[0].PresentSeconds)
	assert.Equal(t, 354.0, back.Participants[0].PublishingSeconds)
}

// --generate-cli-skeleton output prints the summary's sample, whatever the
// picture --output asks for.
func TestSessionTimelineSkeleton(t *testing.T) {
	for _, output := range []string{"json", "html", "svg", "table"} {
		stdout, stderr, code := cli(t, timelineArgs("--generate-cli-skeleton", "output", "--output", output)...)
		require.Equal(t, exitOK, code, stderr)
		if output == "table" {
			assert.Contains(t, stdout, "SessionTimeline")
			continue
		}
		var s map[string]any
		require.NoError(t, json.Unmarshal([]byte(stdout), &s), output)
		assert.Contains(t, s, "participants")
	}
}
