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

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/paginate"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "event-logs:", printable(err.Error()))
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
	if err := printEntries(out, pager.Items(ctx)); err != nil {
		return err
	}
	if cursor := pager.Cursor(); cursor != "" {
		fmt.Fprintf(out, "more: --starting-token %s\n", cursor)
	}
	return nil
}

// printEntries prints one line per entry: its time, user, event and error.
func printEntries(out io.Writer, entries iter.Seq2[codecatalyst.EventLog, error]) error {
	for ev, err := range entries {
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s  %-8s %-24s %s", ev.EventTime.Format(time.RFC3339),
			printable(ev.UserIdentity.UserName), printable(ev.EventName), printable(ev.ErrorCode))
		fmt.Fprintln(out, strings.TrimRight(line, " "))
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
