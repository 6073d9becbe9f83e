package codecatalyst_test

import (
	"context"
	"fmt"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
)

// Follow a space as entries are logged (here into the emulator, a few
// milliseconds apart), and stop after the third.
func ExampleClient_Follow() {
	srv := codecatalysttest.NewServer(codecatalysttest.WithSpaces(codecatalysttest.Space{Name: "live-space"}))
	defer srv.Close()
	c := codecatalyst.New(srv.Client()) // in production: codecatalyst.NewFromConfig(cfg)

	since := time.Now().Add(-time.Minute)
	go func() {
		for i, name := range []string{"CreateProject", "CreateSourceRepository", "CreateDevEnvironment"} {
			srv.Add("live-space", codecatalysttest.NewEvent(name, since.Add(time.Duration(i)*time.Second)))
			time.Sleep(5 * time.Millisecond)
		}
	}()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	for ev, err := range c.Follow(ctx, codecatalyst.FollowInput{SpaceName: "live-space", Since: since}, func(o *codecatalyst.FollowOptions) {
		o.PollInterval = 10 * time.Millisecond
	}) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(ev.OperationType, ev.EventName)
		if n++; n == 3 {
			break // Follow never ends by itself
		}
	}
	// Output:
	// MUTATION CreateProject
	// MUTATION CreateSourceRepository
	// MUTATION CreateDevEnvironment
}
