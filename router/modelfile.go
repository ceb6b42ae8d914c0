package router

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

//go:generate go test -run ^TestModelFile$ . -args -update

// model.bin holds what the router learns from its corpus: the intent and
// language models and the vocabulary of ordinary words. go generate
// ./router/ writes it from the corpus (TestModelFile checks that it is up
// to date); the process reads it in place, from the binary's read-only
// data: nothing is trained or copied at start.
//
//go:embed model.bin
var modelBin string

// The file, little-endian:
//
//	magic "deploybot router model 2\n"
//	three models, intent, topic then lang, each:
//	  k u8, then k class names (u8 length, bytes)
//	  prior k×f64, unseen k×f64
//	  width u8: bytes of a value index (1 or 2)
//	  per class: n u16, then n×f32 (the distinct log-probabilities; the
//	    first is the class's unseen value)
//	  features u32
//	  buckets×u64: bucket b's bitmap of the hashes b<<6 .. b<<6+63 seen
//	  buckets×u32: the rank of bucket b's first hash among the seen ones
//	  features×k×width: per seen hash and class, an index into the values
//	vocabulary: n u32, then n sorted words each followed by '\n'
//
// A hash is found in constant time (its bucket's bitmap, and a popcount for
// its rank); the whole file is about 1 MB (three models), where one dense table was
// 19 MB.
const modelMagic = "deploybot router model 2\n"

const (
	bucketBits = 6
	buckets    = hashSize >> bucketBits
)

// model is a trained model in its compact form, read in place from the
// embedded file.
type model struct {
	classes []string
	prior   []float64
	values  [][]float32 // per class: the distinct log-probabilities, unseen first
	width   int         // bytes of a value index
	bitmaps string      // buckets×u64
	ranks   string      // buckets×u32
	rows    string      // per seen hash: k value indices
	// spellings are computed at the first message scored, not at start.
	spellings func() *spellings
}

// row returns the value indices of hash h, or false for a hash the corpus
// never showed.
func (m *model) row(h uint32) (string, bool) {
	b := int(h >> bucketBits)
	bitmap := le64(m.bitmaps, b*8)
	bit := uint64(1) << (h & (1<<bucketBits - 1))
	if bitmap&bit == 0 {
		return "", false
	}
	rank := int(le32(m.ranks, b*4)) + bits.OnesCount64(bitmap&(bit-1))
	n := len(m.classes) * m.width
	return m.rows[rank*n : rank*n+n], true
}

// logp returns log P(feature h | class c), as trained.
func (m *model) logp(h uint32, c int) float32 {
	r, ok := m.row(h)
	if !ok {
		return m.values[c][0]
	}
	return m.values[c][m.index(r, c)]
}

func (m *model) index(row string, c int) int {
	if m.width == 1 {
		return int(row[c])
	}
	return int(row[2*c]) | int(row[2*c+1])<<8
}

// scores returns the log-posterior (up to a constant) of each class in out,
// and the total feature weight seen. The words of the vocabulary add
// their spelling features' sums, computed once (see spellings).
//
// The prior is added last: every feature's weighted log-probability is a
// multiple of 2^-25 (a float32 of magnitude 1 or more, times 1 or 0.25),
// so the sums before it are exact in float64 whatever their grouping, and
// a word counts the same from the cache as feature by feature.
func (m *model) scores(words []string, question, negated bool, out []float64) float64 {
	k := len(m.classes)
	s := scorer{m: m, sp: m.spellings(), out: out[:k]}
	clear(s.out)
	// The features of features(), in its order, without its calls of two
	// function values for each feature: a word of the vocabulary or of
	// the cache adds its sums, any other its spelling's features.
	prev := hashString(hashByte(fnvOffset, 'b'), "^")
	for i, w := range words {
		s.add(hashString(hashByte(prev, ' '), w)%hashSize, weightBigram)
		if i == 0 {
			s.add(hashString(hashByte(fnvOffset, 'f'), w)%hashSize, weightFlag)
		}
		prev = hashString(hashByte(fnvOffset, 'b'), w)
		if row := m.spelled(s.sp, w, prev); row != nil {
			for c := range s.out {
				s.out[c] += row[c]
			}
			s.total += row[k]
			continue
		}
		spellingFeatures(w, s.add)
	}
	if len(words) > 0 {
		s.add(hashString(prev, " $")%hashSize, weightBigram)
	}
	if question {
		s.add(questionFeature, weightFlag)
	}
	if negated {
		s.add(negatedFeature, weightFlag)
	}
	for c := range s.out {
		s.out[c] += m.prior[c]
	}
	return s.total
}

// scorer sums the weighted log-probabilities of a message's features.
type scorer struct {
	m     *model
	sp    *spellings
	out   []float64 // per class
	total float64   // the features' weight
}

// add adds feature h of weight w. The same sums as w *
// float64(m.values[c][m.index(r, c)]), read from values already widened
// and with the row's width known: the loop over the classes was a sixth
// of Route's CPU.
func (s *scorer) add(h uint32, w float64) {
	r, ok := s.m.row(h)
	switch {
	case !ok:
		for c, u := range s.sp.unseen[:len(s.out)] {
			s.out[c] += w * u
		}
	case s.m.width == 1:
		r = r[:len(s.out)]
		for c, v := range s.sp.values[:len(s.out)] {
			s.out[c] += w * v[r[c]]
		}
	default:
		for c := range s.out {
			s.out[c] += w * s.sp.values[c][s.m.index(r, c)]
		}
	}
	s.total += w
}

// spelled returns the sums of w's spelling features (k sums, then their
// total weight): a vocabulary word's from the table, another word's from
// the cache of the words lately seen twice, computed and kept there when
// it is seen again. It returns nil for a word seen once lately or too
// long to keep, whose features the caller takes one by one. h is w's hash
// (see slot).
func (m *model) spelled(sp *spellings, w string, h uint32) []float64 {
	if j, ok := sp.find(w, h); ok {
		k := len(m.classes)
		return sp.sums[int(j)*(k+1) : int(j+1)*(k+1)]
	}
	if len(w) > spelledMaxWord {
		return nil
	}
	i := sp.cacheSlot(h)
	c := &sp.cache[i]
	if e := c.words.Load(); e != nil && e.word == w {
		return e.sums
	}
	if c.seen.Swap(h) != h {
		// Not seen lately: many such words are seen once (a version, a
		// typo), and they are scored feature by feature without
		// allocating; a word seen again is kept.
		return nil
	}
	e := &spelledWord{word: strings.Clone(w), sums: m.spellingSums(sp, w)}
	c.words.Store(e)
	return e.sums
}

// spellingSums returns the sums per class of w's spelling features'
// weighted log-probabilities, then their total weight.
func (m *model) spellingSums(sp *spellings, w string) []float64 {
	row := make([]float64, len(m.classes)+1)
	m.sumSpelling(sp, w, row)
	return row
}

// sumSpelling writes w's spelling sums to row (k+1 values).
func (m *model) sumSpelling(sp *spellings, w string, row []float64) {
	k := len(m.classes)
	s := scorer{m: m, sp: sp, out: row[:k]}
	clear(s.out)
	spellingFeatures(w, s.add)
	row[k] = s.total
}

// The words outside the vocabulary are mostly the configured projects'
// names, versions and slot placeholders, said again and again: in the
// language model a project's name, of six letters, is 19 features looked
// up one by one (a message of the development set has two such words,
// 30 of the language model's 44 features). Their sums are kept in a cache
// of spelledCacheSize words, each slot the last word of its hash seen
// twice in a row there; the sums are exact (see scores), so a word counts
// the same from it.
const (
	spelledCacheSize = 1 << spelledCacheBits
	spelledMaxWord   = 32 // longer words are not kept: a cache entry stays small
)

// spelledSlot is one slot of the cache: the last word kept there, and
// the hash of the last word outside the vocabulary looked up there.
type spelledSlot struct {
	words atomic.Pointer[spelledWord]
	seen  atomic.Uint32
}

// spelledWord is one entry of the cache; it never changes once stored.
type spelledWord struct {
	word string
	sums []float64 // k sums, then the total weight
}

// cacheSlot is the cache's slot for a word of hash h.
func (sp *spellings) cacheSlot(h uint32) int {
	return int((uint64(h) * 0x9E3779B97F4A7C15) >> (64 - spelledCacheBits))
}

const spelledCacheBits = 11

// spellings are, for each word of the vocabulary, the sums per class of
// its spelling features' weighted log-probabilities, then their total
// weight: a word of the vocabulary costs one look-up where its word and
// n-gram features (twenty-odd for a word of six letters) cost a look-up
// in the model's rows each; a profile of Route put 40 % of its time in
// the models' scoring.
type spellings struct {
	// words are the vocabulary's, sorted; table holds 1 + the index of
	// each in words, or 0, at the slot of the word's hash (linear probing):
	// the hash features computes anyway finds a word where a map hashed it
	// again (a tenth of Route's CPU went to that map).
	words []string
	table []int32
	shift uint      // 64 - log2(len(table))
	sums  []float64 // per word: k sums, then the total weight
	// values are the model's values widened to float64 once (the
	// conversion is exact), unseen each class' first.
	values [][]float64
	unseen []float64
	// cache holds the sums of words outside the vocabulary lately
	// scored (see spelled); safe for concurrent use.
	cache *[spelledCacheSize]spelledSlot
}

// spellingsOf computes the spellings of the vocabulary's words, sorted
// (about 1,000 words, once per process, at the first message scored:
// 0.5-1 ms for the two models at load 10, 3-4 ms when each feature's row
// was looked up once per class).
func (m *model) spellingsOf(words []string) *spellings {
	k := len(m.classes)
	logSize := bits.Len(uint(2*len(words)) | 1) // at most half full
	sp := &spellings{words: words, table: make([]int32, 1<<logSize), shift: uint(64 - logSize), sums: make([]float64, 0, len(words)*(k+1)),
		cache: new([spelledCacheSize]spelledSlot)}
	for _, vs := range m.values {
		wide := make([]float64, len(vs))
		for i, v := range vs {
			wide[i] = float64(v)
		}
		sp.values = append(sp.values, wide)
		sp.unseen = append(sp.unseen, wide[0])
	}
	sp.sums = sp.sums[:len(words)*(k+1)]
	for i, w := range words {
		m.sumSpelling(sp, w, sp.sums[i*(k+1):(i+1)*(k+1)])
		s := sp.slot(hashString(hashByte(fnvOffset, 'b'), w))
		for sp.table[s] != 0 {
			s = (s + 1) & (len(sp.table) - 1)
		}
		sp.table[s] = int32(i + 1)
	}
	return sp
}

// slot is the table's slot for a word of hash h (features' hash of 'b' and
// the word).
func (sp *spellings) slot(h uint32) int {
	return int((uint64(h) * 0x9E3779B97F4A7C15) >> sp.shift)
}

// find returns the index of w in words; h is its hash (see slot).
func (sp *spellings) find(w string, h uint32) (int32, bool) {
	for s := sp.slot(h); ; s = (s + 1) & (len(sp.table) - 1) {
		j := sp.table[s]
		if j == 0 {
			return 0, false
		}
		if sp.words[j-1] == w {
			return j - 1, true
		}
	}
}

// learnt is what go generate writes: the models and the vocabulary trained
// on the corpus.
type learnt struct {
	intent, topic, lang *denseModel
	vocab               wordSet
}

// encode writes l in the file's form. It is deterministic: the same corpus
// and rules give the same bytes.
func (l *learnt) encode() ([]byte, error) {
	out := []byte(modelMagic)
	for _, m := range []*denseModel{l.intent, l.topic, l.lang} {
		var err error
		if out, err = appendModel(out, m); err != nil {
			return nil, err
		}
	}
	words := make([]string, 0, len(l.vocab))
	for w := range l.vocab {
		if strings.Contains(w, "\n") {
			return nil, fmt.Errorf("router: vocabulary word %q holds a line break", w)
		}
		words = append(words, w)
	}
	slices.Sort(words)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(words)))
	for _, w := range words {
		out = append(out, w...)
		out = append(out, '\n')
	}
	return out, nil
}

func appendModel(out []byte, m *denseModel) ([]byte, error) {
	k := len(m.classes)
	out = append(out, byte(k))
	for _, c := range m.classes {
		out = append(out, byte(len(c)))
		out = append(out, c...)
	}
	for _, xs := range [][]float64{m.prior, m.unseen} {
		for _, x := range xs {
			out = binary.LittleEndian.AppendUint64(out, math.Float64bits(x))
		}
	}
	// The distinct values of each class, the unseen one first, the others
	// in increasing order.
	values := make([][]float32, k)
	index := make([]map[float32]int, k)
	width := 1
	for c := range k {
		unseen := float32(m.unseen[c])
		seen := map[float32]bool{}
		for h := range hashSize {
			if v := m.logp[h*k+c]; v != unseen {
				seen[v] = true
			}
		}
		values[c] = append([]float32{unseen}, slices.Sorted(func(yield func(float32) bool) {
			for v := range seen {
				if !yield(v) {
					return
				}
			}
		})...)
		index[c] = map[float32]int{}
		for i, v := range values[c] {
			index[c][v] = i
		}
		if len(values[c]) > 1<<16 {
			return nil, fmt.Errorf("router: model class %s has %d distinct values", m.classes[c], len(values[c]))
		}
		if len(values[c]) > 1<<8 {
			width = 2
		}
	}
	out = append(out, byte(width))
	for c := range k {
		out = binary.LittleEndian.AppendUint16(out, uint16(len(values[c])))
		for _, v := range values[c] {
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(v))
		}
	}
	seen := func(h int) bool {
		for c := range k {
			if m.logp[h*k+c] != float32(m.unseen[c]) {
				return true
			}
		}
		return false
	}
	var bitmaps, ranks, rows []byte
	n := 0
	for b := range buckets {
		ranks = binary.LittleEndian.AppendUint32(ranks, uint32(n))
		var bitmap uint64
		for i := range 1 << bucketBits {
			h := b<<bucketBits | i
			if !seen(h) {
				continue
			}
			bitmap |= 1 << i
			n++
			for c := range k {
				x := index[c][m.logp[h*k+c]]
				rows = append(rows, byte(x))
				if width == 2 {
					rows = append(rows, byte(x>>8))
				}
			}
		}
		bitmaps = binary.LittleEndian.AppendUint64(bitmaps, bitmap)
	}
	out = binary.LittleEndian.AppendUint32(out, uint32(n))
	out = append(out, bitmaps...)
	out = append(out, ranks...)
	return append(out, rows...), nil
}

// errModelFile is returned for a model file that cannot be read: one
// written by another version of the code, or cut short.
var errModelFile = errors.New("router: model.bin is damaged or of another version (run go generate ./router/)")

// decodeModelFile reads the models and the vocabulary of a model file in
// place: the models and the vocabulary's words keep pointing into data.
func decodeModelFile(data string) (intent, topic, lang *model, vocab []string, err error) {
	d := decoder{data: data}
	if d.str(len(modelMagic)) != modelMagic {
		return nil, nil, nil, nil, errModelFile
	}
	intent = d.model(intentClasses)
	topic = d.model(topicClasses)
	lang = d.model(langClasses)
	n := int(d.u32())
	vocab = make([]string, 0, n)
	for range n {
		i := strings.IndexByte(d.data[d.off:], '\n')
		if i < 0 {
			d.err = true
			break
		}
		w := d.str(i)
		if len(vocab) > 0 && w <= vocab[len(vocab)-1] {
			d.err = true // written sorted, each word once
			break
		}
		vocab = append(vocab, w)
		d.off++
	}
	if d.err || d.off != len(data) {
		return nil, nil, nil, nil, errModelFile
	}
	for _, m := range []*model{intent, topic, lang} {
		m.spellings = sync.OnceValue(func() *spellings { return m.spellingsOf(vocab) })
	}
	return intent, topic, lang, vocab, nil
}

// decoder reads a model file; err is set once it reads past the end or
// finds what the code does not expect.
type decoder struct {
	data string
	off  int
	err  bool
}

func (d *decoder) str(n int) string {
	if d.err || n < 0 || d.off+n > len(d.data) {
		d.err = true
		return ""
	}
	s := d.data[d.off : d.off+n]
	d.off += n
	return s
}

func (d *decoder) u8() int {
	s := d.str(1)
	if s == "" {
		return 0
	}
	return int(s[0])
}

func (d *decoder) u16() int {
	s := d.str(2)
	if s == "" {
		return 0
	}
	return int(s[0]) | int(s[1])<<8
}

func (d *decoder) u32() uint32 {
	s := d.str(4)
	if s == "" {
		return 0
	}
	return le32(s, 0)
}

func (d *decoder) f64s(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		if s := d.str(8); s != "" {
			xs[i] = math.Float64frombits(le64(s, 0))
		}
	}
	return xs
}

// model reads a model whose classes must be classes, in that order.
func (d *decoder) model(classes []string) *model {
	k := d.u8()
	if k != len(classes) {
		d.err = true
		return nil
	}
	for _, c := range classes {
		if d.str(d.u8()) != c {
			d.err = true
			return nil
		}
	}
	m := &model{classes: classes, prior: d.f64s(k)}
	unseen := d.f64s(k)
	m.width = d.u8()
	if m.width != 1 && m.width != 2 {
		d.err = true
		return nil
	}
	m.values = make([][]float32, k)
	for c := range k {
		n := d.u16()
		if n == 0 || n > 1<<(8*m.width) {
			d.err = true
			return nil
		}
		m.values[c] = make([]float32, n)
		for i := range n {
			m.values[c][i] = math.Float32frombits(d.u32())
		}
		if m.values[c][0] != float32(unseen[c]) {
			d.err = true
			return nil
		}
	}
	n := int(d.u32())
	m.bitmaps = d.str(buckets * 8)
	m.ranks = d.str(buckets * 4)
	m.rows = d.str(n * k * m.width)
	if d.err {
		return nil
	}
	// The last bucket's rank and bitmap count the rows: a file cut or
	// padded is refused (the rows' indices are checked by TestModelFile).
	last := buckets - 1
	if int(le32(m.ranks, last*4))+bits.OnesCount64(le64(m.bitmaps, last*8)) != n {
		d.err = true
		return nil
	}
	return m
}

func le32(s string, i int) uint32 {
	_ = s[i+3]
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

func le64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}
