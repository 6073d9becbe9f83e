package main

import (
	"context"
	"fmt"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
	"github.com/awsevents/awsevents/paginate"
)

// pageOptions returns the paging options of the command line, with a
// progress line on stderr when it is a terminal. page is the command's
// one-page request (nil for a command without one). Without --page-size,
// the library's default applies: the model's largest page.
func (r *runner) pageOptions(noun string, page *pageRequest) func(*paginate.Options) {
	p := r.inv.g.paging
	return func(po *paginate.Options) {
		if r.inv.set["page-size"] {
			po.PageSize = int32(p.pageSize) // range-checked: 1 to the model's maximum
		}
		if page != nil && r.inv.onePage() {
			r.onePageOptions(page, po)
		}
		po.MaxItems = p.maxItems
		po.StartingToken = p.startingToken
		if r.env.terminal {
			po.OnPage = func(p paginate.Progress) {
				rate := float64(p.Items) / max(p.Elapsed.Seconds(), 1e-3)
				// Numbers and the tool's own words only: nothing to escape.
				fmt.Fprintf(r.stderr, "\r\033[K%d pages, %d %s, %.0f %s/s", p.Pages, p.Items, noun, rate, noun)
				r.progress = true
			}
		}
	}
}

// endProgress ends the progress line, if one was shown.
func (r *runner) endProgress() {
	if r.progress {
		fmt.Fprintln(r.stderr)
		r.progress = false
	}
}

// list prints the items of pager in the output format of the command
// line, page by page, under key. After an interrupt or a failure it sets
// r.resume to the cursor of the first item not printed.
func list[T any](ctx context.Context, r *runner, key string, pager *paginate.Pager[T]) error {
	defer r.endProgress()
	if r.inv.onePage() {
		return listPage(ctx, r, key, pager)
	}
	out := r.out.listing(key)
	printed := 0
	for p, err := range pager.Pages(ctx) {
		if err != nil {
			if printed > 0 || ctx.Err() != nil {
				r.resume = pager.Cursor()
			}
			r.endProgress()
			if ferr := out.finish(r.resume, true); ferr != nil {
				return ferr
			}
			return err
		}
		vals, err := toValues(p.Items)
		if err != nil {
			return err
		}
		if err := out.page(vals); err != nil {
			return err
		}
		printed += len(p.Items)
	}
	r.endProgress()
	next := ""
	if r.inv.g.paging.maxItems > 0 {
		next = pager.Cursor()
	}
	return out.finish(next, false)
}

// listPage prints the first page of pager as the service sent it, its
// nextToken included: the client was built for a one-page run (see
// onepage.go), so that request carries --next-token and --max-results as
// given (and no maxResults without --max-results, so that the service's
// default applies, as with the AWS CLI).
func listPage[T any](ctx context.Context, r *runner, key string, pager *paginate.Pager[T]) error {
	for p, err := range pager.Pages(ctx) {
		if err != nil {
			return err
		}
		items, err := toValues(p.Items)
		if err != nil {
			return err
		}
		doc := format.Object{{Key: key, Value: items}}
		if p.NextToken != "" {
			doc = append(doc, format.Field{Key: "nextToken", Value: p.NextToken})
			if r.inv.cmd.tokenFirst {
				doc[0], doc[1] = doc[1], doc[0]
			}
		}
		r.endProgress()
		return r.out.page(doc)
	}
	return r.out.page(format.Object{{Key: key, Value: []any{}}})
}
