package codecatalyst

import (
	"fmt"
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/awsevents/awsevents/internal/bounds"
)

// The service model's constraints on request members (CodeCatalyst API
// reference; the model's patterns are whole-value matches).
var spaceNamePattern = regexp.MustCompile(`^[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*$`)

const (
	minSpaceNameLen = 3  // spaceName: 3 to 63 characters
	maxSpaceNameLen = 63 // spaceName: 3 to 63 characters
)

// Validate checks in as the service model and this package require:
//
//   - SpaceName: 3 to 63 characters matching
//     ^[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*$ (letters and digits, with single
//     '-', '_' or '.' between them)
//   - StartTime and EndTime: both set, StartTime before EndTime at the
//     millisecond precision of the wire
//   - EventName: any value (the model sets no constraint); "" reads every
//     event
//   - Shards: 0 to MaxShards
//
// The error is an *InvalidInputError naming the field and the rule. Reads
// call Validate before any request.
func (in EventLogsInput) Validate() error {
	switch n := utf8.RuneCountInString(in.SpaceName); {
	case n == 0:
		return invalid("SpaceName", in.SpaceName, "required")
	case n < minSpaceNameLen || n > maxSpaceNameLen:
		return invalid("SpaceName", in.SpaceName, fmt.Sprintf("must be %d to %d characters, not %d", minSpaceNameLen, maxSpaceNameLen, n))
	case !spaceNamePattern.MatchString(in.SpaceName):
		return invalid("SpaceName", in.SpaceName, "must be letters and digits, with single '-', '_' or '.' between them ("+spaceNamePattern.String()+")")
	}
	if in.StartTime.IsZero() {
		return invalid("StartTime", "", "required")
	}
	if in.EndTime.IsZero() {
		return invalid("EndTime", "", "required")
	}
	if start, end := wireTime(in.StartTime), wireTime(in.EndTime); !start.Before(end) {
		return invalid("StartTime", fmtTime(in.StartTime), fmt.Sprintf("must be before EndTime %s (to the millisecond)", fmtTime(in.EndTime)))
	}
	if in.Shards < 0 || in.Shards > MaxShards {
		return invalid("Shards", fmt.Sprint(in.Shards), fmt.Sprintf("must be 0 to %d", MaxShards))
	}
	return nil
}

// validateConcurrency checks Options.Concurrency: 0 (the default) to
// 64.
func validateConcurrency(n int) error {
	if n < 0 || n > bounds.MaxConcurrency {
		return invalid("Concurrency", fmt.Sprint(n), fmt.Sprintf("Options.Concurrency must be 0 (DefaultConcurrency) to %d", bounds.MaxConcurrency))
	}
	return nil
}

// validatePageSize checks a page size (maxResults) against the model: 1 to
// MaxPageSize, or 0 for the service's default.
func validatePageSize(n int32) error {
	if n < 0 || n > MaxPageSize {
		return invalid("PageSize", fmt.Sprint(n), fmt.Sprintf("must be between 1 and %d (0 means the largest, %d)", MaxPageSize, MaxPageSize))
	}
	return nil
}

// wireTime is t as the wire carries it: UTC, whole milliseconds.
func wireTime(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

func fmtTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.999Z") }
