package telemetry

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// The exposition of /metrics is written here, in Prometheus' text format
// (version 0.0.4, https://prometheus.io/docs/instrumenting/exposition_formats/),
// rather than by github.com/prometheus/client_golang. deploybot exposes two
// instruments of its own and a few values read when scraped; the client
// brought, with prometheus/common, 59 packages into every deploybot
// process (its registry, the protobuf exposition and
// google.golang.org/protobuf, procfs), and the Go collector's
// descriptions of every runtime metric built at start: an idle serve had
// 1.9 MB more resident (issue 19). The names, help texts and types of
// the series are those client_golang wrote.

// A Collector adds its series to a scrape. An error fails the scrape
// (HTTP 500), as an invalid metric failed client_golang's.
type Collector interface {
	Collect(ctx context.Context, s *Scrape) error
}

// CollectorFunc is a Collector of one function.
type CollectorFunc func(ctx context.Context, s *Scrape) error

// Collect calls f.
func (f CollectorFunc) Collect(ctx context.Context, s *Scrape) error { return f(ctx, s) }

// Scrape holds the series of one scrape, by metric family.
type Scrape struct {
	families map[string]*family
}

type family struct {
	name, help, typ string
	series          []series
}

// series is one line: the family's name with a suffix (_bucket, _sum,
// _count, or none), its labels rendered and sorted by name, its value.
type series struct {
	suffix, labels string
	key            string // labels without le and quantile: the order of series
	value          float64
}

// Gauge adds a gauge's value; labels are name, value pairs.
func (s *Scrape) Gauge(name, help string, v float64, labels ...string) {
	s.add(name, help, "gauge", "", v, labels)
}

// Counter adds a counter's value; labels are name, value pairs.
func (s *Scrape) Counter(name, help string, v float64, labels ...string) {
	s.add(name, help, "counter", "", v, labels)
}

// histogram adds a histogram's series: its cumulative buckets' counts
// (upper bounds bounds, then +Inf), sum and count.
func (s *Scrape) histogram(name, help string, bounds []float64, cumulative []uint64, sum float64, count uint64, labels ...string) {
	for i, b := range bounds {
		s.add(name, help, "histogram", "_bucket", float64(cumulative[i]), append(labels, "le", formatFloat(b)))
	}
	s.add(name, help, "histogram", "_bucket", float64(count), append(labels, "le", "+Inf"))
	s.add(name, help, "histogram", "_sum", sum, labels)
	s.add(name, help, "histogram", "_count", float64(count), labels)
}

// summary adds a summary's quantiles, sum and count.
func (s *Scrape) summary(name, help string, quantiles map[float64]float64, sum float64, count uint64) {
	qs := make([]float64, 0, len(quantiles))
	for q := range quantiles {
		qs = append(qs, q)
	}
	slices.Sort(qs)
	for _, q := range qs {
		s.add(name, help, "summary", "", quantiles[q], []string{"quantile", formatFloat(q)})
	}
	s.add(name, help, "summary", "_sum", sum, nil)
	s.add(name, help, "summary", "_count", float64(count), nil)
}

func (s *Scrape) add(name, help, typ, suffix string, v float64, labels []string) {
	if s.families == nil {
		s.families = map[string]*family{}
	}
	f := s.families[name]
	if f == nil {
		f = &family{name: name, help: help, typ: typ}
		s.families[name] = f
	} else if f.typ != typ {
		// Reported when written: two collectors disagree on a family.
		f.typ = "conflict " + f.typ + " " + typ
	}
	rendered, key := renderLabels(labels)
	f.series = append(f.series, series{suffix: suffix, labels: rendered, key: key, value: v})
}

// renderLabels writes {a="x",b="y"}, sorted by name and escaped as the
// text format says, and the same without le and quantile, which orders
// the series of a family (a histogram's buckets keep their order).
func renderLabels(pairs []string) (rendered, key string) {
	if len(pairs) == 0 {
		return "", ""
	}
	type label struct{ name, value string }
	ls := make([]label, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		ls = append(ls, label{pairs[i], pairs[i+1]})
	}
	slices.SortFunc(ls, func(a, b label) int { return cmp.Compare(a.name, b.name) })
	var all, keyed strings.Builder
	for _, l := range ls {
		w := &keyed
		if l.name == "le" || l.name == "quantile" {
			w = nil
		}
		for _, b := range []*strings.Builder{&all, w} {
			if b == nil {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(l.name)
			b.WriteString(`="`)
			b.WriteString(labelEscaper.Replace(l.value))
			b.WriteByte('"')
		}
	}
	return "{" + all.String() + "}", keyed.String()
}

var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
var helpEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`)

// formatFloat writes a value as client_golang did: the shortest
// representation, +Inf, -Inf and NaN by name.
func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case math.IsNaN(f):
		return "NaN"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// write writes the families sorted by name, each family's series sorted by
// their labels; a family two collectors typed differently, or a series
// collected twice, is an error.
func (s *Scrape) write(b *bytes.Buffer) error {
	names := make([]string, 0, len(s.families))
	for n := range s.families {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		f := s.families[n]
		if strings.HasPrefix(f.typ, "conflict") {
			return fmt.Errorf("metric %s collected with two types (%s)", n, strings.TrimPrefix(f.typ, "conflict "))
		}
		slices.SortStableFunc(f.series, func(a, b series) int { return cmp.Compare(a.key, b.key) })
		fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n", n, helpEscaper.Replace(f.help), n, f.typ)
		for i, x := range f.series {
			if i > 0 && x.labels == f.series[i-1].labels && x.suffix == f.series[i-1].suffix {
				return fmt.Errorf("metric %s%s%s collected twice", n, x.suffix, x.labels)
			}
			b.WriteString(n)
			b.WriteString(x.suffix)
			b.WriteString(x.labels)
			b.WriteByte(' ')
			b.WriteString(formatFloat(x.value))
			b.WriteByte('\n')
		}
	}
	return nil
}

// serve collects every collector and writes the scrape, or answers 500
// with the first error.
func serve(w http.ResponseWriter, r *http.Request, cs []Collector) {
	var s Scrape
	var b bytes.Buffer
	err := func() error {
		for _, c := range cs {
			if err := c.Collect(r.Context(), &s); err != nil {
				return err
			}
		}
		return s.write(&b)
	}()
	if err != nil {
		http.Error(w, "An error has occurred while serving metrics:\n\n"+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}
