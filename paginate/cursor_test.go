package paginate

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var cursorAlphabet = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func TestCursorRoundTrip(t *testing.T) {
	for _, pos := range []position{
		{},
		{token: "t1", size: 50, offset: 3},
		{token: "AYADeH1hQ2xhc3Np+/=_-", size: 100, offset: maxCursorOffset},
		{token: string(make([]byte, maxCursorToken)), size: 1<<31 - 1},
	} {
		s := encodeCursor(pos)
		assert.Regexp(t, cursorAlphabet, s)
		got, err := decodeCursor(s)
		require.NoError(t, err)
		assert.Equal(t, pos, got)
	}
}

// FuzzCursor feeds arbitrary strings to the cursor decoder: it must never
// panic, must wrap ErrInvalidCursor when it refuses, and whatever it accepts
// must encode back to the same string (a cursor has one spelling).
func FuzzCursor(f *testing.F) {
	f.Add(encodeCursor(position{}))
	f.Add(encodeCursor(position{token: "t1", size: 50, offset: 3}))
	f.Add(encodeCursor(position{token: "AYADeH1hQ2xhc3Np", size: 100, offset: 99}))
	f.Add("")
	f.Add("!!!")
	f.Add("AQAA")
	f.Fuzz(func(t *testing.T, s string) {
		pos, err := decodeCursor(s)
		if err != nil {
			assert.ErrorIs(t, err, ErrInvalidCursor)
			if len(s) >= 4 {
				assert.NotContains(t, err.Error(), s, "the input is never echoed")
			}
			return
		}
		assert.GreaterOrEqual(t, pos.size, int32(0))
		assert.LessOrEqual(t, pos.offset, maxCursorOffset)
		assert.Equal(t, s, encodeCursor(pos))
	})
}
