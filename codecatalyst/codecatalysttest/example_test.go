package codecatalysttest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/paginate"
)

// This example serves the demo day over TLS and reads it through a Fake
// over the same Handler: one data set, one request log, two transports.
// The Fake is the SDK's client, so it retries two throttled attempts as the
// SDK does against the Server.
func ExampleNewServer() {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()
	fake := &codecatalysttest.Fake{Handler: srv.Handler}

	in := codecatalyst.EventLogsInput{SpaceName: codecatalysttest.DemoSpace, StartTime: codecatalysttest.DemoStart(), EndTime: codecatalysttest.DemoEnd()}
	overTLS, err := paginate.Collect(codecatalyst.New(srv.Client()).EventLogs(context.Background(), in))
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.ThrottleNext(2)
	inProcess, err := paginate.Collect(codecatalyst.New(fake).EventLogs(context.Background(), in))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(overTLS), len(inProcess), overTLS[0].EventName, overTLS[0].EventTime.Format(time.TimeOnly))
	for _, r := range srv.Requests() {
		fmt.Println(r.Operation, r.Status, r.Fault, r.Authorized)
	}
	// Output:
	// 37 37 VerifySession 08:52:10
	// ListEventLogs 200  true
	// ListEventLogs 429 throttle true
	// ListEventLogs 429 throttle true
	// ListEventLogs 200  true
}
