package codecatalyst_test

import (
	"context"
	"fmt"
	"time"

	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/stretchr/testify/mock"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/paginate"
)

// Read a day of a space's event logs: here from the emulator, whose
// Server.Client is an SDK client like sdkcc.NewFromConfig(cfg) would make.
func Example() {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()

	c := codecatalyst.New(srv.Client())
	for ev, err := range c.EventLogs(context.Background(), codecatalyst.EventLogsInput{
		SpaceName: "demo-space",
		StartTime: time.Date(2024, 5, 14, 9, 0, 0, 0, time.UTC),
		EndTime:   time.Date(2024, 5, 14, 9, 30, 0, 0, time.UTC),
	}) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(ev.EventTime.Format(time.TimeOnly), ev.UserIdentity.UserName, ev.OperationType, ev.EventName)
	}
	// Output:
	// 09:01:47 alice MUTATION CreateProject
	// 09:03:12 alice MUTATION CreateSourceRepository
	// 09:04:30 alice MUTATION CreateSourceRepositoryBranch
	// 09:10:55 alice MUTATION CreateProject
	// 09:15:20 alice MUTATION CreateAccessToken
}

// Find the calls that were denied, with the payload of the request decoded.
func ExampleEventLog_errorCode() {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()

	c := codecatalyst.New(srv.Client())
	in := codecatalyst.EventLogsInput{SpaceName: "demo-space", StartTime: codecatalysttest.DemoStart(), EndTime: codecatalysttest.DemoEnd()}
	for ev, err := range c.EventLogs(context.Background(), in) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		if ev.ErrorCode == "" {
			continue
		}
		var req struct{ Name string }
		if err := ev.RequestPayload.Decode(&req); err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Printf("%s %s %s %q: %s\n", ev.EventTime.Format(time.TimeOnly), ev.UserIdentity.UserName, ev.EventName, req.Name, ev.ErrorCode)
	}
	// Output:
	// 14:20:11 carol DeleteProject "payments-api": AccessDeniedException
}

// Read a long window as 8 sub-windows, 8 at a time. Entries still come in
// chronological order, each exactly once.
func ExampleOptions_sharding() {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()

	c := codecatalyst.New(srv.Client(), func(o *codecatalyst.Options) {
		o.Shards = 8
		o.Concurrency = 8
	})
	in := codecatalyst.EventLogsInput{SpaceName: "demo-space", StartTime: codecatalysttest.DemoStart(), EndTime: codecatalysttest.DemoEnd()}
	entries, err := paginate.Collect(c.EventLogs(context.Background(), in, func(o *paginate.Options) { o.PageSize = 5 }))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(len(entries), "entries, first", entries[0].EventName, "last", entries[len(entries)-1].EventName)
	windows := map[time.Time]bool{}
	for _, r := range srv.Requests() {
		windows[aws.ToTime(r.Input.StartTime)] = true
	}
	fmt.Println(len(windows), "sub-windows")
	// Output:
	// 37 entries, first VerifySession last DeleteDevEnvironment
	// 8 sub-windows
}

// mockAPI is a testify mock of codecatalyst.API.
type mockAPI struct{ mock.Mock }

func (m *mockAPI) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	args := m.Called(ctx, in)
	out, _ := args.Get(0).(*sdkcc.ListEventLogsOutput)
	return out, args.Error(1)
}

// Unit-test code that reads event logs with a mock of API: the client asks
// for the first page, then follows the token.
func ExampleAPI_mock() {
	m := new(mockAPI)
	first := mock.MatchedBy(func(in *sdkcc.ListEventLogsInput) bool { return in.NextToken == nil })
	second := mock.MatchedBy(func(in *sdkcc.ListEventLogsInput) bool { return aws.ToString(in.NextToken) == "page-2" })
	m.On("ListEventLogs", mock.Anything, first).Return(&sdkcc.ListEventLogsOutput{
		Items:     []types.EventLogEntry{{Id: aws.String("ev-1"), EventName: aws.String("CreateProject")}},
		NextToken: aws.String("page-2"),
	}, nil).Once()
	m.On("ListEventLogs", mock.Anything, second).Return(&sdkcc.ListEventLogsOutput{
		Items: []types.EventLogEntry{{Id: aws.String("ev-2"), EventName: aws.String("DeleteProject")}},
	}, nil).Once()

	c := codecatalyst.New(m)
	in := codecatalyst.EventLogsInput{SpaceName: "my-space", StartTime: time.Now().Add(-time.Hour), EndTime: time.Now()}
	for ev, err := range c.EventLogs(context.Background(), in) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(ev.ID, ev.EventName)
	}
	fmt.Println("calls:", len(m.Calls))
	// Output:
	// ev-1 CreateProject
	// ev-2 DeleteProject
	// calls: 2
}
