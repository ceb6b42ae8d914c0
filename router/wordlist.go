package router

import "math/bits"

// wordList is a fixed set of words the rules consult (stop words, verbs,
// fillers...): about 150 of them, looked up hundreds of times a message.
//
// A profile of Parse put a fifth of its CPU in map look-ups, most of them
// of words a list does not hold (a message's words against each list in
// turn). A miss in a Go map still hashes the whole word and probes a
// group; here a one-word Bloom filter, indexed by a multiplicative hash of
// the word's length and three of its bytes, refuses most misses in a few
// instructions, and only the words it lets through are looked up in the
// map. The filter has 8 bits or more a word (one hash), so about one miss
// in nine reaches the map. The answer is always the map's: the filter
// never refuses a word of the list.
type wordList struct {
	bloom []uint64
	shift uint // 64 - log2 of the filter's bits
	m     map[string]bool
}

// setOf returns the list of words.
func setOf(words ...string) *wordList {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return newWordList(m)
}

// newWordList returns the list of the words of m, which it keeps: m must
// not change afterwards.
func newWordList(m map[string]bool) *wordList {
	// bits: a power of two, 8 a word or more, 64 at least.
	logBits := max(6, bits.Len(uint(max(8*len(m), 1)-1)))
	l := &wordList{bloom: make([]uint64, 1<<(logBits-6)), shift: uint(64 - logBits), m: m}
	for w := range m {
		k := l.slot(w)
		l.bloom[k>>6] |= 1 << (k & 63)
	}
	return l
}

// slot returns the filter's bit for w.
func (l *wordList) slot(w string) uint64 {
	h := uint64(len(w))
	if n := len(w); n > 0 {
		h |= uint64(w[0])<<8 | uint64(w[n/2])<<16 | uint64(w[n-1])<<24
	}
	return (h * 0x9E3779B97F4A7C15) >> l.shift
}

// has reports whether w is one of the list's words.
func (l *wordList) has(w string) bool {
	k := l.slot(w)
	if l.bloom[k>>6]&(1<<(k&63)) == 0 {
		return false
	}
	return l.m[w]
}
