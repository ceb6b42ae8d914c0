package router

import (
	"slices"
	"strings"
	"testing"
)

// TestAppendFields checks appendFields against strings.Fields, after
// words already in dst, for ASCII lines and others.
func TestAppendFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", " a ", "deploy api to prod", "  deploy\tapi\n\nto\v\fprod\r ", "x\x00y",
		"déploie l api", "a\u00a0b c", "a\u2003b", "🚀 go", "go 🚀", "a\x85b", "\xff a", "a \xffb",
	} {
		for _, pre := range [][]string{nil, {"x"}, make([]string, 3, 3), make([]string, 1, 16)} {
			got := appendFields(slices.Clone(pre), s)
			want := append(slices.Clone(pre), strings.Fields(s)...)
			if !slices.Equal(got, want) {
				t.Errorf("appendFields(%q, %q) = %q, want %q", pre, s, got, want)
			}
		}
	}
}

// FuzzAppendFields checks appendFields against strings.Fields.
func FuzzAppendFields(f *testing.F) {
	f.Add("deploy api to prod")
	f.Add("déploie\u00a0l api")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendFields([]string{"x"}, s), append([]string{"x"}, strings.Fields(s)...); !slices.Equal(got, want) {
			t.Errorf("appendFields(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkAppendFields(b *testing.B) {
	lines := []string{"deploy api v2.4.0 to production please", "est-ce que le site est verrouille en prod", "ok merci 🚀"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		appendFields(make([]string, 0, 16), lines[i%len(lines)])
		i++
	}
}
