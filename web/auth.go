package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"deploybot"
)

// Auth says who may read the pages. With OIDC, people sign in with Slack
// (OpenID Connect), restricted to one workspace; with TrustedProxies, an
// authenticating proxy at one of those addresses names the user in
// UserHeader. With neither, the pages answer only a loopback peer that
// names a loopback host and comes through no proxy.
type Auth struct {
	OIDC           *OIDC
	TrustedProxies []netip.Prefix
	UserHeader     string // default X-Forwarded-User
	// SessionKey signs the session cookies; replicas share it. Empty: a
	// random key, so sessions end when the process does.
	SessionKey []byte
	// SessionTTL is how long a session lasts; default 12h.
	SessionTTL time.Duration
}

// OIDC configures the sign-in with Slack (or another OpenID provider).
type OIDC struct {
	Issuer       string // https://slack.com
	ClientID     string
	ClientSecret string
	RedirectURL  string // https://deploybot.example.com/auth/callback
	// TeamID is the Slack workspace whose members may sign in: the ID
	// token's https://slack.com/team_id claim must equal it.
	TeamID string
	// HTTPClient talks to the provider; default http.DefaultClient.
	HTTPClient *http.Client
}

// User is who reads a page.
type User struct {
	ID   string `json:"id"`             // an actor: Slack user id at team id, or the proxy's name
	Name string `json:"name,omitempty"` // for people
	Via  string `json:"via"`            // slack, proxy or loopback
}

type userKey struct{}

func userOf(r *http.Request) *User {
	u, _ := r.Context().Value(userKey{}).(*User)
	return u
}

const (
	sessionCookie = "deploybot_session"
	loginCookie   = "deploybot_login"
	teamClaim     = "https://slack.com/team_id"
	userClaim     = "https://slack.com/user_id"
)

type authenticator struct {
	cfg    Auth
	oidc   *OIDC
	header string
	key    []byte
	ttl    time.Duration
	now    deploybot.Clock
	logger *slog.Logger
	secure bool // cookies only over https

	mu       sync.Mutex
	provider *oidc.Provider
}

func newAuthenticator(cfg Auth, now deploybot.Clock, logger *slog.Logger) (*authenticator, error) {
	a := &authenticator{cfg: cfg, oidc: cfg.OIDC, header: cfg.UserHeader, key: cfg.SessionKey, ttl: cfg.SessionTTL, now: now, logger: logger}
	if a.header == "" {
		a.header = "X-Forwarded-User"
	}
	if a.ttl <= 0 {
		a.ttl = 12 * time.Hour
	}
	if len(a.key) == 0 {
		a.key = make([]byte, 32)
		if _, err := rand.Read(a.key); err != nil {
			return nil, err
		}
	}
	if o := a.oidc; o != nil {
		if o.Issuer == "" || o.ClientID == "" || o.RedirectURL == "" || o.TeamID == "" {
			return nil, errors.New("web: sign-in needs issuer, client_id, redirect_url and team_id")
		}
		u, err := url.Parse(o.RedirectURL)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("web: redirect_url %q is not an absolute URL", o.RedirectURL)
		}
		a.secure = u.Scheme == "https"
	}
	return a, nil
}

// guard lets r through when its reader is known, else answers: the
// sign-in page (401) for a page, a JSON error for the API, 403 with the
// reason where only loopback readers are allowed.
func (a *authenticator) guard(next http.Handler, api bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, status, reason := a.identify(r)
		if u != nil {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
			return
		}
		if api || status != http.StatusUnauthorized {
			if api {
				writeJSON(w, status, apiError{Error: reason})
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(status)
			fmt.Fprintln(w, reason)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusUnauthorized)
		_ = signInPage.Execute(w, map[string]string{"Next": r.URL.RequestURI()})
	})
}

// identify tells who sends r, or the status and reason of a refusal.
func (a *authenticator) identify(r *http.Request) (*User, int, string) {
	peer := peerAddr(r)
	if len(a.cfg.TrustedProxies) > 0 && peer.IsValid() && a.trusted(peer) {
		if name := strings.TrimSpace(r.Header.Get(a.header)); name != "" {
			return &User{ID: name, Name: name, Via: "proxy"}, 0, ""
		}
	}
	if a.oidc != nil {
		if u, ok := a.session(r); ok {
			return u, 0, ""
		}
		return nil, http.StatusUnauthorized, "sign in with Slack: /auth/login"
	}
	if len(a.cfg.TrustedProxies) > 0 {
		return nil, http.StatusForbidden, "forbidden: these pages are read through the authenticating proxy (web.trusted_proxies), which names the user in " + a.header
	}
	if why := notLoopback(r, peer); why != "" {
		return nil, http.StatusForbidden, "forbidden: no sign-in is configured (web.oidc or web.trusted_proxies), so these pages answer only on this machine: " + why
	}
	return &User{ID: "local", Name: "local", Via: "loopback"}, 0, ""
}

func (a *authenticator) trusted(ip netip.Addr) bool {
	for _, p := range a.cfg.TrustedProxies {
		if p.Contains(ip.Unmap()) {
			return true
		}
	}
	return false
}

func peerAddr(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}
	}
	return ap.Addr().Unmap()
}

// notLoopback says why r does not come from this machine ("" when it
// does): its peer, the host it names, or a proxy's forwarding header.
func notLoopback(r *http.Request, peer netip.Addr) string {
	if !peer.IsValid() || !peer.IsLoopback() {
		return fmt.Sprintf("the request comes from %s, not a loopback address", r.RemoteAddr)
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if ip, err := netip.ParseAddr(host); err == nil {
		if !ip.Unmap().IsLoopback() {
			return fmt.Sprintf("the request names host %s, not a loopback address", r.Host)
		}
	} else if !strings.EqualFold(host, "localhost") {
		return fmt.Sprintf("the request names host %q, not localhost", r.Host)
	}
	for _, h := range proxyHeaders {
		if r.Header.Get(h) != "" {
			return "the request came through a proxy (" + h + " header)"
		}
	}
	return ""
}

// proxyHeaders are the headers by which a proxy says it forwarded a
// request: one of them on a request from a loopback peer means a proxy on
// this machine passed on a request from elsewhere.
var proxyHeaders = []string{"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Via",
	"X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "X-Original-Forwarded-For"}

// sign returns v signed with the key: base64(json).base64(hmac).
func (a *authenticator) sign(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, a.key)
	m.Write(b)
	return base64.RawURLEncoding.EncodeToString(b) + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil)), nil
}

// verify reads into v a value signed by sign.
func (a *authenticator) verify(s string, v any) bool {
	body, mac, ok := strings.Cut(s, ".")
	if !ok {
		return false
	}
	b, err1 := base64.RawURLEncoding.DecodeString(body)
	sum, err2 := base64.RawURLEncoding.DecodeString(mac)
	if err1 != nil || err2 != nil {
		return false
	}
	m := hmac.New(sha256.New, a.key)
	m.Write(b)
	if !hmac.Equal(sum, m.Sum(nil)) {
		return false
	}
	return json.Unmarshal(b, v) == nil
}

type session struct {
	User    string `json:"u"`
	Name    string `json:"n"`
	Expires int64  `json:"e"`
}

func (a *authenticator) session(r *http.Request) (*User, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, false
	}
	var s session
	if !a.verify(c.Value, &s) || a.now().Unix() >= s.Expires || s.User == "" {
		return nil, false
	}
	return &User{ID: s.User, Name: s.Name, Via: "slack"}, true
}

func (a *authenticator) setCookie(w http.ResponseWriter, name, value string, ttl time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, Secure: a.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(ttl / time.Second)})
}

type loginState struct {
	State   string `json:"s"`
	Nonce   string `json:"n"`
	Next    string `json:"x"`
	Expires int64  `json:"e"`
}

func (a *authenticator) client(ctx context.Context) context.Context {
	if a.oidc.HTTPClient != nil {
		return oidc.ClientContext(ctx, a.oidc.HTTPClient)
	}
	return ctx
}

// providerOf discovers the provider once it answers (not at start: serve
// starts while the provider is unreachable).
func (a *authenticator) providerOf(ctx context.Context) (*oidc.Provider, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.provider != nil {
		return a.provider, nil
	}
	p, err := oidc.NewProvider(a.client(ctx), a.oidc.Issuer)
	if err != nil {
		return nil, err
	}
	a.provider = p
	return p, nil
}

func (a *authenticator) config(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: a.oidc.ClientID, ClientSecret: a.oidc.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: a.oidc.RedirectURL, Scopes: []string{oidc.ScopeOpenID, "profile", "email"}}
}

func random() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// localPath returns next when it is a path of this site, else "/". A
// browser drops tabs and line breaks from a URL and reads a backslash as a
// slash ("/<TAB>/evil.example" is "//evil.example", another site): a path
// with a control character or a backslash is not taken.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') ||
		strings.ContainsFunc(next, unicode.IsControl) {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}

// login sends the reader to the provider, remembering where to come back.
func (a *authenticator) login(w http.ResponseWriter, r *http.Request) {
	if a.oidc == nil {
		http.Error(w, "sign-in is not configured (web.oidc)", http.StatusNotFound)
		return
	}
	p, err := a.providerOf(r.Context())
	if err != nil {
		a.logger.Error("web: sign-in provider", "issuer", a.oidc.Issuer, "err", err)
		http.Error(w, "the sign-in provider does not answer; try again later", http.StatusBadGateway)
		return
	}
	st := loginState{State: random(), Nonce: random(), Next: localPath(r.URL.Query().Get("next")), Expires: a.now().Add(10 * time.Minute).Unix()}
	v, err := a.sign(st)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	a.setCookie(w, loginCookie, v, 10*time.Minute)
	http.Redirect(w, r, a.config(p).AuthCodeURL(st.State, oidc.Nonce(st.Nonce), oauth2.SetAuthURLParam("team", a.oidc.TeamID)), http.StatusFound)
}

// callback checks the provider's answer and opens a session for a member
// of the configured workspace.
func (a *authenticator) callback(w http.ResponseWriter, r *http.Request) {
	if a.oidc == nil {
		http.Error(w, "sign-in is not configured (web.oidc)", http.StatusNotFound)
		return
	}
	var st loginState
	c, err := r.Cookie(loginCookie)
	if err != nil || !a.verify(c.Value, &st) || a.now().Unix() >= st.Expires {
		http.Error(w, "sign-in expired or started elsewhere: start again at /auth/login", http.StatusBadRequest)
		return
	}
	a.setCookie(w, loginCookie, "", -time.Second)
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		http.Error(w, "sign-in refused by the provider: "+e, http.StatusForbidden)
		return
	}
	if q.Get("state") == "" || !hmac.Equal([]byte(q.Get("state")), []byte(st.State)) {
		http.Error(w, "sign-in state does not match: start again at /auth/login", http.StatusBadRequest)
		return
	}
	u, err := a.exchange(r.Context(), q.Get("code"), st.Nonce)
	if err != nil {
		var refused *refusal
		if errors.As(err, &refused) {
			http.Error(w, refused.Error(), http.StatusForbidden)
			return
		}
		a.logger.Warn("web: sign-in failed", "err", err)
		http.Error(w, "sign-in failed: start again at /auth/login", http.StatusBadGateway)
		return
	}
	v, err := a.sign(session{User: u.ID, Name: u.Name, Expires: a.now().Add(a.ttl).Unix()})
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	a.setCookie(w, sessionCookie, v, a.ttl)
	http.Redirect(w, r, localPath(st.Next), http.StatusFound)
}

// refusal is a sign-in refused for a reason the reader is told.
type refusal struct{ msg string }

func (e *refusal) Error() string { return e.msg }

// exchange trades the code for an ID token, checks it, and returns its
// user.
func (a *authenticator) exchange(ctx context.Context, code, nonce string) (*User, error) {
	p, err := a.providerOf(ctx)
	if err != nil {
		return nil, err
	}
	ctx = a.client(ctx)
	tok, err := a.config(p).Exchange(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("exchange: %w", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, errors.New("no id_token in the token response")
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: a.oidc.ClientID, Now: a.now}).Verify(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if !hmac.Equal([]byte(idt.Nonce), []byte(nonce)) {
		return nil, errors.New("the ID token's nonce does not match")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, err
	}
	str := func(k string) string { s, _ := claims[k].(string); return s }
	if team := str(teamClaim); team != a.oidc.TeamID {
		return nil, &refusal{msg: "forbidden: this Slack workspace is not the agency's (" + orNone(team) + ")"}
	}
	user := str(userClaim)
	if user == "" {
		user = idt.Subject
	}
	name := str("name")
	if name == "" {
		name = str("email")
	}
	return &User{ID: deploybot.SlackActor(a.oidc.TeamID, user), Name: name, Via: "slack"}, nil
}

func orNone(s string) string {
	if s == "" {
		return "none given"
	}
	return s
}

func (a *authenticator) logout(w http.ResponseWriter, r *http.Request) {
	a.setCookie(w, sessionCookie, "", -time.Second)
	http.Redirect(w, r, "/", http.StatusFound)
}
