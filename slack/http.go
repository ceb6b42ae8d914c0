package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
)

// maxBody is the largest request body accepted from Slack.
const maxBody = 1 << 20

// HTTPHandler returns the handler of the HTTP Events API endpoints, to mount
// on the HTTP server's mux:
//
//	POST /slack/events        events (and the url_verification challenge)
//	POST /slack/commands      the /deploy slash command
//	POST /slack/interactions  button clicks
//
// Every request must carry a valid Slack signature made with the signing
// secret less than five minutes ago; others get 401 and have no effect. A
// signed request Slack could not have sent (bad JSON or form, a required
// field missing) gets 400. Each delivery is answered 200 once it is
// recorded in the inbox (a repeated one at once); 503 when the inbox
// cannot record it, so that Slack delivers it again.
func (a *Adapter) HTTPHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /slack/events", a.serveEvents)
	mux.HandleFunc("POST /slack/commands", a.serveCommands)
	mux.HandleFunc("POST /slack/interactions", a.serveInteractions)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.receiving.Add(1)
		defer a.received()
		mux.ServeHTTP(w, r)
	})
}

// verify reads the body and checks the request's signature and timestamp
// over it.
func (a *Adapter) verify(r *http.Request) ([]byte, error) {
	if a.opts.SigningSecret == "" {
		return nil, errors.New("no signing secret configured")
	}
	body, err := readBody(r)
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if len(body) > maxBody {
		return nil, errors.New("body too large")
	}
	want, ts, err := signatureHeaders(r.Header) // refuses |now-ts| > 5 min
	if err != nil {
		return nil, fmt.Errorf("signature headers: %w", err)
	}
	h := a.signingHMAC()
	_, _ = io.WriteString(h, "v0:")
	_, _ = io.WriteString(h, ts)
	_, _ = io.WriteString(h, ":")
	_, _ = h.Write(body)
	var sum [sha256.Size]byte
	if !hmac.Equal(h.Sum(sum[:0]), want) {
		return nil, fmt.Errorf("signature: %w", slack.ErrInvalidSignature)
	}
	return body, nil
}

// readBody reads a request's body, up to maxBody+1 bytes. A body of a
// known length up to maxBody is read into a buffer of that length (and
// one byte more, to see the end): io.ReadAll starts at 512 bytes and grows,
// two or three allocations and copies for a Slack event of 0.5-2 KB
// (BenchmarkEventReceipt, issue 19). A length the body does not match
// changes nothing but the buffer's first size.
func readBody(r *http.Request) ([]byte, error) {
	lr := io.LimitReader(r.Body, maxBody+1)
	n := r.ContentLength
	if n < 0 || n > maxBody {
		return io.ReadAll(lr)
	}
	b := make([]byte, 0, n+1)
	for {
		m, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow as io.ReadAll does
		}
	}
}

// signatureHeaders reads a request's signature (v0=HEX) and timestamp, as
// slack.NewSecretsVerifier does, with its errors: missing headers, a
// signature not of that form, a timestamp more than five minutes from now.
func signatureHeaders(header http.Header) (sig []byte, ts string, err error) {
	s, ts := header.Get("X-Slack-Signature"), header.Get("X-Slack-Request-Timestamp")
	if s == "" || ts == "" {
		return nil, "", slack.ErrMissingHeaders
	}
	s, ok := strings.CutPrefix(s, "v0=")
	if !ok {
		return nil, "", slack.ErrInvalidSignature
	}
	if sig, err = hex.DecodeString(s); err != nil {
		return nil, "", err
	}
	if len(sig) != sha256.Size {
		return nil, "", slack.ErrInvalidSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, "", err
	}
	if time.Since(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		return nil, "", slack.ErrExpiredTimestamp
	}
	return sig, ts, nil
}

// signingHMAC returns an HMAC-SHA256 keyed with the signing secret, ready
// to write to: a copy of one keyed once. Keying (hmac.New) hashes the key
// into two SHA-256 states and allocates them; in a profile of the receipt
// of an event (BenchmarkEventReceipt, issue 19) it was most of the
// signature check, itself a fifth of the receipt.
func (a *Adapter) signingHMAC() hash.Hash {
	a.signingOnce.Do(func() { a.signing = hmac.New(sha256.New, []byte(a.opts.SigningSecret)) })
	if c, ok := a.signing.(hash.Cloner); ok {
		if h, err := c.Clone(); err == nil {
			return h
		}
	}
	return hmac.New(sha256.New, []byte(a.opts.SigningSecret))
}

// refuse answers 401 to a request that failed verification. The error
// names the check that failed, never a secret.
func (a *Adapter) refuse(w http.ResponseWriter, r *http.Request, err error) {
	a.logger.Warn("slack request refused", "path", r.URL.Path, "remote", r.RemoteAddr, "err", err)
	http.Error(w, "invalid request signature", http.StatusUnauthorized)
}

// unavailable answers 503 when a verified delivery could not be recorded
// in the inbox; Slack delivers it again later.
func (a *Adapter) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	a.logger.Error("slack delivery not accepted", "path", r.URL.Path, "err", err)
	http.Error(w, "busy, retry later", http.StatusServiceUnavailable)
}

// refuseMalformed answers 400 to a signed request Slack could not have
// sent. Nothing was recorded.
func (a *Adapter) refuseMalformed(w http.ResponseWriter, r *http.Request, err error) {
	a.logger.Warn("malformed slack request", "path", r.URL.Path, "err", err)
	http.Error(w, "malformed request", http.StatusBadRequest)
}

// failed answers a delivery that handleEvent, handleSlash or
// handleInteraction refused: 400 when malformed, else 503.
func (a *Adapter) failed(w http.ResponseWriter, r *http.Request, err error) {
	if isMalformed(err) {
		a.refuseMalformed(w, r, err)
		return
	}
	a.unavailable(w, r, err)
}

// requestDigest identifies a signed request: its timestamp and body. The
// same request delivered twice has the same digest; Slack's signature
// makes another one with the same digest impossible to forge.
func requestDigest(r *http.Request, body []byte) string {
	h := sha256.New()
	_, _ = io.WriteString(h, r.Header.Get("X-Slack-Request-Timestamp"))
	_, _ = h.Write([]byte{':'})
	_, _ = h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// payloadDigest identifies a Socket Mode payload.
func payloadDigest(payload []byte) string {
	h := sha256.Sum256(payload)
	return hex.EncodeToString(h[:])
}

func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request) {
	body, err := a.verify(r)
	if err != nil {
		a.refuse(w, r, err)
		return
	}
	env, err := parseEnvelope(body)
	if err != nil {
		a.refuseMalformed(w, r, err)
		return
	}
	if env.Type == "url_verification" {
		if env.Challenge == "" {
			a.refuseMalformed(w, r, malformed("url_verification without a challenge"))
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, env.Challenge)
		return
	}
	if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
		a.logger.Debug("slack retried a delivery", "event", env.EventID, "retry", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
	}
	if err := a.handleEvent(r.Context(), env); err != nil {
		a.failed(w, r, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (a *Adapter) serveCommands(w http.ResponseWriter, r *http.Request) {
	body, err := a.verify(r)
	if err != nil {
		a.refuse(w, r, err)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		a.refuseMalformed(w, r, fmt.Errorf("command form: %w", err))
		return
	}
	cmd := slashCommand{Command: form.Get("command"), Text: form.Get("text"), UserID: form.Get("user_id"),
		TeamID: form.Get("team_id"), ChannelID: form.Get("channel_id"), TriggerID: form.Get("trigger_id"),
		ResponseURL: form.Get("response_url")}
	ack, err := a.handleSlash(r.Context(), cmd, "command:"+requestDigest(r, body))
	if err != nil {
		a.failed(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(ack)
}

func (a *Adapter) serveInteractions(w http.ResponseWriter, r *http.Request) {
	body, err := a.verify(r)
	if err != nil {
		a.refuse(w, r, err)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		a.refuseMalformed(w, r, fmt.Errorf("interaction form: %w", err))
		return
	}
	payload := form.Get("payload")
	if payload == "" {
		a.refuseMalformed(w, r, malformed("interaction without a payload"))
		return
	}
	if err := a.handleInteraction(r.Context(), []byte(payload), requestDigest(r, body)); err != nil {
		a.failed(w, r, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}
