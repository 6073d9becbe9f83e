package main

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// Without --page-size, a listing asks for the largest page (fewest
// requests against the quota), but --no-paginate sends no maxResults, as
// the AWS CLI does: the service's default size.
func TestDefaultPageSizes(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	srv := ivsrealtimetest.NewServer(ivsrealtimetest.WithStages(ivsrealtimetest.Demo()...))
	defer srv.Close()
	for _, tc := range []struct {
		extra []string
		want  int32 // 0: none sent
	}{{nil, ivsrealtime.MaxPageSize}, {[]string{"--no-paginate"}, 0}} {
		srv.ResetRequests()
		args := append([]string{"ivs-realtime", "list-participant-events", "--endpoint-url", srv.URL, "--region", "us-west-2",
			"--stage-arn", stage, "--session-id", ivsrealtimetest.DemoSessionID, "--participant-id", participant}, tc.extra...)
		_, stderr, code := cli(t, args...)
		require.Equal(t, 0, code, stderr)
		reqs := srv.Requests()
		require.NotEmpty(t, reqs)
		in, ok := reqs[0].Input.(*sdkivs.ListParticipantEventsInput)
		require.True(t, ok, "%T", reqs[0].Input)
		assert.Equal(t, tc.want, aws.ToInt32(in.MaxResults), "%v", tc.extra)
	}
}
