package router

import (
	"maps"
	"math/bits"
	"slices"
)

// wordList is a fixed set of words the rules consult (stop words, verbs,
// fillers...): about 150 of them, looked up hundreds of times a message.
//
// A profile of Parse put a fifth of its CPU in map look-ups, most of them
// of words a list does not hold (a message's words against each list in
// turn). A miss in a Go map still hashes the whole word and probes a
// group; here a one-word Bloom filter, indexed by a multiplicative hash of
// the word's length and three of its bytes, refuses most misses in a few
// instructions. The filter has 8 bits or more a word (one hash), so about
// one miss in nine goes further. The filter never refuses a word of the
// list.
//
// What the filter lets through was looked up in a Go map: a later profile
// of Parse (issue 19) still put 5 % of its CPU in those look-ups, the
// whole word hashed again and a group probed, for the list's own words
// most of them. The words are now in a table of their own indexed by the
// same hash (open addressing, at most half full), where a look-up is one
// or two comparisons of strings, their lengths first.
//
// A list of 32 words or fewer, most of them, has its filter in the list
// itself (small), on the cache line of the filter's slice and shift: a
// profile of route --jsonl put the most of has's time on the load of the
// filter's word, its own allocation apart from the list's (issue 19).
//
// Before the filter, the lengths of the list's words, as bits: a word of
// a length none of them has is refused without its hash. Most lists hold
// a few short words, and a message's words are of other lengths about
// half the time: cachegrind of Parse over the bench's lines put 7.1 % of
// its instructions in has, 6.2 % with the lengths (issue 19).
type wordList struct {
	lens   uint64    // bit n for a word of n bytes (63 for 63 and more)
	bloom  []uint64  // the filter: small's words for a small list
	shift  uint      // 64 - log2 of the filter's bits
	small  [4]uint64 // the filter of a list of up to 32 words
	table  []uint16  // 1 + the index in words of the word at each slot, 0 for none
	tshift uint      // 64 - log2(len(table))
	words  []string  // the list's words, sorted
}

// setOf returns the list of words. They are sorted and made distinct in a
// copy, without a map: the ~200 lists are built by the package's init in
// every process, and their maps were half of its 677 KB allocated and of
// its 4 ms (GODEBUG=inittrace=1, issue 19).
func setOf(words ...string) *wordList {
	sorted := slices.Clone(words)
	slices.Sort(sorted)
	return wordListOf(slices.Compact(sorted))
}

// newWordList returns the list of the words of m.
func newWordList(m map[string]bool) *wordList {
	return wordListOf(slices.Sorted(maps.Keys(m)))
}

// wordListOf returns the list of words, sorted and distinct, which it
// keeps: words must not change afterwards.
func wordListOf(words []string) *wordList {
	if len(words) >= 1<<16-1 {
		panic("router: a word list of more than 65,534 words")
	}
	// The filter's bits: a power of two, 8 a word or more, 64 at least;
	// the table's slots: a power of two, 2 a word or more.
	logBits := max(6, bits.Len(uint(max(8*len(words), 1)-1)))
	logSlots := max(1, bits.Len(uint(max(2*len(words), 1)-1)))
	l := &wordList{
		shift: uint(64 - logBits),
		table: make([]uint16, 1<<logSlots), tshift: uint(64 - logSlots),
		words: words,
	}
	if n := 1 << (logBits - 6); n <= len(l.small) {
		l.bloom = l.small[:n]
	} else {
		l.bloom = make([]uint64, n)
	}
	for i, w := range words {
		l.lens |= 1 << min(len(w), 63)
		h := wordHash(w)
		k := h >> l.shift
		l.bloom[k>>6] |= 1 << (k & 63)
		s := h >> l.tshift
		for l.table[s] != 0 {
			s = (s + 1) & uint64(len(l.table)-1)
		}
		l.table[s] = uint16(i + 1)
	}
	return l
}

// wordHash is the multiplicative hash of w's length and three of its
// bytes: the filter's bit and the table's slot are its top bits.
func wordHash(w string) uint64 {
	h := uint64(len(w))
	if n := len(w); n > 0 {
		h |= uint64(w[0])<<8 | uint64(w[n/2])<<16 | uint64(w[n-1])<<24
	}
	return h * 0x9E3779B97F4A7C15
}

// has reports whether w is one of the list's words.
func (l *wordList) has(w string) bool {
	if l.lens&(1<<min(len(w), 63)) == 0 {
		return false
	}
	h := wordHash(w)
	k := h >> l.shift
	if l.bloom[k>>6]&(1<<(k&63)) == 0 {
		return false
	}
	return l.find(w, h)
}

// find looks w, of hash h, up in the table.
func (l *wordList) find(w string, h uint64) bool {
	mask := uint64(len(l.table) - 1)
	for s := h >> l.tshift; ; s = (s + 1) & mask {
		i := l.table[s]
		if i == 0 {
			return false
		}
		if l.words[i-1] == w {
			return true
		}
	}
}

// known reports whether w is one of the list's words: a word list is a
// vocabulary (see extract).
func (l *wordList) known(w string) bool { return l.has(w) }
