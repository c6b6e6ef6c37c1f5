package recommend

import (
	"math"
)

// Tags: 0 is O (outside), 2k+1 is B (begins a span) of label k, 2k+2 is I
// (inside, continues it). I of a label follows only B or I of the same
// label; the decoders never produce anything else.
func tagB(k int) int         { return 2*k + 1 }
func tagI(k int) int         { return 2*k + 2 }
func isI(t int) bool         { return t > 0 && t%2 == 0 }
func labelOf(t int) int      { return (t - 1) / 2 }
func numTags(labels int) int { return 2*labels + 1 }

// allowed reports whether tag cur may follow tag prev (-1 at the start).
func allowed(prev, cur int) bool {
	return !isI(cur) || prev == cur || prev == cur-1
}

// A lattice holds the scores of one chain: emit[i*nt+t] is the score of tag
// t at token i, trans[(p+1)*nt+t] the score of tag t after tag p, p = -1
// at the start. The buffers are reused from chain to chain.
type lattice struct {
	n, nt int
	emit  []float32
	trans []float32

	back  []int32
	delta []float64
	prev  []float64
	// forward-backward, in probability space, scaled per token
	alpha, beta, scale []float64
	psi                []float64 // exp(emit/τ), per token
	m                  []float64 // exp(trans/τ)
}

// reset makes l ready for a chain of n tokens and nt tags, with zero
// emission scores.
func (l *lattice) reset(n, nt int, trans []float32) {
	l.n, l.nt, l.trans = n, nt, trans
	l.emit = grow(l.emit, n*nt)
	clear(l.emit)
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// viterbi writes the best tag sequence to path and returns its score. A
// forced tag (>= 0) at token i leaves only that tag there.
func (l *lattice) viterbi(path []int, forced []int) float64 {
	n, nt := l.n, l.nt
	if n == 0 {
		return 0
	}
	l.back = grow(l.back, n*nt)
	l.delta = grow(l.delta, nt)
	l.prev = grow(l.prev, nt)
	inf := math.Inf(-1)
	ok := func(i, t int) bool { return forced == nil || forced[i] < 0 || forced[i] == t }
	for t := 0; t < nt; t++ {
		l.delta[t] = inf
		if allowed(-1, t) && ok(0, t) {
			l.delta[t] = float64(l.emit[t]) + float64(l.trans[t])
		}
	}
	for i := 1; i < n; i++ {
		l.prev, l.delta = l.delta, l.prev
		e := l.emit[i*nt : (i+1)*nt]
		back := l.back[i*nt : (i+1)*nt]
		for t := 0; t < nt; t++ {
			best, arg := inf, -1
			if !ok(i, t) {
				l.delta[t], back[t] = inf, -1
				continue
			}
			if isI(t) {
				for _, p := range [2]int{t - 1, t} {
					if s := l.prev[p] + float64(l.trans[(p+1)*nt+t]); s > best {
						best, arg = s, p
					}
				}
			} else {
				for p := 0; p < nt; p++ {
					if s := l.prev[p] + float64(l.trans[(p+1)*nt+t]); s > best {
						best, arg = s, p
					}
				}
			}
			l.delta[t], back[t] = best+float64(e[t]), int32(arg)
		}
	}
	best, arg := inf, 0
	for t := 0; t < nt; t++ {
		if l.delta[t] > best {
			best, arg = l.delta[t], t
		}
	}
	for i := n - 1; i >= 0; i-- {
		path[i] = arg
		if i > 0 {
			arg = int(l.back[i*nt+arg])
		}
	}
	return best
}

// score returns the score of the tag sequence path.
func (l *lattice) score(path []int) float64 {
	s, prev := 0.0, -1
	for i, t := range path {
		s += float64(l.emit[i*l.nt+t]) + float64(l.trans[(prev+1)*l.nt+t])
		prev = t
	}
	return s
}

// forwardBackward computes the scaled forward and backward probabilities of
// the chain, reading its scores as log-potentials divided by the
// temperature tau, as a linear-chain CRF would.
func (l *lattice) forwardBackward(tau float64) {
	n, nt := l.n, l.nt
	l.alpha = grow(l.alpha, n*nt)
	l.beta = grow(l.beta, n*nt)
	l.scale = grow(l.scale, n)
	l.psi = grow(l.psi, n*nt)
	l.m = grow(l.m, (nt+1)*nt)
	// Shifting all transition or all emission scores of a token by a
	// constant changes no probability: keep exp in range.
	tmax := math.Inf(-1)
	for _, v := range l.trans[:(nt+1)*nt] {
		tmax = max(tmax, float64(v))
	}
	for k, v := range l.trans[:(nt+1)*nt] {
		l.m[k] = math.Exp((float64(v) - tmax) / tau)
	}
	for p := -1; p < nt; p++ {
		for t := 0; t < nt; t++ {
			if !allowed(p, t) {
				l.m[(p+1)*nt+t] = 0
			}
		}
	}
	for i := 0; i < n; i++ {
		e := l.emit[i*nt : (i+1)*nt]
		emax := math.Inf(-1)
		for _, v := range e {
			emax = max(emax, float64(v))
		}
		psi := l.psi[i*nt : (i+1)*nt]
		for t, v := range e {
			psi[t] = math.Exp((float64(v) - emax) / tau)
		}
	}
	// Forward.
	a := l.alpha[:nt]
	sum := 0.0
	for t := 0; t < nt; t++ {
		a[t] = l.m[t] * l.psi[t]
		sum += a[t]
	}
	l.normalize(0, a, sum)
	for i := 1; i < n; i++ {
		pa, a := l.alpha[(i-1)*nt:i*nt], l.alpha[i*nt:(i+1)*nt]
		psi := l.psi[i*nt : (i+1)*nt]
		sum := 0.0
		for t := 0; t < nt; t++ {
			v := 0.0
			if isI(t) {
				v = pa[t-1]*l.m[t*nt+t] + pa[t]*l.m[(t+1)*nt+t]
			} else {
				for p := 0; p < nt; p++ {
					v += pa[p] * l.m[(p+1)*nt+t]
				}
			}
			a[t] = v * psi[t]
			sum += a[t]
		}
		l.normalize(i, a, sum)
	}
	// Backward, scaled by the same factors.
	b := l.beta[(n-1)*nt : n*nt]
	for t := range b {
		b[t] = 1
	}
	for i := n - 2; i >= 0; i-- {
		b, nb := l.beta[i*nt:(i+1)*nt], l.beta[(i+1)*nt:(i+2)*nt]
		psi := l.psi[(i+1)*nt : (i+2)*nt]
		for p := 0; p < nt; p++ {
			v := 0.0
			row := l.m[(p+1)*nt : (p+2)*nt]
			for t := 0; t < nt; t++ {
				if row[t] != 0 {
					v += row[t] * psi[t] * nb[t]
				}
			}
			b[p] = v / l.scale[i+1]
		}
	}
}

func (l *lattice) normalize(i int, a []float64, sum float64) {
	if sum <= 0 || math.IsInf(sum, 0) || math.IsNaN(sum) {
		// Every path is impossible or the scores overflowed: fall back to
		// uniform over the tags.
		for t := range a {
			a[t] = 1 / float64(len(a))
		}
		sum = 1
	} else {
		for t := range a {
			a[t] /= sum
		}
	}
	l.scale[i] = sum
}

// marginal returns the probability of tag t at token i; forwardBackward
// must have run.
func (l *lattice) marginal(i, t int) float64 {
	return l.alpha[i*l.nt+t] * l.beta[i*l.nt+t]
}

// spanProb returns the probability that tokens first..last are exactly one
// span of label k: B at first, I up to last, and no I of k after it.
func (l *lattice) spanProb(first, last, k int) float64 {
	nt := l.nt
	b, in := tagB(k), tagI(k)
	p := l.alpha[first*nt+b]
	prev := b
	for i := first + 1; i <= last; i++ {
		p *= l.m[(prev+1)*nt+in] * l.psi[i*nt+in] / l.scale[i]
		prev = in
	}
	if last == l.n-1 {
		return p
	}
	// β at last, leaving out a next I of the label.
	nb, psi := l.beta[(last+1)*nt:(last+2)*nt], l.psi[(last+1)*nt:(last+2)*nt]
	row := l.m[(prev+1)*nt : (prev+2)*nt]
	v := 0.0
	for t := 0; t < nt; t++ {
		if t != in {
			v += row[t] * psi[t] * nb[t]
		}
	}
	return p * v / l.scale[last+1]
}

// expectedErrors returns the sum over tokens of one minus the probability
// of the most likely tag: how many tokens the model expects to get wrong.
func (l *lattice) expectedErrors() float64 {
	e := 0.0
	for i := 0; i < l.n; i++ {
		best := 0.0
		for t := 0; t < l.nt; t++ {
			best = max(best, l.marginal(i, t))
		}
		e += 1 - best
	}
	return max(e, 0)
}

// spans returns the spans of a tag sequence as token runs of label IDs.
func spans(path []int, fn func(first, last, label int)) {
	for i := 0; i < len(path); i++ {
		t := path[i]
		if t == 0 || isI(t) {
			continue
		}
		j := i
		for j+1 < len(path) && path[j+1] == t+1 {
			j++
		}
		fn(i, j, labelOf(t))
	}
}
