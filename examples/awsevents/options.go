package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jmespath/go-jmespath"
)

// options holds every option of every operation; each operation defines
// only the flags it uses.
type options struct {
	// Operation inputs.
	stageARN, sessionID, participantID string
	filterUserID, filterState          string
	filterRecordingState               string
	filterPublished                    bool
	spaceName, eventName               string
	startTime, endTime                 string

	// Pagination, as the AWS CLI's.
	maxItems      int
	pageSize      int
	startingToken string
	noPaginate    bool

	// Output.
	output string
	query  string

	// Connection.
	endpointURL    string
	profile        string
	region         string
	caBundle       string
	noVerifySSL    bool
	noSignRequest  bool
	readTimeout    float64
	connectTimeout float64
	debug          bool
	local          bool

	// --follow (follow.go).
	follow       bool
	pollInterval time.Duration

	// Derived by parseOptions.
	set      map[string]bool
	compiled *jmespath.JMESPath
	start    time.Time
	end      time.Time
}

var outputs = []string{"json", "text", "table", "ndjson"}

func newFlagSet(cmd *command, o *options) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.service+" "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cmd.flags(fs, o)
	if followable(cmd) {
		followFlags(fs, o)
	}
	if cmd.name != "session-events" {
		fs.StringVar(&o.startingToken, "starting-token", "", "resume where an earlier run stopped: the `cursor` it printed as NextToken (or on interrupt)")
		fs.BoolVar(&o.noPaginate, "no-paginate", false, "fetch only the first page")
	}
	fs.IntVar(&o.maxItems, "max-items", 0, "print at most `n` items in all; with more left, the output ends with a NextToken to pass to --starting-token")
	fs.IntVar(&o.pageSize, "page-size", 0, "items per request (the service's maxResults); 0 is the service default")
	fs.StringVar(&o.output, "output", "json", "output `format`: json, text, table, or ndjson (one JSON object per line, streamed)")
	fs.StringVar(&o.query, "query", "", "JMESPath `expression` applied to the JSON document (json, table); to each page's document (text); to each item (ndjson)")
	fs.StringVar(&o.endpointURL, "endpoint-url", "", "send requests to this `URL` instead of AWS (an emulator, say)")
	fs.StringVar(&o.profile, "profile", "", "use this `profile` of the shared AWS config and credentials files")
	fs.StringVar(&o.region, "region", "", "the AWS `region`")
	fs.StringVar(&o.caBundle, "ca-bundle", "", "trust the certificates in this PEM `file` for TLS")
	fs.BoolVar(&o.noVerifySSL, "no-verify-ssl", false, "do not verify TLS certificates")
	fs.BoolVar(&o.noSignRequest, "no-sign-request", false, "send requests without credentials (IVS Real-Time)")
	fs.Float64Var(&o.readTimeout, "cli-read-timeout", 60, "most `seconds` to wait for a response; 0 waits forever")
	fs.Float64Var(&o.connectTimeout, "cli-connect-timeout", 60, "most `seconds` to wait for a connection; 0 waits forever")
	fs.BoolVar(&o.debug, "debug", false, "log each HTTP request (method, URL, status, duration) to stderr; never credentials or tokens")
	fs.BoolVar(&o.local, "local", false, "use the embedded emulators with their demo data (no AWS account, no network), or, with --endpoint-url, an emulator's credentials")
	return fs
}

func participantEventsFlags(fs *flag.FlagSet, o *options) {
	stageFlags(fs, o, true)
	fs.StringVar(&o.participantID, "participant-id", "", "the participant's `ID` (required)")
}

func stageSessionsFlags(fs *flag.FlagSet, o *options) { stageFlags(fs, o, false) }

func participantsFlags(fs *flag.FlagSet, o *options) {
	stageFlags(fs, o, true)
	fs.StringVar(&o.filterUserID, "filter-by-user-id", "", "only participants whose token has this user `ID`")
	fs.BoolVar(&o.filterPublished, "filter-by-published", false, "only participants who published")
	fs.StringVar(&o.filterState, "filter-by-state", "", "only participants in this `state`: CONNECTED or DISCONNECTED")
	fs.StringVar(&o.filterRecordingState, "filter-by-recording-state", "", "only participants in this recording `state`: STARTING, ACTIVE, STOPPING, STOPPED or FAILED")
}

func sessionEventsFlags(fs *flag.FlagSet, o *options) { stageFlags(fs, o, true) }

func stageFlags(fs *flag.FlagSet, o *options, session bool) {
	fs.StringVar(&o.stageARN, "stage-arn", "", "the stage's `ARN` (required)")
	if session {
		fs.StringVar(&o.sessionID, "session-id", "", "the stage session's `ID`, st-... (required)")
	}
}

func eventLogsFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.spaceName, "space-name", "", "the space's `name` (required)")
	fs.StringVar(&o.startTime, "start-time", "", "start of the window (required): RFC 3339 `time` (2024-05-14T00:00:00Z), a date (2024-05-14, UTC) or Unix seconds")
	fs.StringVar(&o.endTime, "end-time", "", "end of the window (required), in the same forms as --start-time")
	fs.StringVar(&o.eventName, "event-name", "", "only events of this `name`, such as CreateProject")
}

// parseOptions parses the options of cmd and checks what can be checked
// before any request.
func parseOptions(cmd *command, args []string) (*options, error) {
	o := &options{set: map[string]bool{}}
	fs := newFlagSet(cmd, o)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil, err
		}
		return nil, usagef("%s %s: %s", cmd.service, cmd.name, strings.Replace(err.Error(), " -", " --", 1))
	}
	if fs.NArg() > 0 {
		return nil, usagef("%s %s: unexpected argument %q (options are --name value)", cmd.service, cmd.name, fs.Arg(0))
	}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })

	required := map[string]string{
		"stage-arn": o.stageARN, "session-id": o.sessionID, "participant-id": o.participantID,
		"space-name": o.spaceName, "start-time": o.startTime, "end-time": o.endTime,
	}
	if o.follow { // the window ends now; its start is optional
		delete(required, "start-time")
		delete(required, "end-time")
	}
	var missing []string
	fs.VisitAll(func(f *flag.Flag) {
		if v, ok := required[f.Name]; ok && v == "" {
			missing = append(missing, "--"+f.Name)
		}
	})
	if len(missing) > 0 {
		return nil, usagef("%s %s: missing required option %s", cmd.service, cmd.name, strings.Join(missing, ", "))
	}

	switch {
	case o.set["max-items"] && o.maxItems < 1:
		return nil, usagef("--max-items must be at least 1, not %d", o.maxItems)
	case o.pageSize < 0:
		return nil, usagef("--page-size must be at least 1, not %d", o.pageSize)
	case o.readTimeout < 0 || o.connectTimeout < 0:
		return nil, usagef("--cli-read-timeout and --cli-connect-timeout must not be negative")
	case o.noPaginate && o.startingToken != "":
		return nil, usagef("--no-paginate and --starting-token cannot be used together")
	case o.local && (o.profile != ""):
		return nil, usagef("--local uses the emulators' credentials: it cannot be used with --profile")
	}
	if err := checkFollow(o); err != nil {
		return nil, err
	}
	if !slices.Contains(outputs, o.output) {
		return nil, usagef("--output must be one of %s, not %q", strings.Join(outputs, ", "), o.output)
	}
	if o.query != "" {
		q, err := jmespath.Compile(o.query)
		if err != nil {
			return nil, usagef("--query %q: %v", o.query, err)
		}
		o.compiled = q
	}
	if o.startTime != "" {
		t, err := parseTime(o.startTime)
		if err != nil {
			return nil, usagef("--start-time: %v", err)
		}
		o.start = t
	}
	if o.endTime != "" {
		t, err := parseTime(o.endTime)
		if err != nil {
			return nil, usagef("--end-time: %v", err)
		}
		o.end = t
	}
	return o, nil
}

// parseTime accepts the timestamp forms the AWS CLI does: RFC 3339 (with or
// without a zone; without one it is UTC), a date, or Unix seconds.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		sec := int64(f)
		return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time: use RFC 3339 (2024-05-14T00:00:00Z), a date (2024-05-14) or Unix seconds", s)
}
