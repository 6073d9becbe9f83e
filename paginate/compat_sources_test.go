package paginate_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/awsevents/awsevents/paginate"
)

// longTokens is a list of n items, item k being base-k*step, that honours
// the page size (5 when 0) and whose page tokens are 200 characters: the
// key and the offset, then pseudo-random base64 text, like AWS's opaque
// tokens. The cursors in testdata/previous-release-cursors.txt were made
// over these lists by the previous release.
func longTokens(key string, n, base, step int) paginate.Fetch[int] {
	return func(_ context.Context, token string, size int32) ([]int, string, error) {
		off := 0
		if token != "" {
			parts := strings.SplitN(token, ".", 3)
			v, err := strconv.Atoi(parts[min(1, len(parts)-1)])
			if len(parts) != 3 || parts[0] != key || err != nil || v > n {
				return nil, "", fmt.Errorf("bad token %q", token)
			}
			off = v
		}
		if size == 0 {
			size = 5
		}
		end := min(off+int(size), n)
		page := make([]int, 0, end-off)
		for k := off; k < end; k++ {
			page = append(page, base-k*step)
		}
		next := ""
		if end < n {
			next = longToken(key, end)
		}
		return page, next, nil
	}
}

func longToken(key string, off int) string {
	return filler(key+"."+strconv.Itoa(off)+".", 200)
}

// compatReads are the reads whose cursors the previous release printed
// (testdata/previous-release-cursors.txt): each is read up to MaxItems
// there, and resumed here.
var compatReads = map[string]struct {
	pager func(opts ...func(*paginate.Options)) *paginate.Pager[int]
	max   int
}{
	"single-plain": {func(opts ...func(*paginate.Options)) *paginate.Pager[int] {
		return paginate.New(longTokens("s", 20, 100, 1), append(opts, pageSize(7))...)
	}, 10},
	"single-listing": {func(opts ...func(*paginate.Options)) *paginate.Pager[int] {
		return paginate.New(longTokens("s", 30, 100, 1), append(opts, pageSize(4), benchListing)...)
	}, 9},
	"concat": {func(opts ...func(*paginate.Options)) *paginate.Pager[int] {
		lists := []paginate.List[int]{
			{Key: "w1", Fetch: longTokens("w1", 5, 100, 1)},
			{Key: "w2", Fetch: longTokens("w2", 5, 90, 1)},
			{Key: "w3", Fetch: longTokens("w3", 5, 80, 1)},
		}
		return paginate.Concat(lists, append(opts, pageSize(2), benchListing)...)
	}, 7},
	"merge": {func(opts ...func(*paginate.Options)) *paginate.Pager[int] {
		return paginate.Merge(compatLists(map[string][2]int{"a": {12, 0}, "b": {12, 1}, "c": {12, 2}, "d": {3, 0}}), desc, append(opts, pageSize(2), benchListing)...)
	}, 20},
	"merge-zero-listing": {func(opts ...func(*paginate.Options)) *paginate.Pager[int] {
		return paginate.Merge(compatLists(map[string][2]int{"a": {1, 0}, "b": {10, 1}}), desc, opts...)
	}, 5},
}

// compatLists lists, per key, n items that take turns with the other lists
// (list of rank r holds 1000-k*4-r).
func compatLists(spec map[string][2]int) func(context.Context) ([]paginate.List[int], error) {
	return func(context.Context) ([]paginate.List[int], error) {
		var lists []paginate.List[int]
		for key, s := range spec {
			lists = append(lists, paginate.List[int]{Key: key, Fetch: longTokens(key, s[0], 1000-s[1], 4)})
		}
		return lists, nil
	}
}
