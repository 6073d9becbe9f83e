package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "participant-events:", printable(err.Error()))
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("participant-events", flag.ContinueOnError)
	local := fs.Bool("local", false, "use the embedded emulator and its demo data")
	var in ivsrealtime.ParticipantEventsInput
	fs.StringVar(&in.StageARN, "stage-arn", ivsrealtimetest.DemoStageARN, "the stage's ARN")
	fs.StringVar(&in.SessionID, "session-id", ivsrealtimetest.DemoSessionID, "the stage session's ID")
	fs.StringVar(&in.ParticipantID, "participant-id", ivsrealtimetest.DemoParticipantID, "the participant's ID")
	if err := fs.Parse(args); err != nil {
		return err
	}

	var client *ivsrealtime.Client
	if *local {
		srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
		defer srv.Close()
		client = ivsrealtime.New(srv.Client())
	} else {
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return err
		}
		client = ivsrealtime.NewFromConfig(cfg)
	}

	return printEvents(out, client.ParticipantEvents(ctx, in))
}

// printEvents prints one line per event: its time, name and participant.
func printEvents(out io.Writer, events iter.Seq2[ivsrealtime.Event, error]) error {
	for ev, err := range events {
		if err != nil {
			return err // an *ivsrealtime.InvalidInputError, or a service error with its message
		}
		fmt.Fprintf(out, "%s  %-16s %s\n", ev.Time.Format(time.RFC3339), printable(string(ev.Name)), printable(ev.ParticipantID))
	}
	return nil
}

// printable returns s with every character that is not graphic escaped as
// in a Go string (controls, newlines, the bidirectional overrides such as
// U+202E, invalid UTF-8), so that text from the service cannot act on the
// terminal: set its title, clear it, fake a line, reverse the text.
func printable(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsGraphic(r) }) {
		return s
	}
	q := strconv.QuoteToGraphic(s)
	return q[1 : len(q)-1]
}
