package router

import (
	"os"
	"reflect"
	"testing"
)

// TestPatternFacts reads every rule's expression again and checks that
// patterns.txt holds what that reading gives, for every rule and no other
// expression. With -update it writes patterns.txt instead: go generate
// ./router/ runs it so.
func TestPatternFacts(t *testing.T) {
	all := map[string]*facts{}
	for _, p := range patterns {
		f, ok := analyse(p.expr)
		if !ok {
			t.Fatalf("%s: not a valid expression", p)
		}
		all[p.expr] = &f
	}
	if *update {
		data := encodeFacts(all)
		if err := os.WriteFile("patterns.txt", []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote patterns.txt: %d expressions, %d bytes", len(all), len(data))
		return
	}
	known, err := decodeFacts(patternsTxt)
	if err != nil {
		t.Fatal(err)
	}
	stale := 0
	for e, f := range all {
		if k, ok := known[e]; !ok || !reflect.DeepEqual(k, f) {
			if stale++; stale <= 5 {
				t.Errorf("patterns.txt: %s: %+v, read from the expression %+v", e, k, f)
			}
		}
	}
	for e := range known {
		if all[e] == nil {
			if stale++; stale <= 5 {
				t.Errorf("patterns.txt: %s: no rule has it", e)
			}
		}
	}
	if stale > 0 {
		t.Fatalf("patterns.txt is out of date for %d expressions: run go generate ./router/", stale)
	}
	// What the file says, written again, is the file.
	if got := encodeFacts(known); got != patternsTxt {
		t.Errorf("patterns.txt does not read back as written: run go generate ./router/")
	}
}
