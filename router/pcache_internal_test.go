package router

import (
	"fmt"
	"strings"
	"testing"

	"deploybot"
)

func TestParseCacheBounded(t *testing.T) {
	c := newParseCache()
	const n = 3*parseCacheSize + 7
	key := func(i int) string {
		if i == 0 {
			return "" // an empty message is a text like any other
		}
		return fmt.Sprintf("deploy api %d", i)
	}
	for i := range n {
		c.put(key(i), deploybot.Request{Text: key(i)})
		c.put(key(i), deploybot.Request{Text: key(i)}) // twice: kept once
	}
	if len(c.m) != parseCacheSize {
		t.Fatalf("the cache holds %d entries after %d texts, want %d", len(c.m), n, parseCacheSize)
	}
	for i := range n {
		req, ok := c.get(key(i))
		if want := i >= n-parseCacheSize; ok != want {
			t.Errorf("get(%q) found %v, want %v (only the last %d are kept)", key(i), ok, want, parseCacheSize)
		} else if ok && req.Text != key(i) {
			t.Errorf("get(%q).Text = %q", key(i), req.Text)
		}
	}
	long := strings.Repeat("x", parseCacheMaxText+1)
	c.put(long, deploybot.Request{Text: long})
	if _, ok := c.get(long); ok {
		t.Errorf("a text of %d bytes was kept, the longest kept is %d", len(long), parseCacheMaxText)
	}
}

func TestParseCacheKeepsAndGivesCopies(t *testing.T) {
	c := newParseCache()
	req := deploybot.Request{Args: map[string]string{"id": "12"}, Moment: &deploybot.Moment{Hour: 9}}
	c.put("deny 12", req)
	req.Args["id"], req.Moment.Hour = "13", 10 // the caller changes what it put
	got, _ := c.get("deny 12")
	got.Args["id"], got.Moment.Hour = "14", 11 // and what it got
	again, _ := c.get("deny 12")
	if again.Arg("id") != "12" || again.Moment.Hour != 9 {
		t.Errorf("the cache's request changed with its callers': id %q, hour %d; want 12, 9", again.Arg("id"), again.Moment.Hour)
	}
}
