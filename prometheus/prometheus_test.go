package prometheus_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/prometheus"
)

// fakeProm answers /api/v1/query with the body of the first rule whose key
// the query contains, and records the queries and their times.
type fakeProm struct {
	t       *testing.T
	answers map[string]string // query substring -> JSON body; "!..." is a 400 error body
	mu      sync.Mutex
	queries []string
	times   map[string]bool
}

func (f *fakeProm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/api/v1/query" {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		f.t.Errorf("ParseForm: %v", err)
	}
	q := r.Form.Get("query")
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.times[r.Form.Get("time")] = true
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	for key, body := range f.answers {
		if strings.Contains(q, key) {
			if strings.HasPrefix(body, "!") {
				w.WriteHeader(http.StatusBadRequest)
				body = body[1:]
			}
			io.WriteString(w, body)
			return
		}
	}
	io.WriteString(w, empty)
}

func vector(metric, value string) string {
	return `{"status":"success","data":{"resultType":"vector","result":[{"metric":` + metric + `,"value":[1700000000.123,"` + value + `"]}]}}`
}

const (
	empty      = `{"status":"success","data":{"resultType":"vector","result":[]}}`
	badData    = `!{"status":"error","errorType":"bad_data","error":"parse error at char 5"}`
	alertsBody = `{"status":"success","data":{"resultType":"vector","result":[
		{"metric":{"__name__":"ALERTS","alertname":"HighLatency","alertstate":"firing"},"value":[1700000000,"1"]},
		{"metric":{"__name__":"ALERTS","alertname":"ErrorBudget","alertstate":"firing","severity":"page"},"value":[1700000000,"1"]},
		{"metric":{"__name__":"ALERTS","alertname":"HighLatency","alertstate":"firing","instance":"b"},"value":[1700000000,"1"]}]}}`
	twoSeries = `{"status":"success","data":{"resultType":"vector","result":[
		{"metric":{"instance":"a"},"value":[1700000000,"0.25"]},
		{"metric":{"instance":"b"},"value":[1700000000,"0.75"]}]}}`
)

func TestSample(t *testing.T) {
	tests := []struct {
		name    string
		answers map[string]string
		want    deploybot.MetricsSample
		wantErr string
	}{
		{
			name: "vectors and a scalar",
			answers: map[string]string{
				`code=~"5.."`:                   vector(`{}`, "0.0125"),
				"http_request_duration_seconds": `{"status":"success","data":{"resultType":"scalar","result":[1700000000,"0.742"]}}`,
				"process_cpu_seconds_total":     twoSeries,
				"process_resident_memory_bytes": vector(`{"job":"api"}`, "268435456"),
				"ALERTS":                        alertsBody,
			},
			want: deploybot.MetricsSample{
				ErrorRate: 0.0125, P95: 742 * time.Millisecond, CPU: 0.75, Memory: 268435456,
				Alerts: []string{"ErrorBudget", "HighLatency"},
			},
		},
		{
			name:    "empty results",
			answers: map[string]string{},
			want:    deploybot.MetricsSample{},
		},
		{
			name: "no traffic",
			answers: map[string]string{
				`code=~"5.."`:                   vector(`{}`, "NaN"),
				"http_request_duration_seconds": vector(`{}`, "NaN"),
			},
			want: deploybot.MetricsSample{},
		},
		{
			name: "error response",
			answers: map[string]string{
				"process_resident_memory_bytes": badData,
			},
			wantErr: `prometheus: memory query sum(process_resident_memory_bytes{job="api",env="production"}): bad_data: parse error at char 5`,
		},
		{
			name: "unexpected type",
			answers: map[string]string{
				"process_cpu_seconds_total": `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1700000000,"1"]]}]}}`,
			},
			wantErr: "prometheus: CPU query: got a matrix, want a scalar or an instant vector",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeProm{t: t, answers: tt.answers, times: map[string]bool{}}
			srv := httptest.NewServer(f)
			defer srv.Close()
			m, err := prometheus.New(srv.URL, prometheus.DefaultQueries())
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.Sample(t.Context(), "api", "production")
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.At.IsZero() {
				t.Error("At is zero")
			}
			got.At = time.Time{}
			if got.ErrorRate != tt.want.ErrorRate || got.P95 != tt.want.P95 || got.CPU != tt.want.CPU ||
				got.Memory != tt.want.Memory || !slices.Equal(got.Alerts, tt.want.Alerts) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if len(f.queries) != 5 {
				t.Errorf("%d queries, want 5", len(f.queries))
			}
			if len(f.times) != 1 {
				t.Errorf("queries at %d instants, want one: %v", len(f.times), f.times)
			}
			for _, q := range f.queries {
				if !strings.Contains(q, `job="api",env="production"`) {
					t.Errorf("query %s lacks the project's selector", q)
				}
			}
		})
	}
}

func TestSampleQueries(t *testing.T) {
	f := &fakeProm{t: t, answers: map[string]string{"up": vector(`{}`, "1")}, times: map[string]bool{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	m, err := prometheus.New(srv.URL, prometheus.Queries{CPU: `up{job="{{.Project}}",env="{{.Env}}"}`})
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Sample(t.Context(), `we"ird\`, "staging")
	if err != nil {
		t.Fatal(err)
	}
	if got.CPU != 1 {
		t.Errorf("CPU = %v, want 1", got.CPU)
	}
	want := []string{`up{job="we\"ird\\",env="staging"}`}
	if !slices.Equal(f.queries, want) {
		t.Errorf("queries %q, want only %q", f.queries, want)
	}
}

func TestNewInvalid(t *testing.T) {
	tests := []struct {
		name string
		url  string
		q    prometheus.Queries
		want string
	}{
		{"bad template", "http://prom:9090", prometheus.Queries{P95: "{{.Project"}, "prometheus: p95 query template: "},
		{"bad url", "://prom", prometheus.DefaultQueries(), "prometheus: client for ://prom: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := prometheus.New(tt.url, tt.q)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v, want %q...", err, tt.want)
			}
		})
	}
}

func TestSampleUnknownField(t *testing.T) {
	m, err := prometheus.New("http://127.0.0.1:1", prometheus.Queries{Memory: "x{a=\"{{.Nope}}\"}"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Sample(t.Context(), "api", "prod"); err == nil || !strings.Contains(err.Error(), "memory query") {
		t.Errorf("got %v, want an error naming the memory query", err)
	}
}

// TestAPIQuery: the instant query's request (method, path under the
// address's prefix, parameters) and how each kind of answer is read.
func TestAPIQuery(t *testing.T) {
	at := time.Unix(1700000000, 250_000_000)
	tests := []struct {
		name     string
		postOK   bool // false: POST is answered 405, as by a GET-only proxy
		status   int
		body     string
		want     string // the value's String()
		wantType string
		wantErr  string
	}{
		{name: "vector", postOK: true, status: 200, body: vector(`{"job":"api"}`, "0.5"),
			want: `{job="api"} => 0.5 @[1700000000.123]`, wantType: "vector"},
		{name: "scalar", postOK: true, status: 200, body: `{"status":"success","data":{"resultType":"scalar","result":[1700000000,"2"]}}`,
			want: "scalar: 2 @[1700000000]", wantType: "scalar"},
		{name: "matrix", postOK: true, status: 200,
			body: `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1700000000,"1"]]}]}}`,
			want: "{} =>\n1 @[1700000000]", wantType: "matrix"},
		{name: "GET after a 405", postOK: false, status: 200, body: vector(`{}`, "3"), want: `{} => 3 @[1700000000.123]`, wantType: "vector"},
		{name: "error answer", postOK: true, status: 422, body: `{"status":"error","errorType":"execution","error":"too many samples"}`,
			wantErr: "execution: too many samples"},
		{name: "not JSON", postOK: true, status: 502, body: `<html>bad gateway</html>`, wantErr: "server answered 502 Bad Gateway"},
		{name: "unknown result type", postOK: true, status: 200, body: `{"status":"success","data":{"resultType":"table","result":[]}}`,
			wantErr: `unknown result type "table"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var methods []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				methods = append(methods, r.Method)
				if r.Method == http.MethodPost && !tt.postOK {
					w.WriteHeader(http.StatusMethodNotAllowed)
					return
				}
				if err := r.ParseForm(); err != nil {
					t.Error(err)
				}
				if r.URL.Path != "/prom/api/v1/query" || r.Form.Get("query") != "up" || r.Form.Get("time") != "1700000000.25" || r.Form.Get("timeout") != "1.5" {
					t.Errorf("request %s %s %v", r.Method, r.URL.Path, r.Form)
				}
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			api, err := prometheus.NewAPI(srv.URL+"/prom/", srv.Client())
			if err != nil {
				t.Fatal(err)
			}
			v, err := api.Query(t.Context(), "up", at, 1500*time.Millisecond)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got %v, %v; want the error %q", v, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if v.String() != tt.want || v.Type().String() != tt.wantType {
				t.Errorf("got %s %q, want %s %q", v.Type(), v.String(), tt.wantType, tt.want)
			}
			if want := map[bool]string{true: "[POST]", false: "[POST GET]"}[tt.postOK]; fmt.Sprint(methods) != want {
				t.Errorf("methods %v, want %s", methods, want)
			}
		})
	}
	if _, err := prometheus.NewAPI("ftp://prom", nil); err == nil {
		t.Error("an ftp address was taken")
	}
}
