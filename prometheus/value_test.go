package prometheus

import (
	"encoding/json"
	"math"
	"testing"
)

// TestValuesDecode reads each result type as the HTTP API writes it and
// prints it as Prometheus' own Go client did.
func TestValuesDecode(t *testing.T) {
	tests := []struct {
		name, json string
		v          Value
		want       string
	}{
		{"scalar", `[1700000000.5,"2.25"]`, new(Scalar), "scalar: 2.25 @[1700000000.5]"},
		{"string", `[1700000000,"hello"]`, new(String), "hello @[1700000000]"},
		{"vector with a name and labels", `[{"metric":{"__name__":"up","job":"api","env":"prod"},"value":[1700000000.123,"1"]},{"metric":{},"value":[1700000000,"+Inf"]}]`,
			new(Vector), "up{env=\"prod\", job=\"api\"} => 1 @[1700000000.123]\n{} => +Inf @[1700000000]"},
		{"vector of a name alone", `[{"metric":{"__name__":"up"},"value":[1,"-Inf"]}]`, new(Vector), "up => -Inf @[1]"},
		{"matrix", `[{"metric":{"a":"b"},"values":[[1,"1"],[2,"NaN"]]}]`, new(Matrix), "{a=\"b\"} =>\n1 @[1]\nNaN @[2]"},
		{"native histogram sample", `[{"metric":{},"histogram":[1,{"count":"2"}]}]`, new(Vector), "{} => 0 @[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := json.Unmarshal([]byte(tt.json), tt.v); err != nil {
				t.Fatal(err)
			}
			if got := tt.v.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	var v Vector
	if err := json.Unmarshal([]byte(`[{"metric":{},"value":[1,"NaN"]}]`), &v); err != nil || !math.IsNaN(v[0].Value.Value) {
		t.Errorf("NaN read as %v, %v", v, err)
	}
	for _, bad := range []string{`[{"metric":{},"value":[1,2]}]`, `[{"metric":{},"value":[1,"x"]}]`, `[{"metric":{},"value":["t","1"]}]`, `[{"metric":{},"value":{}}]`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("%s was read", bad)
		}
	}
}
