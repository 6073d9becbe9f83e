package paginate_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/awsevents/awsevents/paginate"
)

// letters is a toy paginated API: the alphabet, three letters a page, with
// the offset of the next page as its token.
func letters(_ context.Context, token string, pageSize int32) ([]string, string, error) {
	const all = "abcdefghij"
	off, _ := strconv.Atoi(token)
	if pageSize == 0 {
		pageSize = 3
	}
	end := min(off+int(pageSize), len(all))
	var page []string
	for _, r := range all[off:end] {
		page = append(page, string(r))
	}
	if end == len(all) {
		return page, "", nil
	}
	return page, strconv.Itoa(end), nil
}

func ExampleItems() {
	for letter, err := range paginate.Items(context.Background(), letters) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Print(letter, " ")
	}
	fmt.Println()
	// Output: a b c d e f g h i j
}

func ExamplePager_Cursor() {
	// The service fails on its third request.
	requests := 0
	flaky := func(ctx context.Context, token string, size int32) ([]string, string, error) {
		if requests++; requests == 3 {
			return nil, "", errors.New("503 Service Unavailable")
		}
		return letters(ctx, token, size)
	}

	p := paginate.New(flaky)
	got, err := paginate.Collect(p.Items(context.Background()))
	fmt.Println(got)
	fmt.Println("error:", err)

	// Later, perhaps in another process: resume exactly where it stopped.
	resumed := paginate.New(letters, func(o *paginate.Options) { o.StartingToken = p.Cursor() })
	rest, err := paginate.Collect(resumed.Items(context.Background()))
	fmt.Println(rest, err)
	// Output:
	// [a b c d e f]
	// error: paginate: page 3 (token "6"): 503 Service Unavailable
	// [g h i j] <nil>
}

func ExampleOptions_maxItems() {
	p := paginate.New(letters, func(o *paginate.Options) { o.MaxItems = 4 })
	items, err := paginate.Collect(p.Items(context.Background()))
	fmt.Println(items, err)

	// Like the AWS CLI's --max-items and --starting-token.
	next, err := paginate.Collect(paginate.Items(context.Background(), letters, func(o *paginate.Options) {
		o.StartingToken = p.Cursor()
		o.MaxItems = 4
	}))
	fmt.Println(next, err)
	// Output:
	// [a b c d] <nil>
	// [e f g h] <nil>
}

func ExampleOptions_prefetch() {
	// With Prefetch, the next page is on its way while the loop body works
	// on this one. Breaking out cancels it.
	seq := paginate.Items(context.Background(), letters, func(o *paginate.Options) { o.Prefetch = 1 })
	for letter, err := range seq {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Print(letter, " ")
		if letter == "e" {
			break
		}
	}
	fmt.Println()
	// Output: a b c d e
}

func ExamplePager_Pages() {
	for page, err := range paginate.New(letters).Pages(context.Background()) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Printf("%q -> %v next %q\n", page.Token, page.Items, page.NextToken)
	}
	// Output:
	// "" -> [a b c] next "3"
	// "3" -> [d e f] next "6"
	// "6" -> [g h i] next "9"
	// "9" -> [j] next ""
}

func ExampleOptions_pageToken() {
	// Start at a token the service returned, as AWS CLI --next-token does
	// (here the nextToken printed after the page "a b c d e f").
	p := paginate.New(letters, func(o *paginate.Options) { o.PageToken = "6" })
	items, err := paginate.Collect(p.Items(context.Background()))
	fmt.Println(items, err)
	// Output: [g h i j] <nil>
}
