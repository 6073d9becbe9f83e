package paginate_test

import (
	"cmp"
	"context"
	"fmt"
	"strconv"

	"github.com/awsevents/awsevents/paginate"
)

// countdown returns a list of the numbers from n down to 1, two a page.
func countdown(n int) paginate.Fetch[int] {
	return func(_ context.Context, token string, _ int32) ([]int, string, error) {
		from := n
		if token != "" {
			from, _ = strconv.Atoi(token)
		}
		var page []int
		for v := from; v > 0 && len(page) < 2; v-- {
			page = append(page, v)
		}
		next := ""
		if rest := from - len(page); rest > 0 {
			next = strconv.Itoa(rest)
		}
		return page, next, nil
	}
}

// Merge combines lists sorted newest (here: largest) first into one sorted
// sequence, fetching them at once; ties come by list Key.
func ExampleMerge() {
	lists := func(context.Context) ([]paginate.List[int], error) {
		return []paginate.List[int]{
			{Key: "alice", Fetch: countdown(5)},
			{Key: "bob", Fetch: countdown(3)},
		}, nil
	}
	newestFirst := func(a, b int) int { return cmp.Compare(b, a) }
	p := paginate.Merge(lists, newestFirst, func(o *paginate.Options) { o.MaxItems = 4 })
	first, err := paginate.Collect(p.Items(context.Background()))
	fmt.Println(first, err)

	// One cursor resumes the whole merge.
	rest, err := paginate.Collect(paginate.Merge(lists, newestFirst, func(o *paginate.Options) { o.StartingToken = p.Cursor() }).Items(context.Background()))
	fmt.Println(rest, err)
	// Output:
	// [5 4 3 3] <nil>
	// [2 2 1 1] <nil>
}

// Concat reads lists one after the other, fetching the next ones while the
// caller works on the current one.
func ExampleConcat() {
	windows := []paginate.List[int]{
		{Key: "first half", Fetch: countdown(3)},
		{Key: "second half", Fetch: countdown(2)},
	}
	all, err := paginate.Collect(paginate.Concat(windows, func(o *paginate.Options) { o.Concurrency = 2 }).Items(context.Background()))
	fmt.Println(all, err)
	// Output: [3 2 1 2 1] <nil>
}

// Every page carries the cursor right after it: a program that saves it
// after each page resumes after the last page it saved. A fan-out page's
// Token and NextToken are "" (no service token names it).
func ExamplePage_cursor() {
	lists := func(context.Context) ([]paginate.List[int], error) {
		return []paginate.List[int]{
			{Key: "alice", Fetch: countdown(5)},
			{Key: "bob", Fetch: countdown(3)},
		}, nil
	}
	newestFirst := func(a, b int) int { return cmp.Compare(b, a) }
	saved := ""
	for page, err := range paginate.Merge(lists, newestFirst).Pages(context.Background()) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(page.Items)
		saved = page.Cursor
		break // the program stops here
	}

	rest, err := paginate.Collect(paginate.Merge(lists, newestFirst, func(o *paginate.Options) { o.StartingToken = saved }).Items(context.Background()))
	fmt.Println(rest, err)
	// Output:
	// [5 4]
	// [3 3 2 2 1 1] <nil>
}
