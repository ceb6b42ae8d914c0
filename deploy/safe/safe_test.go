package safe_test

import (
	"regexp"
	"strings"
	"testing"

	"deploybot"
	"deploybot/deploy/safe"
)

func TestName(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"api", true},
		{"shop-front", true},
		{"API", true},
		{"eu.west_1", true},
		{"0", true},
		{strings.Repeat("a", 63), true},
		{strings.Repeat("a", 64), false},
		{"", false},
		{"-api", false},
		{".api", false},
		{"../api", false},
		{"a..b", false},
		{"api;id", false},
		{"api id", false},
		{"api\n", false},
		{"$(id)", false},
		{"api/x", false},
		{"prodé", false},
		{"\u212aube", false}, // the Kelvin sign, which (?i)[a-z] took for a k
		{"\u017fhop", false}, // the long s
	}
	for _, tt := range tests {
		if got := safe.Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestVersion(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"v1.4.2", true},
		{"1.0.0+build.7", true},
		{"release-2024.11", true},
		{"feature/login_form", true},
		{"0123456789abcdef0123456789abcdef01234567", true},
		{strings.Repeat("a", 128), true},
		{strings.Repeat("a", 129), false},
		{"", false},
		{"v1;rm -rf /", false},
		{"$(id)", false},
		{"`id`", false},
		{"1.0\nX", false},
		{"1.0\n", false},
		{"-rf", false},
		{"/etc/passwd", false},
		{"a/../../etc", false},
		{"v1..2", false},
		{"v1 2", false},
		{"v1|x", false},
		{"v1&", false},
		{"v1>x", false},
		{"v1'", false},
		{"v1\"", false},
		{"v1\x00", false},
		{"v1%x", false},
	}
	for _, tt := range tests {
		if got := safe.Version(tt.in); got != tt.want {
			t.Errorf("Version(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestRequester(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"alice", true},
		{"U012AB3CD", true},
		{"jean.dupont", true},
		{"bob@acme.example", true},
		{"", false},
		{"@group", false},
		{"bob; rm -rf /", false},
		{"$(whoami)", false},
		{"bob smith", false},
	}
	for _, tt := range tests {
		if got := safe.Requester(tt.in); got != tt.want {
			t.Errorf("Requester(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	valid := deploybot.Deployment{
		ID: 42, Project: "api", Env: "production", Version: "v1.4.2", PreviousVersion: "v1.4.1",
		Strategy: deploybot.StrategyBlueGreen, Action: deploybot.ActionDeploy, Requester: "alice",
	}
	tests := []struct {
		name   string
		change func(d *deploybot.Deployment)
		field  string // "" when valid
	}{
		{"valid", func(d *deploybot.Deployment) {}, ""},
		{"no previous version", func(d *deploybot.Deployment) { d.PreviousVersion = "" }, ""},
		{"no strategy", func(d *deploybot.Deployment) { d.Strategy = "" }, ""},
		{"no action", func(d *deploybot.Deployment) { d.Action = "" }, ""},
		{"rollback", func(d *deploybot.Deployment) { d.Action = deploybot.ActionRollback }, ""},
		{"bad version", func(d *deploybot.Deployment) { d.Version = "v1;rm -rf /" }, `version "v1;rm -rf /" is not valid: use letters, digits, dots, dashes (v1.4.2, release-2024.11, a commit sha)`},
		{"bad project", func(d *deploybot.Deployment) { d.Project = "api$(id)" }, `project "api$(id)" is not valid`},
		{"bad env", func(d *deploybot.Deployment) { d.Env = "prod\nuction" }, `environment "prod\nuction" is not valid`},
		{"bad previous", func(d *deploybot.Deployment) { d.PreviousVersion = "`id`" }, "previous version"},
		{"bad requester", func(d *deploybot.Deployment) { d.Requester = "bob; id" }, "requester"},
		{"no requester", func(d *deploybot.Deployment) { d.Requester = "" }, "requester"},
		{"bad strategy", func(d *deploybot.Deployment) { d.Strategy = "yolo" }, "strategy"},
		{"bad action", func(d *deploybot.Deployment) { d.Action = "destroy" }, "action"},
		{"no id", func(d *deploybot.Deployment) { d.ID = 0 }, "deployment id 0"},
		{"long value cut", func(d *deploybot.Deployment) { d.Version = strings.Repeat("x", 200) + ";" }, `..." is not valid`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := valid
			tt.change(&d)
			err := safe.Check(d)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			if code := deploybot.ErrorCode(err); code != deploybot.EINVALID {
				t.Fatalf("code = %q (err %v), want %q", code, err, deploybot.EINVALID)
			}
			if msg := deploybot.ErrorMessage(err); !strings.Contains(msg, tt.field) {
				t.Errorf("message %q does not contain %q", msg, tt.field)
			}
		})
	}
}

// TestPatternsOnASCII checks the allow-lists against the regular
// expressions they replace (with "no .." added), on every ASCII string of
// up to three characters from an alphabet of each kind of byte they tell
// apart, and on long strings at the length limits.
func TestPatternsOnASCII(t *testing.T) {
	ref := []struct {
		name  string
		check func(string) bool
		re    *regexp.Regexp
	}{
		{"Name", safe.Name, regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`)},
		{"Version", safe.Version, regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+/-]{0,127}$`)},
		{"Requester", safe.Requester, regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$`)},
	}
	alphabet := []string{"a", "Z", "7", ".", "_", "-", "+", "/", "@", " ", ";", "$", "\n", "\x00", "~", "é"}
	inputs := []string{"", strings.Repeat("a", 63), strings.Repeat("a", 64), strings.Repeat("b", 128), strings.Repeat("b", 129)}
	var grow func(prefix string, n int)
	grow = func(prefix string, n int) {
		inputs = append(inputs, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			grow(prefix+c, n-1)
		}
	}
	grow("", 3)
	for _, r := range ref {
		for _, in := range inputs {
			want := r.re.MatchString(in) && !strings.Contains(in, "..")
			if got := r.check(in); got != want {
				t.Errorf("%s(%q) = %v, the pattern says %v", r.name, in, got, want)
			}
		}
	}
}
