package deploybot

import (
	"encoding/json"
	"math"
	"testing"
)

// TestRequestJSON checks that MarshalJSON writes the bytes json.Marshal
// writes for routeJSON, for strings that need escapes or not, arguments
// and confidences of every size.
func TestRequestJSON(t *testing.T) {
	strs := []string{"", "shop", "v1.4.2", "déploie l'api", `a "quoted" word`, `back\slash`, "<b>&amp;</b>", "tab\there",
		"nl\n", "\x00\x1f", "del\x7f", "bad \xff byte", "line\u2028sep\u2029", "日本語", "🚀 ok", "é<", "x\u00a0y"}
	confs := []float64{0, 1, 0.5, 0.123, 0.999, 1e-7, 5e-324, 1e21, 123456789, -0.25, math.SmallestNonzeroFloat64}
	var reqs []Request
	for i, s := range strs {
		reqs = append(reqs, Request{
			Intent: Intent{Route: RouteProduction, Intent: IntentDeploy, App: s, Env: strs[(i+1)%len(strs)],
				Version: strs[(i+2)%len(strs)], Lang: French, Confidence: confs[i%len(confs)]},
			Kind: KindAction, Command: Command(strs[(i+3)%len(strs)]), From: strs[(i+4)%len(strs)],
			Args: map[string]string{s: strs[(i+5)%len(strs)], "b": s, "a": "x"},
		})
	}
	for _, c := range confs {
		reqs = append(reqs, Request{Intent: Intent{Route: RouteDevops, Intent: IntentQuestion, Confidence: c}, Kind: KindQuestion})
	}
	reqs = append(reqs, Request{})
	for _, r := range reqs {
		want, wantErr := json.Marshal(routeJSON{Route: r.Route, Intent: r.Intent.Intent, Kind: r.Kind, Command: r.Command, App: r.App,
			Env: r.Env, Version: r.Version, From: r.From, Args: r.Args, Lang: r.Lang, Confidence: r.Confidence})
		got, err := r.MarshalJSON()
		if string(got) != string(want) || (err == nil) != (wantErr == nil) {
			t.Errorf("MarshalJSON:\n%s (%v)\njson.Marshal:\n%s (%v)", got, err, want, wantErr)
		}
		prefix := []byte("x")
		if got, _ := r.AppendJSON(prefix); string(got) != "x"+string(want) {
			t.Errorf("AppendJSON after %q: %s", prefix, got)
		}
	}
	for _, c := range []float64{math.NaN(), math.Inf(1)} {
		if _, err := (Request{Intent: Intent{Confidence: c}}).MarshalJSON(); err == nil {
			t.Errorf("confidence %v: no error", c)
		}
	}
}
