package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	sdkcc "github.com/aws/aws-sdk-go-v2/service/codecatalyst"
	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go/auth/bearer"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/examples/internal/emulators"
	"github.com/awsevents/awsevents/ivsrealtime"
)

// Where requests go and with which credentials. Without --local, the
// configuration is the AWS CLI's: the shared config files and the
// environment (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_IVS_REALTIME, a profile's endpoint_url and [services]
// section, ...), loaded by the SDK, with --profile, --region and
// --endpoint-url winning. With --local, none of it: the embedded emulators
// (or the emulator at --endpoint-url) with the emulators' own credentials
// (none for IVS, the emulator's token for CodeCatalyst), so that no
// credential of the user's is ever sent anywhere.

// ivsClient returns the IVS Real-Time client of the run.
func (r *runner) ivsClient(ctx context.Context) (*ivsrealtime.Client, error) {
	cfg, sdkOpts, err := r.ivsConfig(ctx)
	if err != nil {
		return nil, err
	}
	api := sdkivs.NewFromConfig(cfg, sdkOpts...)
	var opts []func(*ivsrealtime.Options)
	if l := r.clientLogger(); l != nil {
		opts = append(opts, func(o *ivsrealtime.Options) { o.Logger = l })
	}
	return ivsrealtime.New(api, opts...), nil
}

// ivsConfig returns the configuration of the IVS client and the SDK
// options that go with it.
func (r *runner) ivsConfig(ctx context.Context) (aws.Config, []func(*sdkivs.Options), error) {
	c := r.inv.g.conn
	if !c.local {
		cfg, err := r.awsConfig(ctx, true)
		if err != nil {
			return aws.Config{}, nil, err
		}
		var opts []func(*sdkivs.Options)
		if c.endpointURL != "" {
			// A client option, not cfg.BaseEndpoint: the SDK lets a
			// per-service endpoint of the environment or the profile
			// override cfg.BaseEndpoint, and --endpoint-url must win.
			opts = append(opts, func(o *sdkivs.Options) { o.BaseEndpoint = aws.String(c.endpointURL) })
		}
		endpoint := resolvedIVSEndpoint(cfg, opts)
		r.warnPlainHTTP(cfg.Credentials, endpoint)
		r.debugConfig(cfg.Region, endpoint)
		return cfg, opts, nil
	}
	endpoint := c.endpointURL
	if endpoint == "" {
		srv, err := r.localIVSServer()
		if err != nil {
			return aws.Config{}, nil, err
		}
		r.closers = append(r.closers, srv.Close)
		endpoint = srv.URL
	}
	hc, err := r.httpClient(ctx, nil)
	if err != nil {
		return aws.Config{}, nil, err
	}
	cfg := aws.Config{
		Region:       regionOr(c.region, "us-west-2"),
		BaseEndpoint: aws.String(endpoint),
		Credentials:  aws.AnonymousCredentials{}, // the emulators take unsigned requests
		HTTPClient:   hc,
		Retryer:      localRetryer,
	}
	r.debugConfig(cfg.Region, endpoint)
	return cfg, nil, nil
}

// resolvedIVSEndpoint is where an SDK client of cfg with opts sends its
// requests, as the SDK resolves it from every way of naming an endpoint:
// "" for the service's own.
func resolvedIVSEndpoint(cfg aws.Config, opts []func(*sdkivs.Options)) string {
	return aws.ToString(sdkivs.NewFromConfig(cfg, opts...).Options().BaseEndpoint)
}

// codeCatalystClient returns the CodeCatalyst client of the run.
func (r *runner) codeCatalystClient(ctx context.Context) (*codecatalyst.Client, error) {
	cfg, sdkOpts, err := r.codeCatalystConfig(ctx)
	if err != nil {
		return nil, err
	}
	var opts []func(*codecatalyst.Options)
	if l := r.clientLogger(); l != nil {
		opts = append(opts, func(o *codecatalyst.Options) { o.Logger = l })
	}
	api := sdkcc.NewFromConfig(cfg, sdkOpts...)
	if api.Options().BearerAuthTokenProvider == nil {
		// Every read would fail so: say it before anything else is done
		// (a sync opens its archive next).
		return nil, codecatalyst.ErrNoBearerToken
	}
	return codecatalyst.New(api, opts...), nil
}

// codeCatalystConfig returns the configuration of the CodeCatalyst client
// and the SDK options that go with it. CodeCatalyst takes a bearer token,
// not AWS credentials: AWS_BEARER_TOKEN_CODECATALYST or a profile's
// sso-session (the SDK refuses to send a token over plain HTTP); it has
// one global endpoint, so it needs no region.
func (r *runner) codeCatalystConfig(ctx context.Context) (aws.Config, []func(*sdkcc.Options), error) {
	c := r.inv.g.conn
	if !c.local {
		cfg, err := r.awsConfig(ctx, false)
		if err != nil {
			return aws.Config{}, nil, err
		}
		if token, ok := r.env.lookupEnv("AWS_BEARER_TOKEN_CODECATALYST"); ok && token != "" {
			// As the AWS CLI: the variable wins over the profile's sso-session.
			cfg.BearerAuthTokenProvider = bearer.StaticTokenProvider{Token: bearer.Token{Value: token}}
		}
		var opts []func(*sdkcc.Options)
		if c.endpointURL != "" {
			opts = append(opts, func(o *sdkcc.Options) { o.BaseEndpoint = aws.String(c.endpointURL) })
		}
		r.debugConfig(cfg.Region, aws.ToString(sdkcc.NewFromConfig(cfg, opts...).Options().BaseEndpoint))
		return cfg, opts, nil
	}
	cfg := aws.Config{
		Region: regionOr(c.region, emulators.Region),
		// The emulators' token, whatever the environment holds: --local
		// never sends the user's.
		BearerAuthTokenProvider: bearer.StaticTokenProvider{Token: bearer.Token{Value: emulators.CodeCatalystToken}},
		Retryer:                 localRetryer,
	}
	var roots *x509.CertPool
	if c.endpointURL != "" {
		cfg.BaseEndpoint = aws.String(c.endpointURL)
	} else {
		srv, err := r.localCodeCatalystServer()
		if err != nil {
			return aws.Config{}, nil, err
		}
		r.closers = append(r.closers, srv.Close)
		cfg.BaseEndpoint = aws.String(srv.URL)
		cfg.BearerAuthTokenProvider = srv.Config().BearerAuthTokenProvider
		if roots, err = emulators.RootCAs(srv.HTTPClient()); err != nil {
			return aws.Config{}, nil, err
		}
	}
	hc, err := r.httpClient(ctx, roots)
	if err != nil {
		return aws.Config{}, nil, err
	}
	cfg.HTTPClient = hc
	r.debugConfig(cfg.Region, aws.ToString(cfg.BaseEndpoint))
	return cfg, nil, nil
}

// awsConfig loads the configuration for AWS (or an endpoint given without
// --local): the shared config files and environment, as the AWS CLI does,
// with --profile and --region. CodeCatalyst has one global endpoint: it
// needs no region (needRegion false).
func (r *runner) awsConfig(ctx context.Context, needRegion bool) (aws.Config, error) {
	c := r.inv.g.conn
	hc, err := r.httpClient(ctx, nil)
	if err != nil {
		return aws.Config{}, err
	}
	opts := []func(*config.LoadOptions) error{config.WithHTTPClient(unwrapDebug(hc))}
	if c.profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(c.profile))
	}
	if c.region != "" {
		opts = append(opts, config.WithRegion(c.region))
	}
	if c.noSignRequest {
		opts = append(opts, config.WithCredentialsProvider(aws.AnonymousCredentials{}))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, &configError{fmt.Errorf("loading the AWS configuration: %w", err)}
	}
	if cfg.Region == "" && needRegion {
		return aws.Config{}, &configError{errors.New("no region: pass --region or set AWS_REGION (or a region in the profile)")}
	}
	cfg.HTTPClient = r.withDebug(cfg.HTTPClient)
	return cfg, nil
}

// httpClient builds the HTTP client of the SDK clients: the timeouts of
// --cli-connect-timeout and --cli-read-timeout, the TLS trust of --ca-bundle
// (read with readInputFile's bound) and --no-verify-ssl plus extra, and
// --debug's request log.
func (r *runner) httpClient(ctx context.Context, extra *x509.CertPool) (aws.HTTPClient, error) {
	c := r.inv.g.conn
	roots := extra
	if c.caBundle != "" {
		pemData, err := readInputFile(ctx, c.caBundle)
		var large *tooLargeError
		switch {
		case errors.As(err, &large):
			return nil, usagef("--ca-bundle: %v", err)
		case err != nil && ctx.Err() != nil:
			return nil, err
		case err != nil:
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
			return nil, &configError{fmt.Errorf("--ca-bundle %s: no PEM certificate in it", c.caBundle)}
		}
	}
	hc := awshttp.NewBuildableClient().
		WithDialerOptions(func(d *net.Dialer) { d.Timeout = seconds(c.connectTimeout) }).
		WithTransportOptions(func(t *http.Transport) {
			t.TLSHandshakeTimeout = seconds(c.connectTimeout)
			t.ResponseHeaderTimeout = seconds(c.readTimeout)
			if t.TLSClientConfig == nil {
				t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
			}
			if roots != nil {
				t.TLSClientConfig.RootCAs = roots
			}
			t.TLSClientConfig.InsecureSkipVerify = c.noVerifySSL
		})
	return r.withDebug(hc), nil
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// localRetryer backs off briefly: the emulators answer at once.
func localRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxBackoff = 50 * time.Millisecond
		o.RateLimiter = ratelimit.None
	})
}

// debugConfig logs where requests go, never credentials.
func (r *runner) debugConfig(region, endpoint string) {
	if r.logger == nil {
		return
	}
	r.logger.Debug("config", "region", region, "endpoint", endpointForLog(endpoint), "profile", r.inv.g.conn.profile, "local", r.inv.g.conn.local)
}

func regionOr(region, def string) string {
	if region != "" {
		return region
	}
	return def
}

var _ sdkivs.HTTPClient = (*debugClient)(nil)
