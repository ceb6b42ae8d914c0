package deploytest

import (
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	want := Expected(NewDeployment())
	tests := []struct {
		name    string
		change  func(r Received)
		problem string // "" when it matches
	}{
		{"same", func(r Received) {}, ""},
		{"optional key missing", func(r Received) { delete(r, KeyRequester) }, ""},
		{"required key missing", func(r Received) { delete(r, KeyVersion) }, "version was not received"},
		{"wrong value", func(r Received) { r[KeyEnv] = "production" }, `env = "production", want "staging"`},
		{"unknown key", func(r Received) { r["verison"] = "x" }, `unknown key "verison"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Expected(NewDeployment())
			tt.change(got)
			err := compare(got, want)
			if tt.problem == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.problem) {
				t.Fatalf("compare = %v, want an error containing %q", err, tt.problem)
			}
		})
	}
}
