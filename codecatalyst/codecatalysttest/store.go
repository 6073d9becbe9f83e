package codecatalysttest

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/internal/emulate"
)

// entry is a stored entry and the order it was added in.
type entry struct {
	codecatalyst.EventLog
	seq uint64
}

func (e entry) key() emulate.Key { return emulate.Key{Time: e.EventTime, ID: e.ID, Seq: e.seq} }

// oldestFirst is the order of a space's entries: by time, then ID, then
// the order they were added in.
func oldestFirst(a, b emulate.Key) int {
	if c := a.Time.Compare(b.Time); c != 0 {
		return c
	}
	if c := cmp.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return cmp.Compare(a.Seq, b.Seq)
}

// store holds the spaces a Handler serves. It is safe for concurrent use.
type store struct {
	mu           sync.Mutex
	spaces       map[string][]entry // oldestFirst
	seq          uint64             // the last order number given
	nextID       int
	exclusiveEnd bool
}

func newStore() *store { return &store{spaces: map[string][]entry{}} }

func (s *store) add(space string, entries ...codecatalyst.EventLog) []codecatalyst.EventLog {
	s.mu.Lock()
	defer s.mu.Unlock()
	added := make([]codecatalyst.EventLog, len(entries))
	list := s.spaces[space]
	for i, e := range entries {
		e.EventTime = e.EventTime.UTC().Truncate(time.Millisecond)
		if e.ID == "" {
			s.nextID++
			e.ID = fmt.Sprintf("ev-%08d", s.nextID)
		}
		added[i] = e
		s.seq++
		list = append(list, entry{e, s.seq})
	}
	slices.SortFunc(list, func(a, b entry) int { return oldestFirst(a.key(), b.key()) })
	if list == nil {
		list = []entry{} // the space exists, empty
	}
	s.spaces[space] = list
	return added
}

func (s *store) setExclusiveEnd(exclusive bool) {
	s.mu.Lock()
	s.exclusiveEnd = exclusive
	s.mu.Unlock()
}

// defaultMaxResults is the page size of a request without maxResults (the
// service does not document its default).
const defaultMaxResults = 50

func validation(format string, args ...any) *emulate.Error {
	return emulate.Errorf(http.StatusBadRequest, "ValidationException", format, args...)
}

// The service model's constraints on ListEventLogs (the CodeCatalyst API
// reference and the SDK's model), kept apart from package codecatalyst's
// own so that the emulator checks the client rather than echoing it. The
// pattern matches whole values; lengths count characters.
var spaceNamePattern = regexp.MustCompile(`^[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*$`)

const (
	minSpaceName, maxSpaceName   = 3, 63
	minMaxResults, maxMaxResults = 1, 250
	minNextToken, maxNextToken   = 1, 10000
)

// validate checks in against the model and returns the service's
// ValidationException listing every violation, in the order of the
// members, or nil.
func validate(in *sdkcc.ListEventLogsInput) *emulate.Error {
	var vs emulate.Violations
	space := aws.ToString(in.SpaceName)
	vs.Length("spaceName", space, minSpaceName, maxSpaceName)
	vs.Pattern("spaceName", space, spaceNamePattern)
	if in.StartTime == nil {
		vs.Null("startTime")
	}
	if in.EndTime == nil {
		vs.Null("endTime")
	}
	if in.NextToken != nil {
		vs.Length("nextToken", *in.NextToken, minNextToken, maxNextToken)
	}
	if in.MaxResults != nil {
		vs.Range("maxResults", *in.MaxResults, minMaxResults, maxMaxResults)
	}
	if len(vs) == 0 {
		return nil
	}
	return validation("%s", vs.Message())
}

// List answers a request that passed authentication: validation as the
// service's model has it, then the page of the window.
func (sv service) List(c emulate.Call[*sdkcc.ListEventLogsInput], tokens *emulate.Tokens) (emulate.Reply, *emulate.Error) {
	items, next, err := sv.data.list(c.Input, tokens)
	return emulate.Reply{Out: items, Next: next}, err
}

func (s *store) list(in *sdkcc.ListEventLogsInput, tokens *emulate.Tokens) ([]codecatalyst.EventLog, string, *emulate.Error) {
	if err := validate(in); err != nil {
		return nil, "", err
	}
	start, end := in.StartTime.UTC(), in.EndTime.UTC()
	if !start.Before(end) {
		return nil, "", validation("startTime must be before endTime")
	}
	space, eventName := aws.ToString(in.SpaceName), aws.ToString(in.EventName)
	size := defaultMaxResults
	if in.MaxResults != nil {
		size = int(*in.MaxResults)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	entries, ok := s.spaces[space]
	if !ok {
		return nil, "", emulate.Errorf(http.StatusNotFound, "ResourceNotFoundException", "space %s not found", space)
	}
	lo := sort.Search(len(entries), func(i int) bool { return !entries[i].EventTime.Before(start) })
	hi := sort.Search(len(entries), func(i int) bool {
		t := entries[i].EventTime
		return t.After(end) || s.exclusiveEnd && t.Equal(end)
	})
	l := emulate.Listing[entry]{
		Identity: fmt.Sprintf("ListEventLogs\x00%s\x00%s\x00%s\x00%s", space, start.Format(time.RFC3339Nano), end.Format(time.RFC3339Nano), eventName),
		Items:    entries[lo:max(lo, hi)],
		Key:      entry.key,
		Compare:  oldestFirst,
	}
	if eventName != "" {
		l.Match = func(e entry) bool { return e.EventName == eventName }
	}
	page, next, err := emulate.Page(tokens, l, aws.ToString(in.NextToken), size)
	switch {
	case errors.Is(err, emulate.ErrTokenListing):
		return nil, "", validation("nextToken does not belong to this request")
	case err != nil:
		return nil, "", validation("invalid nextToken")
	}
	out := make([]codecatalyst.EventLog, len(page))
	for i, e := range page {
		out[i] = e.EventLog
	}
	return out, next, nil
}
