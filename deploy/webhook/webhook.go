// Package webhook runs deployments by calling the team's own HTTP endpoint.
//
// Execute POSTs the deployment as JSON (see Request), signed with
// HMAC-SHA256, and reads back a Status. While the status is "running" it
// polls the status URL the endpoint gave, with signed GET requests, until
// the run succeeds, fails or times out.
//
// The signature covers the timestamp and the body:
//
//	X-Deploybot-Timestamp: 1764075600
//	X-Deploybot-Signature: sha256=hex(HMAC-SHA256(secret, "1764075600." + body))
//
// A receiving side checks it with Verify, which also refuses stale
// timestamps so that a captured request cannot be replayed later. The
// POST also carries Idempotency-Key: deploy-<id>, so that a retried request
// does not start a second run.
//
// The endpoint must be https, unless AllowHTTP says otherwise. Redirects are
// followed only to the same host, and never from https to http.
//
// The status URL is the run's ref: deploybot records it as soon as the
// endpoint gives it, so that another deploybot process can follow the run
// (Adopt) if this one stops.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"deploybot"
	"deploybot/deploy/deadline"
	"deploybot/deploy/safe"
)

// Defaults of an Executor's zero fields, and of Verify's maxAge.
const (
	DefaultPollInterval = 5 * time.Second
	DefaultTimeout      = 10 * time.Minute
	DefaultMaxAge       = 5 * time.Minute
)

// The headers of a signed request.
const (
	SignatureHeader   = "X-Deploybot-Signature"
	TimestampHeader   = "X-Deploybot-Timestamp"
	IdempotencyHeader = "Idempotency-Key"
)

// The statuses an endpoint answers.
const (
	StatusRunning   = "running"
	StatusSucceeded = "succeeded"
	StatusFailed    = "failed"
)

const (
	retries     = 2       // a 5xx answer or a network error is tried again this many times
	maxBody     = 1 << 20 // bytes read of a request or an answer
	maxOutput   = 4096    // bytes kept of the output an endpoint reports
	excerptSize = 300     // bytes of an answer quoted in an error
)

// Errors that Verify wraps.
var (
	ErrSignature = errors.New("invalid webhook signature")
	ErrStale     = errors.New("stale webhook timestamp")
)

// errRedirect is wrapped by the error of a redirect that is not followed.
var errRedirect = errors.New("redirect refused")

// Request is the JSON body of the deployment request.
type Request struct {
	ID              int64  `json:"id"`
	Project         string `json:"project"`
	Env             string `json:"env"`
	Version         string `json:"version"`
	PreviousVersion string `json:"previous_version"`
	Strategy        string `json:"strategy"`
	Action          string `json:"action"` // deploy or rollback
	Requester       string `json:"requester"`
	CallbackURL     string `json:"callback_url,omitempty"`
}

// Status is the JSON answer to the deployment request and to each poll of
// the status URL.
type Status struct {
	Status string `json:"status"` // running, succeeded or failed
	// StatusURL is required while running; it may be relative to the
	// webhook URL, and must have its scheme and host. deploybot stores it
	// whole with the deployment (its ExecutorRef) to follow the run from
	// another process: it should hold no secret beyond what the signed
	// requests carry.
	StatusURL string `json:"status_url,omitempty"`
	Ref       string `json:"ref,omitempty"`    // the run's id or URL at the endpoint
	Output    string `json:"output,omitempty"` // the end of the run's output
}

var (
	_ deploybot.Executor = Executor{}
	_ deploybot.Adopter  = Executor{}
)

// Executor runs a deployment by calling a webhook. The zero value of each
// optional field has a default.
type Executor struct {
	URL    string // the endpoint: https, or http with AllowHTTP
	Secret string // HMAC-SHA256 key; empty: requests are not signed
	// AllowHTTP allows a plain http:// URL. The signed request and its
	// answers then cross the network unencrypted: anyone on the way reads
	// the deployment and the status URL, and can answer in the endpoint's
	// place (the signature authenticates deploybot's requests, not the
	// answers). Keep it for endpoints on a trusted network or loopback.
	AllowHTTP    bool
	Client       *http.Client  // nil: http.DefaultClient; its CheckRedirect is kept, after this package's rules
	PollInterval time.Duration // between polls of the status URL, and the first retry's wait; zero means DefaultPollInterval
	Timeout      time.Duration // the whole run; zero means DefaultTimeout

	Method      string            // POST (default) or PUT
	Headers     map[string]string // extra request headers, from the configuration; they cannot replace the signature's
	CallbackURL string            // sent as callback_url when set
}

// Execute sends d to the webhook and waits for the run to conclude. It
// returns an error when d or the executor is not valid (a *deploybot.Error,
// and nothing is sent), or else:
//
//   - wrapping deploybot.ErrNotStarted when the endpoint did not take the
//     request: it could not be reached, answered a redirect that is not
//     followed, a 4xx status, 501 or 503 (5xx answers and network errors are
//     tried again twice, after PollInterval then twice that);
//   - wrapping deploybot.ErrOutcomeUnknown when the run may have started but
//     cannot be followed: another 5xx answer or a network error after the
//     retries, an answer that is not a Status, a status URL that cannot be
//     polled, or the executor's own Timeout (the endpoint has no way to be
//     told to stop the run; the error also wraps context.DeadlineExceeded);
//   - wrapping deploybot.ErrDetached and the context's error when ctx ends
//     first: the endpoint is not asked to stop the run, and Adopt follows it
//     by its status URL;
//   - saying that the run failed, when the endpoint says "failed".
//
// The status URL must have the webhook URL's scheme and host: signed
// requests go nowhere else. The result's Ref is the status URL (reported
// through deploybot.ReportRef as soon as the endpoint gives it), else the
// endpoint's ref, else the idempotency key.
func (e Executor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	base, method, err := e.validate()
	if err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrNotStarted)
	}
	if err := ctx.Err(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("webhook not called: %w: %w", deploybot.ErrNotStarted, context.Cause(ctx))
	}
	parent := ctx
	ctx, cancel := deadline.WithTimeout(ctx, e.timeout())
	defer cancel()

	action := d.Action
	if action == "" {
		action = deploybot.ActionDeploy
	}
	body, err := json.Marshal(Request{
		ID:              d.ID,
		Project:         d.Project,
		Env:             d.Env,
		Version:         d.Version,
		PreviousVersion: d.PreviousVersion,
		Strategy:        string(d.Strategy),
		Action:          string(action),
		Requester:       d.Requester,
		CallbackURL:     e.CallbackURL,
	})
	if err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("webhook executor: %w: %w", err, deploybot.ErrNotStarted)
	}
	key := "deploy-" + strconv.FormatInt(d.ID, 10)
	st, err := e.send(ctx, method, base, body, key)
	if err != nil {
		switch {
		case parent.Err() != nil:
			return deploybot.ExecResult{}, fmt.Errorf("webhook %s %s: %w (the request may have reached it): %w", method, redact(base), deploybot.ErrDetached, context.Cause(parent))
		case ctx.Err() != nil:
			return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
		case refused(err):
			return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrNotStarted)
		}
		return deploybot.ExecResult{}, fmt.Errorf("%w: the endpoint may have started the run: %w", err, deploybot.ErrOutcomeUnknown)
	}
	return e.follow(ctx, parent, base, nil, st, key)
}

// Adopt follows, by its status URL in d.ExecutorRef, a run that Execute
// started, maybe in another process, until it concludes or e.Timeout
// passes, and reports it as Execute does. Without a status URL (the
// endpoint gave none, or the process stopped before it did), it returns an
// error wrapping deploybot.ErrOutcomeUnknown: the endpoint cannot be asked
// about the run without starting another.
func (e Executor) Adopt(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	base, _, err := e.validate()
	if err != nil {
		return deploybot.ExecResult{}, err
	}
	ref, err := url.Parse(d.ExecutorRef)
	if err != nil || !ref.IsAbs() {
		return deploybot.ExecResult{Ref: d.ExecutorRef}, fmt.Errorf("webhook run of deployment %d: no status URL was recorded to follow it (ref %q): %w",
			d.ID, redactString(d.ExecutorRef), deploybot.ErrOutcomeUnknown)
	}
	poll, err := statusURL(base, d.ExecutorRef)
	if err != nil {
		return deploybot.ExecResult{Ref: d.ExecutorRef}, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
	}
	parent := ctx
	ctx, cancel := deadline.WithTimeout(ctx, e.timeout())
	defer cancel()
	key := "deploy-" + strconv.FormatInt(d.ID, 10)
	res := deploybot.ExecResult{Ref: poll.String()}
	st, err := e.send(ctx, http.MethodGet, poll, nil, "")
	if err != nil {
		if ctx.Err() != nil {
			return res, e.ended(ctx, parent, redact(poll))
		}
		return res, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
	}
	return e.follow(ctx, parent, base, poll, st, key)
}

// follow reads st, the answer to the deployment request or to a poll of
// the status URL poll, and polls until the run concludes. ctx carries the
// executor's timeout, parent the caller's context.
func (e Executor) follow(ctx, parent context.Context, base, poll *url.URL, st Status, key string) (deploybot.ExecResult, error) {
	res := deploybot.ExecResult{}
	if poll != nil {
		res.Ref = poll.String()
	}
	runRef := "" // the endpoint's ref, once given
	for {
		if st.StatusURL != "" {
			u, err := statusURL(base, st.StatusURL)
			if err != nil {
				return e.result(res, runRef, key), fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
			}
			if poll == nil || u.String() != poll.String() {
				poll = u
				res.Ref = poll.String()
				deploybot.ReportRef(parent, res.Ref)
			}
		}
		if st.Ref != "" {
			runRef = st.Ref
		}
		name := key // the run's name in messages
		switch {
		case runRef != "":
			name = runRef
		case poll != nil:
			name = redact(poll)
		}
		if st.Output != "" {
			res.Output = lastBytes(st.Output, maxOutput)
		}
		switch strings.ToLower(strings.TrimSpace(st.Status)) {
		case StatusSucceeded:
			return e.result(res, runRef, key), nil
		case StatusFailed:
			return e.result(res, runRef, key), fmt.Errorf("webhook run %s failed%s", name, quote(res.Output))
		case StatusRunning:
		default:
			return e.result(res, runRef, key), fmt.Errorf("webhook %s answered status %q: want running, succeeded or failed: %w", redact(base), st.Status, deploybot.ErrOutcomeUnknown)
		}
		if poll == nil {
			return e.result(res, runRef, key), fmt.Errorf("webhook %s answered running without a status_url to poll: %w", redact(base), deploybot.ErrOutcomeUnknown)
		}
		if err := deadline.Sleep(ctx, e.pollInterval()); err != nil {
			return res, e.ended(ctx, parent, name)
		}
		var err error
		st, err = e.send(ctx, http.MethodGet, poll, nil, "")
		if err != nil {
			if ctx.Err() != nil {
				return res, e.ended(ctx, parent, name)
			}
			return res, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
		}
	}
}

// result returns res with a Ref: the status URL it has, else the first of
// refs that is not empty.
func (e Executor) result(res deploybot.ExecResult, refs ...string) deploybot.ExecResult {
	for _, r := range refs {
		if res.Ref != "" {
			break
		}
		res.Ref = r
	}
	return res
}

// ended says why following run name stopped: the caller's context ended
// (the run goes on), or the executor's timeout passed.
func (e Executor) ended(ctx, parent context.Context, name string) error {
	if parent.Err() != nil {
		return fmt.Errorf("webhook run %s: %w: %w", name, deploybot.ErrDetached, context.Cause(parent))
	}
	return fmt.Errorf("webhook run %s %w; the endpoint was not asked to stop it: %w", name, deadline.Ended(ctx), deploybot.ErrOutcomeUnknown)
}

// Validate checks the executor's configuration: an http or https URL (http
// only with AllowHTTP) and the method. Its errors are *deploybot.Error
// values with code EINVALID.
func (e Executor) Validate() error {
	_, _, err := e.validate()
	return err
}

func (e Executor) validate() (*url.URL, string, error) {
	base, err := e.endpoint()
	if err != nil {
		return nil, "", err
	}
	method := strings.ToUpper(e.Method)
	switch method {
	case "":
		method = http.MethodPost
	case http.MethodPost, http.MethodPut:
	default:
		return nil, "", deploybot.Errorf(deploybot.EINVALID, "webhook executor: method %q is not POST or PUT", e.Method)
	}
	return base, method, nil
}

func (e Executor) timeout() time.Duration {
	if e.Timeout <= 0 {
		return DefaultTimeout
	}
	return e.Timeout
}

// refused reports whether err says that the endpoint did not take the
// request: it could not be reached, or it answered a redirect that is not
// followed, a 3xx or 4xx status, 501 Not Implemented or 503 Service
// Unavailable.
func refused(err error) bool {
	var he *httpError
	if errors.As(err, &he) {
		return he.status < 500 || he.status == http.StatusNotImplemented || he.status == http.StatusServiceUnavailable
	}
	var op *net.OpError
	var dns *net.DNSError
	var cert *tls.CertificateVerificationError
	var header tls.RecordHeaderError
	return errors.Is(err, errRedirect) || (errors.As(err, &op) && op.Op == "dial") || errors.As(err, &dns) ||
		errors.As(err, &cert) || errors.As(err, &header)
}

// endpoint returns the webhook URL, parsed and checked.
func (e Executor) endpoint() (*url.URL, error) {
	u, err := url.Parse(e.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, deploybot.Errorf(deploybot.EINVALID, "webhook executor: URL %q is not an http or https URL", redactString(e.URL))
	}
	if u.Scheme == "http" && !e.AllowHTTP {
		return nil, deploybot.Errorf(deploybot.EINVALID,
			"webhook executor: URL %q is plain http, which sends the signed request unencrypted: use https, or set allow_http for an endpoint on a trusted network",
			redactString(e.URL))
	}
	return u, nil
}

// statusURL resolves a status URL against the webhook URL and checks that
// it has the same origin.
func statusURL(base *url.URL, s string) (*url.URL, error) {
	ref, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("webhook %s answered a bad status_url: %w", redact(base), err)
	}
	u := base.ResolveReference(ref)
	if u.Scheme != base.Scheme || u.Host != base.Host {
		return nil, fmt.Errorf("webhook %s answered a status_url on another origin (%s://%s): refused", redact(base), u.Scheme, u.Host)
	}
	return u, nil
}

func (e Executor) pollInterval() time.Duration {
	if e.PollInterval <= 0 {
		return DefaultPollInterval
	}
	return e.PollInterval
}

// send makes a signed request and decodes its Status, trying again on a
// 5xx answer or a network error.
func (e Executor) send(ctx context.Context, method string, u *url.URL, body []byte, key string) (Status, error) {
	wait := e.pollInterval()
	for attempt := 0; ; attempt++ {
		st, retryable, err := e.do(ctx, method, u, body, key)
		if err == nil {
			return st, nil
		}
		if ctx.Err() != nil {
			return Status{}, fmt.Errorf("webhook %s %s %w", method, redact(u), deadline.Ended(ctx))
		}
		if errors.Is(err, errRedirect) {
			retryable = false
		}
		if !retryable || attempt == retries {
			return Status{}, err
		}
		if deadline.Sleep(ctx, wait) != nil {
			return Status{}, fmt.Errorf("webhook %s %s %w", method, redact(u), deadline.Ended(ctx))
		}
		wait *= 2
	}
}

// httpError is a non-2xx answer.
type httpError struct {
	status  int
	excerpt string
}

func (e *httpError) Error() string {
	s := "HTTP " + strconv.Itoa(e.status)
	if t := http.StatusText(e.status); t != "" {
		s += " " + t
	}
	if e.excerpt != "" {
		s += ": " + e.excerpt
	}
	return s
}

// do makes one signed request and decodes its Status. It reports whether a
// failure may be tried again: a network error or a 5xx answer.
func (e Executor) do(ctx context.Context, method string, u *url.URL, body []byte, key string) (_ Status, retryable bool, _ error) {
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return Status{}, false, fmt.Errorf("webhook %s %s: %w", method, redact(u), err)
	}
	for k, v := range e.Headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("User-Agent", "deploybot/"+deploybot.Version)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set(IdempotencyHeader, key)
	}
	ts := time.Now().Unix()
	req.Header.Set(TimestampHeader, strconv.FormatInt(ts, 10))
	if e.Secret != "" {
		req.Header.Set(SignatureHeader, Sign(e.Secret, ts, body))
	} else {
		req.Header.Del(SignatureHeader)
	}
	resp, err := e.client().Do(req)
	if err != nil {
		return Status{}, true, fmt.Errorf("webhook %s %s: %w", method, redact(u), err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return Status{}, true, fmt.Errorf("webhook %s %s: read the answer: %w", method, redact(u), err)
	}
	if resp.StatusCode/100 != 2 {
		retryable := resp.StatusCode >= 500
		return Status{}, retryable, fmt.Errorf("webhook %s %s: %w", method, redact(u), &httpError{resp.StatusCode, excerpt(b)})
	}
	var st Status
	if err := json.Unmarshal(b, &st); err != nil {
		return Status{}, false, fmt.Errorf("webhook %s %s: the answer is not a status such as {\"status\": \"running\", \"status_url\": \"...\"} (%w): %s",
			method, redact(u), err, excerpt(b))
	}
	return st, false, nil
}

// client returns the HTTP client with this package's redirect rules: only
// to the same host, never from https to http. The configured client's own
// CheckRedirect, if any, decides after them.
func (e Executor) client() *http.Client {
	c := http.DefaultClient
	if e.Client != nil {
		c = e.Client
	}
	cc := *c
	then := c.CheckRedirect
	cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		from := via[len(via)-1].URL
		switch {
		case !strings.EqualFold(req.URL.Hostname(), via[0].URL.Hostname()):
			return fmt.Errorf("%w: %s redirects to another host, %s", errRedirect, redact(from), req.URL.Host)
		case req.URL.Scheme != "https" && (from.Scheme == "https" || !e.AllowHTTP):
			return fmt.Errorf("%w: %s redirects to plain http", errRedirect, redact(from))
		case then != nil:
			return then(req, via)
		case len(via) >= 10:
			return fmt.Errorf("%w: stopped after 10 redirects", errRedirect)
		}
		return nil
	}
	return &cc
}

// Sign returns the signature header value of a request body sent at
// timestamp (Unix seconds): "sha256=" and the hex HMAC-SHA256 of the
// timestamp, a dot and the body.
func Sign(secret string, timestamp int64, body []byte) string {
	return "sha256=" + hex.EncodeToString(mac(secret, timestamp, body))
}

func mac(secret string, timestamp int64, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(timestamp, 10)))
	m.Write([]byte("."))
	m.Write(body)
	return m.Sum(nil)
}

// Verify checks the signature of a request signed with secret and returns
// its body (r.Body is replaced so that it can be read again). It refuses a
// request whose timestamp is more than maxAge away from now, in the past or
// the future (zero maxAge means DefaultMaxAge), an empty secret, and a body
// over 1 MiB. Its errors wrap ErrSignature or ErrStale.
func Verify(secret string, r *http.Request, maxAge time.Duration, now time.Time) ([]byte, error) {
	if secret == "" {
		return nil, fmt.Errorf("%w: no secret is configured to check it", ErrSignature)
	}
	if maxAge <= 0 {
		maxAge = DefaultMaxAge
	}
	var body []byte
	if r.Body != nil {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		r.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("read the webhook body: %w", err)
		}
		if len(b) > maxBody {
			return nil, fmt.Errorf("the webhook body is over %d bytes", maxBody)
		}
		body = b
	}
	r.Body = io.NopCloser(bytes.NewReader(body))

	ts, err := strconv.ParseInt(r.Header.Get(TimestampHeader), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: missing or malformed %s", ErrSignature, TimestampHeader)
	}
	if age := now.Sub(time.Unix(ts, 0)); age > maxAge || age < -maxAge {
		return nil, fmt.Errorf("%w: %s is %s away from now, more than %s", ErrStale, TimestampHeader, age.Round(time.Second), maxAge)
	}
	hexSig, ok := strings.CutPrefix(r.Header.Get(SignatureHeader), "sha256=")
	got, err := hex.DecodeString(hexSig)
	if !ok || err != nil || len(got) != sha256.Size {
		return nil, fmt.Errorf("%w: missing or malformed %s", ErrSignature, SignatureHeader)
	}
	if !hmac.Equal(got, mac(secret, ts, body)) {
		return nil, fmt.Errorf("%w: it does not match the body", ErrSignature)
	}
	return body, nil
}

// redact returns u without its user information, query and fragment, which
// may hold tokens.
func redact(u *url.URL) string {
	v := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	return v.String()
}

func redactString(s string) string {
	if u, err := url.Parse(s); err == nil {
		return redact(u)
	}
	return "(unparsable)"
}

// excerpt returns the start of an answer's body, on one line.
func excerpt(b []byte) string {
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(b), "\uFFFD")), " ")
	if len(s) > excerptSize {
		cut := excerptSize
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

// lastBytes returns the last n bytes of s at most, starting on a character.
func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[len(s)-n:]
	for len(s) > 0 && !utf8.RuneStart(s[0]) {
		s = s[1:]
	}
	return s
}

// quote returns the last lines of output, to end an error message.
func quote(output string) string {
	lines := strings.Split(strings.TrimRight(output, "\n"), "\n")
	if len(lines) > 10 {
		lines = lines[len(lines)-10:]
	}
	s := strings.Join(lines, "\n")
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return "; last output:\n" + s
}
