package telemetry

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"deploybot"
)

// TestExposition writes the text format as Prometheus reads it: families
// sorted, HELP and TYPE once, labels sorted and escaped, a histogram's
// cumulative buckets in order with +Inf, _sum and _count.
func TestExposition(t *testing.T) {
	m := New(nil)
	for _, d := range []time.Duration{300 * time.Microsecond, time.Millisecond, 4 * time.Millisecond, 10 * time.Second} {
		m.Observe(deploybot.Intent{Route: deploybot.RouteProduction, Intent: deploybot.IntentDeploy}, d)
	}
	if err := m.Register(CollectorFunc(func(_ context.Context, s *Scrape) error {
		s.Gauge("zz_escaped", "a help\\with\nlines", 1, "v", "a\"b\\c\nd")
		s.Gauge("zz_escaped", "a help\\with\nlines", 2, "v", "a")
		return nil
	})); err != nil {
		t.Fatal(err)
	}
	body := scrape(t, m, 200)
	for _, want := range []string{
		"# HELP deploybot_handler_seconds Time to answer a chat message, by route.\n# TYPE deploybot_handler_seconds histogram\n" +
			`deploybot_handler_seconds_bucket{le="0.0005",route="production"} 1` + "\n" +
			`deploybot_handler_seconds_bucket{le="0.001",route="production"} 2` + "\n" +
			`deploybot_handler_seconds_bucket{le="0.0025",route="production"} 2` + "\n" +
			`deploybot_handler_seconds_bucket{le="0.005",route="production"} 3` + "\n",
		`deploybot_handler_seconds_bucket{le="5",route="production"} 3` + "\n" +
			`deploybot_handler_seconds_bucket{le="+Inf",route="production"} 4` + "\n" +
			`deploybot_handler_seconds_sum{route="production"} 10.0053` + "\n" +
			`deploybot_handler_seconds_count{route="production"} 4` + "\n",
		"# TYPE deploybot_messages_total counter\n" + `deploybot_messages_total{intent="deploy",route="production"} 4` + "\n",
		"# HELP zz_escaped a help\\\\with\\nlines\n# TYPE zz_escaped gauge\n" + `zz_escaped{v="a"} 2` + "\n" + `zz_escaped{v="a\"b\\c\nd"} 1` + "\n",
		`go_gc_duration_seconds{quantile="0.5"} `, "go_gc_duration_seconds_count ", "# TYPE go_goroutines gauge\n",
		`go_info{version="go`, "go_memstats_heap_alloc_bytes ", "go_sched_gomaxprocs_threads ",
		"process_cpu_seconds_total ", "process_resident_memory_bytes ", "process_open_fds ", "process_start_time_seconds ", "process_network_receive_bytes_total ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	// Every line is a comment or name{labels} value, each family once.
	line := regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? ([-+0-9.e]+|[+-]Inf|NaN)$`)
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		if f, ok := strings.CutPrefix(l, "# TYPE "); ok {
			name := strings.Fields(f)[0]
			if seen[name] {
				t.Errorf("family %s typed twice", name)
			}
			seen[name] = true
			continue
		}
		if !strings.HasPrefix(l, "# HELP ") && !line.MatchString(l) {
			t.Errorf("line %q is not of the text format", l)
		}
	}
}

// TestExpositionErrors: a collector's error, a series collected twice and
// a family given two types fail the scrape with a 500, as client_golang's
// handler did.
func TestExpositionErrors(t *testing.T) {
	tests := []struct {
		name string
		c    CollectorFunc
		want string
	}{
		{"collector error", func(context.Context, *Scrape) error { return errors.New("database is locked") }, "database is locked"},
		{"twice", func(_ context.Context, s *Scrape) error {
			s.Gauge("x", "x", 1, "a", "b")
			s.Gauge("x", "x", 2, "a", "b")
			return nil
		}, `metric x{a="b"} collected twice`},
		{"two types", func(_ context.Context, s *Scrape) error {
			s.Gauge("x", "x", 1, "a", "b")
			s.Counter("x", "x", 2, "a", "c")
			return nil
		}, "metric x collected with two types (gauge counter)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(nil)
			if err := m.Register(tt.c); err != nil {
				t.Fatal(err)
			}
			if body := scrape(t, m, 500); !strings.Contains(body, tt.want) {
				t.Errorf("got %q, want %q", body, tt.want)
			}
		})
	}
	if err := New(nil).Register(nil); err == nil {
		t.Error("a nil collector was registered")
	}
}

func scrape(t *testing.T, m *Metrics, status int) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, body)
	}
	if status == 200 && !bytes.HasPrefix([]byte(rec.Header().Get("Content-Type")), []byte("text/plain; version=0.0.4")) {
		t.Errorf("content type %q", rec.Header().Get("Content-Type"))
	}
	return string(body)
}
