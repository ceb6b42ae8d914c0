package agents

import (
	"math"
	"slices"
	"strings"
	"sync"

	"deploybot"
	"deploybot/prompts"
	"deploybot/router"
)

// index ranks knowledge cards for a message with BM25 over the cards'
// topics, keywords and bodies in both languages. Words are folded like the
// router folds them and cut to a stem of stemLen letters, which matches
// inflections and the many words French and English share ("déploiement",
// "deploy"; "stratégie", "strategy").
type index struct {
	cards  []prompts.Card
	docs   []map[string]float64 // per card: stem -> weighted term frequency
	length []float64            // per card: weighted length
	avgLen float64
	// postings are, per stem, the cards containing it in card order,
	// with the stem's frequency there: a search reads only the cards
	// that hold its words (issue 19: a lookup in every card's map for
	// every word of every question was most of the search).
	postings map[string][]posting
	norm     []float64 // per card: BM25's length normalisation
}

// posting is a card holding a stem, and the stem's weighted frequency
// there.
type posting struct {
	card int
	f    float64
}

const stemLen = 5

// BM25 parameters (the usual values), and field weights.
const (
	bm25K1        = 1.2
	bm25B         = 0.75
	weightKeyword = 3.0
	weightTopic   = 2.0
	weightBody    = 1.0
	routeBoost    = 0.35 // extra score share for a card of the message's route
)

// stopStems are words too common to say anything about a topic.
var stopStems = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a au aux avec c ca ce ces cet cette chez comment dans de des du
		en est et il ils je la le les leur ma mais me mes moi mon ne nos notre nous on ou par pas
		pour qu que quel quelle quels qui sa se ses si son sur ta te tes toi ton tu un une vos votre
		vous y est-ce faut peut peux fait faire quoi bien tout tous toute stp svp merci
		the to of and or in on at for with is are be do does did can could should would we i you
		it its my our your this that these those what how when which who why if an as by from
		please pls thanks hey hi hello bonjour salut slt any some there here have has need
		sont ont suis etes etait quelles was were been`) {
		stopStems[stem(w)] = true
	}
}

// stem folds a word to its first stemLen letters.
func stem(w string) string {
	if len(w) > stemLen {
		w = w[:stemLen]
	}
	return w
}

// terms returns the stems of text that carry meaning.
func terms(text string) []string {
	words := router.Words(text)
	out := words[:0]
	for _, w := range words {
		// An environment's short name is read as its full name, on the
		// cards and in the question alike: "quelle est la stratégie de
		// l'api en prod ?" matched the help card, whose examples say "en
		// prod", before the strategies card, which says "production".
		s := stem(router.CanonicalEnv(w))
		if len(s) < 2 || stopStems[s] {
			continue
		}
		out = append(out, s)
	}
	return out
}

func newIndex(cards []prompts.Card) *index {
	ix := &index{cards: cards}
	total := 0.0
	for _, c := range cards {
		doc := map[string]float64{}
		add := func(text string, w float64) {
			for _, t := range terms(text) {
				doc[t] += w
			}
		}
		for _, lang := range []deploybot.Lang{deploybot.French, deploybot.English} {
			add(c.Topic[lang], weightTopic)
			add(strings.Join(c.Keywords[lang], " "), weightKeyword)
			add(c.Body[lang], weightBody)
		}
		n := 0.0
		for _, f := range doc {
			n += f
		}
		ix.docs = append(ix.docs, doc)
		ix.length = append(ix.length, n)
		total += n
	}
	if len(cards) > 0 {
		ix.avgLen = total / float64(len(cards))
	}
	ix.postings = map[string][]posting{}
	for i, doc := range ix.docs {
		for t, f := range doc {
			ix.postings[t] = append(ix.postings[t], posting{i, f})
		}
		ix.norm = append(ix.norm, bm25K1*(1-bm25B+bm25B*ix.length[i]/ix.avgLen))
	}
	return ix
}

// hit is a card and its score for a message.
type hit struct {
	card    prompts.Card
	score   float64
	matched int // distinct words of the message found in the card
	of      int // distinct meaningful words of the message
}

// weak reports whether the card matches too little of the message to
// answer it: a single word out of several ("la recette de la tarte
// tatin" shares only "recette" with the staging cards).
func (h hit) weak() bool {
	return h.score < minScore || h.matched < 2 && 2*h.matched < h.of
}

// search returns the cards that match text, best first, boosting those of
// route. Cards that share no meaningful word with text are left out.
func (ix *index) search(text string, route deploybot.Route, limit int) []hit {
	q := terms(text)
	n := float64(len(ix.cards))
	sc := searchScratch.Get().(*scratch)
	defer searchScratch.Put(sc)
	scores, matched := sc.take(len(ix.cards))
	distinct := 0
	for i, t := range q {
		if slices.Contains(q[:i], t) {
			continue
		}
		distinct++
		ps := ix.postings[t]
		if len(ps) == 0 {
			continue
		}
		df := float64(len(ps))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for _, p := range ps {
			matched[p.card]++
			scores[p.card] += idf * p.f * (bm25K1 + 1) / (p.f + ix.norm[p.card])
		}
	}
	// The best limit cards, best first, in card order among equal
	// scores (a stable sort's order), kept by insertion.
	type scored struct {
		card  int
		score float64
	}
	top := make([]scored, 0, limit+1)
	for i, s := range scores {
		if s <= 0 {
			continue
		}
		if hasRoute(ix.cards[i].Routes, route) {
			s *= 1 + routeBoost
		}
		at := len(top)
		for at > 0 && top[at-1].score < s {
			at--
		}
		if at >= limit {
			continue
		}
		top = slices.Insert(top, at, scored{i, s})
		if len(top) > limit {
			top = top[:limit]
		}
	}
	hits := make([]hit, len(top))
	for k, c := range top {
		hits[k] = hit{card: ix.cards[c.card], score: c.score, matched: matched[c.card], of: distinct}
	}
	return hits
}

// scratch is a search's per-card tallies, reused: made for each search,
// they were a tenth of the bytes the question path allocated per message
// (issue 19), and those bytes set how often the collector runs.
type scratch struct {
	scores  []float64
	matched []int
}

var searchScratch = sync.Pool{New: func() any { return new(scratch) }}

// take returns n zeroed scores and counts.
func (s *scratch) take(n int) ([]float64, []int) {
	if cap(s.scores) < n {
		s.scores, s.matched = make([]float64, n), make([]int, n)
	}
	s.scores, s.matched = s.scores[:n], s.matched[:n]
	clear(s.scores)
	clear(s.matched)
	return s.scores, s.matched
}

func hasRoute(routes []deploybot.Route, r deploybot.Route) bool {
	for _, x := range routes {
		if x == r {
			return true
		}
	}
	return false
}
