package probe_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"deploybot"
	"deploybot/probe"
)

// newServer serves a few endpoints whose behaviour the checks test.
func newServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var flaky atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"status":"ok"}`)
	})
	mux.HandleFunc("GET /down", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("GET /created", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("GET /flaky", func(w http.ResponseWriter, r *http.Request) {
		if flaky.Add(1) <= 2 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		io.WriteString(w, "ok")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &flaky
}

func TestProbe(t *testing.T) {
	srv, _ := newServer(t)
	tests := []struct {
		name    string
		check   deploybot.Check
		ok      bool
		detail  string // a prefix of the detail
		details string // a text the detail contains
	}{
		{"200 ok", deploybot.Check{URL: srv.URL + "/healthz", ExpectStatus: 200}, true, "200 in ", "ms"},
		{"any 2xx", deploybot.Check{URL: srv.URL + "/created"}, true, "201 in ", ""},
		{"body contains", deploybot.Check{URL: srv.URL + "/healthz", Contains: `"ok"`}, true, "200 in ", ""},
		{"wrong status", deploybot.Check{URL: srv.URL + "/down", ExpectStatus: 200}, false, "503 Service Unavailable (want 200)", ""},
		{"not 2xx", deploybot.Check{URL: srv.URL + "/down"}, false, "503 Service Unavailable (want 2xx)", ""},
		{"unexpected 2xx", deploybot.Check{URL: srv.URL + "/healthz", ExpectStatus: 201}, false, "200 OK (want 201)", ""},
		{"body lacks", deploybot.Check{URL: srv.URL + "/healthz", Contains: "healthy"}, false, `body lacks "healthy"`, ""},
		{"not found", deploybot.Check{URL: srv.URL + "/nope"}, false, "404 Not Found (want 2xx)", ""},
		{"slow", deploybot.Check{URL: srv.URL + "/slow"}, false, "no answer within 100ms", ""},
		{"refused", deploybot.Check{URL: "http://127.0.0.1:1/x"}, false, "", "refused"},
		{"invalid URL", deploybot.Check{URL: "http://[::1"}, false, "invalid URL", ""},
	}
	p := &probe.Prober{Client: srv.Client(), Timeout: 100 * time.Millisecond}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := p.Probe(t.Context(), []deploybot.Check{tt.check})
			if len(got) != 1 {
				t.Fatalf("got %d results, want 1", len(got))
			}
			r := got[0]
			if r.OK != tt.ok || !strings.HasPrefix(r.Detail, tt.detail) || !strings.Contains(r.Detail, tt.details) {
				t.Errorf("got OK=%v %q, want OK=%v %q...%q", r.OK, r.Detail, tt.ok, tt.detail, tt.details)
			}
			if r.Name != tt.check.URL {
				t.Errorf("name %q, want the URL %q", r.Name, tt.check.URL)
			}
		})
	}
}

func TestProbeRetries(t *testing.T) {
	tests := []struct {
		name    string
		retries int
		ok      bool
		detail  string
		calls   int32
	}{
		{"recovers on the third attempt", 2, true, "200 in ", 3},
		{"gives up", 1, false, "502 Bad Gateway (want 2xx) after 2 attempts", 2},
		{"no retry", 0, false, "502 Bad Gateway (want 2xx)", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls := newServer(t)
			p := &probe.Prober{Client: srv.Client(), Timeout: time.Second, Retries: tt.retries, RetryDelay: time.Millisecond}
			r := p.Probe(t.Context(), []deploybot.Check{{Name: "flaky", URL: srv.URL + "/flaky", Contains: "ok"}})[0]
			if r.OK != tt.ok || !strings.HasPrefix(r.Detail, tt.detail) {
				t.Errorf("got OK=%v %q, want OK=%v %q", r.OK, r.Detail, tt.ok, tt.detail)
			}
			if got := calls.Load(); got != tt.calls {
				t.Errorf("%d calls, want %d", got, tt.calls)
			}
		})
	}
}

func TestProbeRetryStopsWithContext(t *testing.T) {
	srv, _ := newServer(t)
	p := &probe.Prober{Client: srv.Client(), Timeout: time.Second, Retries: 100, RetryDelay: time.Hour}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	r := p.Probe(ctx, []deploybot.Check{{URL: srv.URL + "/down"}})[0]
	if r.OK || time.Since(start) > 5*time.Second {
		t.Errorf("got %+v after %s, want a failure soon after the context ends", r, time.Since(start))
	}
}

func TestProbeOrderAndConcurrency(t *testing.T) {
	srv, _ := newServer(t)
	var checks []deploybot.Check
	for i := range 20 {
		c := deploybot.Check{Name: string(rune('a' + i)), URL: srv.URL + "/healthz"}
		switch i % 3 {
		case 1:
			c.URL = srv.URL + "/down"
		case 2:
			c.URL = srv.URL + "/slow"
		}
		checks = append(checks, c)
	}
	p := &probe.Prober{Client: srv.Client(), Timeout: 500 * time.Millisecond}
	start := time.Now()
	got := p.Probe(t.Context(), checks)
	if len(got) != len(checks) {
		t.Fatalf("got %d results, want %d", len(got), len(checks))
	}
	for i, r := range got {
		if r.Name != checks[i].Name || r.OK != (i%3 == 0) {
			t.Errorf("result %d = %+v, want %s OK=%v", i, r, checks[i].Name, i%3 == 0)
		}
	}
	// Six slow checks of 500ms each: run one after another they would take
	// 3s; together, 500ms. The bound between leaves room for a loaded machine.
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s: checks do not run concurrently", d)
	}
}

func TestCertExpiry(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	defer srv.Close()
	want := srv.Certificate().NotAfter

	p := &probe.Prober{Client: srv.Client(), Timeout: 2 * time.Second}
	got, err := p.CertExpiry(t.Context(), srv.URL+"/healthz")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(want) {
		t.Errorf("got %s, want %s", got, want)
	}

	// Without the test server's root, the certificate is not trusted.
	untrusted := &probe.Prober{Client: &http.Client{}, Timeout: 2 * time.Second}
	if _, err := untrusted.CertExpiry(t.Context(), srv.URL); err == nil {
		t.Error("untrusted certificate: got no error")
	}
}

func TestCertExpiryExpired(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	notAfter := time.Now().Add(-48 * time.Hour).Truncate(time.Second).UTC()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "expired.test"},
		NotBefore:             notAfter.Add(-24 * time.Hour),
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	srv.StartTLS()
	defer srv.Close()

	roots := x509.NewCertPool()
	roots.AddCert(cert)
	p := &probe.Prober{Client: &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}}
	got, err := p.CertExpiry(t.Context(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(notAfter) {
		t.Errorf("got %s, want %s", got, notAfter)
	}
}

func TestCertExpiryInvalid(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"http://example.com/healthz", "no TLS on http://example.com/healthz"},
		{"ftp://example.com", `unsupported scheme "ftp"`},
		{"https://", "invalid URL"},
	}
	p := &probe.Prober{}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := p.CertExpiry(t.Context(), tt.url)
			var e *deploybot.Error
			if !errors.As(err, &e) || e.Code != deploybot.EINVALID || !strings.HasPrefix(e.Message, tt.want) {
				t.Errorf("got %v, want EINVALID %q", err, tt.want)
			}
		})
	}
}
