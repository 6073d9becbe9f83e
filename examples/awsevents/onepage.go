package main

import (
	"fmt"

	"github.com/awsevents/awsevents/paginate"
)

// A one-page run (--max-results, --next-token, --no-paginate) sends one
// request as the AWS CLI sends it: the service's own token
// (paginate.Options.PageToken), and the page size given (--max-results) or
// none (PageSize 0, set explicitly: the service's default applies).

// pageRequest is the one-page request of a listing: the service's own
// nextToken and maxResults, members of the operation's input (AWS CLI
// --next-token and --max-results).
type pageRequest struct {
	nextToken  string
	maxResults int
}

// params declares the two members, maxResults up to maxPage.
func (p *pageRequest) params(maxPage int) []*option {
	return []*option{
		stringOpt(&p.nextToken, "next-token", "nextToken", false,
			"fetch one page, from this `token`: the nextToken the service returned (AWS CLI --next-token; one request, the service's nextToken in the output)"),
		intOpt(&p.maxResults, "max-results", "maxResults", 1, maxPage,
			fmt.Sprintf("fetch one page of at most `n` items (1 to %d; the service's maxResults; one request, the service's nextToken in the output); without it a one-page run sends none and the service's default applies", maxPage)),
	}
}

// options sets the one-page request of p in po: its token, and its page
// size, or none when --max-results was not given.
func (r *runner) onePageOptions(p *pageRequest, po *paginate.Options) {
	po.PageToken = p.nextToken
	po.PageSize = 0 // none sent: the service's default
	if r.inv.set["max-results"] {
		po.PageSize = int32(p.maxResults) // range-checked: 1 to the model's maximum
	}
}
