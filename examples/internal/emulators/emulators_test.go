package emulators

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemoRoundTrip(t *testing.T) {
	b, err := json.Marshal(Demo())
	require.NoError(t, err)
	d, err := Decode(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, Demo(), d)
	assert.NotEmpty(t, d.IVSStages())
	assert.Len(t, d.CodeCatalystOptions(), 1)
}

func TestDecodeRejects(t *testing.T) {
	for body, want := range map[string]string{
		`{"ivsRealtime": {"stages": [{"arn": "x"}]}}`:                             "stages[0]",
		`{"codeCatalyst": {"spaces": [{"name": "my-space", "eventLogs": [{}]}]}}`: "eventLogs[0]",
		`{"unknown": 1}`: "unknown field",
		`[]`:             "cannot unmarshal",
	} {
		_, err := Decode(strings.NewReader(body))
		require.Error(t, err, body)
		assert.Contains(t, err.Error(), want)
		assert.True(t, strings.HasPrefix(err.Error(), "data file: "), err.Error())
	}
}

// Decode never panics; what it accepts is valid and survives a round trip
// through JSON.
func FuzzDecode(f *testing.F) {
	demo, err := json.Marshal(Demo())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(demo)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"ivsRealtime": {"stages": [{"arn": "arn:aws:ivs:us-west-2:123456789012:stage/abc", "sessions": [{"sessionId": "st-abc", "participants": [{"participantId": "p1", "events": [{"name": "JOINED", "eventTime": "2023-04-26T20:30:34Z"}]}]}]}]}}`))
	f.Add([]byte(`{"codeCatalyst": {"spaces": [{"name": "my-space", "eventLogs": [{"eventName": "GetSpace", "eventTime": "2024-05-14T00:00:00Z"}]}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("Decode accepted data that Validate refuses: %v", err)
		}
		again, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(bytes.NewReader(again)); err != nil {
			t.Fatalf("re-encoded data does not decode: %v\n%s", err, again)
		}
	})
}
