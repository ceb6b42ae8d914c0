package web_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/web"
)

// fakeProvider is an OpenID provider that signs in whoever comes, as a
// member of team, with ID tokens signed by its own RSA key.
type fakeProvider struct {
	srv  *httptest.Server
	key  *rsa.PrivateKey
	team string
	now  func() time.Time

	mu     sync.Mutex
	nonces map[string]string // code -> nonce
}

func newFakeProvider(t *testing.T, team string, now func() time.Time) *fakeProvider {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &fakeProvider{key: key, team: team, now: now, nonces: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		u := p.srv.URL
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": u, "authorization_endpoint": u + "/authorize",
			"token_endpoint": u + "/token", "jwks_uri": u + "/jwks", "id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		b64 := base64.RawURLEncoding.EncodeToString
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256",
			"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes())}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("team") != team && team != "other" {
			http.Error(w, "team not asked", 400)
			return
		}
		code := "code-" + q.Get("state")[:8]
		p.mu.Lock()
		p.nonces[code] = q.Get("nonce")
		p.mu.Unlock()
		back, _ := url.Parse(q.Get("redirect_uri"))
		v := back.Query()
		v.Set("code", code)
		v.Set("state", q.Get("state"))
		back.RawQuery = v.Encode()
		http.Redirect(w, r, back.String(), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		p.mu.Lock()
		nonce, ok := p.nonces[r.PostForm.Get("code")]
		p.mu.Unlock()
		id, _, _ := r.BasicAuth()
		if !ok {
			http.Error(w, `{"error":"invalid_grant"}`, 400)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "at", "token_type": "Bearer", "expires_in": 3600,
			"id_token": p.sign(t, map[string]any{"iss": p.srv.URL, "aud": id, "sub": "U42", "nonce": nonce,
				"iat": p.now().Unix(), "exp": p.now().Add(time.Hour).Unix(), "name": "Carol",
				"https://slack.com/team_id": p.team, "https://slack.com/user_id": "U42"})})
	})
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *fakeProvider) sign(t *testing.T, claims map[string]any) string {
	b64 := base64.RawURLEncoding.EncodeToString
	head, _ := json.Marshal(map[string]string{"alg": "RS256", "kid": "k1", "typ": "JWT"})
	body, _ := json.Marshal(claims)
	input := b64(head) + "." + b64(body)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, p.key, crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + b64(sig)
}

// site serves the pages with the sign-in on the fake provider.
func site(t *testing.T, p *fakeProvider, clock *time.Time) *httptest.Server {
	srv := httptest.NewUnstartedServer(nil)
	srv.Start()
	t.Cleanup(srv.Close)
	h, err := web.New(web.Options{Store: newStore(), Projects: projects, Location: paris, Now: func() time.Time { return *clock },
		Auth: web.Auth{OIDC: &web.OIDC{Issuer: p.srv.URL, ClientID: "client-1", ClientSecret: "secret", TeamID: "T1",
			RedirectURL: srv.URL + "/auth/callback"}, SessionKey: []byte("0123456789abcdef0123456789abcdef")}})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = h.Routes()
	return srv
}

func fetch(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestSignInWithSlack(t *testing.T) {
	clock := time.Now()
	p := newFakeProvider(t, "T1", func() time.Time { return clock })
	s := site(t, p, &clock)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}

	// Without a session: nothing but the sign-in page.
	for _, path := range []string{"/", "/deployments", "/deployments/2", "/calendar", "/dora"} {
		code, body := fetch(t, c, s.URL+path)
		if code != http.StatusUnauthorized || !strings.Contains(body, "Sign in with Slack") || strings.Contains(body, "v1.1.0") || strings.Contains(body, "<nav>") {
			t.Errorf("%s without a session: %d\n%s", path, code, body)
		}
	}
	if code, body := fetch(t, c, s.URL+"/api/v1/now"); code != http.StatusUnauthorized || !strings.Contains(body, `"error"`) {
		t.Errorf("API without a session: %d %s", code, body)
	}

	// Signing in comes back to the page asked for, as the Slack user.
	code, body := fetch(t, c, s.URL+"/auth/login?next=/dora")
	if code != 200 || !strings.Contains(body, "DORA figures") || !strings.Contains(body, "Carol") {
		t.Fatalf("after sign-in: %d\n%s", code, body)
	}
	if code, body := fetch(t, c, s.URL+"/api/v1/projects"); code != 200 || !strings.Contains(body, `"id": "U42@T1"`) || !strings.Contains(body, `"via": "slack"`) {
		t.Errorf("API with a session: %d %s", code, body)
	}

	// A session ends after its time.
	clock = clock.Add(13 * time.Hour)
	if code, _ := fetch(t, c, s.URL+"/"); code != http.StatusUnauthorized {
		t.Errorf("expired session: %d", code)
	}
	clock = clock.Add(-13 * time.Hour)

	// A forged cookie is no session.
	u, _ := url.Parse(s.URL)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "deploybot_session" {
			forged := *ck
			forged.Value = strings.Replace(ck.Value, ck.Value[:4], "eyJ1", 1) + "x"
			jar.SetCookies(u, []*http.Cookie{&forged})
		}
	}
	if code, _ := fetch(t, c, s.URL+"/"); code != http.StatusUnauthorized {
		t.Errorf("forged session: %d", code)
	}

	// Sign-out ends the session.
	fetch(t, c, s.URL+"/auth/login?next=/")
	fetch(t, c, s.URL+"/auth/logout")
	if code, _ := fetch(t, c, s.URL+"/"); code != http.StatusUnauthorized {
		t.Errorf("after sign-out: %d", code)
	}
}

func TestSignInRefusals(t *testing.T) {
	clock := time.Now()
	other := newFakeProvider(t, "other", func() time.Time { return clock })
	s := site(t, other, &clock)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if code, body := fetch(t, c, s.URL+"/auth/login?next=/"); code != http.StatusForbidden || !strings.Contains(body, "workspace is not the agency's") {
		t.Errorf("another workspace: %d %s", code, body)
	}
	if code, _ := fetch(t, c, s.URL+"/"); code != http.StatusUnauthorized {
		t.Errorf("another workspace got a session: %d", code)
	}

	p := newFakeProvider(t, "T1", func() time.Time { return clock })
	s = site(t, p, &clock)
	noRedirect := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(s.URL + "/auth/login?next=//evil.example.com/x")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	state := loc.Query().Get("state")
	// A callback with another state is refused.
	if code, _ := fetch(t, noRedirect, s.URL+"/auth/callback?code=x&state=not-"+state); code != http.StatusBadRequest {
		t.Errorf("wrong state: %d", code)
	}
	// The right one goes home, never to another site.
	resp, err = noRedirect.Get(s.URL + "/auth/login?next=//evil.example.com/x")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = noRedirect.Get(resp.Header.Get("Location")) // the provider
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = noRedirect.Get(resp.Header.Get("Location")) // the callback
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || got != "/" {
		t.Errorf("callback: %d to %q, want 302 to /", resp.StatusCode, got)
	}
	// A callback without the login cookie is refused.
	if code, _ := fetch(t, &http.Client{}, s.URL+"/auth/callback?code=x&state=y"); code != http.StatusBadRequest {
		t.Errorf("callback without login: %d", code)
	}
	_ = deploybot.EnvProduction
}
