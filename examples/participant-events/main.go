package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "participant-events:", err)
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

	for ev, err := range client.ParticipantEvents(ctx, in) {
		if err != nil {
			return err // an *ivsrealtime.InvalidInputError, or a service error with its message
		}
		fmt.Fprintf(out, "%s  %-16s %s\n", ev.Time.Format(time.RFC3339), ev.Name, ev.ParticipantID)
	}
	return nil
}
