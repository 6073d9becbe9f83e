package timeline

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"
	"time"

	"github.com/awsevents/awsevents/ivsrealtime"
)

// FuzzBuild feeds Build any sequence of events (names, participants,
// remotes, codes and times from the input, unknown values and zero times
// included): it never panics, loses no event, the pictures are
// well-formed XML and the same for the events in reverse order, and (for
// short inputs) each participant's events of one time are applied in an
// order that contradicts itself least (checkLeast).
func FuzzBuild(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 10, 1, 0, 0, 0, 20})
	f.Add([]byte{3, 1, 2, 5, 1, 3, 1, 2, 5, 1, 6, 1, 0, 0, 9})
	f.Add([]byte("\x0c\x02\x00<&\x00\x00\x01\x00\x00\xff"))
	// Same-second bursts: publishing stopped and started again, left and
	// rejoined at 7 s; a subscription to b started and stopped at 14 s.
	f.Add([]byte{0, 1, 0, 0, 0, 2, 1, 0, 0, 0, 4, 1, 2, 0, 0,
		3, 1, 0, 0, 1, 2, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1,
		5, 1, 2, 0, 2, 4, 1, 2, 0, 2, 1, 1, 0, 0, 3})
	names := ivsrealtime.EventName("").Values()
	codes := ivsrealtime.ErrorCode("").Values()
	ids := []string{"", "a", "b", "c<&>\"", "\xff"}
	f.Fuzz(func(t *testing.T, data []byte) {
		var events []ivsrealtime.Event
		base := time.Date(2023, 4, 26, 20, 30, 0, 0, time.UTC)
		for len(data) >= 5 && len(events) < 200 {
			e := ivsrealtime.Event{ParticipantID: ids[int(data[1])%len(ids)], RemoteParticipantID: ids[int(data[2])%len(ids)]}
			if n := int(data[0]); n < len(names) {
				e.Name = names[n]
			} else {
				e.Name = ivsrealtime.EventName(string(rune('A' + n%26)))
			}
			if c := int(data[3]); c < len(codes) {
				e.ErrorCode = codes[c]
			}
			if data[4] != 255 {
				e.Time = base.Add(time.Duration(data[4]) * 7 * time.Second)
			}
			e.Replica = data[3]&0x80 != 0
			events = append(events, e)
			data = data[5:]
		}
		tl := Build(events)
		// No event is lost: each placeable one has its participant's row,
		// and each unknown or unplaceable one is an oddity.
		rows := map[string]bool{}
		for _, p := range tl.Participants {
			rows[p.ID] = true
			for _, iv := range p.Present {
				if iv.End.Before(iv.Start) || iv.End.After(tl.End) {
					t.Fatalf("bad presence interval %v of %q", iv, p.ID)
				}
			}
		}
		odd := 0
		for _, e := range events {
			switch {
			case e.Time.IsZero() || e.ParticipantID == "" || !e.Name.Known():
				odd++
			case !rows[e.ParticipantID]:
				t.Fatalf("no row for %q", e.ParticipantID)
			}
		}
		if len(rows) > len(events) || len(tl.Oddities) < odd {
			t.Fatalf("%d rows, %d oddities (want at least %d), from %d events", len(rows), len(tl.Oddities), odd, len(events))
		}
		var a, b bytes.Buffer
		if err := tl.WriteSVG(&a); err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(a.Bytes()))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("not well-formed: %v", err)
			}
		}
		rev := make([]ivsrealtime.Event, len(events))
		for i, e := range events {
			rev[len(events)-1-i] = e
		}
		if err := Build(rev).WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatal("the order of the events changed the picture")
		}
		if err := tl.WriteHTML(io.Discard); err != nil {
			t.Fatal(err)
		}
		if len(events) <= 16 {
			checkLeast(t, events, 5)
		}
	})
}
