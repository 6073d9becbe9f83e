package paginate_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// call is one request a test source saw.
type call struct {
	Token    string
	PageSize int32
}

// layout is a service whose pages are fixed in advance, whatever page size is
// asked for: page i is fetched with token "t<i>" ("" for the first) and
// points to "t<i+1>". It counts requests and can fail chosen ones.
type layout struct {
	pages [][]int

	mu       sync.Mutex
	calls    []call
	failAt   map[int]error // request number (1-based) -> error to return
	nextOf   map[int]string
	inflight atomic.Int32
	peak     atomic.Int32
	block    chan struct{} // when set, each fetch waits on it (or ctx)
}

func newLayout(pages ...[]int) *layout {
	return &layout{pages: pages, failAt: map[int]error{}, nextOf: map[int]string{}}
}

// items returns every item of the layout, in order.
func (l *layout) items() []int {
	var all []int
	for _, p := range l.pages {
		all = append(all, p...)
	}
	return all
}

func (l *layout) requests() []call {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]call(nil), l.calls...)
}

func (l *layout) fetch(ctx context.Context, token string, size int32) ([]int, string, error) {
	n := l.inflight.Add(1)
	defer l.inflight.Add(-1)
	for {
		p := l.peak.Load()
		if n <= p || l.peak.CompareAndSwap(p, n) {
			break
		}
	}
	l.mu.Lock()
	l.calls = append(l.calls, call{token, size})
	req := len(l.calls)
	err := l.failAt[req]
	l.mu.Unlock()
	if l.block != nil {
		select {
		case <-l.block:
		case <-ctx.Done():
			return nil, "", fmt.Errorf("fetch: %w", ctx.Err())
		}
	}
	if err != nil {
		return nil, "", err
	}
	i := 0
	if token != "" {
		v, perr := strconv.Atoi(token[1:])
		if token[0] != 't' || perr != nil || v >= len(l.pages) {
			return nil, "", errors.New("bad token")
		}
		i = v
	}
	next := ""
	if i+1 < len(l.pages) {
		next = "t" + strconv.Itoa(i+1)
	}
	if override, ok := l.nextOf[i]; ok {
		next = override
	}
	return l.pages[i], next, nil
}

// sized is a service of n items (0..n-1) that honours the page size
// (default 5) and uses the offset as its token, like most AWS services.
type sized struct {
	n     int
	mu    sync.Mutex
	calls []call
}

func (s *sized) fetch(_ context.Context, token string, size int32) ([]int, string, error) {
	s.mu.Lock()
	s.calls = append(s.calls, call{token, size})
	s.mu.Unlock()
	off := 0
	if token != "" {
		var err error
		if off, err = strconv.Atoi(token); err != nil {
			return nil, "", err
		}
	}
	if size == 0 {
		size = 5
	}
	end := min(off+int(size), s.n)
	items := make([]int, 0, end-off)
	for i := off; i < end; i++ {
		items = append(items, i)
	}
	next := ""
	if end < s.n {
		next = strconv.Itoa(end)
	}
	return items, next, nil
}

func (s *sized) requests() []call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]call(nil), s.calls...)
}

func seq(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}
