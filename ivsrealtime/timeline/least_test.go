package timeline

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// checkLeast checks that Build applies each participant's events of one
// time in an order that contradicts itself least: from the state Build
// reached before them, no order of them makes fewer oddities (tried by
// brute force for groups of at most maxGroup events). It also checks that
// Build reports exactly the oddities of those orders.
func checkLeast(t testing.TB, events []ivsrealtime.Event, maxGroup int) {
	t.Helper()
	var sorted []ivsrealtime.Event
	total := 0
	for _, e := range events {
		if e.Time.IsZero() || e.ParticipantID == "" {
			total++
			continue
		}
		sorted = append(sorted, e)
	}
	slices.SortFunc(sorted, func(a, b ivsrealtime.Event) int {
		return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.ParticipantID, b.ParticipantID), compareEvents(a, b))
	})
	builders := map[string]*builder{}
	applied := map[string][]ivsrealtime.Event{} // what each builder applied, in order
	for i := 0; i < len(sorted); {
		id, at := sorted[i].ParticipantID, sorted[i].Time
		j := i + 1
		for j < len(sorted) && sorted[j].ParticipantID == id && sorted[j].Time.Equal(at) {
			j++
		}
		group := sorted[i:j]
		i = j
		b := builders[id]
		if b == nil {
			b = newBuilder(id, at)
			builders[id] = b
		}
		before := applied[id]
		got := 0
		b.applyGroup(group, func(e ivsrealtime.Event) {
			applied[id] = append(applied[id], e)
			if kind, _ := b.apply(e); kind != "" {
				got++
			}
		})
		require.Len(t, applied[id], len(before)+len(group), "applyGroup applies each event once")
		total += got
		if len(group) > maxGroup {
			continue
		}
		least := len(group) + 1
		permutations(slices.Clone(group), func(order []ivsrealtime.Event) {
			replay := newBuilder(id, at)
			for _, e := range before {
				replay.apply(e)
			}
			n := 0
			for _, e := range order {
				if kind, _ := replay.apply(e); kind != "" {
					n++
				}
			}
			least = min(least, n)
		})
		if got != least {
			t.Fatalf("the events of %s at %s: %d oddities, while an order of them makes %d\nbefore: %v\ngroup: %v",
				id, at, got, least, names(before), names(group))
		}
	}
	require.Len(t, Build(events).Oddities, total, "Build reports the oddities of the order it applies")
}

// permutations calls f with every order of s (Heap's algorithm; f must not
// keep s).
func permutations(s []ivsrealtime.Event, f func([]ivsrealtime.Event)) {
	var gen func(k int)
	gen = func(k int) {
		if k <= 1 {
			f(s)
			return
		}
		for i := range k - 1 {
			gen(k - 1)
			if k%2 == 0 {
				s[i], s[k-1] = s[k-1], s[i]
			} else {
				s[0], s[k-1] = s[k-1], s[0]
			}
		}
		gen(k - 1)
	}
	gen(len(s))
}

func names(events []ivsrealtime.Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = string(e.Name)
		if e.RemoteParticipantID != "" {
			out[i] += "/" + e.RemoteParticipantID
		}
		if e.DestinationStageARN != "" {
			out[i] += "/" + e.DestinationStageARN
		}
	}
	return out
}

func TestPermutations(t *testing.T) {
	seen := map[string]bool{}
	s := []ivsrealtime.Event{{Name: "A"}, {Name: "B"}, {Name: "C"}, {Name: "D"}}
	permutations(s, func(p []ivsrealtime.Event) { seen[string(p[0].Name+p[1].Name+p[2].Name+p[3].Name)] = true })
	require.Len(t, seen, 24)
}

// Within one time, Build applies a participant's events in an order that
// contradicts itself least, whatever came before: random sessions of one
// or two participants over two or three seconds, with every event name,
// two remote participants and two replication destinations, so that
// seconds hold restarts, rejoins, errors and contradictions of every kind.
func TestBuildSameTimeContradictsLeast(t *testing.T) {
	base := time.Date(2023, 4, 26, 20, 0, 0, 0, time.UTC)
	all := ivsrealtime.EventName("").Values()
	// Mostly one lane (publishing) with rejoins: where the counting matters.
	focused := []ivsrealtime.EventName{
		ivsrealtime.EventNameJoined, ivsrealtime.EventNameLeft,
		ivsrealtime.EventNamePublishStarted, ivsrealtime.EventNamePublishStopped, ivsrealtime.EventNamePublishError,
		ivsrealtime.EventNamePublishStarted, ivsrealtime.EventNamePublishStopped, ivsrealtime.EventNameSubscribeStarted,
	}
	rng := rand.New(rand.NewPCG(20, 1))
	runs := 3000
	if testing.Short() {
		runs = 300
	}
	for run := range runs {
		names := all
		if run%2 == 1 {
			names = focused
		}
		seconds, participants := 2+rng.IntN(2), 1+rng.IntN(2)
		var events []ivsrealtime.Event
		for range 1 + rng.IntN(12) {
			e := ivsrealtime.Event{
				Name:                names[rng.IntN(len(names))],
				ParticipantID:       []string{"a", "b"}[rng.IntN(participants)],
				Time:                base.Add(time.Duration(rng.IntN(seconds)) * time.Second),
				RemoteParticipantID: []string{"b", "c"}[rng.IntN(2)],
			}
			if e.Name == ivsrealtime.EventNameReplicationStarted || e.Name == ivsrealtime.EventNameReplicationStopped {
				e.DestinationStageARN = []string{"stage1", "stage2"}[rng.IntN(2)]
			}
			events = append(events, e)
		}
		checkLeast(t, events, 6)
	}
}
