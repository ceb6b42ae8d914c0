package router_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"deploybot/router"
)

// conversations are messages each parsed with the ones before it, as the
// chat passes them: follow-ups whose earlier messages the parser reads
// again, found in the Router's cache of parses.
var conversations = [][]string{
	{"deploy api to staging", "1.4.2"},
	{"rollback payments", "prod", "because of the 500s"},
	{"déploie le back", "en préprod", "la 2.0.1"},
	{"deny 12 tests are red", "deny 12 tests are red"},
	{"deploy dash", "which one?", "staging", "v3.1.0 --yes"},
	{"yes", "ok merci", "confirm #8"},
	{"freeze prod from 2026-12-20 to 2027-01-02", "same for payments"},
}

// TestParseCachedIsUncached checks that a Router that has parsed the
// messages before (its cache holds them) reads each message as a new
// Router does, and that changing a request it returned changes nothing.
func TestParseCachedIsUncached(t *testing.T) {
	ctx := context.Background()
	warm, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, conv := range conversations {
		for i, text := range conv {
			t.Run(fmt.Sprintf("%s/%d", conv[0], i), func(t *testing.T) {
				cold, err := router.New(testProjects)
				if err != nil {
					t.Fatal(err)
				}
				want := cold.Parse(ctx, text, conv[:i])
				for range 2 {
					got := warm.Parse(ctx, text, conv[:i])
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("Parse(%q, %q) = %+v, want %+v", text, conv[:i], got, want)
					}
					for k := range got.Args {
						got.Args[k] = "changed"
					}
					if got.Moment != nil {
						got.Moment.Hour = 23
					}
				}
			})
		}
	}
}

// TestParseConcurrent parses the conversations from several goroutines
// at once (run with -race): each gets what one goroutine alone gets.
func TestParseConcurrent(t *testing.T) {
	ctx := context.Background()
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range 4 * len(conversations) {
				conv := conversations[(g+n)%len(conversations)]
				for i, text := range conv {
					got := r.Parse(ctx, text, conv[:i])
					if want := ref.Parse(ctx, text, conv[:i]); !reflect.DeepEqual(got, want) {
						t.Errorf("Parse(%q, %q) = %+v, want %+v", text, conv[:i], got, want)
						return
					}
					for k := range got.Args {
						got.Args[k] = "changed"
					}
				}
			}
		})
	}
	wg.Wait()
}
