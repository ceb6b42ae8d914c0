package prometheus

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The values of an instant query's answer, as the HTTP API encodes them
// (https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats).
// They replaced github.com/prometheus/common/model, whose package brought
// the Prometheus protobuf types (client_model) and with them
// google.golang.org/protobuf's 29 packages into every deploybot process,
// for four JSON shapes (issue 19). Their String methods print what
// model's did.

// ValueType is the type of a query's result.
type ValueType string

// The result types of the API.
const (
	ValScalar ValueType = "scalar"
	ValVector ValueType = "vector"
	ValMatrix ValueType = "matrix"
	ValString ValueType = "string"
)

func (t ValueType) String() string { return string(t) }

// Value is a query's result: a *Scalar, a Vector, a Matrix or a *String.
type Value interface {
	Type() ValueType
	String() string
}

// AlertNameLabel is the label that names an alert in ALERTS.
const AlertNameLabel = "alertname"

// metricNameLabel is the label that holds a series' metric name.
const metricNameLabel = "__name__"

// Metric is a series' labels.
type Metric map[string]string

// String prints name{label="value", ...}, the labels sorted, as
// Prometheus' own clients do.
func (m Metric) String() string {
	name := m[metricNameLabel]
	labels := make([]string, 0, len(m))
	for k, v := range m {
		if k != metricNameLabel {
			labels = append(labels, k+"="+strconv.Quote(v))
		}
	}
	if len(labels) == 0 {
		if name != "" {
			return name
		}
		return "{}"
	}
	slices.Sort(labels)
	return name + "{" + strings.Join(labels, ", ") + "}"
}

// Point is one value at one time, [time, "value"] in JSON: the time in
// seconds (with milliseconds), the value a string so that NaN and ±Inf
// can be written.
type Point struct {
	Time  float64
	Value float64
}

func (p *Point) UnmarshalJSON(b []byte) error {
	var pair [2]json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil {
		return fmt.Errorf("a sample is not [time, value]: %w", err)
	}
	if err := json.Unmarshal(pair[0], &p.Time); err != nil {
		return fmt.Errorf("a sample's time: %w", err)
	}
	var s string
	if err := json.Unmarshal(pair[1], &s); err != nil {
		return fmt.Errorf("a sample's value is not a string: %w", err)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("a sample's value: %w", err)
	}
	p.Value = v
	return nil
}

func (p Point) String() string {
	return strconv.FormatFloat(p.Value, 'f', -1, 64) + " @[" + strconv.FormatFloat(p.Time, 'f', -1, 64) + "]"
}

// Scalar is a scalar result.
type Scalar struct{ Point }

func (*Scalar) Type() ValueType  { return ValScalar }
func (s *Scalar) String() string { return "scalar: " + s.Point.String() }

// String is a string result: [time, "text"].
type String struct {
	Time  float64
	Value string
}

func (*String) Type() ValueType { return ValString }
func (s *String) String() string {
	return s.Value + " @[" + strconv.FormatFloat(s.Time, 'f', -1, 64) + "]"
}

func (s *String) UnmarshalJSON(b []byte) error {
	var pair [2]json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil {
		return fmt.Errorf("a string is not [time, text]: %w", err)
	}
	if err := json.Unmarshal(pair[0], &s.Time); err != nil {
		return fmt.Errorf("a string's time: %w", err)
	}
	return json.Unmarshal(pair[1], &s.Value)
}

// Sample is one series' value in an instant vector. A native histogram's
// sample has no float value: it reads as 0.
type Sample struct {
	Metric Metric `json:"metric"`
	Value  Point  `json:"value"`
}

func (s Sample) String() string { return s.Metric.String() + " => " + s.Value.String() }

// Vector is an instant vector.
type Vector []Sample

func (Vector) Type() ValueType { return ValVector }
func (v Vector) String() string {
	lines := make([]string, len(v))
	for i, s := range v {
		lines[i] = s.String()
	}
	return strings.Join(lines, "\n")
}

// Series is one series' values in a range vector.
type Series struct {
	Metric Metric  `json:"metric"`
	Values []Point `json:"values"`
}

func (s Series) String() string {
	lines := make([]string, len(s.Values))
	for i, p := range s.Values {
		lines[i] = p.String()
	}
	return s.Metric.String() + " =>\n" + strings.Join(lines, "\n")
}

// Matrix is a range vector.
type Matrix []Series

func (Matrix) Type() ValueType { return ValMatrix }
func (m Matrix) String() string {
	lines := make([]string, len(m))
	for i, s := range m {
		lines[i] = s.String()
	}
	return strings.Join(lines, "\n")
}
