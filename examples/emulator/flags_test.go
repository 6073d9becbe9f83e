package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// A --latency the servers cannot honour (negative, or at or past their read
// timeout, which would end every answer) and a --speed that is not a
// positive finite number (NaN, infinite) are refused with exit code 2 and a
// message naming the flag, before anything is served.
func TestBadLatencyAndSpeedRefused(t *testing.T) {
	for _, args := range [][]string{
		{"--latency", "-1s"},
		{"--latency", "1m"},
		{"--latency", "2h"},
		{"--live", "--speed", "NaN"},
		{"--live", "--speed", "+Inf"},
		{"--live", "--speed", "-1"},
	} {
		// The deadline only matters if the flag is wrongly accepted: run
		// then serves until it, and reports 0.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		var stdout, stderr syncBuffer
		code := run(ctx, args, &stdout, &stderr)
		cancel()
		flag := args[0]
		if flag == "--live" {
			flag = "--speed"
		}
		assert.Equal(t, 2, code, "%v: %s", args, stderr.String())
		assert.True(t, strings.Contains(stderr.String(), flag), "%v: the message names the flag: %s", args, stderr.String())
		assert.Empty(t, stdout.String(), "%v: nothing served", args)
	}
}
