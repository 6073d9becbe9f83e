package codecatalysttest

import (
	"bytes"
	"cmp"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/internal/quota"
)

// DefaultPageSize is the number of entries a page holds when a request sends
// no maxResults (the service does not document its default).
const DefaultPageSize = 50

// Store holds the spaces and event logs that a [Server] and a [Fake] serve,
// the faults they are told to inject, and a log of the requests they got. A
// Server and a Fake over one Store behave alike. All methods are safe for
// concurrent use.
type Store struct {
	mu           sync.Mutex
	key          []byte                             // signs page tokens; guarded by mu like the rest
	spaces       map[string][]codecatalyst.EventLog // sorted by (EventTime, ID)
	nextID       int
	latency      time.Duration
	throttleNext int
	failNext     int
	malformNext  int
	repeatNext   int
	pageSize     int32
	exclusiveEnd bool
	tokens       TokenStyle
	requests     []Request
	inFlight     emulate.InFlight
	quota        *quota.Quota // WithRateQuota; nil for none
}

// Request is what the Store logged of one ListEventLogs request.
type Request struct {
	SpaceName  string
	StartTime  time.Time // zero when the request had none
	EndTime    time.Time
	EventName  string
	MaxResults int32  // 0 when the request had none
	NextToken  string // the page token sent, "" for a first page
	// Authorized reports whether the request carried a bearer token (always
	// true for a Fake). The token itself is never kept.
	Authorized bool
	// Status is the HTTP status of the reply (for a Fake, the status the
	// server would have sent), or 499 when the client gave up during the
	// injected latency and got no reply.
	Status int
	// Entries is the number of entries in a successful reply.
	Entries int
	// Fault is the fault injected into the reply: "throttle", "internal",
	// "malformed" or "repeat-token" (see ThrottleNext, FailNext, MalformNext
	// and RepeatTokenNext), "" for none.
	Fault string
}

// NewStore returns an empty Store.
func NewStore() *Store {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // crypto/rand.Read never returns an error
	return &Store{key: key, spaces: make(map[string][]codecatalyst.EventLog), pageSize: DefaultPageSize}
}

// Add creates space if it does not exist and adds entries to it. Entry times
// are cut to milliseconds, as the wire carries them; an entry without an ID
// gets one ("ev-" and a number). Add returns the entries as stored.
func (s *Store) Add(space string, entries ...codecatalyst.EventLog) []codecatalyst.EventLog {
	s.mu.Lock()
	defer s.mu.Unlock()
	added := make([]codecatalyst.EventLog, len(entries))
	for i, e := range entries {
		e.EventTime = e.EventTime.UTC().Truncate(time.Millisecond)
		if e.ID == "" {
			s.nextID++
			e.ID = fmt.Sprintf("ev-%08d", s.nextID)
		}
		added[i] = e
	}
	list := append(s.spaces[space], added...)
	slices.SortStableFunc(list, compareEntries)
	s.spaces[space] = list
	return added
}

// setTokenKey makes s sign page tokens with key.
func (s *Store) setTokenKey(key []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.key = key
}

func compareEntries(a, b codecatalyst.EventLog) int {
	if c := a.EventTime.Compare(b.EventTime); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// Entries returns a copy of the entries of space, oldest first.
func (s *Store) Entries(space string) []codecatalyst.EventLog {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.spaces[space])
}

// SetLatency makes every request wait d before it is answered (or until its
// context ends). 0 turns it off.
func (s *Store) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// ThrottleNext makes the next n requests fail with 429 ThrottlingException.
// It replaces what an earlier call left pending: 0 turns the fault off.
func (s *Store) ThrottleNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttleNext = n
}

// FailNext makes the next n requests fail with 500 InternalServerException.
// It replaces what an earlier call left pending: 0 turns the fault off.
func (s *Store) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// MalformNext makes the next n successful replies carry a truncated JSON
// body (a Fake returns the SDK's *smithy.DeserializationError instead). It
// replaces what an earlier call left pending: 0 turns the fault off.
func (s *Store) MalformNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.malformNext = n
}

// RepeatTokenNext makes the next n replies that have a next token and
// answer a request that carried a token return that same token as the next
// one: a token the service already returned, which a client that follows
// blindly loops on forever. It replaces what an earlier call left pending:
// 0 turns the fault off.
func (s *Store) RepeatTokenNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.repeatNext = n
}

// SetDefaultPageSize sets the page size used when a request sends no
// maxResults (DefaultPageSize at first).
func (s *Store) SetDefaultPageSize(n int32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pageSize = n
}

// SetExclusiveEnd makes the window of a request [startTime, endTime) instead
// of the default [startTime, endTime]. The default treats both bounds as
// inclusive, the least favourable reading of the service's documentation for
// a client that splits windows.
func (s *Store) SetExclusiveEnd(exclusive bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exclusiveEnd = exclusive
}

// Requests returns a copy of the log of requests, oldest first.
func (s *Store) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// ResetRequests empties the request log and resets MaxInFlight (the same
// method as ivsrealtimetest's).
func (s *Store) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
	s.inFlight.Reset()
}

// MaxInFlight returns the most requests that were being answered at once.
func (s *Store) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inFlight.Max()
}

// apiError is an error reply of the service.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func validation(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, "ValidationException", fmt.Sprintf(format, args...)}
}

// listRequest is a decoded ListEventLogs request.
type listRequest struct {
	Space      string
	StartTime  *time.Time
	EndTime    *time.Time
	EventName  *string
	MaxResults *int32
	NextToken  *string
}

type fault int

const (
	noFault fault = iota
	faultThrottle
	faultServer
)

// The names of the injected faults, as Request.Fault logs them (the same as
// ivsrealtimetest's).
const (
	faultNameThrottle  = "throttle"
	faultNameInternal  = "internal"
	faultNameMalformed = "malformed"
	faultNameRepeat    = "repeat-token"
)

// name is the name the request log gives f.
func (f fault) name() string {
	switch f {
	case faultThrottle:
		return faultNameThrottle
	case faultServer:
		return faultNameInternal
	}
	return ""
}

// takeMalformed reports whether this successful reply is to be malformed.
func (s *Store) takeMalformed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.malformNext > 0 {
		s.malformNext--
		return true
	}
	return false
}

// repeatToken returns the request's token in place of next when that fault
// is due, and whether it was.
func (s *Store) repeatToken(reqToken *string, next string) (string, bool) {
	if reqToken == nil || *reqToken == "" || next == "" {
		return next, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.repeatNext == 0 {
		return next, false
	}
	s.repeatNext--
	return *reqToken, true
}

// begin counts a request in flight and takes the next fault that replaces
// its answer.
func (s *Store) begin() (fault, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight.Begin()
	f := noFault
	switch {
	case s.throttleNext > 0:
		s.throttleNext--
		f = faultThrottle
	case s.failNext > 0:
		s.failNext--
		f = faultServer
	case !s.quota.Allow("ListEventLogs"):
		f = faultThrottle
	}
	return f, s.latency
}

// end logs a request and counts it out.
func (s *Store) end(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight.End()
	s.requests = append(s.requests, r)
}

// record logs a request that was refused before it counted as in flight.
func (s *Store) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
}

func logged(req listRequest, authorized bool) Request {
	r := Request{SpaceName: req.Space, Authorized: authorized}
	if req.StartTime != nil {
		r.StartTime = *req.StartTime
	}
	if req.EndTime != nil {
		r.EndTime = *req.EndTime
	}
	if req.EventName != nil {
		r.EventName = *req.EventName
	}
	if req.MaxResults != nil {
		r.MaxResults = *req.MaxResults
	}
	if req.NextToken != nil {
		r.NextToken = *req.NextToken
	}
	return r
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

// validate checks req against the model and returns the service's
// ValidationException listing every violation, in the order of the
// members, or nil.
func validate(req listRequest) *apiError {
	var vs emulate.Violations
	vs.Length("spaceName", req.Space, minSpaceName, maxSpaceName)
	vs.Pattern("spaceName", req.Space, spaceNamePattern)
	if req.StartTime == nil {
		vs.Null("startTime")
	}
	if req.EndTime == nil {
		vs.Null("endTime")
	}
	if req.NextToken != nil {
		vs.Length("nextToken", *req.NextToken, minNextToken, maxNextToken)
	}
	if req.MaxResults != nil {
		vs.Range("maxResults", *req.MaxResults, minMaxResults, maxMaxResults)
	}
	if len(vs) == 0 {
		return nil
	}
	return validation("%s", vs.Message())
}

// pageToken is what a page token says, signed so that the Store can tell
// its own tokens from forged or altered ones. A token is bound to the
// request it continues.
type pageToken struct {
	Space     string    `json:"s"`
	Start     time.Time `json:"a"`
	End       time.Time `json:"b"`
	EventName string    `json:"n,omitempty"`
	LastTime  time.Time `json:"t"` // the key of the last entry of the page before
	LastID    string    `json:"i"`
	Offset    int       `json:"o,omitempty"` // TokenOffset: entries of the window before the page
}

func (s *Store) signToken(t pageToken) string {
	payload, _ := json.Marshal(t) // a struct of strings and times always marshals
	mac := hmac.New(sha256.New, s.key)
	mac.Write(payload)
	return base64.RawURLEncoding.EncodeToString(payload) + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func (s *Store) verifyToken(tok string) (pageToken, bool) {
	var t pageToken
	p, m, ok := strings.Cut(tok, ".")
	if !ok {
		return t, false
	}
	payload, err := base64.RawURLEncoding.Strict().DecodeString(p)
	if err != nil {
		return t, false
	}
	sum, err := base64.RawURLEncoding.Strict().DecodeString(m)
	if err != nil {
		return t, false
	}
	mac := hmac.New(sha256.New, s.key)
	mac.Write(payload)
	if !hmac.Equal(sum, mac.Sum(nil)) {
		return t, false
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return t, false
	}
	return t, true
}

// list answers a request that passed authentication: validation as the
// service's model has it, then the page.
func (s *Store) list(req listRequest) ([]codecatalyst.EventLog, string, *apiError) {
	if err := validate(req); err != nil {
		return nil, "", err
	}
	start, end := req.StartTime.UTC(), req.EndTime.UTC()
	if !start.Before(end) {
		return nil, "", validation("startTime must be before endTime")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	pageSize := s.pageSize
	if req.MaxResults != nil {
		pageSize = *req.MaxResults
	}
	eventName := ""
	if req.EventName != nil {
		eventName = *req.EventName
	}
	entries, ok := s.spaces[req.Space]
	if !ok {
		return nil, "", &apiError{http.StatusNotFound, "ResourceNotFoundException", fmt.Sprintf("space %s not found", req.Space)}
	}
	from, skip := 0, 0
	if req.NextToken != nil && *req.NextToken != "" {
		t, ok := s.verifyToken(*req.NextToken)
		if !ok {
			return nil, "", validation("invalid nextToken")
		}
		if t.Space != req.Space || !t.Start.Equal(start) || !t.End.Equal(end) || t.EventName != eventName {
			return nil, "", validation("nextToken does not belong to this request")
		}
		last := codecatalyst.EventLog{EventTime: t.LastTime, ID: t.LastID}
		from, _ = slices.BinarySearchFunc(entries, last, compareEntries)
		if from < len(entries) && compareEntries(entries[from], last) == 0 {
			from++
		}
		if s.tokens == TokenOffset {
			from, _ = slices.BinarySearchFunc(entries, start, func(e codecatalyst.EventLog, t time.Time) int { return e.EventTime.Compare(t) })
			skip = t.Offset
		}
	} else {
		from, _ = slices.BinarySearchFunc(entries, start, func(e codecatalyst.EventLog, t time.Time) int { return e.EventTime.Compare(t) })
	}
	offset := skip
	var page []codecatalyst.EventLog
	for _, e := range entries[from:] {
		if e.EventTime.After(end) || (s.exclusiveEnd && e.EventTime.Equal(end)) {
			break
		}
		if e.EventTime.Before(start) || (eventName != "" && e.EventName != eventName) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if len(page) == int(pageSize) {
			// There is at least one more: hand out a token after the last one.
			lastEntry := page[len(page)-1]
			return page, s.signToken(pageToken{
				Space: req.Space, Start: start, End: end, EventName: eventName,
				LastTime: lastEntry.EventTime, LastID: lastEntry.ID, Offset: offset + len(page),
			}), nil
		}
		page = append(page, e)
	}
	return page, "", nil
}
