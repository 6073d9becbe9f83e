package main

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/awsevents/awsevents/ivsrealtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestLocal(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--local"}, &out))
	assert.Equal(t, `2023-04-26T20:36:28Z  LEFT             abCDEf12GHIj
2023-04-26T20:36:28Z  PUBLISH_STOPPED  abCDEf12GHIj
2023-04-26T20:30:34Z  JOINED           abCDEf12GHIj
2023-04-26T20:30:34Z  PUBLISH_STARTED  abCDEf12GHIj
`, out.String())
}

func TestInvalidInput(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"--local", "--session-id", "nope"}, &out)
	var invalid *ivsrealtime.InvalidInputError
	require.True(t, errors.As(err, &invalid), "%v", err)
	assert.Equal(t, "SessionID", invalid.Field)
	assert.Empty(t, out.String())
}
