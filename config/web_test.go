package config_test

import (
	"net/netip"
	"strings"
	"testing"

	"deploybot/config"
)

func TestWebKeys(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // problem paths; none: valid
	}{
		{name: "absent", src: "projects: [{name: shop}]\n"},
		{name: "proxies and header", src: "web: {trusted_proxies: [10.0.0.0/8, 192.168.1.7, \"::1\"], user_header: X-Auth-User}\n"},
		{name: "sign-in with Slack", src: "web:\n  oidc: {client_id: a, client_secret: b, redirect_url: https://d.example.com/auth/callback, team_id: T1}\n  session_key: 0123456789abcdef0123456789abcdef\n"},
		{name: "sign-in incomplete", src: "web:\n  oidc: {client_id: a}\n", want: []string{"web.oidc.client_secret", "web.oidc.team_id", "web.oidc.redirect_url"}},
		{name: "bad proxy, short key, bad addr", src: "web: {addr: nowhere, trusted_proxies: [10.0.0.0/33], session_key: short}\n",
			want: []string{"web.addr", "web.trusted_proxies[0]", "web.session_key"}},
		{name: "loopback web.addr without sign-in", src: "web: {addr: \"[::1]:8081\"}\n"},
		{name: "public web.addr without sign-in", src: "web: {addr: \":8081\"}\n", want: []string{"web.addr"}},
		{name: "public web.addr behind a proxy", src: "web: {addr: \"0.0.0.0:8081\", trusted_proxies: [10.0.0.1]}\n"},
		{name: "unknown key", src: "web: {oidc: {client_id: a, client_secret: b, redirect_url: https://x/cb, team_id: T, tenant: x}}\n", want: []string{"web.oidc.tenant"}},
		{name: "dora reminder", src: "reminders: [{cron: \"0 9 * * MON\", channel: \"#d\", kind: dora}]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.ParseWith([]byte(tt.src), "t.yaml", noEnv)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected problems: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no problem, want %v", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("problems lack %s:\n%v", w, err)
				}
			}
			_ = cfg
		})
	}
	cfg, err := config.ParseWith([]byte("web: {trusted_proxies: [10.1.2.3/8, 192.168.1.7]}\n"), "t.yaml", noEnv)
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.Web.Prefixes()
	if len(got) != 2 || got[0] != netip.MustParsePrefix("10.0.0.0/8") || got[1] != netip.MustParsePrefix("192.168.1.7/32") {
		t.Errorf("Prefixes() = %v", got)
	}
}
