// Package probe runs HTTP health checks and smoke tests against deployed
// environments and reads the expiry of their TLS certificates. Its Prober
// implements deploybot.Prober.
package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"deploybot"
)

// DefaultTimeout is the time a check or a TLS dial may take when
// Prober.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// maxBody is how much of a response body is read and searched.
const maxBody = 1 << 20

// maxParallel bounds how many checks run at once.
const maxParallel = 8

// Prober runs checks over HTTP. The zero value is usable: it uses
// http.DefaultClient, DefaultTimeout and no retries.
type Prober struct {
	// Client sends the requests; nil means http.DefaultClient. When its
	// Transport is an *http.Transport, CertExpiry uses its TLS settings.
	Client *http.Client
	// Timeout bounds each attempt of a check, and each TLS dial of
	// CertExpiry; zero means DefaultTimeout.
	Timeout time.Duration
	// Retries is how many more times a failed check is tried: a service
	// just deployed may take a few seconds to come up.
	Retries int
	// RetryDelay is the wait between two attempts of a check.
	RetryDelay time.Duration
}

var _ deploybot.Prober = (*Prober)(nil)

// Probe runs the checks concurrently, at most a few at a time, and returns
// their results in the order of checks. Each check is an HTTP GET that passes
// when the status is the check's ExpectStatus (any 2xx when zero) and the
// first MiB of the body contains the check's Contains text. A failed check is
// tried again up to Retries times, RetryDelay apart. Detail tells the status
// and latency of a passing check ("200 in 35ms") or what went wrong
// ("503 Service Unavailable (want 200)", "body lacks \"ok\"", a network
// error), followed by the number of attempts when there were several. When
// ctx ends, the checks still running fail with ctx's error.
func (p *Prober) Probe(ctx context.Context, checks []deploybot.Check) []deploybot.CheckResult {
	results := make([]deploybot.CheckResult, len(checks))
	sem := make(chan struct{}, maxParallel)
	var wg sync.WaitGroup
	for i, c := range checks {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
				results[i] = p.check(ctx, c)
			case <-ctx.Done():
				results[i] = deploybot.CheckResult{Name: checkName(c), Detail: ctx.Err().Error()}
			}
		})
	}
	wg.Wait()
	return results
}

// check runs one check with its retries.
func (p *Prober) check(ctx context.Context, c deploybot.Check) deploybot.CheckResult {
	res := deploybot.CheckResult{Name: checkName(c)}
	attempts := 0
	for {
		attempts++
		ok, detail, retry := p.attempt(ctx, c)
		res.OK, res.Detail = ok, detail
		if ok || !retry || attempts > p.Retries {
			break
		}
		if err := sleep(ctx, p.RetryDelay); err != nil {
			break
		}
	}
	if !res.OK && attempts > 1 {
		res.Detail = fmt.Sprintf("%s after %d attempts", res.Detail, attempts)
	}
	return res
}

// attempt sends one request. It reports whether the check passed, the
// detail, and whether trying again could help.
func (p *Prober) attempt(ctx context.Context, c deploybot.Check) (ok bool, detail string, retry bool) {
	if err := ctx.Err(); err != nil {
		return false, err.Error(), false
	}
	timeout := p.timeout()
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, c.URL, nil)
	if err != nil {
		return false, fmt.Sprintf("invalid URL %q: %v", c.URL, err), false
	}
	req.Header.Set("User-Agent", "deploybot-probe")
	start := time.Now()
	resp, err := p.client().Do(req)
	if err != nil {
		return false, requestError(ctx, err, timeout), ctx.Err() == nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	elapsed := time.Since(start)
	if !statusOK(resp.StatusCode, c.ExpectStatus) {
		want := "2xx"
		if c.ExpectStatus != 0 {
			want = fmt.Sprint(c.ExpectStatus)
		}
		return false, fmt.Sprintf("%s (want %s)", statusText(resp.StatusCode), want), true
	}
	if err != nil {
		return false, fmt.Sprintf("%d, reading the body: %s", resp.StatusCode, requestError(ctx, err, timeout)), true
	}
	if c.Contains != "" && !strings.Contains(string(body), c.Contains) {
		return false, fmt.Sprintf("body lacks %q", c.Contains), true
	}
	return true, fmt.Sprintf("%d in %s", resp.StatusCode, formatLatency(elapsed)), false
}

// CertExpiry dials the host of rawURL (port 443 unless the URL names one)
// with TLS and returns the NotAfter time of the certificate the server
// presents. The certificate chain and host name are verified with the TLS
// settings of the Client's *http.Transport, if any, as of the certificate's
// expiry when it has already expired, so an expired certificate gives its
// past expiry rather than an error. A URL without a scheme is taken as
// https; an http:// or other URL gives a *deploybot.Error with code EINVALID.
func (p *Prober) CertExpiry(ctx context.Context, rawURL string) (time.Time, error) {
	if !strings.Contains(rawURL, "://") {
		rawURL = "https://" + rawURL
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return time.Time{}, deploybot.Errorf(deploybot.EINVALID, "invalid URL %q", rawURL)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		return time.Time{}, deploybot.Errorf(deploybot.EINVALID, "no TLS on %s", rawURL)
	default:
		return time.Time{}, deploybot.Errorf(deploybot.EINVALID, "unsupported scheme %q in %s: want https", u.Scheme, rawURL)
	}
	port := u.Port()
	if port == "" {
		port = "443"
	}
	addr := net.JoinHostPort(u.Hostname(), port)

	cfg := p.tlsConfig()
	if cfg.ServerName == "" {
		cfg.ServerName = u.Hostname()
	}
	if !cfg.InsecureSkipVerify {
		// Verify by hand so an expired certificate still tells its expiry.
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = verifyAsOfExpiry(cfg.RootCAs, cfg.ServerName)
	}
	cfg.VerifyPeerCertificate = nil

	ctx, cancel := context.WithTimeout(ctx, p.timeout())
	defer cancel()
	d := tls.Dialer{NetDialer: &net.Dialer{}, Config: cfg}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return time.Time{}, fmt.Errorf("probe: TLS dial %s: %w", addr, err)
	}
	defer conn.Close()
	certs := conn.(*tls.Conn).ConnectionState().PeerCertificates
	if len(certs) == 0 {
		return time.Time{}, fmt.Errorf("probe: TLS dial %s: no certificate presented", addr)
	}
	return certs[0].NotAfter, nil
}

// verifyAsOfExpiry verifies the server's chain and name against roots (the
// system's when nil), as of now or, when the leaf has expired, as of its
// expiry.
func verifyAsOfExpiry(roots *x509.CertPool, serverName string) func(tls.ConnectionState) error {
	return func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return errors.New("no certificate presented")
		}
		leaf := cs.PeerCertificates[0]
		at := time.Now()
		if at.After(leaf.NotAfter) {
			at = leaf.NotAfter
		}
		opts := x509.VerifyOptions{
			Roots:         roots,
			DNSName:       serverName,
			Intermediates: x509.NewCertPool(),
			CurrentTime:   at,
		}
		for _, c := range cs.PeerCertificates[1:] {
			opts.Intermediates.AddCert(c)
		}
		_, err := leaf.Verify(opts)
		return err
	}
}

// tlsConfig returns a copy of the TLS settings of the Client's transport, or
// empty settings.
func (p *Prober) tlsConfig() *tls.Config {
	rt := p.client().Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	if t, ok := rt.(*http.Transport); ok && t.TLSClientConfig != nil {
		return t.TLSClientConfig.Clone()
	}
	return &tls.Config{}
}

func (p *Prober) client() *http.Client {
	if p.Client != nil {
		return p.Client
	}
	return http.DefaultClient
}

func (p *Prober) timeout() time.Duration {
	if p.Timeout > 0 {
		return p.Timeout
	}
	return DefaultTimeout
}

// checkName is the name shown for c: its Name, or its URL.
func checkName(c deploybot.Check) string {
	if c.Name != "" {
		return c.Name
	}
	return c.URL
}

// statusOK reports whether status is the one expected (any 2xx when want is 0).
func statusOK(status, want int) bool {
	if want == 0 {
		return status >= 200 && status < 300
	}
	return status == want
}

// statusText gives "503 Service Unavailable", or just the code when it has
// no standard text.
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprint(code)
}

// requestError describes a failed request, saying so plainly when the
// attempt ran out of time while ctx itself did not.
func requestError(ctx context.Context, err error, timeout time.Duration) string {
	if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("no answer within %s", timeout)
	}
	return err.Error()
}

// formatLatency gives "35ms" under ten seconds, "12.3s" above.
func formatLatency(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return d.Round(100 * time.Millisecond).String()
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
