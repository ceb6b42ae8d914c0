// Package prometheus samples an environment's metrics from a Prometheus
// server and tells when a sample breaches its thresholds. Its Metrics
// implements deploybot.Metrics.
package prometheus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"deploybot"
)

// DefaultTimeout bounds a Sample when Metrics.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Queries are the PromQL queries of a sample, as text/template templates
// given {{.Project}} and {{.Env}}. The values are escaped for use inside a
// PromQL double-quoted string. An empty query is not run: its field of the
// sample stays zero.
type Queries struct {
	ErrorRate string // a ratio of failed requests, 0.01 = 1%
	P95       string // the 95th percentile of response time, in seconds
	CPU       string // CPU used, in cores or a fraction of the quota
	Memory    string // memory used, in bytes
	Alerts    string // the firing alerts, as series with an alertname label
}

// DefaultQueries returns queries for services exposing the conventional
// http_requests_total and http_request_duration_seconds metrics and the
// process_* metrics, labelled with job=<project> and env=<environment>.
func DefaultQueries() Queries {
	const sel = `job="{{.Project}}",env="{{.Env}}"`
	return Queries{
		ErrorRate: `sum(rate(http_requests_total{` + sel + `,code=~"5.."}[5m])) / sum(rate(http_requests_total{` + sel + `}[5m]))`,
		P95:       `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{` + sel + `}[5m])))`,
		CPU:       `sum(rate(process_cpu_seconds_total{` + sel + `}[5m]))`,
		Memory:    `sum(process_resident_memory_bytes{` + sel + `})`,
		Alerts:    `ALERTS{alertstate="firing",` + sel + `}`,
	}
}

// Metrics samples metrics through the Prometheus HTTP API.
type Metrics struct {
	API     *API          // the Prometheus API
	Queries Queries       // what to query
	Timeout time.Duration // bounds a whole Sample; zero means DefaultTimeout
}

var _ deploybot.Metrics = (*Metrics)(nil)

// New returns Metrics querying the Prometheus server at url (such as
// http://prometheus:9090) with q. It fails when url or a query template is
// invalid.
func New(url string, q Queries) (*Metrics, error) {
	for _, qq := range q.list() {
		if _, err := parse(qq.name, qq.text); err != nil {
			return nil, err
		}
	}
	api, err := NewAPI(url, nil)
	if err != nil {
		return nil, err
	}
	return &Metrics{API: api, Queries: q}, nil
}

// namedQuery is one query of Queries with its name for errors.
type namedQuery struct {
	name, text string
}

func (q Queries) list() []namedQuery {
	return []namedQuery{
		{"error rate", q.ErrorRate},
		{"p95", q.P95},
		{"CPU", q.CPU},
		{"memory", q.Memory},
		{"alerts", q.Alerts},
	}
}

// Sample runs the queries concurrently at one instant and returns their
// values. A vector with several series counts as its largest value, an empty
// result or NaN (an error rate with no traffic) as zero, and the alerts are
// the sorted, distinct alertname labels of the alerts query. It fails, naming
// the queries, when any query fails.
func (m *Metrics) Sample(ctx context.Context, project, env string) (deploybot.MetricsSample, error) {
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	s := deploybot.MetricsSample{At: time.Now()}
	data := struct{ Project, Env string }{promString(project), promString(env)}
	queries := m.Queries.list()
	values := make([]Value, len(queries))
	errs := make([]error, len(queries))
	var wg sync.WaitGroup
	for i, q := range queries {
		if q.text == "" {
			continue
		}
		wg.Go(func() {
			values[i], errs[i] = m.query(ctx, q, data, s.At, timeout)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return deploybot.MetricsSample{}, err
	}

	var err error
	number := func(i int) float64 {
		if values[i] == nil || err != nil {
			return 0
		}
		var f float64
		f, err = toFloat(values[i])
		if err != nil {
			err = fmt.Errorf("prometheus: %s query: %w", queries[i].name, err)
		}
		return f
	}
	s.ErrorRate = number(0)
	s.P95 = seconds(number(1))
	s.CPU = number(2)
	s.Memory = number(3)
	if err != nil {
		return deploybot.MetricsSample{}, err
	}
	if values[4] != nil {
		if s.Alerts, err = alertNames(values[4]); err != nil {
			return deploybot.MetricsSample{}, fmt.Errorf("prometheus: alerts query: %w", err)
		}
	}
	return s, nil
}

// query renders q with data and runs it at ts.
func (m *Metrics) query(ctx context.Context, q namedQuery, data any, ts time.Time, timeout time.Duration) (Value, error) {
	tmpl, err := parse(q.name, q.text)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("prometheus: %s query: %w", q.name, err)
	}
	v, err := m.API.Query(ctx, b.String(), ts, timeout)
	if err != nil {
		return nil, fmt.Errorf("prometheus: %s query %s: %w", q.name, b.String(), err)
	}
	return v, nil
}

// parse parses a query template.
func parse(name, text string) (*template.Template, error) {
	t, err := template.New(name).Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, fmt.Errorf("prometheus: %s query template: %w", name, err)
	}
	return t, nil
}

// promString escapes s for use between double quotes in PromQL.
func promString(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// toFloat reads a scalar or an instant vector: its largest value, 0 when
// empty. NaN counts as 0.
func toFloat(v Value) (float64, error) {
	var f float64
	switch v := v.(type) {
	case *Scalar:
		f = v.Value
	case Vector:
		if len(v) == 0 {
			return 0, nil
		}
		f = math.Inf(-1)
		for _, s := range v {
			if x := s.Value.Value; !math.IsNaN(x) && x > f {
				f = x
			}
		}
	default:
		return 0, fmt.Errorf("got a %s, want a scalar or an instant vector", v.Type())
	}
	if math.IsNaN(f) || math.IsInf(f, -1) {
		return 0, nil
	}
	return f, nil
}

// alertNames returns the sorted, distinct alertname labels of an instant
// vector.
func alertNames(v Value) ([]string, error) {
	vec, ok := v.(Vector)
	if !ok {
		return nil, fmt.Errorf("got a %s, want an instant vector", v.Type())
	}
	var names []string
	for _, s := range vec {
		if n := s.Metric[AlertNameLabel]; n != "" {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// seconds converts seconds to a duration, saturating.
func seconds(f float64) time.Duration {
	d := f * float64(time.Second)
	switch {
	case d >= math.MaxInt64:
		return math.MaxInt64
	case d <= 0:
		return 0
	}
	return time.Duration(d)
}

// API is the one call of the Prometheus HTTP API that a sample needs, an
// instant query (/api/v1/query). It replaced client_golang's API client,
// whose JSON decoder (json-iterator, reflect2) and types were linked into
// every deploybot process for this call alone (issue 19).
type API struct {
	base   *url.URL
	client *http.Client
}

// NewAPI returns the API of the Prometheus server at address (such as
// http://prometheus:9090, a path prefix kept), through client
// (http.DefaultClient when nil).
func NewAPI(address string, client *http.Client) (*API, error) {
	u, err := url.Parse(address)
	if err != nil {
		return nil, fmt.Errorf("prometheus: client for %s: %w", address, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("prometheus: client for %s: the address is not an http or https URL", address)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	if client == nil {
		client = http.DefaultClient
	}
	return &API{base: u, client: client}, nil
}

// queryResponse is the API's answer: its data on success, else its error.
type queryResponse struct {
	Status    string `json:"status"`
	ErrorType string `json:"errorType"`
	Error     string `json:"error"`
	Data      struct {
		ResultType string          `json:"resultType"`
		Result     json.RawMessage `json:"result"`
	} `json:"data"`
}

// do sends form to /api/v1/query with method (POST: in the body, GET: in
// the URL) and reads the answer.
func (a *API) do(ctx context.Context, method string, form url.Values) (*http.Response, []byte, error) {
	u := *a.base
	u.Path += "/api/v1/query"
	var body io.Reader
	if method == http.MethodGet {
		u.RawQuery = form.Encode()
	} else {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, nil, fmt.Errorf("read the answer: %w", err)
	}
	return resp, data, nil
}

// maxResponse bounds the body read from the server.
const maxResponse = 16 << 20

// Query evaluates the PromQL query at ts, with the server's own timeout
// set to timeout when positive. Its result is a scalar, a vector, a matrix
// or a string, as the server answered; an answer with an error status is
// an error of the form "errorType: error".
func (a *API) Query(ctx context.Context, query string, ts time.Time, timeout time.Duration) (Value, error) {
	form := url.Values{"query": {query}, "time": {strconv.FormatFloat(float64(ts.Unix())+float64(ts.Nanosecond())/1e9, 'f', -1, 64)}}
	if timeout > 0 {
		form.Set("timeout", strconv.FormatFloat(timeout.Seconds(), 'f', -1, 64)) // seconds
	}
	resp, body, err := a.do(ctx, http.MethodPost, form)
	if err == nil && resp.StatusCode == http.StatusMethodNotAllowed {
		// A proxy that lets only GET through, as client_golang allowed.
		resp, body, err = a.do(ctx, http.MethodGet, form)
	}
	if err != nil {
		return nil, err
	}
	var r queryResponse
	if err := json.Unmarshal(body, &r); err != nil {
		if resp.StatusCode/100 != 2 {
			return nil, fmt.Errorf("server answered %s", resp.Status)
		}
		return nil, fmt.Errorf("decode the answer: %w", err)
	}
	if r.Status != "success" {
		if r.ErrorType == "" && r.Error == "" {
			return nil, fmt.Errorf("server answered %s", resp.Status)
		}
		return nil, fmt.Errorf("%s: %s", r.ErrorType, r.Error)
	}
	var v Value
	switch r.Data.ResultType {
	case "scalar":
		v = new(Scalar)
	case "vector":
		v = new(Vector)
	case "matrix":
		v = new(Matrix)
	case "string":
		v = new(String)
	default:
		return nil, fmt.Errorf("unknown result type %q", r.Data.ResultType)
	}
	if err := json.Unmarshal(r.Data.Result, v); err != nil {
		return nil, fmt.Errorf("decode the %s result: %w", r.Data.ResultType, err)
	}
	switch x := v.(type) {
	case *Vector:
		return *x, nil
	case *Matrix:
		return *x, nil
	}
	return v, nil
}
