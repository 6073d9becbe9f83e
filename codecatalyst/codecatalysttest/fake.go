package codecatalysttest

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/aws/smithy-go"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/internal/poll"
)

// Fake is an in-memory codecatalyst.API: it answers ListEventLogs from its
// Store, with the validation, page tokens and faults of the [Server], and
// returns the SDK's error types as the SDK client would (without the SDK's
// retries and without HTTP). It is safe for concurrent use.
type Fake struct {
	*Store
}

var _ codecatalyst.API = (*Fake)(nil)

// NewFake returns a Fake over a new Store, set up by opts.
func NewFake(opts ...Option) *Fake {
	return &Fake{Store: newStore(opts)}
}

// ListEventLogs implements codecatalyst.API.
func (f *Fake) ListEventLogs(ctx context.Context, params *sdkcc.ListEventLogsInput, _ ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	if params == nil {
		params = &sdkcc.ListEventLogsInput{}
	}
	// What the SDK client checks before it sends anything.
	invalid := smithy.InvalidParamsError{Context: "ListEventLogsInput"}
	if params.SpaceName == nil {
		invalid.Add(smithy.NewErrParamRequired("SpaceName"))
	}
	if params.StartTime == nil {
		invalid.Add(smithy.NewErrParamRequired("StartTime"))
	}
	if params.EndTime == nil {
		invalid.Add(smithy.NewErrParamRequired("EndTime"))
	}
	if invalid.Len() > 0 {
		return nil, invalid
	}
	req := listRequest{
		Space:      *params.SpaceName,
		StartTime:  params.StartTime,
		EndTime:    params.EndTime,
		EventName:  params.EventName,
		MaxResults: params.MaxResults,
		NextToken:  params.NextToken,
	}
	// The wire carries milliseconds.
	start, end := params.StartTime.UTC().Truncate(time.Millisecond), params.EndTime.UTC().Truncate(time.Millisecond)
	req.StartTime, req.EndTime = &start, &end

	flt, latency := f.begin()
	logReq := logged(req, true)
	defer func() { f.end(logReq) }()
	if err := poll.Sleep(ctx, latency); err != nil {
		logReq.Status = 499
		return nil, err
	}
	logReq.Fault = flt.name()
	switch flt {
	case faultThrottle:
		logReq.Status = http.StatusTooManyRequests
		return nil, &types.ThrottlingException{Message: aws.String("Rate exceeded")}
	case faultServer:
		logReq.Status = http.StatusInternalServerError
		return nil, &smithy.GenericAPIError{Code: "InternalServerException", Message: "injected server error", Fault: smithy.FaultServer}
	}
	items, next, apiErr := f.list(req)
	if apiErr != nil {
		logReq.Status = apiErr.Status
		return nil, apiErr.sdkError()
	}
	logReq.Status = http.StatusOK
	if f.takeMalformed() {
		logReq.Fault = faultNameMalformed
		return nil, &smithy.DeserializationError{Err: errors.New("injected malformed response body")}
	}
	next, repeated := f.repeatToken(req.NextToken, next)
	if repeated {
		logReq.Fault = faultNameRepeat
	}
	logReq.Entries = len(items)
	out := &sdkcc.ListEventLogsOutput{Items: make([]types.EventLogEntry, len(items))}
	for i, e := range items {
		out.Items[i] = toSDK(e)
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}

// sdkError is the error the SDK client returns for e.
func (e *apiError) sdkError() error {
	msg := aws.String(e.Message)
	switch e.Code {
	case "ValidationException":
		return &types.ValidationException{Message: msg}
	case "AccessDeniedException":
		return &types.AccessDeniedException{Message: msg}
	case "ResourceNotFoundException":
		return &types.ResourceNotFoundException{Message: msg}
	case "ThrottlingException":
		return &types.ThrottlingException{Message: msg}
	case "ConflictException":
		return &types.ConflictException{Message: msg}
	case "ServiceQuotaExceededException":
		return &types.ServiceQuotaExceededException{Message: msg}
	}
	fault := smithy.FaultClient
	if e.Status >= 500 {
		fault = smithy.FaultServer
	}
	return &smithy.GenericAPIError{Code: e.Code, Message: e.Message, Fault: fault}
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// toSDK converts an entry to the SDK's type, as the SDK would decode it from
// the Server's reply: optional empty strings are absent.
func toSDK(e codecatalyst.EventLog) types.EventLogEntry {
	out := types.EventLogEntry{
		Id:            aws.String(e.ID),
		EventName:     aws.String(e.EventName),
		EventType:     aws.String(e.EventType),
		EventCategory: aws.String(e.EventCategory),
		EventSource:   aws.String(e.EventSource),
		EventTime:     aws.Time(e.EventTime),
		OperationType: types.OperationType(e.OperationType),
		UserIdentity: &types.UserIdentity{
			UserType:     types.UserType(e.UserIdentity.UserType),
			PrincipalId:  aws.String(e.UserIdentity.PrincipalID),
			UserName:     optString(e.UserIdentity.UserName),
			AwsAccountId: optString(e.UserIdentity.AWSAccountID),
		},
		RequestId:       optString(e.RequestID),
		ErrorCode:       optString(e.ErrorCode),
		SourceIpAddress: optString(e.SourceIPAddress),
		UserAgent:       optString(e.UserAgent),
	}
	if p := e.ProjectInformation; p != nil {
		out.ProjectInformation = &types.ProjectInformation{Name: optString(p.Name), ProjectId: optString(p.ProjectID)}
	}
	if p := e.RequestPayload; p != nil {
		out.RequestPayload = &types.EventPayload{ContentType: optString(p.ContentType), Data: optString(p.Data)}
	}
	if p := e.ResponsePayload; p != nil {
		out.ResponsePayload = &types.EventPayload{ContentType: optString(p.ContentType), Data: optString(p.Data)}
	}
	return out
}
