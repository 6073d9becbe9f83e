package main

import (
	"fmt"
	"math"
	"time"
)

// listOutputs are the formats of the listing commands' --output.
var listOutputs = []string{"json", "text", "table", "yaml", "yaml-stream", "ndjson"}

// globals are the tool's own options (the AWS CLI's global options and
// its paging options), in sets by purpose; sections declares each once.
// A command's parameters are in its typed input, not here.
type globals struct {
	paging  pagingOptions
	follow  followOptions
	output  outputOptions
	input   inputOptions
	conn    connOptions
	version bool
}

// pagingOptions are the AWS CLI's auto-pagination options.
type pagingOptions struct {
	maxItems      int
	pageSize      int
	startingToken string
	noPaginate    bool
}

// followOptions are --follow's (follow.go).
type followOptions struct {
	on           bool
	pollInterval time.Duration
}

type outputOptions struct {
	format  string
	query   string
	color   string
	noPager bool
}

type inputOptions struct {
	json, yaml   string
	skeleton     string // --generate-cli-skeleton: input, yaml-input or output
	prompt       bool
	noPrompt     bool
	binaryFormat string
}

type connOptions struct {
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
}

func newGlobals() *globals {
	return &globals{
		output: outputOptions{format: "json", color: "auto"},
		input:  inputOptions{binaryFormat: "base64"},
		conn:   connOptions{readTimeout: 60, connectTimeout: 60},
	}
}

// section is a titled list of options, as the help shows them.
type section struct {
	title string
	opts  []*option
}

// skeletonKinds are the values of --generate-cli-skeleton.
var skeletonKinds = []string{"input", "yaml-input", "output"}

// sections declares the tool's options that c takes, bound to g.
func (g *globals) sections(c *command) []section {
	maxPage := c.group.maxPageSize
	var out []section
	var paging []*option
	if c.takes&takesPaging != 0 {
		paging = append(paging,
			intOpt(&g.paging.maxItems, "max-items", "", 1, math.MaxInt32,
				"auto-paginate, and print at most `n` items in all; with more left, the output ends with a NextToken to pass to --starting-token"),
			stringOpt(&g.paging.startingToken, "starting-token", "", false,
				"resume where an earlier run stopped: the `cursor` it printed as NextToken (or on interrupt); item-exact, unlike --next-token"))
	}
	if c.takes&(takesPaging|takesPageSize) != 0 {
		paging = append(paging, intOpt(&g.paging.pageSize, "page-size", "", 1, maxPage,
			fmt.Sprintf("auto-paginate with `n` items per request (1 to %d; the maxResults of each request); without it, the library's default", maxPage)))
	}
	if c.takes&takesNoPaginate != 0 {
		paging = append(paging, boolOpt(&g.paging.noPaginate, "no-paginate", "",
			"send one request and print that page as the service sent it, its nextToken included (as the AWS CLI)"))
	}
	if paging != nil {
		out = append(out, section{"Paging", paging})
	}
	if c.takes&takesFollow != 0 {
		out = append(out, section{"Following", []*option{
			boolOpt(&g.follow.on, "follow", "", "keep printing events as they are logged, one line each, until interrupted (Ctrl-C)"+
				" or, for IVS, until the session ends; the output is a readable line per event unless --output ndjson or text is given"),
			durationOpt(&g.follow.pollInterval, "poll-interval",
				"with --follow, the `duration` between polls, with its unit (5s, 500ms); 2s for IVS, 5s for CodeCatalyst by default"),
		}})
	}
	output := []*option{choiceOpt(&g.output.format, "output", c.formats(), "the output `format`: "+oneOf(c.formats())+outputsHelp(c))}
	if c.takes&takesQuery != 0 {
		output = append(output, stringOpt(&g.output.query, "query", "", false,
			"JMESPath `expression` applied to the JSON document (json, table, yaml); to each page's document (text, yaml-stream); to each item (ndjson)"))
	}
	output = append(output,
		choiceOpt(&g.output.color, "color", []string{"on", "off", "auto"}, "colour the table output: on, off or auto (on when stdout is a terminal)"),
		boolOpt(&g.output.noPager, "no-cli-pager", "", "do not send output to a pager (on a terminal, output goes through $AWS_PAGER, else $PAGER, else less, as the AWS CLI v2)"),
		boolOpt(&g.version, "version", "", "print the version and exit"),
	)
	out = append(out, section{"Output", output})
	skeleton := choiceOpt(&g.input.skeleton, "generate-cli-skeleton", skeletonKinds,
		"print a `skeleton` and send no request: input (alone, the default: for --cli-input-json), yaml-input (for --cli-input-yaml) or output (a sample of the output, after checking the options, printed in the --output format)")
	skeleton.noValue = "input"
	out = append(out, section{"Input", []*option{
		stringOpt(&g.input.json, "cli-input-json", "", false,
			fmt.Sprintf("read the parameters from this JSON `object` (a string or file://path, at most %s), in the --generate-cli-skeleton form; options on the command line override it", sizeText(maxInputBytes))),
		stringOpt(&g.input.yaml, "cli-input-yaml", "", false,
			fmt.Sprintf("read the parameters from this YAML `document` (a string or file://path, at most %s); options on the command line override it", sizeText(maxInputBytes))),
		skeleton,
		boolOpt(&g.input.prompt, "cli-auto-prompt", "", "on a terminal, ask for each missing required parameter (without one, an error)"),
		boolOpt(&g.input.noPrompt, "no-cli-auto-prompt", "", "never prompt (overrides --cli-auto-prompt and AWS_CLI_AUTO_PROMPT)"),
		choiceOpt(&g.input.binaryFormat, "cli-binary-format", []string{"base64", "raw-in-base64-out"},
			"how blobs are given: base64 or raw-in-base64-out (accepted for the AWS CLI's sake: these operations carry no blobs)"),
	}})
	out = append(out, section{"Connection", []*option{
		stringOpt(&g.conn.endpointURL, "endpoint-url", "", false, "send requests to this `URL` instead of AWS (an emulator, say); it wins over AWS_ENDPOINT_URL and the profile's endpoints"),
		stringOpt(&g.conn.profile, "profile", "", false, "use this `profile` of the shared AWS config and credentials files"),
		stringOpt(&g.conn.region, "region", "", false, "the AWS `region`"),
		stringOpt(&g.conn.caBundle, "ca-bundle", "", false, fmt.Sprintf("trust the certificates in this PEM `file` (at most %s) for TLS", sizeText(maxInputBytes))),
		boolOpt(&g.conn.noVerifySSL, "no-verify-ssl", "", "do not verify TLS certificates"),
		boolOpt(&g.conn.noSignRequest, "no-sign-request", "", "send requests without credentials (IVS Real-Time)"),
		secondsOpt(&g.conn.readTimeout, "cli-read-timeout", "most `seconds` to wait for a response; 0 waits forever"),
		secondsOpt(&g.conn.connectTimeout, "cli-connect-timeout", "most `seconds` to wait for a connection; 0 waits forever"),
		boolOpt(&g.conn.debug, "debug", "", "log each HTTP request (method, URL, status, duration) to stderr; never credentials or tokens"),
		boolOpt(&g.conn.local, "local", "", "use the embedded emulators with their demo data (no AWS account, no network), or, with --endpoint-url, "+
			"an emulator elsewhere; always with the emulators' credentials, never yours"),
	}})
	return out
}

// outputsHelp says how the listing formats print.
func outputsHelp(c *command) string {
	if c.outputs != nil {
		return ""
	}
	return " (ndjson: one JSON object per line); json, table and yaml print at the end (they need the whole document), text, yaml-stream and ndjson page by page"
}

// sizeText is n bytes in MiB.
func sizeText(n int) string { return fmt.Sprintf("%d MiB", n>>20) }

// onePage reports whether the run prints one page of the service as the
// service sent it (--max-results, --next-token, --no-paginate), as the AWS
// CLI does.
func (inv *invocation) onePage() bool {
	return inv.set["max-results"] || inv.set["next-token"] || inv.g.paging.noPaginate
}
