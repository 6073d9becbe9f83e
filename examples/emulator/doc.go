// Command emulator serves the IVS Real-Time and CodeCatalyst emulators of
// this module as one standalone process on loopback, so that any AWS SDK or
// the AWS CLI can talk to them with --endpoint-url and no AWS account.
//
//	dir=$(mktemp -d)   # a directory only you can write
//	go run ./examples/emulator --ca-bundle-out "$dir/codecatalyst-ca.pem"
//
// It prints one line per service, then serves until interrupted:
//
//	ivs-realtime http://127.0.0.1:PORT
//	codecatalyst https://127.0.0.1:PORT
//
// The data is the emulators' demo data, or the JSON file given with --data
// (--dump-data prints the demo data in that format, a template to start
// from). CodeCatalyst needs TLS (the SDKs send bearer tokens over HTTPS
// only); its certificate is made for the process, so clients must be told to
// trust it: --ca-bundle-out writes it to a file for the AWS CLI's --ca-bundle
// (or AWS_CA_BUNDLE). It is a self-signed leaf certificate for 127.0.0.1,
// ::1 and localhost with a key that never leaves the process, not a
// certificate authority: trusting it trusts this emulator and nothing else.
// The file is written safely: a symbolic link at the path is refused, and a
// new file (mode 0644) replaces an existing one. Write it in a directory
// only you can write (not /tmp itself): whoever can replace the file
// chooses what the AWS CLI trusts.
//
// The servers time out slow clients (10 s to send the headers, a minute to
// send a request, 2 minutes idle) and serve at most 256 connections at once,
// closing any beyond as soon as they arrive. SIGINT or
// SIGTERM ends the emulator at any time, even while it waits for a writer
// on a FIFO given as --data.
//
// --rate-quota N makes both emulators answer HTTP 429 ThrottlingException
// above N requests per second per operation, as the services' quotas do
// (IVS lists its stage operations at 5), to watch a client's pacing.
//
// Each emulator listens on a free loopback port unless --ivs-addr or
// --codecatalyst-addr names a host:port ("127.0.0.1:4566", say). An address
// other than loopback (":4566", "0.0.0.0:4566") exposes the emulator, which
// checks no credentials, to the network; the emulator warns when it does.
//
// --live plays the demo session (the newest session of the data's first
// stage) as it happened: the session starts empty when the emulator starts,
// each event is added at its time (stamped with the time it is played), and
// the session ends after its last event; --speed 10 plays it ten times
// faster. The entries of the first CodeCatalyst space are logged again, live,
// with gaps of at most 5 seconds. Follow it with awsevents --follow:
//
//	go run ./examples/emulator --live --speed 10
//	awsevents ivs-realtime session-events --follow --local --endpoint-url http://127.0.0.1:PORT \
//	    --stage-arn arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh --session-id st-a1b2c3d4e5f6g
//
// Page tokens are signed with a fixed key (the one awsevents --local uses),
// so a NextToken stays valid across restarts of the emulator and between it
// and awsevents --local, as long as the data is the same.
//
//	aws ivs-realtime list-participant-events --endpoint-url http://127.0.0.1:PORT --no-sign-request --region us-west-2 \
//	    --stage-arn arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh --session-id st-a1b2c3d4e5f6g --participant-id abCDEf12GHIj
package main
