package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/paginate"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "event-logs:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("event-logs", flag.ContinueOnError)
	local := fs.Bool("local", false, "use the embedded emulator and its demo data")
	space := fs.String("space-name", codecatalysttest.DemoSpace, "the space")
	start := fs.String("start-time", codecatalysttest.DemoStart().Format(time.RFC3339), "start of the window (RFC 3339)")
	end := fs.String("end-time", codecatalysttest.DemoEnd().Format(time.RFC3339), "end of the window (RFC 3339)")
	var opts paginate.Options
	fs.IntVar(&opts.MaxItems, "max-items", 0, "print at most this many entries, then a cursor to resume from")
	fs.StringVar(&opts.StartingToken, "starting-token", "", "resume from this cursor")
	if err := fs.Parse(args); err != nil {
		return err
	}
	in := codecatalyst.EventLogsInput{SpaceName: *space}
	var err error
	if in.StartTime, err = time.Parse(time.RFC3339, *start); err != nil {
		return err
	}
	if in.EndTime, err = time.Parse(time.RFC3339, *end); err != nil {
		return err
	}

	var client *codecatalyst.Client
	if *local {
		// The demo key signs page tokens as every --local run does, so a
		// cursor printed by one run resumes in the next.
		srv := codecatalysttest.NewServer(codecatalysttest.WithDemo(), emulators.CodeCatalystTokenKey())
		defer srv.Close()
		client = codecatalyst.New(srv.Client())
	} else {
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return err
		}
		client = codecatalyst.NewFromConfig(cfg)
	}

	pager := client.EventLogsPager(in, func(o *paginate.Options) { *o = opts })
	for ev, err := range pager.Items(ctx) {
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s  %-8s %-24s %s", ev.EventTime.Format(time.RFC3339), ev.UserIdentity.UserName, ev.EventName, ev.ErrorCode)
		fmt.Fprintln(out, strings.TrimRight(line, " "))
	}
	if cursor := pager.Cursor(); cursor != "" {
		fmt.Fprintf(out, "more: --starting-token %s\n", cursor)
	}
	return nil
}
