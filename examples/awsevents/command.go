package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
)

// Everything about a command is declared once, here and in the file of
// its group (ivs.go, codecatalyst.go, timeline.go): its name, its typed
// input, and each parameter of that input as one option (flag name, model
// member, kind, required, help, and the field it is stored in). The
// flags, --cli-input-json and --cli-input-yaml, --generate-cli-skeleton,
// --cli-auto-prompt and the help are all derived from these declarations.
//
// A new parameter is one line in its input's params method (and the field
// it is stored in). A new command is one entry in its group's commands,
// with its input type (params and run). A new group is one entry in
// groups.

// group is a service, or any other family of commands: `awsevents GROUP
// COMMAND [options]`.
type group struct {
	name    string
	summary string
	// shapes are the member orders of the structures of the service
	// model that the group's outputs hold (see modelorder.go).
	shapes [][]string
	// maxPageSize is the largest page the service's model allows: the
	// bound of --page-size and --max-results.
	maxPageSize int
	commands    []*command
}

// command is one command of a group.
type command struct {
	group *group // set by groups
	name  string
	// op is the operation's name in the service's API, as the AWS CLI
	// names it: the title of the table output.
	op      string
	summary string
	// newInput returns a new typed input of the command: its parameters,
	// each bound to one of its fields, and what runs the command on it.
	newInput func() input
	// takes are the sets of the tool's options the command takes besides
	// output, input and connection (see globals).
	takes takes
	// outputs are the formats --output takes; nil means listOutputs.
	outputs []string
	// refuses says why the command takes none of the tool's options that
	// it does not take (a timeline needs every event).
	refuses string
	// sample is the output --generate-cli-skeleton output prints.
	sample format.Object
	// unpaged: the command prints a line or two, never through a pager
	// (a sync, whose progress line is on the terminal too).
	unpaged bool
	// tokenFirst: the model's output lists nextToken before the items,
	// and a one-page run prints it first, as the AWS CLI.
	tokenFirst bool
	// awsPaginates: the AWS CLI auto-paginates the operation (botocore
	// has a paginator for it), so a maxResults read from --cli-input-json
	// or --cli-input-yaml is the size of each page, not one page (aws
	// turns pagination off only for --max-results and --next-token on the
	// command line).
	awsPaginates bool
}

// input is the typed input of a command: the parameters it takes, and
// what runs the command once they are parsed and checked. An input may
// also check how its parameters go together with the tool's options:
// check(*invocation) error.
type input interface {
	params() []*option
	run(ctx context.Context, r *runner) error
}

// takes is a set of the tool's option sets.
type takes uint

const (
	takesPaging     takes = 1 << iota // --max-items, --starting-token, --page-size
	takesNoPaginate                   // --no-paginate
	takesPageSize                     // --page-size alone (a command that reads every page)
	takesQuery                        // --query
	takesFollow                       // --follow, --poll-interval
)

func (c *command) String() string { return c.group.name + " " + c.name }

// formats are the formats --output takes.
func (c *command) formats() []string {
	if c.outputs != nil {
		return c.outputs
	}
	return listOutputs
}

// inputOf is the newInput of a command whose typed input is T.
func inputOf[T any, P interface {
	*T
	input
}]() input {
	return P(new(T))
}

// groups returns every group of the tool, each command pointing to its
// group.
func groups() []*group {
	gs := []*group{ivsGroup(), codeCatalystGroup(), syncGroup()}
	for _, g := range gs {
		for _, c := range g.commands {
			c.group = g
		}
	}
	return gs
}

func findGroup(name string) *group {
	for _, g := range groups() {
		if g.name == name {
			return g
		}
	}
	return nil
}

func (g *group) find(name string) *command {
	for _, c := range g.commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// kind is the type of an option's value; for a parameter, its type in the
// service model.
type kind int

const (
	kindString kind = iota
	kindInteger
	kindBoolean
	kindTimestamp
	kindDuration
	kindSeconds // a number of seconds, fractions allowed
	kindList    // a list of strings: the option is given once per string
)

func (k kind) String() string {
	return [...]string{"string", "integer", "boolean", "timestamp", "duration", "seconds", "list"}[k]
}

// a is the kind with its article: a string, an integer.
func (k kind) a() string {
	if k == kindInteger {
		return "an integer"
	}
	return "a " + k.String()
}

// option is one option of the command line, declared once: a parameter of
// the command's input (member is its name in the service model and in
// --cli-input-json), or an option of the tool (member "").
type option struct {
	name     string // the flag, without its dashes
	member   string
	kind     kind
	required bool
	// help says what the option is; a `word` in it names the value in the
	// help (--stage-arn ARN).
	help string
	// value is where the option goes: the field of the typed input, or of
	// the tool's options, that it sets (parsing and range-checking as it
	// sets).
	value pflag.Value
	// noValue is the value of the option given alone (true for a
	// boolean; input for --generate-cli-skeleton).
	noValue string
}

// The constructors of options, one per kind.

func stringOpt(p *string, name, member string, required bool, help string) *option {
	return &option{name: name, member: member, kind: kindString, required: required, help: help, value: &stringValue{p: p}}
}

func choiceOpt(p *string, name string, choices []string, help string) *option {
	return &option{name: name, kind: kindString, help: help, value: &stringValue{p: p, choices: choices}}
}

func intOpt(p *int, name, member string, lo, hi int, help string) *option {
	return &option{name: name, member: member, kind: kindInteger, help: help, value: &intValue{p: p, lo: lo, hi: hi}}
}

func boolOpt(p *bool, name, member, help string) *option {
	return &option{name: name, member: member, kind: kindBoolean, help: help, value: &boolValue{p}, noValue: "true"}
}

func timeOpt(p *time.Time, name, member string, required bool, help string) *option {
	return &option{name: name, member: member, kind: kindTimestamp, required: required, help: help, value: &timeValue{p}}
}

func durationOpt(p *time.Duration, name, help string) *option {
	return &option{name: name, kind: kindDuration, help: help, value: &durationValue{p: p}}
}

// durationParam is a parameter that is a duration with its unit, at most
// most.
func durationParam(p *time.Duration, name, member string, most time.Duration, help string) *option {
	return &option{name: name, member: member, kind: kindDuration, help: help, value: &durationValue{p: p, most: most}}
}

// listOpt is a parameter that is a list of strings, one per use of the
// option (--stage-arn A --stage-arn B), a JSON or YAML list in the input
// files. A string given twice is kept once.
func listOpt(p *[]string, name, member string, required bool, help string) *option {
	return &option{name: name, member: member, kind: kindList, required: required, help: help, value: &listValue{p}}
}

func secondsOpt(p *float64, name, help string) *option {
	return &option{name: name, kind: kindSeconds, help: help, value: &secondsValue{p}}
}

// The values of options: each parses and checks what it is given, so that
// a value from the command line, from --cli-input-json or from the prompt
// is refused the same way, naming the option.

type stringValue struct {
	p       *string
	choices []string
}

func (v *stringValue) String() string { return *v.p }
func (v *stringValue) Type() string   { return "string" }
func (v *stringValue) Set(s string) error {
	if v.choices != nil && !slices.Contains(v.choices, s) {
		return fmt.Errorf("must be %s", oneOf(v.choices))
	}
	*v.p = s
	return nil
}

// oneOf is "a, b or c".
func oneOf(choices []string) string {
	if len(choices) == 1 {
		return choices[0]
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}

type intValue struct {
	p      *int
	lo, hi int
}

func (v *intValue) String() string { return strconv.Itoa(*v.p) }
func (v *intValue) Type() string   { return "int" }
func (v *intValue) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < int64(v.lo) || n > int64(v.hi) {
		return fmt.Errorf("must be a whole number from %d to %d", v.lo, v.hi)
	}
	*v.p = int(n)
	return nil
}

type boolValue struct{ p *bool }

func (v *boolValue) String() string { return strconv.FormatBool(*v.p) }
func (v *boolValue) Type() string   { return "bool" }
func (v *boolValue) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("must be true or false")
	}
	*v.p = b
	return nil
}

type timeValue struct{ p *time.Time }

func (v *timeValue) String() string {
	if v.p.IsZero() {
		return ""
	}
	return v.p.Format(time.RFC3339Nano)
}
func (v *timeValue) Type() string { return "timestamp" }
func (v *timeValue) Set(s string) error {
	t, err := parseTime(s)
	if err != nil {
		return err
	}
	*v.p = t
	return nil
}

type durationValue struct {
	p    *time.Duration
	most time.Duration // 0: no bound
}

func (v *durationValue) String() string {
	if *v.p == 0 {
		return "0"
	}
	return v.p.String()
}
func (v *durationValue) Type() string { return "duration" }
func (v *durationValue) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return fmt.Errorf("must be a duration with a unit, like 5s, 500ms or 1m")
	}
	if v.most > 0 && d > v.most {
		return fmt.Errorf("must be at most %v", v.most)
	}
	*v.p = d
	return nil
}

type listValue struct{ p *[]string }

func (v *listValue) String() string { return strings.Join(*v.p, ",") }
func (v *listValue) Type() string   { return "stringArray" }
func (v *listValue) Set(s string) error {
	if s == "" {
		return fmt.Errorf("must not be empty")
	}
	if !slices.Contains(*v.p, s) {
		*v.p = append(*v.p, s)
	}
	return nil
}

// maxSeconds bounds the timeouts: the longest a time.Duration holds.
const maxSeconds = float64(math.MaxInt64 / int64(time.Second))

type secondsValue struct{ p *float64 }

func (v *secondsValue) String() string { return strconv.FormatFloat(*v.p, 'g', -1, 64) }
func (v *secondsValue) Type() string   { return "float" }
func (v *secondsValue) Set(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > maxSeconds {
		return fmt.Errorf("must be a number of seconds from 0 to %.0f", maxSeconds)
	}
	*v.p = f
	return nil
}

// minUnixSeconds and maxUnixSeconds bound Unix seconds to the years RFC
// 3339 can write (0001 to 9999): -62135596800 is 0001-01-01, 253402300800
// is 10000-01-01.
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
