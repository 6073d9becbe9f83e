package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// localLiveSpeed is how much faster than real time the embedded emulator
// plays its demo session for --follow --local: its 6 minutes in 36 seconds.
const localLiveSpeed = 10

// followable reports whether cmd takes --follow.
func followable(cmd *command) bool {
	switch cmd.name {
	case "list-participant-events", "session-events", "list-event-logs":
		return true
	}
	return false
}

// followFlags defines --follow and --poll-interval.
func followFlags(fs *flag.FlagSet, o *options) {
	fs.BoolVar(&o.follow, "follow", false, "keep printing events as they are logged, one line each, until interrupted (Ctrl-C)"+
		" or, for IVS, until the session ends; the output is a readable line per event unless --output ndjson or text is given")
	fs.DurationVar(&o.pollInterval, "poll-interval", 0, "with --follow, the `duration` between polls (2s for IVS, 5s for CodeCatalyst by default)")
}

// checkFollow checks the options that --follow changes. With --follow the
// end of a CodeCatalyst window is now, its start optional (now by default).
func checkFollow(o *options) error {
	if !o.follow {
		if o.set["poll-interval"] {
			return usagef("--poll-interval needs --follow")
		}
		return nil
	}
	switch {
	case o.pollInterval < 0:
		return usagef("--poll-interval must not be negative, not %v", o.pollInterval)
	case o.endTime != "":
		return usagef("--follow reads until interrupted: it takes no --end-time")
	case o.startingToken != "" || o.noPaginate:
		return usagef("--follow cannot be used with --starting-token or --no-paginate")
	case o.query != "" && !o.set["output"]:
		return usagef("--follow prints readable lines unless --output ndjson or text is given: --query needs one of them")
	case o.set["output"] && o.output != "ndjson" && o.output != "text":
		return usagef("--follow prints one line per event: use --output ndjson or text (or no --output, for readable lines), not %s", o.output)
	}
	return nil
}

// followEnded tells whether a --follow run ended by the user's interrupt,
// which is the normal way to end it: then it succeeds.
func followEnded(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return nil
	}
	return err
}

func followParticipantEvents(ctx context.Context, r *runner, participantID string) error {
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	o := r.opts
	in := ivsrealtime.FollowInput{StageARN: o.stageARN, SessionID: o.sessionID, ParticipantID: participantID}
	seq := c.Follow(ctx, in, func(fo *ivsrealtime.FollowOptions) { fo.PollInterval = o.pollInterval })
	return followEnded(ctx, stream(r, "events", seq, ivsLine))
}

func followEventLogs(ctx context.Context, r *runner) error {
	c, err := r.codeCatalystClient(ctx)
	if err != nil {
		return err
	}
	o := r.opts
	in := codecatalyst.FollowInput{SpaceName: o.spaceName, Since: o.start, EventName: o.eventName}
	seq := c.Follow(ctx, in, func(fo *codecatalyst.FollowOptions) { fo.PollInterval = o.pollInterval })
	return followEnded(ctx, stream(r, "items", seq, eventLogLine))
}

// stream prints each item of seq as it comes: a readable line (line), or
// the ndjson or text output of the listing commands, flushed per item;
// --max-items stops after that many.
func stream[T any](r *runner, key string, seq iter.Seq2[T, error], line func(io.Writer, T)) error {
	var out renderer
	w := bufio.NewWriter(r.stdout)
	if r.opts.set["output"] {
		out = newRenderer(r, key)
	}
	n := 0
	for it, err := range seq {
		if err != nil {
			if out != nil {
				out.finish("", true)
			}
			return err
		}
		if out == nil {
			line(w, it)
			if err := w.Flush(); err != nil {
				return err
			}
		} else {
			v, err := toValue(it)
			if err != nil {
				return err
			}
			if err := out.page([]any{v}); err != nil {
				return err
			}
		}
		if n++; r.opts.maxItems > 0 && n >= r.opts.maxItems {
			break
		}
	}
	if out != nil {
		return out.finish("", false)
	}
	return nil
}

// ivsLine prints an event as a readable line: time, participant, name, and
// what else it has.
func ivsLine(w io.Writer, e ivsrealtime.Event) {
	line := fmt.Sprintf("%s  %-14s %-19s", e.Time.UTC().Format(time.RFC3339), e.ParticipantID, e.Name)
	var more []string
	if e.RemoteParticipantID != "" {
		more = append(more, "remote="+e.RemoteParticipantID)
	}
	if e.ErrorCode != "" {
		more = append(more, fmt.Sprintf("error=%s (%s)", e.ErrorCode, e.ErrorCode.Description()))
	}
	if e.Replica {
		more = append(more, "replica")
	}
	if e.DestinationSessionID != "" {
		more = append(more, "to="+e.DestinationStageARN+"/"+e.DestinationSessionID)
	}
	fmt.Fprintln(w, strings.TrimRight(line+" "+strings.Join(more, " "), " "))
}

// eventLogLine prints an entry as a readable line: time, user, operation
// type, name, project, error.
func eventLogLine(w io.Writer, e codecatalyst.EventLog) {
	user := e.UserIdentity.UserName
	if user == "" {
		user = e.UserIdentity.PrincipalID
	}
	fmt.Fprintf(w, "%s  %-12s %-9s %s", e.EventTime.UTC().Format("2006-01-02T15:04:05.000Z"), user, e.OperationType, e.EventName)
	if p := e.ProjectInformation; p != nil && p.Name != "" {
		fmt.Fprintf(w, " project=%s", p.Name)
	}
	if e.ErrorCode != "" {
		fmt.Fprintf(w, " error=%s", e.ErrorCode)
	}
	fmt.Fprintln(w)
}

// localIVSServer starts the embedded IVS emulator of --local: the demo
// data, and with --follow its demo session played live (localLiveSpeed
// times faster), so that there is something to follow.
func (r *runner) localIVSServer() (*ivsrealtimetest.Server, error) {
	if !r.opts.follow {
		return ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...), emulators.IVSTokenKey()), nil
	}
	seed, replay, err := emulators.Demo().Live(localLiveSpeed)
	if err != nil {
		return nil, err
	}
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(seed.IVSStages()...), emulators.IVSTokenKey())
	r.play(func(ctx context.Context) { replay.Play(ctx, srv, nil) })
	return srv, nil
}

// localCodeCatalystServer starts the embedded CodeCatalyst emulator of
// --local: the demo data, and with --follow the demo space's entries
// logged again, live, localLiveSpeed times faster.
func (r *runner) localCodeCatalystServer() (*codecatalysttest.Server, error) {
	if !r.opts.follow {
		return codecatalysttest.NewServer(codecatalysttest.WithDemo(), emulators.CodeCatalystTokenKey()), nil
	}
	d := emulators.Demo()
	_, replay, err := d.Live(localLiveSpeed)
	if err != nil {
		return nil, err
	}
	srv := codecatalysttest.NewServer(append(d.CodeCatalystOptions(), emulators.CodeCatalystTokenKey())...)
	// The IVS part plays into an emulator nobody reads.
	ivs := ivsrealtimetest.NewServer()
	r.closers = append(r.closers, ivs.Close)
	r.play(func(ctx context.Context) { replay.Play(ctx, ivs, srv) })
	return srv, nil
}

// play runs f until it returns or the run closes.
func (r *runner) play(f func(ctx context.Context)) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(ctx)
	}()
	r.closers = append(r.closers, func() {
		cancel()
		<-done
	})
}
