package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go/auth/bearer"
	"golang.org/x/term"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/ivsrealtime"
)

// env is what the tool takes from its surroundings.
type env struct {
	// terminal reports whether stderr is a terminal: progress is shown only
	// then.
	terminal bool
	// stdoutTerminal reports whether stdout is a terminal: the pager, the
	// table's colours (--color auto) and its width depend on it.
	stdoutTerminal bool
	// width is the terminal's width in columns, 80 when stdout is not one
	// (as the AWS CLI's table assumes).
	width int
	// stdin, when it is a terminal, answers --cli-auto-prompt; nil
	// otherwise.
	stdin io.Reader
	// lookup reads the environment (AWS_PAGER, PAGER,
	// AWS_BEARER_TOKEN_CODECATALYST, ...), as os.LookupEnv.
	lookup func(string) (string, bool)
}

func defaultEnv(stdout, stderr io.Writer) env {
	e := env{width: 80, lookup: os.LookupEnv}
	if f, ok := stderr.(*os.File); ok {
		e.terminal = term.IsTerminal(int(f.Fd()))
	}
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		e.stdoutTerminal = true
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			e.width = w
		}
	}
	if term.IsTerminal(int(os.Stdin.Fd())) {
		e.stdin = os.Stdin
	}
	return e
}

// configError is a problem with the configuration (no region, say); it
// exits with exitConfig.
type configError struct{ err error }

func (e *configError) Error() string { return e.err.Error() }
func (e *configError) Unwrap() error { return e.err }

// runner holds what one run of an operation needs.
type runner struct {
	opts   *options
	stdout io.Writer
	stderr io.Writer
	env    env
	logger *slog.Logger // nil unless --debug

	closers  []func()
	progress bool // a progress line is on stderr

	warnedPlainHTTP bool // see warnPlainHTTP

	cmd *command // the operation run

	// resume is the cursor to resume from after an interrupt or a failure,
	// "" when there is none.
	resume string
}

func newRunner(ctx context.Context, o *options, stdout, stderr io.Writer, env env) (*runner, error) {
	r := &runner{opts: o, stdout: stdout, stderr: stderr, env: env}
	if o.debug {
		r.logger = newDebugLogger(stderr)
	}
	return r, nil
}

func (r *runner) close() {
	for i := len(r.closers) - 1; i >= 0; i-- {
		r.closers[i]()
	}
}

// httpClient builds the HTTP client of the SDK clients: the timeouts of
// --cli-connect-timeout and --cli-read-timeout, the TLS trust of --ca-bundle
// and --no-verify-ssl plus extra, and --debug's request log.
func (r *runner) httpClient(extra *x509.CertPool) (aws.HTTPClient, error) {
	o := r.opts
	roots := extra
	if o.caBundle != "" {
		pemData, err := os.ReadFile(o.caBundle)
		if err != nil {
			return nil, &configError{fmt.Errorf("--ca-bundle: %w", err)}
		}
		if roots == nil {
			if roots, err = x509.SystemCertPool(); err != nil {
				roots = x509.NewCertPool()
			}
		} else {
			roots = roots.Clone()
		}
		if !roots.AppendCertsFromPEM(pemData) {
			return nil, &configError{fmt.Errorf("--ca-bundle %s: no PEM certificate in it", o.caBundle)}
		}
	}
	c := awshttp.NewBuildableClient().
		WithDialerOptions(func(d *net.Dialer) { d.Timeout = seconds(o.connectTimeout) }).
		WithTransportOptions(func(t *http.Transport) {
			t.TLSHandshakeTimeout = seconds(o.connectTimeout)
			t.ResponseHeaderTimeout = seconds(o.readTimeout)
			if t.TLSClientConfig == nil {
				t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
			}
			if roots != nil {
				t.TLSClientConfig.RootCAs = roots
			}
			t.TLSClientConfig.InsecureSkipVerify = o.noVerifySSL
		})
	if r.logger == nil {
		return c, nil
	}
	return &debugClient{next: c, logger: r.logger}, nil
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// debugClient logs each HTTP request: method, URL (without user info or
// query), status and duration. It never logs headers or bodies, so neither
// the Authorization header nor any token reaches the log.
type debugClient struct {
	next   aws.HTTPClient
	logger *slog.Logger
}

func (c *debugClient) Do(req *http.Request) (*http.Response, error) {
	u := url.URL{Scheme: req.URL.Scheme, Host: req.URL.Host, Path: req.URL.Path}
	start := time.Now()
	resp, err := c.next.Do(req)
	attrs := []any{"method", req.Method, "url", u.String(), "duration", time.Since(start).Round(time.Microsecond)}
	if err != nil {
		c.logger.Debug("http request failed", append(attrs, "error", err.Error())...)
		return resp, err
	}
	c.logger.Debug("http request", append(attrs, "status", resp.StatusCode)...)
	return resp, nil
}

// localRetryer backs off briefly: the emulators answer at once.
func localRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxBackoff = 50 * time.Millisecond
		o.RateLimiter = ratelimit.None
	})
}

// awsConfig loads the configuration for a real endpoint (or --endpoint-url
// without --local): the shared config files and environment, as the AWS CLI
// does, with --profile and --region.
// CodeCatalyst has one global endpoint: it needs no region (needRegion
// false).
func (r *runner) awsConfig(ctx context.Context, needRegion bool) (aws.Config, error) {
	o := r.opts
	hc, err := r.httpClient(nil)
	if err != nil {
		return aws.Config{}, err
	}
	opts := []func(*config.LoadOptions) error{config.WithHTTPClient(unwrapDebug(hc))}
	if o.profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.profile))
	}
	if o.region != "" {
		opts = append(opts, config.WithRegion(o.region))
	}
	if o.noSignRequest {
		opts = append(opts, config.WithCredentialsProvider(aws.AnonymousCredentials{}))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, &configError{fmt.Errorf("loading the AWS configuration: %w", err)}
	}
	if cfg.Region == "" && needRegion {
		return aws.Config{}, &configError{errors.New("no region: pass --region or set AWS_REGION (or a region in the profile)")}
	}
	if o.endpointURL != "" {
		cfg.BaseEndpoint = aws.String(o.endpointURL)
	}
	cfg.HTTPClient = r.withDebug(cfg.HTTPClient)
	r.debugConfig(cfg)
	return cfg, nil
}

// debugConfig logs where requests go, never credentials.
func (r *runner) debugConfig(cfg aws.Config) {
	if r.logger == nil {
		return
	}
	r.logger.Debug("config", "region", cfg.Region, "endpoint", endpointForLog(aws.ToString(cfg.BaseEndpoint)), "profile", r.opts.profile, "local", r.opts.local)
}

// ivsClient returns the IVS Real-Time client for the run.
func (r *runner) ivsClient(ctx context.Context) (*ivsrealtime.Client, error) {
	o := r.opts
	if !o.local {
		cfg, err := r.awsConfig(ctx, true)
		if err != nil {
			return nil, err
		}
		r.warnPlainHTTP(cfg)
		return r.newIVS(cfg), nil
	}
	endpoint := o.endpointURL
	if endpoint == "" {
		// The fixed token key lets a later run resume from this one's cursor.
		srv, err := r.localIVSServer()
		if err != nil {
			return nil, err
		}
		r.closers = append(r.closers, srv.Close)
		endpoint = srv.URL
	}
	hc, err := r.httpClient(nil)
	if err != nil {
		return nil, err
	}
	cfg := aws.Config{
		Region:       regionOr(o.region, "us-west-2"),
		BaseEndpoint: aws.String(endpoint),
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient:   hc,
		Retryer:      localRetryer,
	}
	r.debugConfig(cfg)
	return r.newIVS(cfg), nil
}

// newIVS returns the IVS client of cfg; for a one-page run, its first
// request carries --next-token and --max-results as given (see onePage).
// With --debug, the client logs each request (Options.Logger), as the
// CodeCatalyst client does.
func (r *runner) newIVS(cfg aws.Config) *ivsrealtime.Client {
	var api ivsrealtime.API = sdkivs.NewFromConfig(cfg)
	if r.opts.onePage() {
		api = ivsOnePage{api, r.onePage()}
	}
	var ivsOpts []func(*ivsrealtime.Options)
	if r.logger != nil {
		ivsOpts = append(ivsOpts, func(o *ivsrealtime.Options) { o.Logger = r.logger })
	}
	return ivsrealtime.New(api, ivsOpts...)
}

// onePage is the first request of a one-page run (--max-results,
// --next-token, --no-paginate): the service's own token, and the page size
// given (--max-results) or none, so that
// the service's default applies, as the AWS CLI sends it. The library's
// pager sends its own page size, which is right for auto-pagination only.
type onePage struct {
	token      *string
	maxResults *int32
}

func (r *runner) onePage() onePage {
	var p onePage
	if o := r.opts; o.nextToken != "" {
		p.token = aws.String(o.nextToken)
	}
	if o := r.opts; o.set["max-results"] {
		p.maxResults = aws.Int32(int32(o.maxResults)) // range-checked: 1 to the model's maximum
	}
	return p
}

// apply sets the request's token (on the first request only: that is the
// one without a token of its own) and its page size.
func (p onePage) apply(token **string, maxResults **int32) {
	if *token == nil {
		*token = p.token
	}
	*maxResults = p.maxResults
}

// ivsOnePage is the SDK's IVS client with the request of a one-page run.
type ivsOnePage struct {
	api  ivsrealtime.API
	page onePage
}

func (c ivsOnePage) ListParticipantEvents(ctx context.Context, in *sdkivs.ListParticipantEventsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantEventsOutput, error) {
	cp := *in
	c.page.apply(&cp.NextToken, &cp.MaxResults)
	return c.api.ListParticipantEvents(ctx, &cp, optFns...)
}

func (c ivsOnePage) ListStageSessions(ctx context.Context, in *sdkivs.ListStageSessionsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListStageSessionsOutput, error) {
	cp := *in
	c.page.apply(&cp.NextToken, &cp.MaxResults)
	return c.api.ListStageSessions(ctx, &cp, optFns...)
}

func (c ivsOnePage) ListParticipants(ctx context.Context, in *sdkivs.ListParticipantsInput, optFns ...func(*sdkivs.Options)) (*sdkivs.ListParticipantsOutput, error) {
	cp := *in
	c.page.apply(&cp.NextToken, &cp.MaxResults)
	return c.api.ListParticipants(ctx, &cp, optFns...)
}

// ccOnePage is the SDK's CodeCatalyst client with the request of a
// one-page run.
type ccOnePage struct {
	api  codecatalyst.API
	page onePage
}

func (c ccOnePage) ListEventLogs(ctx context.Context, in *sdkcc.ListEventLogsInput, optFns ...func(*sdkcc.Options)) (*sdkcc.ListEventLogsOutput, error) {
	cp := *in
	c.page.apply(&cp.NextToken, &cp.MaxResults)
	return c.api.ListEventLogs(ctx, &cp, optFns...)
}

// newCodeCatalyst returns the CodeCatalyst client of cfg (see newIVS).
func (r *runner) newCodeCatalyst(cfg aws.Config, optFns ...func(*codecatalyst.Options)) *codecatalyst.Client {
	var api codecatalyst.API = sdkcc.NewFromConfig(cfg)
	if r.opts.onePage() {
		api = ccOnePage{api, r.onePage()}
	}
	return codecatalyst.New(api, optFns...)
}

// codeCatalystClient returns the CodeCatalyst client for the run.
func (r *runner) codeCatalystClient(ctx context.Context) (*codecatalyst.Client, error) {
	o := r.opts
	var ccOpts []func(*codecatalyst.Options)
	if r.logger != nil {
		ccOpts = append(ccOpts, func(co *codecatalyst.Options) { co.Logger = r.logger })
	}
	token, hasToken := r.env.lookupEnv("AWS_BEARER_TOKEN_CODECATALYST")
	hasToken = hasToken && token != ""
	if !o.local {
		cfg, err := r.awsConfig(ctx, false)
		if err != nil {
			return nil, err
		}
		if hasToken { // as the AWS CLI: the variable wins over the profile's sso-session
			cfg.BearerAuthTokenProvider = bearer.StaticTokenProvider{Token: bearer.Token{Value: token}}
		}
		return r.newCodeCatalyst(cfg, ccOpts...), nil
	}
	cfg := aws.Config{
		Region:                  regionOr(o.region, emulators.Region),
		BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: emulators.CodeCatalystToken}},
		Retryer:                 localRetryer,
	}
	var roots *x509.CertPool
	if o.endpointURL != "" {
		cfg.BaseEndpoint = aws.String(o.endpointURL)
		if hasToken {
			cfg.BearerAuthTokenProvider = bearer.StaticTokenProvider{Token: bearer.Token{Value: token}}
		}
	} else {
		srv, err := r.localCodeCatalystServer()
		if err != nil {
			return nil, err
		}
		r.closers = append(r.closers, srv.Close)
		cfg.BaseEndpoint = aws.String(srv.URL)
		cfg.BearerAuthTokenProvider = srv.Config().BearerAuthTokenProvider
		if roots, err = emulators.RootCAs(srv.HTTPClient()); err != nil {
			return nil, err
		}
	}
	hc, err := r.httpClient(roots)
	if err != nil {
		return nil, err
	}
	cfg.HTTPClient = hc
	r.debugConfig(cfg)
	return r.newCodeCatalyst(cfg, ccOpts...), nil
}

func regionOr(region, def string) string {
	if region != "" {
		return region
	}
	return def
}

var _ sdkivs.HTTPClient = (*debugClient)(nil)
