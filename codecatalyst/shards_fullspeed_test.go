package codecatalyst_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/internal/throttle"
	"github.com/awsevents/awsevents/paginate"
)

// Semantic 14 for the shards, through the SDK client and an emulator
// without a quota: an 8-shard read in small pages, hundreds of requests,
// with default options, and not one of them waited on the client.
func TestShardsServedAtFullSpeedByDefault(t *testing.T) {
	srv := codecatalysttest.NewServer(withSeries(480))
	defer srv.Close()
	c := codecatalyst.New(srv.Client(), func(o *codecatalyst.Options) { o.Shards = 8 })
	got, err := paginate.Collect(c.EventLogs(context.Background(), seriesInput(8), pageSize(2)))
	require.NoError(t, err)
	assert.Len(t, got, 480)
	assert.GreaterOrEqual(t, len(srv.Requests()), 240)
	assert.Equal(t, throttle.Stats{Limit: rate.Inf}, codecatalyst.Pacing(c), "no pace, no wait")
}
