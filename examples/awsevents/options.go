package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jmespath/go-jmespath"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/ivsrealtime"
	"go.yaml.in/yaml/v3"
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

	// One page, as the AWS CLI's --max-results and --next-token (the
	// service's own maxResults and nextToken).
	maxResults int
	nextToken  string

	// Pagination, as the AWS CLI's.
	maxItems      int
	pageSize      int
	startingToken string
	noPaginate    bool

	// Input.
	cliInputJSON, cliInputYAML string
	skeleton                   string // --generate-cli-skeleton: "", input, yaml-input or output
	autoPrompt, noAutoPrompt   bool
	binaryFormat               string

	// Output.
	output    string
	query     string
	color     string
	noPager   bool
	version   bool
	skeletonV bool // --generate-cli-skeleton was given

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
	hashKeys [][]string // the key lists of the query's multi-select hashes
	start    time.Time
	end      time.Time
}

// onePage reports whether the run prints one page of the service as the
// service sent it (--max-results, --next-token, --no-paginate), as the AWS
// CLI does.
func (o *options) onePage() bool {
	return o.set["max-results"] || o.set["next-token"] || o.noPaginate
}

var outputs = []string{"json", "text", "table", "yaml", "yaml-stream", "ndjson"}

// paramKind is the type of an operation's parameter in the service model.
type paramKind int

const (
	kindString paramKind = iota
	kindInt
	kindBool
	kindTime
)

// param is one member of an operation's input: its option, its name in
// the model (and in --cli-input-json), its type, and whether it is
// required. --cli-input-json, --generate-cli-skeleton and
// --cli-auto-prompt work from this table.
type param struct {
	flag     string
	key      string
	kind     paramKind
	required bool
}

// pageParams are the paging members every list operation has.
var pageParams = []param{{"next-token", "nextToken", kindString, false}, {"max-results", "maxResults", kindInt, false}}

// maxPageSize is the largest maxResults of each service's model.
var maxPageSize = map[string]int{"ivs-realtime": ivsrealtime.MaxPageSize, "codecatalyst": codecatalyst.MaxPageSize}

func newFlagSet(cmd *command, o *options) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.service+" "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cmd.flags(fs, o)
	if followable(cmd) {
		followFlags(fs, o)
	}
	if cmd.hasParam("next-token") {
		fs.StringVar(&o.nextToken, "next-token", "", "fetch one page, from this `token`: the nextToken the service returned (AWS CLI --next-token; one request, the service's nextToken in the output)")
		fs.IntVar(&o.maxResults, "max-results", 0, fmt.Sprintf("fetch one page of at most `n` items (1 to %d; the service's maxResults; one request, the service's nextToken in the output); without it a one-page run sends none and the service's default applies", maxPageSize[cmd.service]))
	}
	fs.StringVar(&o.startingToken, "starting-token", "", "resume where an earlier run stopped: the `cursor` it printed as NextToken (or on interrupt); item-exact, unlike --next-token")
	if cmd.name != "session-events" {
		fs.BoolVar(&o.noPaginate, "no-paginate", false, "send one request and print that page as the service sent it, its nextToken included (as the AWS CLI)")
	}
	fs.IntVar(&o.maxItems, "max-items", 0, "auto-paginate, and print at most `n` items in all; with more left, the output ends with a NextToken to pass to --starting-token")
	fs.IntVar(&o.pageSize, "page-size", 0, fmt.Sprintf("auto-paginate with `n` items per request (1 to %d; the maxResults of each request); without it, the library's default", maxPageSize[cmd.service]))
	fs.StringVar(&o.output, "output", "json", "output `format`: json, text, table, yaml, yaml-stream, or ndjson (one JSON object per line); json, table and yaml print at the end (they need the whole document), text, yaml-stream and ndjson page by page")
	fs.StringVar(&o.query, "query", "", "JMESPath `expression` applied to the JSON document (json, table, yaml); to each page's document (text, yaml-stream); to each item (ndjson)")
	fs.StringVar(&o.color, "color", "auto", "colour the table output: on, off or auto (on when stdout is a terminal)")
	fs.BoolVar(&o.noPager, "no-cli-pager", false, "do not send output to a pager (on a terminal, output goes through $AWS_PAGER, else $PAGER, else less, as the AWS CLI v2)")
	fs.StringVar(&o.cliInputJSON, "cli-input-json", "", "read the parameters from this JSON `object` (a string or file://path), in the --generate-cli-skeleton form; options on the command line override it")
	fs.StringVar(&o.cliInputYAML, "cli-input-yaml", "", "read the parameters from this YAML `document` (a string or file://path); options on the command line override it")
	fs.StringVar(&o.skeleton, "generate-cli-skeleton", "", "print a `skeleton` and send no request: input (the default, for --cli-input-json), yaml-input (for --cli-input-yaml) or output (a sample of the output, after checking the options)")
	fs.StringVar(&o.binaryFormat, "cli-binary-format", "base64", "how blobs are given: base64 or raw-in-base64-out (accepted for the AWS CLI's sake: these operations carry no blobs)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.BoolVar(&o.autoPrompt, "cli-auto-prompt", false, "on a terminal, ask for each missing required parameter (without one, an error)")
	fs.BoolVar(&o.noAutoPrompt, "no-cli-auto-prompt", false, "never prompt (overrides --cli-auto-prompt and AWS_CLI_AUTO_PROMPT)")
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

// skeletonArgs gives --generate-cli-skeleton its optional value: alone, or
// followed by another option, it means input, as in the AWS CLI.
func skeletonArgs(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a != "--generate-cli-skeleton" && a != "-generate-cli-skeleton" {
			out = append(out, a)
			continue
		}
		if i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
			out = append(out, a+"="+args[i+1])
			i++
			continue
		}
		out = append(out, a+"=input")
	}
	return out
}

// maxSeconds bounds the timeouts: the longest a time.Duration holds.
const maxSeconds = float64(math.MaxInt64 / int64(time.Second))

// parseOptions parses the options of cmd and checks what can be checked
// before any request. prompt answers --cli-auto-prompt (nil: no terminal);
// envPrompt is AWS_CLI_AUTO_PROMPT=on or on-partial, which turns it on as
// with the AWS CLI v2 (--no-cli-auto-prompt turns it off).
func parseOptions(cmd *command, args []string, prompt func(flag string) (string, error), envPrompt bool) (*options, error) {
	o := &options{set: map[string]bool{}}
	fs := newFlagSet(cmd, o)
	if err := fs.Parse(skeletonArgs(args)); err != nil {
		if err == flag.ErrHelp {
			return nil, err
		}
		return nil, usagef("%s %s: %s", cmd.service, cmd.name, strings.Replace(err.Error(), " -", " --", 1))
	}
	if fs.NArg() > 0 {
		return nil, usagef("%s %s: unexpected argument %q (options are --name value)", cmd.service, cmd.name, fs.Arg(0))
	}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if o.version {
		return o, nil
	}
	o.skeletonV = o.set["generate-cli-skeleton"]
	if o.skeletonV && !slices.Contains([]string{"input", "yaml-input", "output"}, o.skeleton) {
		return nil, usagef("--generate-cli-skeleton must be input, yaml-input or output, not %q", o.skeleton)
	}
	if err := applyCLIInput(cmd, fs, o); err != nil {
		return nil, err
	}
	if o.skeletonV && o.skeleton != "output" {
		return o, nil
	}

	var missing []string
	for _, p := range cmd.params {
		if p.required && fs.Lookup(p.flag).Value.String() == "" && !(o.follow && p.kind == kindTime) {
			missing = append(missing, p.flag) // --follow's window ends now; its start is optional
		}
	}
	if len(missing) > 0 && (o.autoPrompt || envPrompt) && !o.noAutoPrompt {
		if prompt == nil {
			return nil, usagef("--cli-auto-prompt needs a terminal on stdin and stdout; pass --%s", strings.Join(missing, ", --"))
		}
		for _, name := range missing {
			v, err := prompt(name)
			if err != nil {
				return nil, usagef("--cli-auto-prompt: %v", err)
			}
			if err := fs.Set(name, v); err != nil {
				return nil, usagef("--%s: %v", name, err)
			}
			o.set[name] = true
		}
		missing = missing[:0]
		for _, p := range cmd.params {
			if p.required && fs.Lookup(p.flag).Value.String() == "" && !(o.follow && p.kind == kindTime) {
				missing = append(missing, p.flag)
			}
		}
	}
	if len(missing) > 0 {
		return nil, usagef("%s %s: missing required option --%s", cmd.service, cmd.name, strings.Join(missing, ", --"))
	}
	if err := checkRanges(cmd, o); err != nil {
		return nil, err
	}
	if err := checkFollow(o); err != nil {
		return nil, err
	}
	valid := outputs
	if cmd.outputs != nil {
		valid = cmd.outputs
	}
	if !slices.Contains(valid, o.output) {
		return nil, usagef("--output must be one of %s, not %q", strings.Join(valid, ", "), o.output)
	}
	if !slices.Contains([]string{"on", "off", "auto"}, o.color) {
		return nil, usagef("--color must be on, off or auto, not %q", o.color)
	}
	if !slices.Contains([]string{"base64", "raw-in-base64-out"}, o.binaryFormat) {
		return nil, usagef("--cli-binary-format must be base64 or raw-in-base64-out, not %q", o.binaryFormat)
	}
	if o.query != "" {
		expr := legacyLiterals(o.query)
		q, err := jmespath.Compile(expr)
		if err != nil {
			return nil, usagef("--query %q: %v", o.query, err)
		}
		o.compiled = q
		o.hashKeys = hashKeyLists(expr)
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

// checkRanges refuses numbers outside what the option allows, and options
// that cannot go together.
func checkRanges(cmd *command, o *options) error {
	maxPage := maxPageSize[cmd.service]
	switch {
	case o.set["max-items"] && (o.maxItems < 1 || o.maxItems > math.MaxInt32):
		return usagef("--max-items must be between 1 and %d, not %d", math.MaxInt32, o.maxItems)
	case o.set["page-size"] && (o.pageSize < 1 || o.pageSize > maxPage):
		return usagef("--page-size must be between 1 and %d, not %d", maxPage, o.pageSize)
	case o.set["max-results"] && (o.maxResults < 1 || o.maxResults > maxPage):
		return usagef("--max-results must be between 1 and %d, not %d", maxPage, o.maxResults)
	case math.IsNaN(o.readTimeout) || o.readTimeout < 0 || o.readTimeout > maxSeconds:
		return usagef("--cli-read-timeout must be a number of seconds between 0 and %.0f, not %v", maxSeconds, o.readTimeout)
	case math.IsNaN(o.connectTimeout) || o.connectTimeout < 0 || o.connectTimeout > maxSeconds:
		return usagef("--cli-connect-timeout must be a number of seconds between 0 and %.0f, not %v", maxSeconds, o.connectTimeout)
	case o.noPaginate && o.startingToken != "":
		return usagef("--no-paginate and --starting-token cannot be used together")
	case (o.set["max-results"] || o.set["next-token"]) && (o.set["max-items"] || o.set["starting-token"] || o.set["page-size"] || o.noPaginate):
		return usagef("--max-results and --next-token fetch one page, as the service sends it: they cannot be used with --max-items, --starting-token, --page-size or --no-paginate")
	case o.follow && (o.set["max-results"] || o.set["next-token"]):
		return usagef("--max-results and --next-token fetch one page: --follow reads until interrupted")
	case o.noPaginate && (o.set["max-items"] || o.set["page-size"]):
		return usagef("--no-paginate fetches one page as the service sends it: it cannot be used with --max-items or --page-size (use --max-results)")
	case o.local && (o.profile != ""):
		return usagef("--local uses the emulators' credentials: it cannot be used with --profile")
	}
	return nil
}

// applyCLIInput sets, from --cli-input-json or --cli-input-yaml, every
// parameter not given on the command line.
func applyCLIInput(cmd *command, fs *flag.FlagSet, o *options) error {
	name, src := "--cli-input-json", o.cliInputJSON
	if o.set["cli-input-yaml"] {
		if o.set["cli-input-json"] {
			return usagef("--cli-input-json and --cli-input-yaml cannot be used together")
		}
		name, src = "--cli-input-yaml", o.cliInputYAML
	}
	if src == "" {
		return nil
	}
	if path, ok := strings.CutPrefix(src, "file://"); ok {
		b, err := os.ReadFile(path)
		if err != nil {
			return usagef("%s: %v", name, err)
		}
		src = string(b)
	}
	var in map[string]any
	var err error
	if name == "--cli-input-json" {
		dec := json.NewDecoder(strings.NewReader(src))
		dec.UseNumber()
		err = dec.Decode(&in)
	} else {
		err = yaml.Unmarshal([]byte(src), &in)
	}
	if err != nil {
		return usagef("%s: not a %s object: %v", name, strings.ToUpper(name[12:16]), err)
	}
	paging := cmd.awsPaginates && inputPages(in, o)
	for _, k := range slices.Sorted(maps.Keys(in)) {
		i := slices.IndexFunc(cmd.params, func(p param) bool { return p.key == k })
		if i < 0 {
			keys := make([]string, len(cmd.params))
			for j, p := range cmd.params {
				keys[j] = p.key
			}
			return usagef("%s: unknown parameter %q (valid: %s)", name, k, strings.Join(keys, ", "))
		}
		p := cmd.params[i]
		if o.set[p.flag] || in[k] == nil {
			continue // the command line overrides the input
		}
		var v string
		switch x := in[k].(type) {
		case string:
			v = x
		case json.Number:
			v = x.String()
		case int:
			v = strconv.Itoa(x)
		case float64:
			v = strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			v = strconv.FormatBool(x)
		case time.Time:
			v = x.Format(time.RFC3339Nano)
		default:
			return usagef("%s: %s must be a %s", name, k, kindName(p.kind))
		}
		flagName := p.flag
		if flagName == "max-results" && paging {
			if o.set["page-size"] {
				continue // --page-size overrides it
			}
			flagName = "page-size"
		}
		if err := fs.Set(flagName, v); err != nil {
			return usagef("%s: %s: %v", name, k, err)
		}
		o.set[flagName] = true
		if flagName == "max-results" || flagName == "next-token" {
			// One page already, as --no-paginate asks (aws takes both).
			o.noPaginate = false
		}
	}
	return nil
}

// inputPages reports whether a run whose parameters come from the input in
// auto-paginates, as the AWS CLI does for an operation it has a paginator
// for: no nextToken in the input (aws would page on from it: a difference
// left, that run prints the one page), and no one-page option on the
// command line.
func inputPages(in map[string]any, o *options) bool {
	if tok, ok := in["nextToken"]; ok && tok != nil {
		return false
	}
	for _, f := range []string{"max-results", "next-token", "no-paginate"} {
		if o.set[f] {
			return false
		}
	}
	return true
}

func kindName(k paramKind) string {
	return [...]string{"string", "integer", "boolean", "timestamp"}[k]
}

// maxUnixSeconds bounds Unix seconds to the years RFC 3339 can write
// (0001 to 9999): -62135596800 is 0001-01-01, 253402300800 is 10000-01-01.
const (
	minUnixSeconds = -62135596800
	maxUnixSeconds = 253402300800
)

// parseTime accepts the timestamp forms the AWS CLI does: RFC 3339 (with or
// without a zone; without one it is UTC), a date, or Unix seconds.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= minUnixSeconds && n < maxUnixSeconds {
		return time.Unix(n, 0).UTC(), nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && f >= minUnixSeconds && f < maxUnixSeconds {
		sec := math.Floor(f)
		return time.Unix(int64(sec), int64((f-sec)*1e9)).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time: use RFC 3339 (2024-05-14T00:00:00Z), a date (2024-05-14) or Unix seconds", s)
}
