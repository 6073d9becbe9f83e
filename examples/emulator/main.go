package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run serves until ctx is done and returns the exit code: 0 after an
// interrupt, 2 for bad arguments or data, 1 for other failures.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataFile := fs.String("data", "", "serve the data of this JSON `file` instead of the demo data (see --dump-data for the format)")
	caOut := fs.String("ca-bundle-out", "", "write the CodeCatalyst emulator's certificate to this PEM `file`, for the AWS CLI's --ca-bundle")
	dump := fs.Bool("dump-data", false, "print the demo data in the --data format and exit")
	latency := fs.Duration("latency", 0, "delay every answer by this `duration` (under 1m, the servers' read timeout), to watch pagination and progress")
	quota := fs.Float64("rate-quota", 0, "answer 429 ThrottlingException above `N` requests per second per operation, as the services' TPS quotas do (IVS lists its stage operations at 5); 0 means no quota")
	ivsAddr := fs.String("ivs-addr", "127.0.0.1:0", "serve IVS Real-Time on this `host:port` (port 0 picks a free one); an address other than loopback exposes the emulator to the network")
	ccAddr := fs.String("codecatalyst-addr", "127.0.0.1:0", "serve CodeCatalyst on this `host:port` (port 0 picks a free one); an address other than loopback exposes the emulator to the network")
	live := fs.Bool("live", false, "play the demo session (the newest session of the data's first stage) live, as it happened, and the event logs of the first space again as new entries, so that --follow has something to follow")
	speed := fs.Float64("speed", 1, "with --live, play this many times faster than real time")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "emulator: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *quota < 0 || math.IsNaN(*quota) || math.IsInf(*quota, 0) {
		fmt.Fprintf(stderr, "emulator: --rate-quota must be 0 (no quota) or a positive number of requests per second, not %v\n", *quota)
		return 2
	}
	if *latency < 0 || *latency >= defaultLimits.read {
		// The server's read timeout also ends an answer delayed past it:
		// every request would fail.
		fmt.Fprintf(stderr, "emulator: --latency must be 0 or more and under the servers' read timeout (%v), not %v\n", defaultLimits.read, *latency)
		return 2
	}
	if !(*speed > 0) || math.IsInf(*speed, 0) {
		fmt.Fprintf(stderr, "emulator: --speed must be a positive number, not %v\n", *speed)
		return 2
	}

	data := emulators.Demo()
	if *dump {
		if err := writeJSON(stdout, data); err != nil {
			fmt.Fprintf(stderr, "emulator: %v\n", err)
			return 1
		}
		return 0
	}
	if *dataFile != "" {
		var err error
		if data, err = readData(ctx, *dataFile); ctx.Err() != nil {
			return 0 // interrupted while waiting for a FIFO
		} else if err != nil {
			fmt.Fprintf(stderr, "emulator: %v\n", err)
			return 2
		}
	}

	var replay *emulators.Replay
	if *live {
		var err error
		if data, replay, err = data.Live(*speed); err != nil {
			fmt.Fprintf(stderr, "emulator: --live: %v\n", err)
			return 2
		}
	}

	ivsL, err := net.Listen("tcp", *ivsAddr)
	if err != nil {
		fmt.Fprintf(stderr, "emulator: --ivs-addr: %v\n", err)
		return 2
	}
	ccL, err := net.Listen("tcp", *ccAddr)
	if err != nil {
		ivsL.Close()
		fmt.Fprintf(stderr, "emulator: --codecatalyst-addr: %v\n", err)
		return 2
	}
	cert, err := emulate.NewCertificate()
	if err != nil {
		ivsL.Close()
		ccL.Close()
		fmt.Fprintf(stderr, "emulator: %v\n", err)
		return 1
	}
	// The fixed token key makes a NextToken valid across restarts and
	// interchangeable with awsevents --local.
	ivs := ivsrealtimetest.NewHandler(ivsrealtimetest.WithStages(data.IVSStages()...), ivsrealtimetest.WithLatency(*latency),
		ivsrealtimetest.WithRateQuota(*quota), emulators.IVSTokenKey())
	cc := codecatalysttest.NewHandler(append(data.CodeCatalystOptions(), codecatalysttest.WithLatency(*latency),
		codecatalysttest.WithRateQuota(*quota), emulators.CodeCatalystTokenKey())...)
	ivsSrv := serve(ivsL, ivs, defaultLimits, nil)
	defer ivsSrv.Close()
	ccSrv := serve(ccL, cc, defaultLimits, &cert)
	defer ccSrv.Close()

	if *caOut != "" {
		if err := writeBundle(*caOut, emulators.CertificatePEM(cert.Leaf)); err != nil {
			fmt.Fprintf(stderr, "emulator: %v\n", err)
			return 1
		}
	}
	for _, l := range []struct {
		flag string
		addr net.Addr
	}{{"--ivs-addr", ivsL.Addr()}, {"--codecatalyst-addr", ccL.Addr()}} {
		if !isLoopback(l.addr) {
			fmt.Fprintf(stderr, "emulator: warning: %s %s is not a loopback address: the emulator is reachable from the network\n", l.flag, l.addr)
		}
	}
	ivsURL, ccURL := emulate.URL("http", ivsL.Addr()), emulate.URL("https", ccL.Addr())
	fmt.Fprintf(stdout, "ivs-realtime %s\n", ivsURL)
	fmt.Fprintf(stdout, "codecatalyst %s\n", ccURL)
	if f, ok := stdout.(interface{ Sync() error }); ok {
		f.Sync()
	}
	if *caOut != "" {
		fmt.Fprintf(stderr, "emulator: codecatalyst's certificate is in %s: pass --ca-bundle %s to the AWS CLI (or set AWS_CA_BUNDLE)\n", *caOut, *caOut)
	} else {
		fmt.Fprintln(stderr, "emulator: to trust codecatalyst's certificate, restart with --ca-bundle-out FILE and pass --ca-bundle FILE to the AWS CLI (or use --no-verify-ssl)")
	}
	fmt.Fprintf(stderr, "emulator: IVS accepts any or no credentials; CodeCatalyst any bearer token (awsevents --local sends %q). Serving until interrupted.\n", emulators.CodeCatalystToken)
	if replay != nil {
		played := make(chan error, 1)
		go func() { played <- replay.Play(ctx, ivs, cc) }()
		defer func() { <-played }()
		fmt.Fprintf(stderr, "emulator: playing session %s of stage %s live (%v at speed %g); follow it with\n  awsevents ivs-realtime session-events --follow --local --endpoint-url %s --stage-arn %s --session-id %s\n",
			replay.SessionID, replay.StageARN, replay.Duration.Round(time.Second), *speed, ivsURL, replay.StageARN, replay.SessionID)
	}
	<-ctx.Done()
	return 0
}

// isLoopback reports whether a listener at a is reachable from this host
// only.
func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
