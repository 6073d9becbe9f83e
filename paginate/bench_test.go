package paginate_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/awsevents/awsevents/paginate"
)

// benchSource returns a Fetch over pages of 100 preallocated items, so that
// the benchmark measures the engine, not the source.
func benchSource(pages int) paginate.Fetch[int] {
	page := make([]int, 100)
	tokens := make([]string, pages+1)
	for i := 1; i < pages; i++ {
		tokens[i] = strconv.Itoa(i)
	}
	index := make(map[string]int, pages)
	for i, t := range tokens[:pages] {
		index[t] = i
	}
	return func(_ context.Context, token string, _ int32) ([]int, string, error) {
		return page, tokens[index[token]+1], nil
	}
}

// BenchmarkEngine measures the engine's own cost per item (b.N items) with
// a trivial Fetch: the hand-written loop it replaces, then paginate with
// prefetch off and on. allocs/op is per item: it rounds to 0 when the
// steady state allocates nothing per item.
func BenchmarkEngine(b *testing.B) {
	ctx := context.Background()
	pages := func(n int) int { return n/100 + 1 }

	b.Run("handwritten", func(b *testing.B) {
		fetch := benchSource(pages(b.N))
		b.ReportAllocs()
		b.ResetTimer()
		n, token := 0, ""
		for n < b.N {
			items, next, err := fetch(ctx, token, 0)
			if err != nil {
				b.Fatal(err)
			}
			for range items {
				if n++; n == b.N {
					break
				}
			}
			token = next
		}
	})
	for _, pf := range []int{0, 2} {
		b.Run("paginate/prefetch="+strconv.Itoa(pf), func(b *testing.B) {
			fetch := benchSource(pages(b.N))
			b.ReportAllocs()
			b.ResetTimer()
			n := 0
			for _, err := range paginate.Items(ctx, fetch, func(o *paginate.Options) { o.Prefetch = pf; o.MaxItems = b.N }) {
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != b.N {
				b.Fatalf("got %d items, want %d", n, b.N)
			}
		})
	}
}
