package conformance

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	cctypes "github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/internal/wiretest"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// An emulator lists every violation of a request, in the order of the
// members, as the service does; each service's ValidationException keeps
// its text where that service puts it (IVS: exceptionMessage).
func TestEmulatorsListEveryViolation(t *testing.T) {
	for _, tc := range []struct {
		name string
		send func(ctx context.Context) error
		text func(err error) (string, bool)
		want []string
	}{{
		name: "ivsrealtimetest",
		send: func(ctx context.Context) error {
			_, err := ivsrealtimetest.NewFake().ListParticipantEvents(ctx, &sdkivs.ListParticipantEventsInput{
				StageArn: aws.String("stage"), SessionId: aws.String("st-abc"), ParticipantId: aws.String("a b"), MaxResults: aws.Int32(0),
			})
			return err
		},
		text: func(err error) (string, bool) {
			var ve *ivstypes.ValidationException
			if !errors.As(err, &ve) {
				return "", false
			}
			return aws.ToString(ve.ExceptionMessage), true
		},
		want: []string{
			"Value 'stage' at 'stageArn' failed to satisfy constraint: Member must satisfy regular expression pattern",
			"Value 'st-abc' at 'sessionId' failed to satisfy constraint: Member must have length greater than or equal to 16",
			"Value 'a b' at 'participantId' failed to satisfy constraint: Member must satisfy regular expression pattern",
			"Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
		},
	}, {
		name: "codecatalysttest",
		send: func(ctx context.Context) error {
			_, err := codecatalysttest.NewFake().ListEventLogs(ctx, &sdkcc.ListEventLogsInput{
				SpaceName: aws.String("a--"), StartTime: aws.Time(codecatalysttest.DemoStart()), EndTime: aws.Time(codecatalysttest.DemoEnd()),
				NextToken: aws.String(""), MaxResults: aws.Int32(251),
			})
			return err
		},
		text: func(err error) (string, bool) {
			var ve *cctypes.ValidationException
			if !errors.As(err, &ve) {
				return "", false
			}
			return ve.ErrorMessage(), true
		},
		want: []string{
			"Value 'a--' at 'spaceName' failed to satisfy constraint: Member must satisfy regular expression pattern",
			"Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1",
			"Value '251' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 250",
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.send(context.Background())
			msg, ok := tc.text(err)
			require.True(t, ok, err)
			wiretest.AssertListsEvery(t, msg, tc.want...)
		})
	}
}
