package web

import (
	"testing"
	"time"
)

// TestPagesParse parses every page's template, which New leaves to the
// first page served.
func TestPagesParse(t *testing.T) {
	pages, err := parseTemplates(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pageNames {
		if pages[name] == nil || pages[name].Lookup("layout") == nil {
			t.Errorf("page %s: no template with its layout", name)
		}
	}
}
