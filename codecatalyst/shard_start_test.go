package codecatalyst_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/paginate"
)

// exclusiveStartAPI is a service whose windows exclude their start time
// (startTime, endTime]: the API reference does not say whether startTime is
// included. Entries are on whole milliseconds, so asking the Fake from a
// millisecond later is the same.
type exclusiveStartAPI struct{ codecatalyst.API }

func (a exclusiveStartAPI) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	cp := *in
	cp.StartTime = aws.Time(in.StartTime.Add(time.Millisecond))
	return a.API.ListEventLogs(ctx, &cp, optFns...)
}

// A sharded read yields what one read of the whole window yields, whether
// the service includes a window's start time or not, and its end time or
// not: an entry on an inner boundary is never lost nor yielded twice.
func TestShardingHoldsWhateverTheStartSemantics(t *testing.T) {
	for _, exclusiveEnd := range []bool{false, true} {
		t.Run(fmt.Sprintf("exclusiveEnd=%v", exclusiveEnd), func(t *testing.T) {
			fake := codecatalysttest.NewFake(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "audit", Entries: boundaryEntries()}))
			fake.SetExclusiveEnd(exclusiveEnd)
			c := codecatalyst.New(exclusiveStartAPI{fake})
			want, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(1), pageSize(9)))
			require.NoError(t, err)
			for _, e := range want {
				require.True(t, e.EventTime.After(t0), "the whole read has the service's semantics: no entry at its start")
			}
			for _, shards := range []int{2, 3, 8} {
				got, err := paginate.Collect(c.EventLogs(context.Background(), windowInput(shards), pageSize(9)))
				require.NoError(t, err)
				assert.Equal(t, want, got, "%d shards", shards)
			}
		})
	}
}
