package paginate_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/awsevents/awsevents/paginate"
)

// benchToken returns the page token of page n of list key: 120 characters,
// a distinct prefix followed by pseudo-random base64 text, like the opaque
// tokens AWS services return (so that it compresses no better than theirs).
func benchToken(key string, n int) string { return filler(key+strconv.Itoa(n), 120) }

// filler returns prefix followed by pseudo-random base64 text drawn from
// it, n characters in all.
func filler(prefix string, n int) string {
	seed := uint64(0)
	for _, c := range prefix {
		seed = seed*31 + uint64(c)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var b strings.Builder
	b.WriteString(prefix)
	for b.Len() < n {
		b.WriteByte(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// endless returns an endless list of pages of per items: item k of the list
// is -(k*stride + rank), so that lists of ranks 0..stride-1 merged newest
// (largest) first take turns.
func endless(key string, rank, stride, per int) paginate.Fetch[int] {
	tokens := map[string]int{}
	return func(_ context.Context, token string, _ int32) ([]int, string, error) {
		n := 0
		if token != "" {
			var ok bool
			if n, ok = tokens[token]; !ok {
				return nil, "", fmt.Errorf("unknown token %q", token)
			}
		}
		page := make([]int, per)
		for i := range page {
			page[i] = -((n*per+i)*stride + rank)
		}
		next := benchToken(key, n+1)
		tokens[next] = n + 1
		return page, next, nil
	}
}

var benchListing = func(o *paginate.Options) {
	o.Listing = paginate.Listing{Operation: "ivsrealtime.ListParticipantEvents", Params: []paginate.Param{
		{Name: "stageArn", Value: "arn:aws:ivs:us-east-1:123456789012:stage/abcdEFGH1234"},
		{Name: "sessionId", Value: "st-1234567890abc"},
		{Name: "participantId", Value: "p1"},
	}}
}

var cursorSink string

// BenchmarkCursor measures Pager.Cursor where a program checkpoints after
// every item: each op takes one item and the cursor after it, so that the
// position has always changed since the last call. Default options, a
// Listing like the services set, and 120-character page tokens. "single"
// reads one list; "merge100" merges 100 lists newest first, taking turns.
// Timing starts once every list is past its first page, so that every
// position holds a token: the cursor holds 100 positions. Taking an
// item alone costs tens of nanoseconds (BenchmarkEngine): the rest is the
// cursor.
func BenchmarkCursor(b *testing.B) {
	run := func(b *testing.B, p *paginate.Pager[int], warm int) {
		b.ReportAllocs()
		n := 0
		for _, err := range p.Items(context.Background()) {
			if err != nil {
				b.Fatal(err)
			}
			if n++; n <= warm {
				if n == warm {
					cursorSink = p.Cursor() // what the range keeps for its cursors
					b.ResetTimer()
				}
				continue
			}
			cursorSink = p.Cursor()
			if n == warm+b.N {
				break
			}
		}
		b.StopTimer()
		b.ReportMetric(float64(len(cursorSink)), "chars")
	}
	b.Run("single", func(b *testing.B) {
		run(b, paginate.New(endless("p1", 0, 1, 100), benchListing), 100)
	})
	b.Run("merge100", func(b *testing.B) {
		lists := make([]paginate.List[int], 100)
		for i := range lists {
			key := fmt.Sprintf("participant%03d", i)
			lists[i] = paginate.List[int]{Key: key, Fetch: endless(key, i, len(lists), 100)}
		}
		newestFirst := func(a, b int) int { return b - a }
		p := paginate.Merge(func(context.Context) ([]paginate.List[int], error) { return lists, nil }, newestFirst, benchListing)
		run(b, p, 100*len(lists))
	})
}
