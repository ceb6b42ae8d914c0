package agents

import (
	"math"
	"sort"
	"testing"

	"deploybot"
	"deploybot/prompts"
)

// searchEveryCard is BM25 as search computed it before the postings: each
// word looked up in every card, all matching cards sorted (stably).
func searchEveryCard(ix *index, text string, route deploybot.Route, limit int) []hit {
	q := terms(text)
	seen := map[string]bool{}
	var hits []hit
	n := float64(len(ix.cards))
	scores := make([]float64, len(ix.cards))
	matched := make([]int, len(ix.cards))
	for _, t := range q {
		if seen[t] {
			continue
		}
		seen[t] = true
		df := 0.0
		for _, doc := range ix.docs {
			if doc[t] != 0 {
				df++
			}
		}
		if df == 0 {
			continue
		}
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for i, doc := range ix.docs {
			f := doc[t]
			if f == 0 {
				continue
			}
			matched[i]++
			norm := bm25K1 * (1 - bm25B + bm25B*ix.length[i]/ix.avgLen)
			scores[i] += idf * f * (bm25K1 + 1) / (f + norm)
		}
	}
	for i, s := range scores {
		if s <= 0 {
			continue
		}
		if hasRoute(ix.cards[i].Routes, route) {
			s *= 1 + routeBoost
		}
		hits = append(hits, hit{card: ix.cards[i], score: s, matched: matched[i], of: len(seen)})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].score > hits[b].score })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// TestSearchAsEveryCard: the search through postings ranks the cards, with
// the same scores, as a lookup in every card does, for questions made of
// every card's words in both languages, on every route, for several
// limits.
func TestSearchAsEveryCard(t *testing.T) {
	cards, err := prompts.Cards()
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(cards)
	var queries []string
	for _, c := range cards {
		for _, l := range []deploybot.Lang{deploybot.French, deploybot.English} {
			queries = append(queries, c.Topic[l], c.Body[l][:min(len(c.Body[l]), 120)])
			for _, k := range c.Keywords[l] {
				queries = append(queries, k+" "+c.Topic[l])
			}
		}
	}
	queries = append(queries, "", "xyzzy plugh", "rollback rollback rollback", "canary canary ou blue-green ?")
	routes := []deploybot.Route{"", deploybot.RouteStaging, deploybot.RouteRollback}
	compared := 0
	for _, q := range queries {
		for _, r := range routes {
			for _, limit := range []int{1, 10} {
				got, want := ix.search(q, r, limit), searchEveryCard(ix, q, r, limit)
				if len(got) != len(want) {
					t.Fatalf("search(%q, %s, %d): %d hits, want %d", q, r, limit, len(got), len(want))
				}
				for i := range got {
					g, w := got[i], want[i]
					if g.card.ID != w.card.ID || g.score != w.score || g.matched != w.matched || g.of != w.of {
						t.Fatalf("search(%q, %s, %d) hit %d: %s %v %d/%d, want %s %v %d/%d", q, r, limit, i,
							g.card.ID, g.score, g.matched, g.of, w.card.ID, w.score, w.matched, w.of)
					}
				}
				compared += len(got)
			}
		}
	}
	if compared < 1000 {
		t.Errorf("only %d hits compared", compared)
	}
}
