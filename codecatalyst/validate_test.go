package codecatalyst_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	"github.com/aws/aws-sdk-go-v2/service/codecatalyst/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/internal/wiretest"
	"github.com/awsevents/awsevents/paginate"
)

// modelCase is one value of one request member of ListEventLogs, with what
// the service model says of it (CodeCatalyst API reference) and what the
// library says of it.
type modelCase struct {
	member string // the member on the wire
	field  string // the library's field; "" when the library has none (nextToken)
	value  string
	model  bool // the model accepts the value
	lib    bool // the library accepts the value
}

func (c modelCase) String() string {
	v := c.value
	if len(v) > 24 {
		v = fmt.Sprintf("%s...(%d characters)", v[:16], len([]rune(c.value)))
	}
	return fmt.Sprintf("%s=%q", c.member, v)
}

// modelCases are the edges of every constraint of every string member:
// lengths and the pattern. Both agree except where the Go zero value means
// "not set".
func modelCases() []modelCase {
	var cs []modelCase
	add := func(member, field string, model, lib bool, values ...string) {
		for _, v := range values {
			cs = append(cs, modelCase{member, field, v, model, lib})
		}
	}
	// spaceName: 3 to 63 characters, ^[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*$.
	add("spaceName", "SpaceName", true, true,
		codecatalysttest.DemoSpace, "abc", "A1b", strings.Repeat("a", 63), "a-b.c_d", "a1-B2_c3.d4")
	add("spaceName", "SpaceName", false, false,
		"", "ab", "a", strings.Repeat("a", 64), "a--b", "a-_b", "-ab", "ab-", ".ab", "a..b", "a b", "a/b/c", "\u00e9\u00e9\u00e9", "abc\n")
	// eventName: a string, no constraint; "" reads every event.
	add("eventName", "EventName", true, true, "", "CreateProject", strings.Repeat("x", 1000), "\u00e9 / ?")
	// nextToken: 1 to 10,000 characters. Not a library field: a cursor carries it.
	add("nextToken", "", true, true, "x", strings.Repeat("t", 10000))
	add("nextToken", "", false, false, "", strings.Repeat("t", 10001))
	return cs
}

// TestValidationIsTheModels checks every member's constraints, valid and
// invalid edges, in the library (refused before any request, as an
// *InvalidInputError naming the field) and in the emulator and the fake
// (the service's 400 ValidationException naming the member), from one table.
func TestValidationIsTheModels(t *testing.T) {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()
	fake := codecatalysttest.NewFake(codecatalysttest.WithDemo())
	libFake := codecatalysttest.NewFake(codecatalysttest.WithDemo())
	lib := codecatalyst.New(libFake)
	ctx := context.Background()

	for _, mc := range modelCases() {
		t.Run(mc.String(), func(t *testing.T) {
			if !mc.model {
				assert.False(t, mc.lib, "the library never sends what the model refuses")
			}
			if mc.field != "" {
				libFake.ResetRequests()
				in := demoInput()
				switch mc.field {
				case "SpaceName":
					in.SpaceName = mc.value
				case "EventName":
					in.EventName = mc.value
				}
				err := in.Validate()
				_, read := paginate.Collect(lib.EventLogsPager(in).Items(ctx))
				var iie *codecatalyst.InvalidInputError
				if mc.lib {
					require.NoError(t, err)
					assert.False(t, errors.As(read, &iie), "a read refuses nothing Validate accepts: %v", read)
				} else {
					require.ErrorAs(t, err, &iie)
					assert.Equal(t, mc.field, iie.Field)
					assert.Equal(t, mc.value, iie.Value)
					assert.ErrorIs(t, err, paginate.ErrInvalidInput)
					require.ErrorAs(t, read, &iie, "a read refuses what Validate refuses")
					assert.Equal(t, err.Error(), iie.Error())
					assert.Empty(t, libFake.Requests(), "refused before any request")
				}
			}
			for name, api := range map[string]codecatalyst.API{"server": srv.Client(), "fake": fake} {
				in := &sdkcc.ListEventLogsInput{
					SpaceName: aws.String(codecatalysttest.DemoSpace),
					StartTime: aws.Time(codecatalysttest.DemoStart()),
					EndTime:   aws.Time(codecatalysttest.DemoEnd()),
				}
				v := aws.String(mc.value)
				switch mc.member {
				case "spaceName":
					in.SpaceName = v
				case "eventName":
					in.EventName = v
				case "nextToken":
					in.NextToken = v
				}
				_, err := api.ListEventLogs(ctx, in)
				if mc.member == "spaceName" && mc.value == "" {
					// An empty URI label: the SDK (a Fake's too) refuses it
					// before sending.
					var se *smithy.SerializationError
					require.ErrorAs(t, err, &se)
					continue
				}
				wiretest.AssertMember(t, name, err, mc.member, mc.model, validationMessage)
			}
		})
	}
}

// TestPageSizeIsTheModels checks maxResults (1 to 250): the library's
// PageSize (0 = the service's default) and the emulator's maxResults.
func TestPageSizeIsTheModels(t *testing.T) {
	srv := codecatalysttest.NewServer(codecatalysttest.WithDemo())
	defer srv.Close()
	fake := codecatalysttest.NewFake(codecatalysttest.WithDemo())
	c := codecatalyst.New(fake)
	ctx := context.Background()
	for _, tc := range []struct {
		size       int32
		lib, model bool
	}{{-1, false, false}, {0, true, false}, {1, true, true}, {250, true, true}, {251, false, false}, {1 << 30, false, false}} {
		t.Run(fmt.Sprint(tc.size), func(t *testing.T) {
			_, err := paginate.Collect(c.EventLogs(ctx, demoInput(), pageSize(tc.size)))
			if tc.lib {
				assert.NoError(t, err)
			} else {
				var iie *codecatalyst.InvalidInputError
				require.ErrorAs(t, err, &iie)
				assert.Equal(t, "PageSize", iie.Field)
			}
			for name, api := range map[string]codecatalyst.API{"server": srv.Client(), "fake": fake} {
				_, err := api.ListEventLogs(ctx, &sdkcc.ListEventLogsInput{
					SpaceName: aws.String(codecatalysttest.DemoSpace), StartTime: aws.Time(codecatalysttest.DemoStart()),
					EndTime: aws.Time(codecatalysttest.DemoEnd()), MaxResults: aws.Int32(tc.size),
				})
				if tc.model {
					assert.NoError(t, err, name)
					continue
				}
				wiretest.AssertMember(t, name, err, "maxResults", false, validationMessage)
			}
		})
	}
}

// The library's own rules on the window and shards: the error names the
// field.
func TestValidationOfTheWindow(t *testing.T) {
	at := codecatalysttest.DemoStart()
	for _, tc := range []struct {
		name  string
		mod   func(*codecatalyst.EventLogsInput)
		field string
	}{
		{"no start", func(in *codecatalyst.EventLogsInput) { in.StartTime = time.Time{} }, "StartTime"},
		{"no end", func(in *codecatalyst.EventLogsInput) { in.EndTime = time.Time{} }, "EndTime"},
		{"empty window", func(in *codecatalyst.EventLogsInput) { in.StartTime, in.EndTime = at, at }, "StartTime"},
		{"same millisecond", func(in *codecatalyst.EventLogsInput) { in.StartTime, in.EndTime = at, at.Add(999*time.Microsecond) }, "StartTime"},
		{"backwards", func(in *codecatalyst.EventLogsInput) { in.StartTime, in.EndTime = at, at.Add(-time.Millisecond) }, "StartTime"},
		{"negative shards", func(in *codecatalyst.EventLogsInput) { in.Shards = -1 }, "Shards"},
		{"too many shards", func(in *codecatalyst.EventLogsInput) { in.Shards = codecatalyst.MaxShards + 1 }, "Shards"},
		{"one millisecond", func(in *codecatalyst.EventLogsInput) { in.StartTime, in.EndTime = at, at.Add(time.Millisecond) }, ""},
		{"most shards", func(in *codecatalyst.EventLogsInput) { in.Shards = codecatalyst.MaxShards }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := demoInput()
			tc.mod(&in)
			err := in.Validate()
			if tc.field == "" {
				require.NoError(t, err)
				return
			}
			var iie *codecatalyst.InvalidInputError
			require.ErrorAs(t, err, &iie)
			assert.Equal(t, tc.field, iie.Field)
			assert.True(t, strings.HasPrefix(err.Error(), "codecatalyst: invalid "+tc.field+" "), err.Error())
		})
	}
}

// validationMessage returns the text of the ValidationException in err's
// chain, false when there is none.
func validationMessage(err error) (string, bool) {
	var ve *types.ValidationException
	if !errors.As(err, &ve) {
		return "", false
	}
	return ve.ErrorMessage(), true
}

// Options.Shards out of range fails every read (Concurrency: the
// conformance table) before any request, naming the option.
func TestClientOptionsRangeChecked(t *testing.T) {
	fake := codecatalysttest.NewFake(codecatalysttest.WithDemo())
	ctx := context.Background()
	for _, tc := range []struct {
		field string
		opt   func(*codecatalyst.Options)
	}{
		{"Shards", func(o *codecatalyst.Options) { o.Shards = -1 }},
		{"Shards", func(o *codecatalyst.Options) { o.Shards = codecatalyst.MaxShards + 1 }},
	} {
		c := codecatalyst.New(fake, tc.opt)
		for _, err := range []error{
			func() error { _, err := paginate.Collect(c.EventLogs(ctx, demoInput())); return err }(),
			func() error { _, err := paginate.Collect(c.EventLogsPager(demoInput()).Items(ctx)); return err }(),
		} {
			var iie *codecatalyst.InvalidInputError
			require.ErrorAs(t, err, &iie)
			assert.Equal(t, tc.field, iie.Field)
			assert.ErrorIs(t, err, paginate.ErrInvalidInput)
		}
	}
	assert.Empty(t, fake.Requests())
}
