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
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	Status    string `json:"status"`               // running, succeeded or failed
	StatusURL string `json:"status_url,omitempty"` // required while running; may be relative to the webhook URL
	Ref       string `json:"ref,omitempty"`        // the run's id or URL at the endpoint
	Output    string `json:"output,omitempty"`     // the end of the run's output
}

var _ deploybot.Executor = Executor{}

// Executor runs a deployment by calling a webhook. The zero value of each
// optional field has a default.
type Executor struct {
	URL          string        // the endpoint, http or https
	Secret       string        // HMAC-SHA256 key; empty: requests are not signed
	Client       *http.Client  // nil: http.DefaultClient
	PollInterval time.Duration // between polls of the status URL, and the first retry's wait; zero means DefaultPollInterval
	Timeout      time.Duration // the whole run; zero means DefaultTimeout

	Method      string            // POST (default) or PUT
	Headers     map[string]string // extra request headers, from the configuration; they cannot replace the signature's
	CallbackURL string            // sent as callback_url when set
}

// Execute sends d to the webhook and waits for the run to conclude. It
// returns an error when d is not valid (a *deploybot.Error, and nothing is
// sent), when the endpoint answers a non-2xx status (5xx answers and
// network errors are tried again twice, after PollInterval then twice
// that), an answer that is not a Status, "failed", or when the run times
// out or ctx ends.
//
// The status URL must have the webhook URL's scheme and host: signed
// requests go nowhere else. The result's Ref is the endpoint's ref, else
// the status URL, else the idempotency key.
func (e Executor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	base, err := e.endpoint()
	if err != nil {
		return deploybot.ExecResult{}, err
	}
	method := strings.ToUpper(e.Method)
	switch method {
	case "":
		method = http.MethodPost
	case http.MethodPost, http.MethodPut:
	default:
		return deploybot.ExecResult{}, fmt.Errorf("webhook executor: method %q is not POST or PUT", e.Method)
	}
	if err := ctx.Err(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("webhook not called: %w", context.Cause(ctx))
	}
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := deadline.WithTimeout(ctx, timeout)
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
		return deploybot.ExecResult{}, fmt.Errorf("webhook executor: %w", err)
	}
	key := "deploy-" + strconv.FormatInt(d.ID, 10)

	var res deploybot.ExecResult
	var poll *url.URL // the status URL, once given
	st, err := e.send(ctx, method, base, body, key)
	for {
		if err != nil {
			return res, err
		}
		if st.StatusURL != "" {
			if poll, err = statusURL(base, st.StatusURL); err != nil {
				return res, err
			}
		}
		switch {
		case st.Ref != "":
			res.Ref = st.Ref
		case res.Ref == "" && poll != nil:
			res.Ref = redact(poll)
		}
		if st.Output != "" {
			res.Output = lastBytes(st.Output, maxOutput)
		}
		ref := res.Ref
		if ref == "" {
			ref = key
		}
		switch strings.ToLower(strings.TrimSpace(st.Status)) {
		case StatusSucceeded:
			res.Ref = ref
			return res, nil
		case StatusFailed:
			res.Ref = ref
			return res, fmt.Errorf("webhook run %s failed%s", ref, quote(res.Output))
		case StatusRunning:
		default:
			return res, fmt.Errorf("webhook %s answered status %q: want running, succeeded or failed", redact(base), st.Status)
		}
		if poll == nil {
			return res, fmt.Errorf("webhook %s answered running without a status_url to poll", redact(base))
		}
		if err := deadline.Sleep(ctx, e.pollInterval()); err != nil {
			res.Ref = ref
			return res, fmt.Errorf("webhook run %s %w", ref, deadline.Ended(ctx))
		}
		st, err = e.send(ctx, http.MethodGet, poll, nil, "")
	}
}

// endpoint returns the webhook URL, parsed and checked.
func (e Executor) endpoint() (*url.URL, error) {
	u, err := url.Parse(e.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("webhook executor: URL %q is not an http or https URL", redactString(e.URL))
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
	client := e.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
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
