package webhook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy/deploytest"
	"deploybot/deploy/webhook"
)

const secret = "s3cret-key"

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func received(r webhook.Request) deploytest.Received {
	return deploytest.Received{
		deploytest.KeyID:              strconv.FormatInt(r.ID, 10),
		deploytest.KeyProject:         r.Project,
		deploytest.KeyEnv:             r.Env,
		deploytest.KeyVersion:         r.Version,
		deploytest.KeyPreviousVersion: r.PreviousVersion,
		deploytest.KeyStrategy:        r.Strategy,
		deploytest.KeyAction:          r.Action,
		deploytest.KeyRequester:       r.Requester,
	}
}

// suiteServer is the fake pipeline of the contract suite, over https. It
// checks every signature, records each deployment request, and acts out
// the outcome: succeed after two polls, fail at once, refuse the request,
// stay running, or run until released. Its status URL carries a token that
// polls must send back.
func suiteServer(t *testing.T, o deploytest.Outcome) *httptest.Server {
	var polls atomic.Int32
	released := func() bool {
		select {
		case <-o.Release:
			return true
		default:
			return false
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /deploy", func(w http.ResponseWriter, r *http.Request) {
		body, err := webhook.Verify(secret, r, time.Minute, time.Now())
		var req webhook.Request
		if err == nil {
			err = json.Unmarshal(body, &req)
		}
		if err != nil {
			o.Record(deploytest.Received{})
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		o.Record(received(req))
		switch o.Behavior {
		case deploytest.Fail:
			writeJSON(w, webhook.Status{Status: webhook.StatusFailed, Ref: "run-7", Output: "step 1 ok\nmigration failed"})
		case deploytest.Refuse:
			http.Error(w, "unknown project", http.StatusUnprocessableEntity)
		default:
			writeJSON(w, webhook.Status{Status: webhook.StatusRunning, StatusURL: "/runs/7?token=t7"})
		}
	})
	mux.HandleFunc("GET /runs/7", func(w http.ResponseWriter, r *http.Request) {
		if _, err := webhook.Verify(secret, r, time.Minute, time.Now()); err != nil || r.URL.Query().Get("token") != "t7" {
			http.Error(w, "bad signature or token", http.StatusUnauthorized)
			return
		}
		switch {
		case o.Behavior == deploytest.Succeed && polls.Add(1) >= 2,
			o.Behavior == deploytest.SucceedOnRelease && released():
			writeJSON(w, webhook.Status{Status: webhook.StatusSucceeded, Ref: "run-7", Output: "done"})
		case o.Behavior == deploytest.FailOnRelease && released():
			writeJSON(w, webhook.Status{Status: webhook.StatusFailed, Ref: "run-7", Output: "migration failed"})
		default:
			writeJSON(w, webhook.Status{Status: webhook.StatusRunning})
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		o.Record(deploytest.Received{})
		http.NotFound(w, r)
	})
	srv := httptest.NewTLSServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// restartable is the suite's executor: Restart builds a new one from the
// same configuration, as a restarted deploybot would.
type restartable struct {
	webhook.Executor
	build func() webhook.Executor
}

func (r restartable) Restart() deploybot.Executor { return r.build() }

func TestContract(t *testing.T) {
	deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		srv := suiteServer(t, o)
		build := func() webhook.Executor {
			return webhook.Executor{
				URL:          srv.URL + "/deploy",
				Secret:       secret,
				Client:       srv.Client(),
				PollInterval: 2 * time.Millisecond,
				Timeout:      time.Hour,
			}
		}
		return restartable{build(), build}
	})
}

// signedRequest returns a request signed as the executor signs it.
func signedRequest(t *testing.T, key string, ts int64, body []byte) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/hook", bytes.NewReader(body))
	r.Header.Set(webhook.TimestampHeader, strconv.FormatInt(ts, 10))
	r.Header.Set(webhook.SignatureHeader, webhook.Sign(key, ts, body))
	return r
}

func TestVerify(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	body := []byte(`{"id":42,"version":"v1.4.2"}`)
	tests := []struct {
		name    string
		request func(t *testing.T) *http.Request
		secret  string
		want    error // nil: valid
	}{
		{"valid", func(t *testing.T) *http.Request { return signedRequest(t, secret, now.Unix(), body) }, secret, nil},
		{"a little skew", func(t *testing.T) *http.Request { return signedRequest(t, secret, now.Unix()+30, body) }, secret, nil},
		{"tampered body", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now.Unix(), body)
			r.Body = io.NopCloser(strings.NewReader(`{"id":42,"version":"v6.6.6"}`))
			return r
		}, secret, webhook.ErrSignature},
		{"tampered timestamp", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now.Unix(), body)
			r.Header.Set(webhook.TimestampHeader, strconv.FormatInt(now.Unix()-1, 10))
			return r
		}, secret, webhook.ErrSignature},
		{"stale timestamp", func(t *testing.T) *http.Request {
			return signedRequest(t, secret, now.Add(-6*time.Minute).Unix(), body)
		}, secret, webhook.ErrStale},
		{"future timestamp", func(t *testing.T) *http.Request {
			return signedRequest(t, secret, now.Add(6*time.Minute).Unix(), body)
		}, secret, webhook.ErrStale},
		{"other secret", func(t *testing.T) *http.Request { return signedRequest(t, "other", now.Unix(), body) }, secret, webhook.ErrSignature},
		{"no signature", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now.Unix(), body)
			r.Header.Del(webhook.SignatureHeader)
			return r
		}, secret, webhook.ErrSignature},
		{"other algorithm", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now.Unix(), body)
			r.Header.Set(webhook.SignatureHeader, strings.Replace(r.Header.Get(webhook.SignatureHeader), "sha256=", "sha1=", 1))
			return r
		}, secret, webhook.ErrSignature},
		{"no timestamp", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now.Unix(), body)
			r.Header.Del(webhook.TimestampHeader)
			return r
		}, secret, webhook.ErrSignature},
		{"no secret to check with", func(t *testing.T) *http.Request { return signedRequest(t, "", now.Unix(), body) }, "", webhook.ErrSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.request(t)
			got, err := webhook.Verify(tt.secret, r, 0, now)
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("Verify = %v, want %v", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if !bytes.Equal(got, body) {
				t.Errorf("body = %q, want %q", got, body)
			}
			again, _ := io.ReadAll(r.Body)
			if !bytes.Equal(again, body) {
				t.Errorf("the body cannot be read again: %q", again)
			}
		})
	}
}

func TestSign(t *testing.T) {
	// Computed independently:
	// printf '1764064800.{}' | openssl dgst -sha256 -hmac s3cret-key
	const want = "sha256=c65b4edbd77226965c8aa47c6a5d18caddf3e0ed201969db605ebc9eaac78ea9"
	if got := webhook.Sign(secret, 1764064800, []byte("{}")); got != want {
		t.Fatalf("Sign = %q, want %q", got, want)
	}
}

// capture is a fake endpoint that records every request and answers with
// the next of its answers (the last one repeats).
type capture struct {
	mu       sync.Mutex
	requests []captured
	answers  []answer
}

type captured struct {
	method string
	path   string
	header http.Header
	body   []byte
}

type answer struct {
	status int
	body   string
}

func (c *capture) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	c.mu.Lock()
	n := len(c.requests)
	c.requests = append(c.requests, captured{r.Method, r.URL.Path, r.Header.Clone(), body})
	a := c.answers[min(n, len(c.answers)-1)]
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(a.status)
	io.WriteString(w, a.body)
}

func (c *capture) all() []captured {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]captured(nil), c.requests...)
}

func newCapture(t *testing.T, answers ...answer) (*capture, *httptest.Server) {
	c := &capture{answers: answers}
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	return c, srv
}

func TestRequest(t *testing.T) {
	c, srv := newCapture(t, answer{200, `{"status":"succeeded","ref":"job-9","output":"ok"}`})
	ex := webhook.Executor{
		URL:         srv.URL + "/hooks/deploy?token=abc",
		AllowHTTP:   true,
		Secret:      secret,
		Method:      "put",
		Headers:     map[string]string{"X-Team": "web", webhook.SignatureHeader: "forged", webhook.IdempotencyHeader: "forged"},
		CallbackURL: "https://deploybot.example/callbacks/42",
	}
	d := deploytest.NewDeployment()
	start := time.Now()
	res, err := ex.Execute(context.Background(), d)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	if res.Ref != "job-9" || res.Output != "ok" {
		t.Errorf("result = %+v", res)
	}
	reqs := c.all()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.method != http.MethodPut || r.path != "/hooks/deploy" {
		t.Errorf("request %s %s", r.method, r.path)
	}
	for k, want := range map[string]string{
		"Content-Type":            "application/json",
		"X-Team":                  "web",
		webhook.IdempotencyHeader: "deploy-42",
		"User-Agent":              "deploybot/" + deploybot.Version,
	} {
		if r.header.Get(k) != want {
			t.Errorf("header %s = %q, want %q", k, r.header.Get(k), want)
		}
	}
	ts, err := strconv.ParseInt(r.header.Get(webhook.TimestampHeader), 10, 64)
	if err != nil || ts < start.Unix() || ts > time.Now().Unix() {
		t.Errorf("timestamp %q is not now", r.header.Get(webhook.TimestampHeader))
	}
	if got, want := r.header.Get(webhook.SignatureHeader), webhook.Sign(secret, ts, r.body); got != want {
		t.Errorf("signature %q, want %q", got, want)
	}
	var fields map[string]any
	if err := json.Unmarshal(r.body, &fields); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"id": float64(42), "project": d.Project, "env": d.Env, "version": d.Version,
		"previous_version": d.PreviousVersion, "strategy": string(d.Strategy), "action": "deploy",
		"requester": d.Requester, "callback_url": "https://deploybot.example/callbacks/42",
	}
	if len(fields) != len(want) {
		t.Errorf("body %s has %d fields, want %d", r.body, len(fields), len(want))
	}
	for k, v := range want {
		if fields[k] != v {
			t.Errorf("field %s = %v, want %v", k, fields[k], v)
		}
	}
}

func TestUnsignedWithoutSecret(t *testing.T) {
	c, srv := newCapture(t, answer{200, `{"status":"succeeded"}`})
	res, err := webhook.Executor{URL: srv.URL, AllowHTTP: true}.Execute(context.Background(), deploytest.NewDeployment())
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	if res.Ref != "deploy-42" {
		t.Errorf("Ref = %q, want the idempotency key", res.Ref)
	}
	r := c.all()[0]
	if r.header.Get(webhook.SignatureHeader) != "" {
		t.Error("an unsigned executor sent a signature")
	}
	if r.method != http.MethodPost {
		t.Errorf("method %s, want POST", r.method)
	}
	if bytes.Contains(r.body, []byte("callback_url")) {
		t.Errorf("body %s has a callback_url", r.body)
	}
}

func TestPolling(t *testing.T) {
	tests := []struct {
		name      string
		statusURL func(srvURL string) string
	}{
		{"relative status URL", func(string) string { return "/runs/7?token=t" }},
		{"absolute status URL", func(u string) string { return u + "/runs/7?token=t" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &capture{}
			srv := httptest.NewServer(c)
			defer srv.Close()
			running := `{"status":"running","status_url":"` + tt.statusURL(srv.URL) + `","output":"step 1"}`
			c.answers = []answer{{202, running}, {200, `{"status":"running"}`}, {200, `{"status":"RUNNING"}`},
				{200, `{"status":"succeeded","output":"step 1\nstep 2\ndone"}`}}
			ex := webhook.Executor{URL: srv.URL + "/deploy", AllowHTTP: true, Secret: secret, PollInterval: time.Millisecond}
			var reported []string
			ctx := deploybot.WithRefRecorder(context.Background(), func(ref string) { reported = append(reported, ref) })
			res, err := ex.Execute(ctx, deploytest.NewDeployment())
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if want := srv.URL + "/runs/7?token=t"; res.Ref != want || len(reported) != 1 || reported[0] != want {
				t.Errorf("Ref = %q, reported %q, want %q (the whole status URL, to poll it again)", res.Ref, reported, want)
			}
			if res.Output != "step 1\nstep 2\ndone" {
				t.Errorf("Output = %q", res.Output)
			}
			reqs := c.all()
			if len(reqs) != 4 {
				t.Fatalf("%d requests, want 1 POST and 3 polls", len(reqs))
			}
			for _, r := range reqs[1:] {
				ts, _ := strconv.ParseInt(r.header.Get(webhook.TimestampHeader), 10, 64)
				if r.method != http.MethodGet || r.path != "/runs/7" || r.header.Get(webhook.SignatureHeader) != webhook.Sign(secret, ts, nil) {
					t.Errorf("poll %s %s signature %q", r.method, r.path, r.header.Get(webhook.SignatureHeader))
				}
				if r.header.Get(webhook.IdempotencyHeader) != "" {
					t.Error("a poll carries an idempotency key")
				}
			}
		})
	}
}

func TestAnswers(t *testing.T) {
	tests := []struct {
		name     string
		answers  []answer
		requests int
		wantErr  []string // nil: success
		sentinel error    // what the error wraps, if anything
	}{
		{"5xx is tried again", []answer{{500, "oops"}, {502, "oops"}, {200, `{"status":"succeeded"}`}}, 3, nil, nil},
		{"503 three times", []answer{{503, `{"error": "maintenance until 10:00"}`}}, 3, []string{"HTTP 503 Service Unavailable", "maintenance until 10:00"}, deploybot.ErrNotStarted},
		{"500 three times", []answer{{500, "oops"}}, 3, []string{"HTTP 500 Internal Server Error: oops", "may have started the run"}, deploybot.ErrOutcomeUnknown},
		{"4xx is not tried again", []answer{{422, "unknown project shop-api"}}, 1, []string{"HTTP 422 Unprocessable Entity: unknown project shop-api"}, deploybot.ErrNotStarted},
		{"a poll's 5xx is tried again", []answer{{200, `{"status":"running","status_url":"/s"}`}, {500, ""}, {200, `{"status":"succeeded"}`}}, 3, nil, nil},
		{"a poll's 404", []answer{{200, `{"status":"running","status_url":"/s"}`}, {404, "gone"}}, 2, []string{"GET", "/s", "HTTP 404 Not Found: gone"}, deploybot.ErrOutcomeUnknown},
		{"failed", []answer{{200, `{"status":"failed","ref":"job-3","output":"a\nb\nhealth check failed"}`}}, 1, []string{"webhook run job-3 failed; last output:\na\nb\nhealth check failed"}, nil},
		{"failed after polls", []answer{{200, `{"status":"running","status_url":"/s","ref":"job-4"}`}, {200, `{"status":"running"}`}, {200, `{"status":"failed"}`}}, 3, []string{"webhook run job-4 failed"}, nil},
		{"not JSON", []answer{{200, "<html>OK</html>"}}, 1, []string{"not a status", "<html>OK</html>"}, deploybot.ErrOutcomeUnknown},
		{"no body", []answer{{204, ""}}, 1, []string{"not a status"}, deploybot.ErrOutcomeUnknown},
		{"unknown status", []answer{{200, `{"status":"queued"}`}}, 1, []string{`status "queued"`}, deploybot.ErrOutcomeUnknown},
		{"running without a status URL", []answer{{200, `{"status":"running"}`}}, 1, []string{"without a status_url"}, deploybot.ErrOutcomeUnknown},
		{"status URL on another origin", []answer{{200, `{"status":"running","status_url":"https://evil.example/x"}`}}, 1, []string{"another origin (https://evil.example)", "refused"}, deploybot.ErrOutcomeUnknown},
		{"long answers are cut", []answer{{400, strings.Repeat("x", 5000)}}, 1, []string{strings.Repeat("x", 300) + "..."}, deploybot.ErrNotStarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newCapture(t, tt.answers...)
			ex := webhook.Executor{URL: srv.URL + "/deploy?token=hidden", AllowHTTP: true, Secret: secret, PollInterval: time.Millisecond}
			_, err := ex.Execute(context.Background(), deploytest.NewDeployment())
			if n := len(c.all()); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Execute: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Execute returned a nil error")
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
			if strings.Contains(err.Error(), "hidden") {
				t.Errorf("error %q shows the URL's query", err)
			}
			for _, e := range []error{deploybot.ErrNotStarted, deploybot.ErrDetached, deploybot.ErrOutcomeUnknown} {
				if errors.Is(err, e) != (e == tt.sentinel) {
					t.Errorf("errors.Is(%v, %q) = %v", err, e, !(e == tt.sentinel))
				}
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	ex := webhook.Executor{URL: url, AllowHTTP: true, PollInterval: time.Millisecond}
	_, err := ex.Execute(context.Background(), deploytest.NewDeployment())
	if !errors.Is(err, deploybot.ErrNotStarted) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("Execute on a closed port: %v, want an error wrapping ErrNotStarted", err)
	}
}

func TestRetriesKeepTheIdempotencyKey(t *testing.T) {
	c, srv := newCapture(t, answer{500, ""}, answer{500, ""}, answer{200, `{"status":"succeeded"}`})
	ex := webhook.Executor{URL: srv.URL, AllowHTTP: true, Secret: secret, PollInterval: time.Millisecond}
	if _, err := ex.Execute(context.Background(), deploytest.NewDeployment()); err != nil {
		t.Fatal(err)
	}
	for i, r := range c.all() {
		ts, _ := strconv.ParseInt(r.header.Get(webhook.TimestampHeader), 10, 64)
		if r.header.Get(webhook.IdempotencyHeader) != "deploy-42" || r.header.Get(webhook.SignatureHeader) != webhook.Sign(secret, ts, r.body) {
			t.Errorf("attempt %d: key %q, signature %q", i+1, r.header.Get(webhook.IdempotencyHeader), r.header.Get(webhook.SignatureHeader))
		}
	}
}

// TestTimeout checks the error of a run that outlives the executor's
// timeout. The timeout is a real clock's: when it passes before the
// endpoint's first answer (a busy machine), the test tries again with a
// longer one.
func TestTimeout(t *testing.T) {
	for timeout := 30 * time.Millisecond; ; timeout *= 4 {
		if timeout > time.Minute {
			t.Fatal("the endpoint never answered within the timeout")
		}
		_, srv := newCapture(t, answer{200, `{"status":"running","status_url":"/s"}`})
		ex := webhook.Executor{URL: srv.URL, AllowHTTP: true, PollInterval: time.Millisecond, Timeout: timeout}
		res, err := ex.Execute(context.Background(), deploytest.NewDeployment())
		if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, deploybot.ErrOutcomeUnknown) || errors.Is(err, deploybot.ErrDetached) {
			t.Fatalf("error %v does not wrap context.DeadlineExceeded and ErrOutcomeUnknown alone", err)
		}
		if res.Ref == "" {
			t.Logf("no answer within %s: again with a longer timeout", timeout)
			continue
		}
		if want := "timed out after " + timeout.String() + "; the endpoint was not asked to stop it"; !strings.Contains(err.Error(), want) {
			t.Fatalf("error = %v, want %q", err, want)
		}
		if res.Ref != srv.URL+"/s" {
			t.Errorf("Ref = %q, want the status URL", res.Ref)
		}
		return
	}
}

func TestConfiguration(t *testing.T) {
	tests := []struct {
		name string
		ex   webhook.Executor
		want string // "": valid
	}{
		{"no URL", webhook.Executor{}, "is not an http or https URL"},
		{"not http", webhook.Executor{URL: "file:///etc/passwd"}, "is not an http or https URL"},
		{"plain http", webhook.Executor{URL: "http://deploy.example/hook?token=hidden"}, `URL "http://deploy.example/hook" is plain http, which sends the signed request unencrypted`},
		{"plain http allowed", webhook.Executor{URL: "http://127.0.0.1:1/", AllowHTTP: true}, ""},
		{"https", webhook.Executor{URL: "https://deploy.example/hook"}, ""},
		{"bad method", webhook.Executor{URL: "https://deploy.example/", Method: "DELETE"}, `method "DELETE" is not POST or PUT`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.ex.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if deploybot.ErrorCode(err) != deploybot.EINVALID || !strings.Contains(deploybot.ErrorMessage(err), tt.want) {
				t.Fatalf("Validate = %v, want an EINVALID error saying %q", err, tt.want)
			}
			_, err = tt.ex.Execute(context.Background(), deploytest.NewDeployment())
			if deploybot.ErrorCode(err) != deploybot.EINVALID || !errors.Is(err, deploybot.ErrNotStarted) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Execute = %v, want an EINVALID error wrapping ErrNotStarted", err)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	done := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, webhook.Status{Status: webhook.StatusSucceeded, Ref: "landed " + r.Method})
	})
	plain := httptest.NewServer(done)
	defer plain.Close()
	tlsDone := httptest.NewTLSServer(done)
	defer tlsDone.Close()
	tests := []struct {
		name      string
		tls       bool
		allowHTTP bool
		to        func(self string) string // where /deploy redirects
		want      string                   // the run's ref; "": refused
		refusal   string
	}{
		{"same host", true, false, func(self string) string { return self + "/elsewhere" }, "landed POST", ""},
		{"another host", true, false, func(self string) string { return strings.Replace(tlsDone.URL, "127.0.0.1", "localhost", 1) + "/x" }, "", "redirects to another host"},
		{"https to http", true, true, func(self string) string { return plain.URL + "/x" }, "", "redirects to plain http"},
		{"http to https on the same host", false, true, func(self string) string { return tlsDone.URL + "/x" }, "landed POST", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			var self string
			mux := http.NewServeMux()
			mux.HandleFunc("/deploy", func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				http.Redirect(w, r, tt.to(self), http.StatusTemporaryRedirect)
			})
			mux.Handle("/elsewhere", done)
			var srv *httptest.Server
			if tt.tls {
				srv = httptest.NewTLSServer(mux)
			} else {
				srv = httptest.NewServer(mux)
			}
			defer srv.Close()
			self = srv.URL
			// httptest's TLS servers share one certificate: this client
			// trusts them all.
			client := tlsDone.Client()
			ex := webhook.Executor{URL: srv.URL + "/deploy", AllowHTTP: tt.allowHTTP, Secret: secret, Client: client, PollInterval: time.Millisecond}
			res, err := ex.Execute(context.Background(), deploytest.NewDeployment())
			if tt.want != "" {
				if err != nil || res.Ref != tt.want {
					t.Fatalf("Execute = %+v, %v; want ref %q", res, err, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.refusal) || !errors.Is(err, deploybot.ErrNotStarted) {
				t.Fatalf("Execute = %v, want a refusal wrapping ErrNotStarted saying %q", err, tt.refusal)
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("the endpoint was called %d times, want 1 (a refused redirect is not tried again)", n)
			}
		})
	}
}

func TestAdopt(t *testing.T) {
	c, srv := newCapture(t, answer{200, `{"status":"running"}`}, answer{200, `{"status":"succeeded","output":"done"}`})
	tests := []struct {
		name     string
		ref      string
		requests int
		want     error // nil: success
	}{
		{"no ref", "", 0, deploybot.ErrOutcomeUnknown},
		{"the idempotency key", "deploy-42", 0, deploybot.ErrOutcomeUnknown},
		{"the endpoint's ref", "run-7", 0, deploybot.ErrOutcomeUnknown},
		{"another origin", "https://evil.example/runs/7", 0, deploybot.ErrOutcomeUnknown},
		{"the status URL", srv.URL + "/runs/7?token=t", 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(c.all())
			ex := webhook.Executor{URL: srv.URL + "/deploy", AllowHTTP: true, Secret: secret, PollInterval: time.Millisecond}
			d := deploytest.NewDeployment()
			d.ExecutorRef = tt.ref
			res, err := ex.Adopt(context.Background(), d)
			reqs := c.all()[before:]
			if len(reqs) != tt.requests {
				t.Fatalf("%d requests, want %d", len(reqs), tt.requests)
			}
			for _, r := range reqs {
				if r.method != http.MethodGet || r.path != "/runs/7" {
					t.Errorf("request %s %s", r.method, r.path)
				}
			}
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("Adopt = %v, want an error wrapping %v", err, tt.want)
				}
				return
			}
			if err != nil || res.Output != "done" || res.Ref != tt.ref {
				t.Fatalf("Adopt = %+v, %v", res, err)
			}
		})
	}
}
