package web_test

// Attack tests of the read-only pages (issue 15): access without a
// session, forged cookies, spoofed proxy headers, Host tricks, state
// changes, script injection through what people wrote, and redirects away
// from the site after sign-in. A test passes when the rule holds.

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/web"
)

// atkRoutes are every page and endpoint that shows data.
var atkRoutes = []string{"/", "/deployments", "/deployments/2", "/calendar", "/dora",
	"/api/v1/now", "/api/v1/projects", "/api/v1/deployments", "/api/v1/deployments/2", "/api/v1/calendar", "/api/v1/dora"}

// TestAttackLoopbackThroughALocalProxy: without a sign-in, a request that
// a proxy on this machine forwarded (its peer and Host are loopback) is
// not "from this machine" when the proxy says so in any of the usual
// headers, not only Forwarded and X-Forwarded-For.
func TestAttackLoopbackThroughALocalProxy(t *testing.T) {
	h := handler(t, web.Auth{})
	for _, hdr := range []string{"X-Real-IP", "X-Forwarded-Host", "X-Forwarded-Proto", "Via", "X-Client-IP", "True-Client-IP",
		"CF-Connecting-IP", "X-Original-Forwarded-For", "x-forwarded-for", "FORWARDED"} {
		for _, path := range []string{"/", "/api/v1/now"} {
			code, body := get(h, path, "127.0.0.1:5000", map[string]string{"Host": "localhost:8080", hdr: "192.0.2.7"})
			if code != http.StatusForbidden || strings.Contains(body, "v1.2.0") {
				t.Errorf("%s through a local proxy (%s): %d", path, hdr, code)
			}
		}
	}
}

// TestAttackHostTricks: the loopback rule reads the peer, not what the
// request says about itself: a remote peer naming localhost, a loopback
// peer naming a public host in another spelling, or no host, gets
// nothing. A loopback peer naming a loopback host is served (the control).
func TestAttackHostTricks(t *testing.T) {
	h := handler(t, web.Auth{})
	tests := []struct {
		peer, host string
		want       int
	}{
		{"192.0.2.7:5000", "localhost", 403},
		{"192.0.2.7:5000", "127.0.0.1", 403},
		{"[2001:db8::1]:5000", "[::1]:8080", 403},
		{"127.0.0.1:5000", "localhost.evil.example", 403},
		{"127.0.0.1:5000", "evil.example", 403},
		{"127.0.0.1:5000", "127.0.0.1.nip.io", 403},
		{"127.0.0.1:5000", "0x7f000001", 403},
		{"127.0.0.1:5000", "localhost@evil.example", 403},
		{"127.0.0.1:5000", "", 403},
		{"[::ffff:192.0.2.7]:5000", "localhost", 403},
		{"not-an-address", "localhost", 403},
		{"[::ffff:127.0.0.1]:5000", "LOCALHOST.:8080", 200},
		{"127.0.0.1:5000", "127.0.0.1:8080", 200},
	}
	for _, tt := range tests {
		for _, path := range atkRoutes {
			code, body := get(h, path, tt.peer, map[string]string{"Host": tt.host})
			if code != tt.want {
				t.Errorf("%s from %s naming %q: %d, want %d", path, tt.peer, tt.host, code, tt.want)
			}
			if code == 403 && strings.Contains(body, "v1.2.0") {
				t.Errorf("%s refused with data: %s", path, body)
			}
		}
	}
}

// TestAttackSpoofedProxyHeader: the user header is believed only from a
// trusted proxy's address: from elsewhere, with a forwarding header that
// claims the proxy, or with a sign-in configured beside it, it opens
// nothing; a blank name from the proxy opens nothing either.
func TestAttackSpoofedProxyHeader(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	h := handler(t, web.Auth{TrustedProxies: proxies, UserHeader: "X-Auth-User"})
	tests := []struct {
		peer   string
		header map[string]string
	}{
		{"192.0.2.7:1", map[string]string{"X-Auth-User": "carol"}},
		{"192.0.2.7:1", map[string]string{"X-Auth-User": "carol", "X-Forwarded-For": "10.1.2.3", "X-Real-IP": "10.1.2.3"}},
		{"127.0.0.1:1", map[string]string{"X-Auth-User": "carol", "Host": "localhost"}},
		{"10.1.2.3:1", map[string]string{"X-Forwarded-User": "carol"}}, // not the configured header
		{"10.1.2.3:1", map[string]string{"X-Auth-User": "  \t "}},
		{"[2001:db8::a01:203]:1", map[string]string{"X-Auth-User": "carol"}},
	}
	for _, tt := range tests {
		for _, path := range atkRoutes {
			if code, body := get(h, path, tt.peer, tt.header); code == http.StatusOK || strings.Contains(body, "v1.2.0") {
				t.Errorf("%s from %s with %v: %d", path, tt.peer, tt.header, code)
			}
		}
	}
	if code, _ := get(h, "/api/v1/now", "[::ffff:10.1.2.3]:1", map[string]string{"X-Auth-User": "carol"}); code != http.StatusOK {
		t.Errorf("the proxy (IPv4 in IPv6) naming carol: %d", code)
	}

	// With Slack sign-in configured too, the header from elsewhere is no
	// session.
	h = handler(t, web.Auth{TrustedProxies: proxies, OIDC: &web.OIDC{Issuer: "https://slack.example", ClientID: "c",
		RedirectURL: "https://deploy.example/auth/callback", TeamID: "T1"}})
	for _, path := range atkRoutes {
		if code, body := get(h, path, "192.0.2.7:1", map[string]string{"X-Forwarded-User": "carol"}); code != http.StatusUnauthorized || strings.Contains(body, "v1.2.0") {
			t.Errorf("%s with a spoofed user header and sign-in configured: %d", path, code)
		}
	}
}

// atkSign signs v as the pages sign their cookies, with key.
func atkSign(t *testing.T, key string, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	m := hmac.New(sha256.New, []byte(key))
	m.Write(b)
	return base64.RawURLEncoding.EncodeToString(b) + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// TestAttackForgedSessionCookies: only a session the site signed opens the
// pages: one signed with another key, unsigned, with its signature moved
// onto another body, expired, without a user, or the site's own sign-in
// cookie (signed with the same key) presented as a session open nothing.
// A session signed with the site's key opens them (the control).
func TestAttackForgedSessionCookies(t *testing.T) {
	clock := time.Now()
	p := newFakeProvider(t, "T1", func() time.Time { return clock })
	s := site(t, p, &clock)
	const key = "0123456789abcdef0123456789abcdef"
	future := clock.Add(time.Hour).Unix()
	good := atkSign(t, key, map[string]any{"u": "U42@T1", "n": "Carol", "e": future})
	body, _, _ := strings.Cut(good, ".")
	_, mac, _ := strings.Cut(atkSign(t, key, map[string]any{"u": "U1@T1", "n": "x", "e": future}), ".")

	// The site's own sign-in cookie.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(s.URL + "/auth/login?next=/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var login string
	for _, c := range resp.Cookies() {
		if c.Name == "deploybot_login" {
			login = c.Value
		}
	}
	if login == "" {
		t.Fatal("no sign-in cookie")
	}

	forged := map[string]string{
		"another key":         atkSign(t, "another key of 32 bytes, or not!", map[string]any{"u": "U42@T1", "e": future}),
		"empty key":           atkSign(t, "", map[string]any{"u": "U42@T1", "e": future}),
		"unsigned":            body + ".",
		"no signature":        body,
		"another body's mac":  body + "." + mac,
		"expired":             atkSign(t, key, map[string]any{"u": "U42@T1", "e": clock.Add(-time.Second).Unix()}),
		"no user":             atkSign(t, key, map[string]any{"u": "", "n": "Carol", "e": future}),
		"no expiry":           atkSign(t, key, map[string]any{"u": "U42@T1"}),
		"sign-in cookie":      login,
		"padded base64":       body + "==." + strings.SplitN(good, ".", 2)[1],
		"JSON with a comment": atkSign(t, key, "/*x*/"),
	}
	for name, v := range forged {
		for _, path := range atkRoutes {
			req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
			req.AddCookie(&http.Cookie{Name: "deploybot_session", Value: v})
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s with a forged session (%s): %d", path, name, resp.StatusCode)
			}
		}
	}
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1/projects", nil)
	req.AddCookie(&http.Cookie{Name: "deploybot_session", Value: good})
	resp, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("a session signed with the site's key: %d", resp.StatusCode)
	}
}

// atkSignInTo signs in through the fake provider with next and returns
// the Location the callback answers, as sent (a browser, not Go's client,
// reads it).
func atkSignInTo(t *testing.T, s *httptest.Server, next string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	u := s.URL + "/auth/login?next=" + url.QueryEscape(next)
	for step := range 3 { // the login, the provider, the callback
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range jar.Cookies(req.URL) {
			req.AddCookie(c)
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		jar.SetCookies(req.URL, resp.Cookies())
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("sign-in step %d (%s): %d", step, u, resp.StatusCode)
		}
		u = resp.Header.Get("Location")
	}
	return u
}

// TestAttackOpenRedirectAfterSignIn: the page to come back to after
// signing in stays on this site however it is spelled: browsers drop tabs
// and line breaks from a URL and read a backslash as a slash, so
// "/<TAB>/evil.example" is "//evil.example", another site.
func TestAttackOpenRedirectAfterSignIn(t *testing.T) {
	clock := time.Now()
	p := newFakeProvider(t, "T1", func() time.Time { return clock })
	s := site(t, p, &clock)
	for _, next := range []string{
		"//evil.example/x", "/\\evil.example", "\\\\evil.example", "https://evil.example/", "/\t/evil.example",
		"/\n/evil.example", "/\r\n/evil.example", "/\\\t/evil.example", "\t//evil.example", " //evil.example",
		"/%2F/evil.example", "/\x00/evil.example", "javascript:alert(1)", "/\\/evil.example",
	} {
		got := atkSignInTo(t, s, next)
		// What a browser makes of it (WHATWG URL parser): tabs and line
		// breaks removed, backslashes read as slashes, leading spaces and
		// controls trimmed.
		norm := strings.Map(func(r rune) rune {
			switch r {
			case '\t', '\n', '\r':
				return -1
			case '\\':
				return '/'
			}
			return r
		}, got)
		norm = strings.TrimLeft(norm, " \x00\x01\x1f")
		if !strings.HasPrefix(norm, "/") || strings.HasPrefix(norm, "//") {
			t.Errorf("next=%q: back to %q, another site for a browser", next, got)
		}
	}
	if got := atkSignInTo(t, s, "/deployments?project=shop"); got != "/deployments?project=shop" {
		t.Errorf("a page of this site: back to %q", got)
	}
}

// TestAttackNoStateChange: no route changes state: every method but GET
// (and HEAD) is refused on every page, endpoint and sign-in route.
func TestAttackNoStateChange(t *testing.T) {
	h := handler(t, web.Auth{})
	routes := append([]string{"/auth/login", "/auth/callback", "/auth/logout", "/api/v1/anything", "/assets/app.js"}, atkRoutes...)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		for _, path := range routes {
			r := httptest.NewRequest(m, path, strings.NewReader(`{"state":"approved"}`))
			r.RemoteAddr, r.Host = "127.0.0.1:1", "localhost"
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: %d, want 405", m, path, w.Code)
			}
		}
	}
}

// TestAttackScriptInjection: what people wrote (a version, a reason, a
// lock's reason, a name, an audit line, an executor's output, a query
// parameter) is shown as text on every page, never as markup or a link.
func TestAttackScriptInjection(t *testing.T) {
	const x = `"><script>alert(1)</script><img src=x onerror=alert(2)>`
	st := newStore()
	for i := range st.ds {
		st.ds[i].Version += x
		st.ds[i].Requester = "alice" + x
		st.ds[i].Approver = "bob" + x
		st.ds[i].Reason = "because" + x
		st.ds[i].Reasons = []string{"denied by bob: no" + x}
		st.ds[i].Output = "ok" + x
		st.ds[i].Ref = "javascript:alert(3)"
		st.ds[i].ExecutorRef = "javascript:alert(4)"
	}
	st.events[2] = append(st.events[2], web.Event{To: deploybot.StateSucceeded, Actor: "bob" + x, Note: "note" + x, At: now})
	st.locks[0].Reason = "incident" + x
	st.locks[0].Holder = "mallory" + x
	st.audit = append(st.audit, deploybot.AuditEvent{Kind: "message", Actor: "U1@T1", Name: "eve" + x, Project: "shop",
		What: "command" + x, Detail: "deploy" + x + " ⇒ reply" + x, At: now})
	h, err := web.New(web.Options{Store: st, Projects: projects, Location: paris, Now: deploybot.FixedClock(now)})
	if err != nil {
		t.Fatal(err)
	}
	routes := h.Routes()
	q := url.QueryEscape(x)
	for _, path := range []string{"/", "/deployments", "/deployments/2", "/deployments/4", "/calendar", "/dora",
		"/deployments?project=" + q + "&person=" + q + "&state=" + q, "/dora?project=" + q + "&period=" + q,
		"/deployments/" + q, "/calendar?project=" + q} {
		_, body := local(routes, path)
		for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`, "onerror=alert(2)>"} {
			if strings.Contains(body, bad) {
				i := strings.Index(body, bad)
				t.Errorf("%s shows %q as markup: …%s…", path, bad, body[max(0, i-80):min(len(body), i+80)])
			}
		}
	}
	// Without a session, the sign-in page echoes the path asked for: as
	// text in a query, never as markup.
	h, err = web.New(web.Options{Store: st, Projects: projects, Location: paris, Now: deploybot.FixedClock(now),
		Auth: web.Auth{OIDC: &web.OIDC{Issuer: "https://slack.example", ClientID: "c", RedirectURL: "https://deploy.example/auth/callback", TeamID: "T1"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, body := get(h.Routes(), "/deployments?x="+q, "192.0.2.7:1", nil)
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
		t.Errorf("sign-in page shows the path as markup: %s", body)
	}
}
