package config

import (
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// Web configures the read-only pages and their JSON API (DESIGN §4b,
// "Web"). Without OIDC or TrustedProxies, the pages answer only requests
// from this machine.
type Web struct {
	// Addr is a listener of the pages' own; empty: the http.addr server.
	Addr string `yaml:"addr"`
	// OIDC signs people in with Slack (OpenID Connect).
	OIDC *WebOIDC `yaml:"oidc"`
	// TrustedProxies are the addresses (CIDRs or single IPs) of an
	// authenticating proxy whose UserHeader names the reader.
	TrustedProxies []string `yaml:"trusted_proxies"`
	UserHeader     string   `yaml:"user_header"` // default X-Forwarded-User
	// SessionKey signs session cookies; replicas share it. Empty: a random
	// key at each start (sessions end with the process).
	SessionKey string `yaml:"session_key"`
}

// WebOIDC is the sign-in with Slack.
type WebOIDC struct {
	Issuer       string `yaml:"issuer"` // default https://slack.com
	ClientID     string `yaml:"client_id"`
	ClientSecret string `yaml:"client_secret"`
	RedirectURL  string `yaml:"redirect_url"` // https://HOST/auth/callback
	TeamID       string `yaml:"team_id"`      // the workspace whose members may read
}

// HasSignIn reports whether readers are identified (Slack sign-in or an
// authenticating proxy); without, the pages answer only this machine.
func (w Web) HasSignIn() bool { return w.OIDC != nil || len(w.TrustedProxies) > 0 }

// DefaultOIDCIssuer is Slack's OpenID Connect issuer.
const DefaultOIDCIssuer = "https://slack.com"

// MinSessionKey is the shortest web.session_key accepted.
const MinSessionKey = 32

// Prefixes returns the trusted proxies as prefixes (a single address is a
// prefix of its full length); entries that do not parse are skipped
// (validation reports them).
func (w Web) Prefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range w.TrustedProxies {
		if p, ok := parsePrefix(s); ok {
			out = append(out, p)
		}
	}
	return out
}

func parsePrefix(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), true
	}
	return netip.Prefix{}, false
}

func host(addr string) string {
	h, _, _ := net.SplitHostPort(addr)
	return h
}

func (c *checker) validateWeb(w Web) {
	if w.Addr != "" {
		if _, port, err := net.SplitHostPort(w.Addr); err != nil {
			c.errorf("web.addr", "invalid address %q: expected host:port such as 127.0.0.1:8081", w.Addr)
		} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
			c.errorf("web.addr", "invalid port %q: expected a number from 0 to 65535", port)
		} else if ip, err := netip.ParseAddr(strings.Trim(host(w.Addr), "[]")); !w.HasSignIn() && !strings.EqualFold(host(w.Addr), "localhost") && (err != nil || !ip.IsLoopback()) {
			c.errorf("web.addr", "%s is not a loopback address and no sign-in is configured (web.oidc or web.trusted_proxies): "+
				"the deployment pages are not served there; set a sign-in, or a loopback address such as 127.0.0.1:8081", w.Addr)
		}
	}
	if o := w.OIDC; o != nil {
		c.url("web.oidc.issuer", o.Issuer, false)
		for _, k := range []struct{ key, v, why string }{
			{"client_id", o.ClientID, "the Slack app's client id"},
			{"client_secret", o.ClientSecret, "the Slack app's client secret, e.g. ${SLACK_CLIENT_SECRET}"},
			{"team_id", o.TeamID, "the workspace whose members may sign in (T0123ABCD)"},
		} {
			if k.v == "" {
				c.errorf("web.oidc."+k.key, "%s is required for the sign-in with Slack: %s", k.key, k.why)
			}
		}
		c.url("web.oidc.redirect_url", o.RedirectURL, true)
	}
	for i, s := range w.TrustedProxies {
		if _, ok := parsePrefix(s); !ok {
			c.errorf("web.trusted_proxies["+strconv.Itoa(i)+"]", "invalid address %q: expected a CIDR such as 10.0.0.0/8 or an IP address", s)
		}
	}
	if w.SessionKey != "" && len(w.SessionKey) < MinSessionKey {
		c.errorf("web.session_key", "session_key is %d bytes: use at least %d random bytes (openssl rand -hex 32)", len(w.SessionKey), MinSessionKey)
	}
}
