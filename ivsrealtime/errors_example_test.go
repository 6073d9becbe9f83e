package ivsrealtime_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
	"github.com/awsevents/awsevents/paginate"
)

// Input the model refuses is refused before any request, naming the field;
// errors.Is(err, paginate.ErrInvalidInput) holds for both services.
func ExampleInvalidInputError() {
	client := ivsrealtime.New(ivsrealtimetest.NewFake())
	in := ivsrealtime.ParticipantEventsInput{StageARN: ivsrealtimetest.DemoStageARN, SessionID: "st-abc", ParticipantID: ivsrealtimetest.DemoParticipantID}
	_, err := paginate.Collect(client.ParticipantEvents(context.Background(), in))
	var invalid *ivsrealtime.InvalidInputError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Field, errors.Is(err, paginate.ErrInvalidInput))
		fmt.Println(err)
	}
	// Output:
	// SessionID true
	// ivsrealtime: invalid SessionID "st-abc": must be exactly 16 characters, not 6
}
