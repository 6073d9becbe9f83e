package codecatalyst_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/paginate"
)

// The service's text is in the error, and errors.As reaches the SDK's types.
func ExampleAPIError() {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()
	client := codecatalyst.New(srv.Client())

	in := codecatalyst.EventLogsInput{SpaceName: "missing-space", StartTime: codecatalysttest.DemoStart(), EndTime: codecatalysttest.DemoEnd()}
	_, err := paginate.Collect(client.EventLogs(context.Background(), in))
	var apiErr *codecatalyst.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code, apiErr.StatusCode)
		fmt.Println(apiErr.Message)
	}
	// Output:
	// ResourceNotFoundException 404
	// space missing-space not found
}

// Input the model refuses is refused before any request, naming the field;
// errors.Is(err, paginate.ErrInvalidInput) holds for both services.
func ExampleInvalidInputError() {
	client := codecatalyst.New(codecatalysttest.NewFake())
	in := codecatalyst.EventLogsInput{SpaceName: "ab", StartTime: codecatalysttest.DemoStart(), EndTime: codecatalysttest.DemoEnd()}
	_, err := paginate.Collect(client.EventLogs(context.Background(), in))
	var invalid *codecatalyst.InvalidInputError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Field, errors.Is(err, paginate.ErrInvalidInput))
		fmt.Println(err)
	}
	// Output:
	// SpaceName true
	// codecatalyst: invalid SpaceName "ab": must be 3 to 63 characters, not 2
}
