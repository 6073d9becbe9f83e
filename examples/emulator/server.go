package main

import (
	"crypto/tls"
	"io"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/awsevents/awsevents/internal/emulate"
)

// limits are what the emulator's servers grant their clients.
type limits struct {
	readHeader time.Duration // to send a request's headers: a slow-header client loses its connection
	read       time.Duration // to read a whole request; it also ends an answer that --latency delays past it
	idle       time.Duration // a keep-alive connection idle this long is closed
	maxConns   int           // connections served at once; one beyond is closed as soon as it is accepted
}

// defaultLimits are the emulator's limits.
var defaultLimits = limits{readHeader: 10 * time.Second, read: time.Minute, idle: 2 * time.Minute, maxConns: 256}

// serve serves h on l, over TLS with cert unless it is nil, within lim,
// until the returned server is closed. There is no write timeout: the
// latency and slow readers of large pages are the emulator's business, and
// a write to a client that went away fails anyway.
func serve(l net.Listener, h http.Handler, lim limits, cert *tls.Certificate) *http.Server {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: lim.readHeader,
		ReadTimeout:       lim.read,
		IdleTimeout:       lim.idle,
		// Clients that hang up mid-handshake (a cancelled read) are no news.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	// The cap counts TCP connections, below TLS.
	l = emulate.LimitListener(l, lim.maxConns)
	if cert != nil {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12}
		l = tls.NewListener(l, srv.TLSConfig)
	}
	go srv.Serve(l)
	return srv
}
