package main

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// TestLive follows the demo session that --live plays (fast) from its
// start to its end: every event of the demo session arrives, oldest first,
// stamped with the time it was played, and the sequence ends by itself.
func TestLive(t *testing.T) {
	before := time.Now().Truncate(time.Second)
	ivsURL, _ := start(t, "--live", "--speed", "60")
	client := ivsrealtime.New(sdkivs.New(sdkivs.Options{Region: "us-west-2", BaseEndpoint: aws.String(ivsURL), Credentials: aws.AnonymousCredentials{}}))

	want := 0
	for _, st := range ivsrealtimetest.Demo() {
		for _, se := range st.Sessions {
			if se.ID == ivsrealtimetest.DemoSessionID {
				for _, p := range se.Participants {
					want += len(p.Events)
				}
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var got []ivsrealtime.Event
	in := ivsrealtime.FollowInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: ivsrealtimetest.DemoSessionID}
	for e, err := range client.Follow(ctx, in, func(o *ivsrealtime.FollowOptions) { o.PollInterval = 100 * time.Millisecond }) {
		require.NoError(t, err)
		got = append(got, e)
	}
	require.Len(t, got, want)
	for i, e := range got {
		assert.False(t, e.Time.Before(before), "event %d at %v, before the replay started", i, e.Time)
		if i > 0 {
			assert.False(t, e.Time.Before(got[i-1].Time), "event %d out of order", i)
		}
	}
	assert.Equal(t, ivsrealtime.EventNameJoined, got[0].Name)
}
