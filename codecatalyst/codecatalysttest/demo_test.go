package codecatalysttest

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
)

// entries returns the entries of space, oldest first.
func entries(h *Handler, space string) []codecatalyst.EventLog {
	h.data.mu.Lock()
	defer h.data.mu.Unlock()
	var out []codecatalyst.EventLog
	for _, e := range h.data.spaces[space] {
		out = append(out, e.EventLog)
	}
	return out
}

func TestDemoShape(t *testing.T) {
	d := Demo()
	require.Len(t, d, 1)
	assert.Equal(t, DemoSpace, d[0].Name)
	assert.Equal(t, DemoEntries(), d[0].Entries)
	d[0].Entries[0].EventName = "Changed"
	assert.NotEqual(t, "Changed", Demo()[0].Entries[0].EventName, "a fresh copy on each call")

	assert.Equal(t, DemoEntries(), entries(NewHandler(WithDemo()), DemoSpace))
	assert.Equal(t, entries(NewHandler(WithDemo()), DemoSpace), entries(NewHandler(WithSpaces(Demo()...)), DemoSpace))
	two := NewFake(WithSpaces(Space{Name: "one-space", Entries: Series("GetSpace", DemoStart(), 1, 3)}, Space{Name: "two-space"}))
	assert.Len(t, entries(two.Handler, "one-space"), 3)
	_, err := two.ListEventLogs(context.Background(), &sdkcc.ListEventLogsInput{
		SpaceName: aws.String("two-space"), StartTime: aws.Time(DemoStart()), EndTime: aws.Time(DemoEnd()),
	})
	require.NoError(t, err, "an empty space exists")
}
