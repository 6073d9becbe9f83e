package main

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/ivsrealtime"
)

// A one-page run (--max-results, --next-token, --no-paginate) sends one
// request as the AWS CLI sends it: the service's own token, and the page
// size given (--max-results) or none, so that the service's default
// applies. The library's pager sends its own page size and starts from
// its own cursors, which is right for auto-pagination only, so until
// paginate.Options has a raw page token (PageToken) and a way to send no
// maxResults (PageSize 0 set by the caller), this file wraps the SDK
// client so that its first request carries the page request. Everything
// about it is here: with those options, pageRequest.options replaces the
// wrappers (pageOptions sets PageToken = nextToken and PageSize =
// maxResults for a one-page run) and ivsAPI and codeCatalystAPI return the
// SDK client as it is.

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

// firstPage returns the first request's token and page size (nil: none sent).
func (r *runner) firstPage(p *pageRequest) onePage {
	var op onePage
	if p == nil {
		return op
	}
	if p.nextToken != "" {
		op.token = aws.String(p.nextToken)
	}
	if r.inv.set["max-results"] {
		op.maxResults = aws.Int32(int32(p.maxResults)) // range-checked: 1 to the model's maximum
	}
	return op
}

// ivsAPI is the SDK client as the library's API for the run.
func (r *runner) ivsAPI(api *sdkivs.Client, p *pageRequest) ivsrealtime.API {
	if !r.inv.onePage() {
		return api
	}
	return ivsOnePage{api, r.firstPage(p)}
}

// codeCatalystAPI is the SDK client as the library's API for the run.
func (r *runner) codeCatalystAPI(api *sdkcc.Client, p *pageRequest) codecatalyst.API {
	if !r.inv.onePage() {
		return api
	}
	return ccOnePage{api, r.firstPage(p)}
}

type onePage struct {
	token      *string
	maxResults *int32
}

// apply sets the request's token (on the first request only: that is the
// one without a token of its own) and its page size.
func (p onePage) apply(token **string, maxResults **int32) {
	if *token == nil {
		*token = p.token
	}
	*maxResults = p.maxResults
}

// ivsOnePage is the SDK's IVS client with the request of a one-page run.
type ivsOnePage struct {
	api  ivsrealtime.API
	page onePage
}

func (c ivsOnePage) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	cp := *in
	c.page.apply(&cp.NextToken, &cp.MaxResults)
	return c.api.ListParticipantEvents(ctx, &cp, optFns...)
}

func (c ivsOnePage) ListStageSessions(ctx context.Context, in *sdkivs.ListStageSessionsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error) {
	cp := *in
	c.page.apply(&cp.NextToken, &cp.MaxResults)
	return c.api.ListStageSessions(ctx, &cp, optFns...)
}

func (c ivsOnePage) ListParticipants(ctx context.Context, in *sdkivs.ListParticipantsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error) {
	cp := *in
	c.page.apply(&cp.NextToken, &cp.MaxResults)
	return c.api.ListParticipants(ctx, &cp, optFns...)
}

// ccOnePage is the SDK's CodeCatalyst client with the request of a
// one-page run.
type ccOnePage struct {
	api  codecatalyst.API
	page onePage
}

func (c ccOnePage) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	cp := *in
	c.page.apply(&cp.NextToken, &cp.MaxResults)
	return c.api.ListEventLogs(ctx, &cp, optFns...)
}
