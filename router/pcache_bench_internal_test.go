package router

import (
	"fmt"
	"testing"

	"deploybot"
)

// BenchmarkParseCachePut puts new texts in a full cache and looks for
// them first, as route --jsonl does for lines it has not seen lately.
func BenchmarkParseCachePut(b *testing.B) {
	c := newParseCache()
	texts := make([]string, 4*parseCacheSize)
	for i := range texts {
		texts[i] = fmt.Sprintf("deploy api %d to production", i)
	}
	req := deploybot.Request{Kind: deploybot.KindAction, Intent: deploybot.Intent{App: "api", Env: "production"}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		t := texts[i%len(texts)]
		if _, ok := c.get(t); !ok {
			c.put(t, req)
		}
		i++
	}
}
