package router

import (
	"math"
)

// The routing models are multinomial naive Bayes classifiers over hashed
// features: word unigrams and bigrams, and character n-grams of each word,
// which make them tolerant of typos and inflections ("deplois", "déployer",
// "deploying"). Hashing keeps the feature space a fixed size and
// classification free of allocations per feature.
//
// They are trained ahead of time (go generate ./router/, see modelfile.go):
// training here took about 200 ms at every start and kept a dense table of
// 2^18 features × classes float32 (19 MB) on the heap, where the corpus
// uses about 47,000 features. The process reads the compact form embedded
// in the binary instead (model.bin, about 1 MB of read-only data for its three models).

// denseModel is a model as trained: one log-probability per hashed feature
// and class.
type denseModel struct {
	classes []string
	logp    []float32 // [feature*len(classes)+class]: log P(feature | class)
	unseen  []float64 // per class: log P(unseen feature | class)
	prior   []float64 // per class: log prior
}

const hashBits = 18

const hashSize = 1 << hashBits

// Feature weights: words count fully, character n-grams a little.
const (
	weightWord   = 1.0
	weightBigram = 1.0
	weightGram   = 0.25
	weightFlag   = 1.0
)

// featureSink receives the hashed features of a message with their weights.
type featureSink func(h uint32, w float64)

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashString(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime
	}
	return h
}

func hashByte(h uint32, c byte) uint32 {
	h ^= uint32(c)
	h *= fnvPrime
	return h
}

var (
	questionFeature = hashString(fnvOffset, "?question") % hashSize
	negatedFeature  = hashString(fnvOffset, "?negated") % hashSize
)

// features calls sink for each feature of the feature words, the question
// mark and the negation flag. spelled, when not nil, may take a word's
// spelling features (see spellingFeatures) in their stead: it reports
// whether it did; h is a hash of w.
func features(words []string, question, negated bool, sink featureSink, spelled func(w string, h uint32) bool) {
	// prev is the hash of 'b' and the previous word, the start of the
	// next bigram's: each word is hashed once for the two bigrams it is in.
	prev := hashString(hashByte(fnvOffset, 'b'), "^")
	for i, w := range words {
		sink(hashString(hashByte(prev, ' '), w)%hashSize, weightBigram)
		if i == 0 {
			sink(hashString(hashByte(fnvOffset, 'f'), w)%hashSize, weightFlag)
		}
		prev = hashString(hashByte(fnvOffset, 'b'), w)
		if spelled == nil || !spelled(w, prev) {
			spellingFeatures(w, sink)
		}
	}
	if len(words) > 0 {
		sink(hashString(prev, " $")%hashSize, weightBigram)
	}
	if question {
		sink(questionFeature, weightFlag)
	}
	if negated {
		sink(negatedFeature, weightFlag)
	}
}

// spellingFeatures calls sink for the features of w that depend on w
// alone: the word, and its character n-grams.
func spellingFeatures(w string, sink featureSink) {
	h := hashString(hashByte(fnvOffset, 'w'), w)
	sink(h%hashSize, weightWord)
	if len(w) > 2 && w[0] == '_' && w[1] == '_' {
		return // placeholders have no useful spelling
	}
	// Character n-grams of "<word>", n = 3..5.
	n := len(w) + 2
	for size := 3; size <= 5; size++ {
		for start := 0; start+size <= n; start++ {
			g := hashByte(fnvOffset, byte('0'+size))
			for k := start; k < start+size; k++ {
				switch {
				case k == 0:
					g = hashByte(g, '<')
				case k == n-1:
					g = hashByte(g, '>')
				default:
					g = hashByte(g, w[k-1])
				}
			}
			sink(g%hashSize, weightGram)
		}
	}
}

// example is one training message: its feature words and its class.
type example struct {
	words    []string
	question bool
	negated  bool
	class    int
}

// train fits a naive Bayes model with Laplace smoothing alpha. Priors are
// uniform: the corpus' class balance says nothing about real traffic.
func train(classes []string, examples []example, alpha float64) *denseModel {
	k := len(classes)
	counts := make([]float64, hashSize*k)
	totals := make([]float64, k)
	used := make(map[uint32]bool)
	for _, ex := range examples {
		c := ex.class
		features(ex.words, ex.question, ex.negated, func(h uint32, w float64) {
			counts[int(h)*k+c] += w
			totals[c] += w
			used[h] = true
		}, nil)
	}
	v := float64(len(used))
	m := &denseModel{
		classes: classes,
		logp:    make([]float32, hashSize*k),
		unseen:  make([]float64, k),
		prior:   make([]float64, k),
	}
	for c := range k {
		// float64(alpha*v) rounds the product: no fused multiply-add
		// on any architecture, so that the generated model is the same.
		denom := math.Log(totals[c] + float64(alpha*v))
		m.unseen[c] = math.Log(alpha) - denom
		m.prior[c] = -math.Log(float64(k))
		for h := range hashSize {
			n := counts[h*k+c]
			if n == 0 {
				m.logp[h*k+c] = float32(m.unseen[c])
				continue
			}
			m.logp[h*k+c] = float32(math.Log(n+alpha) - denom)
		}
	}
	return m
}

// softmax turns log scores into probabilities, tempered by the amount of
// evidence: naive Bayes over-counts correlated features, so the scores are
// divided by the square root of the feature weight before normalising.
func softmax(scores []float64, evidence float64) {
	t := math.Sqrt(max(evidence, 1))
	hi := math.Inf(-1)
	for _, s := range scores {
		hi = max(hi, s)
	}
	sum := 0.0
	for i, s := range scores {
		scores[i] = math.Exp((s - hi) / t)
		sum += scores[i]
	}
	for i := range scores {
		scores[i] /= sum
	}
}
