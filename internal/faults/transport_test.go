package faults

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// kind is a fault the transport injects.
type kind int

const (
	kindArm       kind = iota // call a function (an emulator knob) before forwarding
	kind503                   // answer 503 Service Unavailable without forwarding
	kindReset                 // forward, then serve half the body over TCP and reset the connection
	kindCutBody               // forward, then cut the body half way with io.ErrUnexpectedEOF
	kindMalformed             // forward, then replace a 200 body by JSON with a syntax error
	kindWrongType             // forward, then replace a 200 body by JSON of the wrong shape
	kindSlow                  // hold the request until its context ends (the client's timeout)
	kindRepeat                // answer a tokened request with its own token as the next one
	kindCycle                 // answer a tokened request with an earlier token (A, B, A)
	kindTamper                // alter the nextToken of a request on the wire
	kindExpire                // the token of a request has expired: 400, now and for ever
)

// rule injects a fault into requests from number at (1-based) on, times
// times. Token faults wait for a request that carries a token.
type rule struct {
	kind  kind
	at    int
	times int
	arm   func()
}

// faultTransport is an http.RoundTripper between the SDK client and an
// emulator that injects the faults the emulators have no knob for. It is
// safe for concurrent use (Prefetch sends requests from another goroutine).
type faultTransport struct {
	base  http.RoundTripper
	reset *resetServer

	mu       sync.Mutex
	n        int      // requests seen
	tokens   []string // the nextToken of each request, in order
	rules    []*rule
	reads    int // reads started (requests without a token)
	expired  int // tokens issued to reads up to this one have expired
	injected map[kind]int
}

func newFaultTransport(base http.RoundTripper, reset *resetServer) *faultTransport {
	return &faultTransport{base: base, reset: reset, injected: map[kind]int{}}
}

// Tokens are stamped with the read they were issued to ("r<read>." and the
// emulator's token), because the emulators' tokens are the same in every
// read while a real service's differ: so an expired token can be told from
// the same page's token in a new read. The stamp is removed before a request
// reaches the emulator.

func stamp(read int, token string) string { return fmt.Sprintf("r%d.%s", read, token) }

func unstamp(token string) (read int, raw string) {
	prefix, raw, ok := strings.Cut(token, ".")
	if !ok || !strings.HasPrefix(prefix, "r") {
		return 0, token
	}
	if _, err := fmt.Sscanf(prefix, "r%d", &read); err != nil {
		return 0, token
	}
	return read, raw
}

// add arms a fault.
func (ft *faultTransport) add(r rule) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	ft.rules = append(ft.rules, &r)
}

// clear disarms every fault not yet injected. Expired tokens stay expired.
func (ft *faultTransport) clear() {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	ft.rules = nil
}

// requests returns the number of requests seen (SDK attempts).
func (ft *faultTransport) requests() int {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	return ft.n
}

// injectedCount returns how many faults were injected (an armed emulator
// knob counts once).
func (ft *faultTransport) injectedCount() int {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	n := 0
	for _, c := range ft.injected {
		n += c
	}
	return n
}

// resetStats forgets the requests seen so far.
func (ft *faultTransport) resetStats() {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	ft.n, ft.tokens = 0, nil
	ft.injected = map[kind]int{}
}

// take picks the fault for a request, if any, and records it.
func (ft *faultTransport) take(num int, token string, read int) (kind, *rule, bool) {
	if token != "" && read <= ft.expired {
		ft.injected[kindExpire]++
		return kindExpire, nil, true
	}
	for _, r := range ft.rules {
		if r.times == 0 || num < r.at {
			continue
		}
		switch r.kind {
		case kindRepeat, kindTamper, kindExpire:
			if token == "" {
				continue
			}
		case kindCycle:
			if ft.earlierToken(token) == "" {
				continue
			}
		}
		r.times--
		ft.injected[r.kind]++
		if r.kind == kindExpire {
			ft.expired = read
		}
		return r.kind, r, true
	}
	return 0, nil, false
}

// earlierToken returns the first token sent before that differs from
// token, or "" when token is "" or there is none.
func (ft *faultTransport) earlierToken(token string) string {
	if token == "" {
		return ""
	}
	for _, t := range ft.tokens {
		if t != "" && t != token {
			return t
		}
	}
	return ""
}

func (ft *faultTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := readBody(req)
	if err != nil {
		return nil, err
	}
	var fields map[string]any
	_ = json.Unmarshal(body, &fields)
	token, _ := fields["nextToken"].(string)
	read, raw := unstamp(token)
	if raw != token {
		fields["nextToken"] = raw
		body, _ = json.Marshal(fields)
	}

	ft.mu.Lock()
	ft.n++
	num := ft.n
	if token == "" {
		ft.reads++
		read = ft.reads
	}
	k, r, ok := ft.take(num, token, read)
	earlier := ft.earlierToken(token)
	ft.tokens = append(ft.tokens, token)
	ft.mu.Unlock()

	if !ok {
		return ft.forward(req, body, read)
	}
	switch k {
	case kindArm:
		r.arm()
		return ft.forward(req, body, read)
	case kind503:
		return synthesize(req, http.StatusServiceUnavailable, "text/html", "", "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"), nil
	case kindExpire:
		const msg = "The nextToken has expired." // no token in the text: the service does not echo it
		b, _ := json.Marshal(map[string]string{"message": msg, "exceptionMessage": msg})
		return synthesize(req, http.StatusBadRequest, "application/json", "ValidationException", string(b)), nil
	case kindSlow:
		t := time.NewTimer(30 * time.Second)
		defer t.Stop()
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-t.C:
			return nil, errors.New("faults: a slow request was not cut short by the client's timeout")
		}
	case kindTamper:
		fields["nextToken"] = tamper(raw)
		b, _ := json.Marshal(fields)
		return ft.forward(req, b, read)
	}

	resp, err := ft.forward(req, body, read)
	if err != nil {
		return nil, err
	}
	full, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	switch k {
	case kindReset:
		return ft.reset.serveHalf(req, resp, full)
	case kindCutBody:
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(full[:len(full)/2]), errReader{io.ErrUnexpectedEOF}))
		return resp, nil
	case kindMalformed:
		return replaceBody(resp, []byte(`{"items": [{"id": "x"},, ], "events": [}`)), nil
	case kindWrongType:
		return replaceBody(resp, []byte(`{"items": "not a list", "events": {"not": "a list"}, "nextToken": 7}`)), nil
	case kindRepeat, kindCycle:
		next := token
		if k == kindCycle {
			next = earlier
		}
		var doc map[string]json.RawMessage
		if resp.StatusCode != http.StatusOK || json.Unmarshal(full, &doc) != nil || doc["nextToken"] == nil {
			return nil, fmt.Errorf("faults: cannot repeat a token in a reply without one: %s", full)
		}
		doc["nextToken"], _ = json.Marshal(next)
		b, _ := json.Marshal(doc)
		return replaceBody(resp, b), nil
	}
	return nil, fmt.Errorf("faults: unknown fault %d", k)
}

// forward sends the request to the emulator and stamps the next token of a
// successful reply with read.
func (ft *faultTransport) forward(req *http.Request, body []byte, read int) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.ContentLength = int64(len(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	resp, err := ft.base.RoundTrip(out)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	full, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var doc map[string]json.RawMessage
	var next string
	if json.Unmarshal(full, &doc) == nil && json.Unmarshal(doc["nextToken"], &next) == nil && next != "" {
		doc["nextToken"], _ = json.Marshal(stamp(read, next))
		full, _ = json.Marshal(doc)
	}
	return replaceBody(resp, full), nil
}

func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	defer req.Body.Close()
	return io.ReadAll(req.Body)
}

// tamper changes one character of a token, keeping it in the model's
// alphabet, as a user editing a saved token (or a proxy mangling it) would.
func tamper(token string) string {
	b := []byte(token)
	i := len(b) / 2
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func synthesize(req *http.Request, status int, contentType, errorType, body string) *http.Response {
	h := http.Header{"Content-Type": {contentType}}
	if errorType != "" {
		h.Set("X-Amzn-ErrorType", errorType)
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", status, http.StatusText(status)),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

func replaceBody(resp *http.Response, b []byte) *http.Response {
	resp.Body = io.NopCloser(bytes.NewReader(b))
	resp.ContentLength = int64(len(b))
	resp.Header.Del("Content-Length")
	return resp
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// resetServer is a raw TCP server on loopback that answers one request with
// the status line, the headers and half of a body, then resets the
// connection (SO_LINGER 0): the client reads a real ECONNRESET in the
// middle of the body.
type resetServer struct {
	ln net.Listener
	tr *http.Transport
}

func newResetServer() (*resetServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return &resetServer{ln: ln, tr: &http.Transport{DisableKeepAlives: true}}, nil
}

func (s *resetServer) Close() error {
	s.tr.CloseIdleConnections()
	return s.ln.Close()
}

// serveHalf answers req with orig's status and headers and the first half
// of body, then resets the connection once the client has the headers.
func (s *resetServer) serveHalf(req *http.Request, orig *http.Response, body []byte) (*http.Response, error) {
	type accepted struct {
		conn net.Conn
		err  error
	}
	ch := make(chan accepted, 1)
	go func() {
		c, err := s.ln.Accept()
		if err != nil {
			ch <- accepted{nil, err}
			return
		}
		// Read the request head, then write the head and half the body.
		br := bufio.NewReader(c)
		for {
			line, err := br.ReadString('\n')
			if err != nil || line == "\r\n" {
				break
			}
		}
		var head strings.Builder
		fmt.Fprintf(&head, "HTTP/1.1 %d %s\r\n", orig.StatusCode, http.StatusText(orig.StatusCode))
		for k, vs := range orig.Header {
			if k == "Content-Length" {
				continue
			}
			for _, v := range vs {
				fmt.Fprintf(&head, "%s: %s\r\n", k, v)
			}
		}
		fmt.Fprintf(&head, "Content-Length: %d\r\n\r\n", len(body))
		_, err = io.WriteString(c, head.String()+string(body[:len(body)/2]))
		ch <- accepted{c, err}
	}()
	raw, err := http.NewRequestWithContext(req.Context(), http.MethodGet, "http://"+s.ln.Addr().String()+"/", nil)
	if err != nil {
		return nil, err
	}
	resp, rtErr := s.tr.RoundTrip(raw)
	a := <-ch
	if a.conn != nil {
		a.conn.(*net.TCPConn).SetLinger(0)
		a.conn.Close()
	}
	if rtErr != nil {
		return nil, rtErr
	}
	if a.err != nil {
		resp.Body.Close()
		return nil, a.err
	}
	resp.Request = req
	return resp, nil
}
