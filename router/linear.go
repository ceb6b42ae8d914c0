package router

import "math"

// The topic model is a multinomial logistic regression over the same
// hashed features as the naive Bayes models: naive Bayes counts each
// feature as if it were independent of the others, and on questions, where
// many words say the same topic, that over-counting picks the wrong route
// more often than a model whose weights are fitted together. In five-fold
// cross-validation over the topic model's 10,119 training questions (the
// corpus's and the read sets'), naive Bayes chose the right route for
// 0.951 of them (α 0.03 to 0.3 alike) and this model for 0.972-0.974
// (3 to 20 epochs, learning rates 0.03 to 0.1): about half the errors.
//
// Its weights are stored in model.bin as a naive Bayes model's
// log-probabilities are: the score of a class is the sum of its features'
// weights plus its bias (the "prior"), a feature never seen weighs 0 (the
// "unseen" value), so scoring is the same code.

// Training settings of the topic model, chosen by cross-validation on its
// training questions (never on a set kept blind).
const (
	linearEpochs = 6
	linearRate   = 0.05
	// linearStep is the grid weights are rounded to, so that a class has
	// few distinct values (model.bin stores an index per feature and class).
	linearStep = 1.0 / 2048
)

// trainLinear fits a multinomial logistic regression by stochastic gradient
// descent with AdaGrad step sizes, the examples visited in an order shuffled
// by a fixed generator: the same corpus gives the same weights.
func trainLinear(classes []string, examples []example) *denseModel {
	k := len(classes)
	type feature struct {
		h uint32
		w float64
	}
	feats := make([][]feature, len(examples))
	for i, ex := range examples {
		features(ex.words, ex.question, ex.negated, func(h uint32, w float64) {
			feats[i] = append(feats[i], feature{h, w})
		}, nil)
	}
	weights := make([]float64, hashSize*k)
	squares := make([]float64, hashSize*k) // AdaGrad's sums of squared gradients
	bias := make([]float64, k)
	biasSquares := make([]float64, k)
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := uint64(0x9e3779b97f4a7c15)
	next := func(n int) int { // xorshift64*, fixed here so that no library change moves the model
		rng ^= rng >> 12
		rng ^= rng << 25
		rng ^= rng >> 27
		return int(((rng * 2685821657736338717) >> 33) % uint64(n))
	}
	step := func(sum *float64, g float64) float64 {
		*sum += g * g
		return linearRate * g / (math.Sqrt(*sum) + 1e-8)
	}
	p := make([]float64, k)
	for range linearEpochs {
		for i := len(order) - 1; i > 0; i-- {
			j := next(i + 1)
			order[i], order[j] = order[j], order[i]
		}
		for _, i := range order {
			copy(p, bias)
			for _, f := range feats[i] {
				for c := range k {
					p[c] += weights[int(f.h)*k+c] * f.w
				}
			}
			hi := math.Inf(-1)
			for _, v := range p {
				hi = max(hi, v)
			}
			sum := 0.0
			for c, v := range p {
				p[c] = math.Exp(v - hi)
				sum += p[c]
			}
			for c := range k {
				g := p[c] / sum
				if c == examples[i].class {
					g--
				}
				bias[c] -= step(&biasSquares[c], g)
				for _, f := range feats[i] {
					j := int(f.h)*k + c
					weights[j] -= step(&squares[j], g*f.w)
				}
			}
		}
	}
	m := &denseModel{classes: classes, logp: make([]float32, hashSize*k), unseen: make([]float64, k), prior: make([]float64, k)}
	for c, b := range bias {
		m.prior[c] = math.Round(b/linearStep) * linearStep
	}
	for j, w := range weights {
		m.logp[j] = float32(math.Round(w/linearStep) * linearStep)
	}
	return m
}
