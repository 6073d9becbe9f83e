package timeline_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	iv "github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/timeline"
)

// bigSession generates a session of participants participants and
// events events in all: each joins, publishes, subscribes to others, hits
// errors, leaves and rejoins.
func bigSession(participants, events int) []iv.Event {
	rng := rand.New(rand.NewPCG(7, 11))
	start := time.Date(2023, 4, 26, 20, 0, 0, 0, time.UTC)
	codes := iv.ErrorCode("").Values()
	out := make([]iv.Event, 0, events)
	per := events / participants
	for p := range participants {
		id := fmt.Sprintf("participant%03d", p)
		t := start.Add(time.Duration(p) * time.Second)
		add := func(name iv.EventName, mods ...func(*iv.Event)) {
			e := iv.Event{Name: name, ParticipantID: id, Time: t}
			for _, m := range mods {
				m(&e)
			}
			out = append(out, e)
			t = t.Add(time.Duration(1+rng.IntN(5)) * time.Second)
		}
		for n := 0; n < per; {
			add(iv.EventNameJoined)
			add(iv.EventNamePublishStarted)
			n += 2
			for k := 0; k < 8 && n < per-3; k++ {
				r := fmt.Sprintf("participant%03d", rng.IntN(participants))
				add(iv.EventNameSubscribeStarted, func(e *iv.Event) { e.RemoteParticipantID = r })
				if rng.IntN(4) == 0 {
					c := codes[rng.IntN(len(codes))]
					add(iv.EventNameSubscribeError, func(e *iv.Event) { e.RemoteParticipantID, e.ErrorCode = r, c })
					n++
				}
				add(iv.EventNameSubscribeStopped, func(e *iv.Event) { e.RemoteParticipantID = r })
				n += 2
			}
			add(iv.EventNamePublishStopped)
			add(iv.EventNameLeft)
			n += 2
		}
	}
	out = out[:min(len(out), events)] // the last participant is still there at the end
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// BenchmarkBuildWriteSVG builds and draws a 50-participant session of
// 5,000 events.
func BenchmarkBuildWriteSVG(b *testing.B) {
	events := bigSession(50, 5000)
	if len(events) != 5000 {
		b.Fatalf("generated %d events, want 5,000", len(events))
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := timeline.Build(events).WriteSVG(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
