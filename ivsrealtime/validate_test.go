package ivsrealtime_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/internal/wiretest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// modelCase is one value of one request member of the three operations,
// with what the service model says of it (IVS Real-Time API reference) and
// what the library says of it.
type modelCase struct {
	op     string // ListParticipantEvents, ListStageSessions or ListParticipants
	member string // the member on the wire
	field  string // the library's field; "" when the library has none (nextToken)
	value  string
	model  bool // the model accepts the value
	lib    bool // the library accepts the value
}

func (c modelCase) String() string {
	v := c.value
	if len(v) > 24 {
		v = fmt.Sprintf("%s...(%d characters)", v[:16], len([]rune(c.value)))
	}
	return fmt.Sprintf("%s/%s=%q", c.op, c.member, v)
}

const arnPrefix = "arn:aws:ivs:us-west-2:123456789012:stage/"

// modelCases are the edges of every constraint of every member: fixed and
// minimum and maximum lengths, patterns and enums. Both agree except where
// the Go zero value means "not set" (a required member sent empty).
func modelCases() []modelCase {
	var cs []modelCase
	add := func(ops []string, member, field string, model, lib bool, values ...string) {
		for _, op := range ops {
			for _, v := range values {
				cs = append(cs, modelCase{op, member, field, v, model, lib})
			}
		}
	}
	all := []string{"ListParticipantEvents", "ListStageSessions", "ListParticipants"}
	withSession := []string{"ListParticipantEvents", "ListParticipants"}
	events := []string{"ListParticipantEvents"}
	participants := []string{"ListParticipants"}

	// stageArn: 1 to 128 characters, ^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$.
	add(all, "stageArn", "StageARN", true, true,
		ivsrealtimetest.DemoStageARN,
		arnPrefix+"a",
		arnPrefix+strings.Repeat("a", 128-len(arnPrefix)), // 128
		"arn:aws:ivs:eu-central-1:1:stage/A-b-9",
	)
	add(all, "stageArn", "StageARN", false, false,
		"",
		arnPrefix+strings.Repeat("a", 129-len(arnPrefix)), // 129
		"arn:aws:ivs:us-west-2:123456789012:channel/abc",
		"arn:aws-cn:ivs:cn-north-1:123456789012:stage/abc",
		"arn:aws:s3:us-west-2:123456789012:stage/abc",
		"arn:aws:ivs:US-WEST-2:123456789012:stage/abc",
		"arn:aws:ivs::123456789012:stage/abc",
		"arn:aws:ivs:us-west-2:12345678901a:stage/abc",
		"arn:aws:ivs:us-west-2::stage/abc",
		"arn:aws:ivs:us-west-2:123456789012:stage/",
		"arn:aws:ivs:us-west-2:123456789012:stage/ab_c",
		"arn:aws:ivs:us-west-2:123456789012:stage/abc\n",
		" "+ivsrealtimetest.DemoStageARN,
		"stage/abc",
	)
	// sessionId: exactly 16 characters, ^st-[a-zA-Z0-9]+$.
	add(withSession, "sessionId", "SessionID", true, true,
		ivsrealtimetest.DemoSessionID,
		"st-ABCDEFGHIJ012",
		"st-0000000000000",
	)
	add(withSession, "sessionId", "SessionID", false, false,
		"",
		"st-abc",                // the example: 6 characters
		"st-a1b2c3d4e5f6",       // 15
		"st-a1b2c3d4e5f6gh",     // 17
		"st-a1b2c3d4e5f6_",      // 16, bad character
		"ST-a1b2c3d4e5f6g",      // 16, wrong prefix
		"xx-a1b2c3d4e5f6g",      // 16, wrong prefix
		"st-a1b2c3d4e5f6\u00e9", // 16 characters, not in the pattern
		"st-a1b2c3d4e5f6\n",     // 16, a line break at the end
	)
	// participantId: 0 to 64 characters, ^[a-zA-Z0-9-]*$. The model allows
	// an empty one; the library takes "" for "not set" and refuses it.
	add(events, "participantId", "ParticipantID", true, true,
		ivsrealtimetest.DemoParticipantID, "a", "-", "abc-DEF-123", strings.Repeat("a", 64))
	add(events, "participantId", "ParticipantID", true, false, "")
	add(events, "participantId", "ParticipantID", false, false,
		strings.Repeat("a", 65), "a b", "a_b", "a.b", "a/b", "\u00e9")
	// filterByUserId: 0 to 128 characters, any (characters, not bytes).
	add(participants, "filterByUserId", "UserID", true, true,
		"x", "host-ana", strings.Repeat("u", 128), strings.Repeat("\u00e9", 128))
	add(participants, "filterByUserId", "UserID", false, false,
		strings.Repeat("u", 129), strings.Repeat("\u00e9", 129))
	// filterByState: CONNECTED | DISCONNECTED.
	add(participants, "filterByState", "State", true, true, "CONNECTED", "DISCONNECTED")
	add(participants, "filterByState", "State", false, false, "connected", "ASLEEP", "CONNECTED ")
	// filterByRecordingState: STARTING | ACTIVE | STOPPING | STOPPED | FAILED
	// (DISABLED is reported, not a filter).
	add(participants, "filterByRecordingState", "RecordingState", true, true, "STARTING", "ACTIVE", "STOPPING", "STOPPED", "FAILED")
	add(participants, "filterByRecordingState", "RecordingState", false, false, "DISABLED", "active")
	// nextToken: 0 to 1024 characters, ^[a-zA-Z0-9+/=_-]*$. Not a library
	// field: a cursor carries it.
	add(all, "nextToken", "", true, true, "", "aZ09+/=_-", strings.Repeat("a", 1024))
	add(all, "nextToken", "", false, false, strings.Repeat("a", 1025), "a.b", "a b", "a\u00e9")
	return cs
}

// libInput applies c to valid inputs of the library and returns the
// pager's first error.
func libErr(t *testing.T, c *ivsrealtime.Client, mc modelCase) error {
	t.Helper()
	pe := ivsrealtime.ParticipantEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, ParticipantID: ivsrealtimetest.DemoParticipantID}
	ss := ivsrealtime.SessionsInput{StageARN: ivsrealtimetest.DemoStageARN}
	ps := ivsrealtime.ParticipantsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
	switch mc.field {
	case "StageARN":
		pe.StageARN, ss.StageARN, ps.StageARN = mc.value, mc.value, mc.value
	case "SessionID":
		pe.SessionID, ps.SessionID = mc.value, mc.value
	case "ParticipantID":
		pe.ParticipantID = mc.value
	case "UserID":
		ps.UserID = mc.value
	case "State":
		ps.State = ivsrealtime.ParticipantState(mc.value)
	case "RecordingState":
		ps.RecordingState = ivsrealtime.RecordingState(mc.value)
	default:
		t.Fatalf("no library field for %v", mc)
	}
	var validate, read error
	switch mc.op {
	case "ListParticipantEvents":
		validate = pe.Validate()
		_, read = paginate.Collect(c.ParticipantEventsPager(pe).Items(context.Background()))
	case "ListStageSessions":
		validate = ss.Validate()
		_, read = paginate.Collect(c.SessionsPager(ss).Items(context.Background()))
	default:
		validate = ps.Validate()
		_, read = paginate.Collect(c.ParticipantsPager(ps).Items(context.Background()))
	}
	var iie *ivsrealtime.InvalidInputError
	if validate != nil {
		require.ErrorAs(t, read, &iie, "a read refuses what Validate refuses")
		assert.Equal(t, validate.Error(), iie.Error())
	} else if errors.As(read, &iie) {
		t.Fatalf("Validate accepts %v but the read refuses it: %v", mc, read)
	}
	return validate
}

// TestValidationIsTheModels checks every member's constraints, valid and
// invalid edges, in the library (refused before any request, as an
// *InvalidInputError naming the field) and in the emulator and the fake
// (the service's 400 ValidationException naming the member), from one table.
func TestValidationIsTheModels(t *testing.T) {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithDemo())
	defer srv.Close()
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())
	libFake := ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())
	lib := ivsrealtime.New(libFake, func(o *ivsrealtime.Options) { o.RateLimiter = rate.NewLimiter(rate.Inf, 0) })

	for _, mc := range modelCases() {
		t.Run(mc.String(), func(t *testing.T) {
			if !mc.model {
				assert.False(t, mc.lib, "the library never sends what the model refuses")
			}
			if mc.field != "" {
				libFake.ResetRequests()
				err := libErr(t, lib, mc)
				if mc.lib {
					require.NoError(t, err)
				} else {
					var iie *ivsrealtime.InvalidInputError
					require.ErrorAs(t, err, &iie)
					assert.Equal(t, mc.field, iie.Field)
					assert.Equal(t, mc.value, iie.Value)
					assert.ErrorIs(t, err, paginate.ErrInvalidInput)
					assert.Empty(t, libFake.Requests(), "refused before any request")
				}
			}
			for name, api := range map[string]ivsrealtime.API{"server": srv.Client(), "fake": fake} {
				err := sendMember(api, mc)
				wiretest.AssertMember(t, name, err, mc.member, mc.model, validationMessage)
				if !mc.model && name == "server" {
					var ae smithy.APIError
					require.ErrorAs(t, err, &ae)
					assert.Equal(t, "ValidationException", ae.ErrorCode())
				}
			}
		})
	}
}

// sendMember sends the operation with valid members but mc's, through the
// SDK client (or the fake) without the library.
func sendMember(api ivsrealtime.API, mc modelCase) error {
	ctx := context.Background()
	stage, session := aws.String(ivsrealtimetest.DemoStageARN), aws.String(ivsrealtimetest.DemoSessionID)
	v := aws.String(mc.value)
	switch mc.op {
	case "ListParticipantEvents":
		in := &sdkivs.ListParticipantEventsInput{StageArn: stage, SessionId: session, ParticipantId: aws.String(ivsrealtimetest.DemoParticipantID)}
		switch mc.member {
		case "stageArn":
			in.StageArn = v
		case "sessionId":
			in.SessionId = v
		case "participantId":
			in.ParticipantId = v
		case "nextToken":
			in.NextToken = v
		}
		_, err := api.ListParticipantEvents(ctx, in)
		return err
	case "ListStageSessions":
		in := &sdkivs.ListStageSessionsInput{StageArn: stage}
		switch mc.member {
		case "stageArn":
			in.StageArn = v
		case "nextToken":
			in.NextToken = v
		}
		_, err := api.ListStageSessions(ctx, in)
		return err
	}
	in := &sdkivs.ListParticipantsInput{StageArn: stage, SessionId: session}
	switch mc.member {
	case "stageArn":
		in.StageArn = v
	case "sessionId":
		in.SessionId = v
	case "filterByUserId":
		in.FilterByUserId = v
	case "filterByState":
		in.FilterByState = types.ParticipantState(mc.value)
	case "filterByRecordingState":
		in.FilterByRecordingState = types.ParticipantRecordingFilterByRecordingState(mc.value)
	case "nextToken":
		in.NextToken = v
	}
	_, err := api.ListParticipants(ctx, in)
	return err
}

// TestPageSizeIsTheModels checks maxResults (1 to 100 for each operation):
// the library's PageSize (0 = the service's default) and the emulator's
// maxResults.
func TestPageSizeIsTheModels(t *testing.T) {
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithDemo())
	defer srv.Close()
	fake := ivsrealtimetest.NewFake(ivsrealtimetest.WithDemo())
	c := ivsrealtime.New(fake, func(o *ivsrealtime.Options) { o.RateLimiter = rate.NewLimiter(rate.Inf, 0) })
	ctx := context.Background()
	pe := ivsrealtime.ParticipantEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID, ParticipantID: ivsrealtimetest.DemoParticipantID}
	for _, tc := range []struct {
		size       int32
		lib, model bool
	}{{-1, false, false}, {0, true, false}, {1, true, true}, {50, true, true}, {100, true, true}, {101, false, false}, {1 << 30, false, false}} {
		t.Run(fmt.Sprint(tc.size), func(t *testing.T) {
			size := func(o *paginate.Options) { o.PageSize = tc.size }
			reads := map[string]func() error{
				"ParticipantEvents": func() error { _, err := paginate.Collect(c.ParticipantEvents(ctx, pe, size)); return err },
				"Sessions": func() error {
					_, err := paginate.Collect(c.Sessions(ctx, ivsrealtime.SessionsInput{StageARN: pe.StageARN}, size))
					return err
				},
				"Participants": func() error {
					_, err := paginate.Collect(c.Participants(ctx, ivsrealtime.ParticipantsInput{StageARN: pe.StageARN, SessionID: pe.SessionID}, size))
					return err
				},
			}
			for name, read := range reads {
				err := read()
				if tc.lib {
					assert.NoError(t, err, name)
					continue
				}
				var iie *ivsrealtime.InvalidInputError
				require.ErrorAs(t, err, &iie, name)
				assert.Equal(t, "PageSize", iie.Field)
			}
			for name, api := range map[string]ivsrealtime.API{"server": srv.Client(), "fake": fake} {
				n := aws.Int32(tc.size)
				errs := []error{}
				_, err := api.ListParticipantEvents(ctx, &sdkivs.ListParticipantEventsInput{StageArn: aws.String(pe.StageARN), SessionId: aws.String(pe.SessionID), ParticipantId: aws.String(pe.ParticipantID), MaxResults: n})
				errs = append(errs, err)
				_, err = api.ListStageSessions(ctx, &sdkivs.ListStageSessionsInput{StageArn: aws.String(pe.StageARN), MaxResults: n})
				errs = append(errs, err)
				_, err = api.ListParticipants(ctx, &sdkivs.ListParticipantsInput{StageArn: aws.String(pe.StageARN), SessionId: aws.String(pe.SessionID), MaxResults: n})
				errs = append(errs, err)
				for _, err := range errs {
					if tc.model {
						assert.NoError(t, err, name)
						continue
					}
					wiretest.AssertMember(t, name, err, "maxResults", false, validationMessage)
				}
			}
		})
	}
}

// validationMessage returns the text of the ValidationException in err's
// chain (IVS's exceptionMessage), false when there is none.
func validationMessage(err error) (string, bool) {
	var ve *types.ValidationException
	if !errors.As(err, &ve) {
		return "", false
	}
	return aws.ToString(ve.ExceptionMessage), true
}
