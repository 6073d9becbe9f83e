package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// --follow (list-participant-events, session-events, list-event-logs)
// prints events as they are logged until Ctrl-C (exit 130, as every
// command), or, for IVS, until the session ends (exit 0).

// localLiveSpeed is how much faster than real time the embedded emulator
// plays its demo session for --follow --local: its 6 minutes in 36 seconds.
const localLiveSpeed = 10

// followIVS follows a live IVS session (one participant, or all).
func followIVS(ctx context.Context, r *runner, in ivsrealtime.FollowInput) error {
	c, err := r.ivsClient(ctx)
	if err != nil {
		return err
	}
	seq := c.Follow(ctx, in, func(fo *ivsrealtime.FollowOptions) { fo.PollInterval = r.inv.g.follow.pollInterval })
	return stream(r, "events", seq, ivsLine)
}

// followEventLogs follows a CodeCatalyst space.
func followEventLogs(ctx context.Context, r *runner, in codecatalyst.FollowInput) error {
	c, err := r.codeCatalystClient(ctx)
	if err != nil {
		return err
	}
	seq := c.Follow(ctx, in, func(fo *codecatalyst.FollowOptions) { fo.PollInterval = r.inv.g.follow.pollInterval })
	return stream(r, "items", seq, eventLogLine)
}

// stream prints each item of seq as it comes: a readable line (line), or
// the ndjson or text output of the listing commands, flushed per item;
// --max-items stops after that many.
func stream[T any](r *runner, key string, seq iter.Seq2[T, error], line func(io.Writer, T)) error {
	var out renderer
	if r.inv.set["output"] {
		out = r.out.listing(key)
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
			line(r.out.w, it)
			if err := r.out.flush(); err != nil {
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
		if n++; r.inv.g.paging.maxItems > 0 && n >= r.inv.g.paging.maxItems {
			break
		}
	}
	if out != nil {
		return out.finish("", false)
	}
	return nil
}

// ivsLine prints an event as a readable line: time, participant, name, and
// what else it has, every text from the service escaped (format.Escape).
func ivsLine(w io.Writer, e ivsrealtime.Event) {
	esc := format.Escape
	line := fmt.Sprintf("%s  %-14s %-19s", e.Time.UTC().Format(time.RFC3339), esc(e.ParticipantID), esc(string(e.Name)))
	var more []string
	if e.RemoteParticipantID != "" {
		more = append(more, "remote="+esc(e.RemoteParticipantID))
	}
	if e.ErrorCode != "" {
		more = append(more, fmt.Sprintf("error=%s (%s)", esc(string(e.ErrorCode)), esc(e.ErrorCode.Description())))
	}
	if e.Replica {
		more = append(more, "replica")
	}
	if e.DestinationSessionID != "" {
		more = append(more, "to="+esc(e.DestinationStageARN+"/"+e.DestinationSessionID))
	}
	fmt.Fprintln(w, strings.TrimRight(line+" "+strings.Join(more, " "), " "))
}

// eventLogLine prints an entry as a readable line: time, user, operation
// type, name, project, error, every text from the service escaped.
func eventLogLine(w io.Writer, e codecatalyst.EventLog) {
	esc := format.Escape
	user := e.UserIdentity.UserName
	if user == "" {
		user = e.UserIdentity.PrincipalID
	}
	fmt.Fprintf(w, "%s  %-12s %-9s %s", e.EventTime.UTC().Format("2006-01-02T15:04:05.000Z"), esc(user), esc(string(e.OperationType)), esc(e.EventName))
	if p := e.ProjectInformation; p != nil && p.Name != "" {
		fmt.Fprintf(w, " project=%s", esc(p.Name))
	}
	if e.ErrorCode != "" {
		fmt.Fprintf(w, " error=%s", esc(e.ErrorCode))
	}
	fmt.Fprintln(w)
}

// localIVSServer starts the embedded IVS emulator of --local: the demo
// data, and with --follow its demo session played live (localLiveSpeed
// times faster), so that there is something to follow.
func (r *runner) localIVSServer() (*ivsrealtimetest.Server, error) {
	if !r.inv.g.follow.on {
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
	if !r.inv.g.follow.on {
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
