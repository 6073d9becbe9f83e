package codecatalysttest

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
)

// An entry logged late, before the next page: offset tokens repeat the
// last entry of the first page, keyset tokens do not.
func TestTokenStyles(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 0, 0, 0, time.UTC)
	for style, wantFirst := range map[TokenStyle]string{TokenOffset: "B", TokenKeyset: "C"} {
		t.Run(style.String(), func(t *testing.T) {
			f := NewFake(WithTokenStyle(style), WithSpaces(Space{Name: "space", Entries: []codecatalyst.EventLog{NewEvent("A", t0), NewEvent("B", t0.Add(time.Second)), NewEvent("C", t0.Add(2*time.Second))}}))
			in := &sdkcc.ListEventLogsInput{SpaceName: aws.String("space"), StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(time.Hour)), MaxResults: aws.Int32(2)}
			page1, err := f.ListEventLogs(context.Background(), in)
			require.NoError(t, err)
			require.Len(t, page1.Items, 2)
			f.Add("space", NewEvent("Late", t0.Add(-time.Second/2).Add(time.Second)))
			in.NextToken = page1.NextToken
			page2, err := f.ListEventLogs(context.Background(), in)
			require.NoError(t, err)
			require.NotEmpty(t, page2.Items)
			assert.Equal(t, wantFirst, aws.ToString(page2.Items[0].EventName))
		})
	}
}
