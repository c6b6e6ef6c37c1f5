package recommend

import (
	"cmp"
	"math"
	"slices"

	"belgi/annotations"
)

// A Model is a trained labeller, fixed: it suggests spans and scores its
// uncertainty. Get one from Trainer.Model or Decode. A Model is safe for
// concurrent use only when each goroutine has its own (see Clone); its
// methods reuse buffers.
type Model struct {
	labels []string
	ids    map[hash]int32 // feature hash → ID
	layers [2]frozen
	gaz    *gazetteer
	// Temperature divides the scores before they are read as
	// log-probabilities; CrossValidate fits it. 1 when never fitted.
	temp float64

	lat   lattice
	path  []int
	feats [][]int32
}

// frozen are the averaged weights of one layer, row f holding the tags
// tags[off[f]:off[f+1]] with weights w[off[f]:off[f+1]].
type frozen struct {
	off   []int32
	tags  []uint16
	w     []float32
	trans []float32
	nt    int
}

// MaxDepth is how deep the model looks for spans nested in spans it
// found: a span, one in it, and so on.
const MaxDepth = 4

// Model returns the averaged weights learnt so far, as a model that no
// later training changes. It takes time in proportion to the weights; an
// app takes it when a round of training is done, or now and then.
func (t *Trainer) Model() *Model {
	m := &Model{labels: slices.Clone(t.labels), ids: map[hash]int32{}, gaz: t.gaz.clone(), temp: 1}
	c := max(t.c, 1)
	avg := func(w float32, wa float64) float32 { return float32(float64(w) - wa/c) }
	// Keep the features with a weight in either layer.
	keep := make([]int32, len(t.hashes))
	n := int32(0)
	for f := range t.hashes {
		keep[f] = -1
		for k := range t.w {
			if f < len(t.w[k].rows) && len(t.w[k].rows[f]) > 0 {
				keep[f] = n
				n++
				m.ids[t.hashes[f]] = keep[f]
				break
			}
		}
	}
	for k := range t.w {
		src, dst := &t.w[k], &m.layers[k]
		dst.nt = numTags(len(t.labels))
		dst.off = make([]int32, n+1)
		for f, id := range keep {
			if id < 0 {
				continue
			}
			if f < len(src.rows) {
				for _, e := range src.rows[f] {
					if v := avg(e.w, e.wa); v != 0 {
						dst.tags = append(dst.tags, e.tag)
						dst.w = append(dst.w, v)
					}
				}
			}
			dst.off[id+1] = int32(len(dst.tags))
		}
		dst.trans = make([]float32, (dst.nt+1)*dst.nt)
		for i := range src.trans {
			dst.trans[i] = avg(src.trans[i], src.transA[i])
		}
	}
	return m
}

// Labels returns the labels the model knows, in the order it learnt them.
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// Temperature returns the temperature the confidences are computed at.
func (m *Model) Temperature() float64 { return m.temp }

// SetTemperature sets it; tau must be positive and finite (see
// Evaluation.Temperature).
func (m *Model) SetTemperature(tau float64) {
	if tau > 0 && !math.IsInf(tau, 0) {
		m.temp = tau
	}
}

// Clone returns a model with the same weights and its own buffers.
func (m *Model) Clone() *Model {
	return &Model{labels: m.labels, ids: m.ids, layers: m.layers, gaz: m.gaz, temp: m.temp}
}

func (f *frozen) emit(scores []float32, fs []int32) {
	for _, id := range fs {
		for k := f.off[id]; k < f.off[id+1]; k++ {
			scores[f.tags[k]] += f.w[k]
		}
	}
}

// A Suggestion is a span the model proposes for a document.
type Suggestion struct {
	Start, End int // code points of the document's text
	Label      string
	// Confidence is the probability the model gives to this exact span,
	// in [0, 1]; for a nested span, times that of the span holding it.
	Confidence float64
	// Depth is 0 for a span of the top layer, 1 for one nested in it, and
	// so on.
	Depth int
}

// Predict returns the spans the model finds in s, in order, with their
// confidences.
func (m *Model) Predict(s *Sentence) []Suggestion {
	out, _ := m.predict(s, true, false)
	return out
}

// predict tags s. With conf it computes confidences; with unc it returns
// the expected number of tokens it gets wrong in the top layer.
func (m *Model) predict(s *Sentence, conf, unc bool) ([]Suggestion, float64) {
	if len(m.labels) == 0 || len(s.Words) == 0 {
		return nil, 0
	}
	ws := words(s.Words)
	n := len(ws)
	base := make([][]int32, n)
	gazh := make([][]hash, n)
	m.gaz.features(gazh, ws, nil)
	var hs []hash
	for i := range ws {
		hs = tokenFeatures(hs[:0], ws, i)
		hs = append(hs, gazh[i]...)
		ids := make([]int32, 0, len(hs))
		for _, h := range hs {
			if id, ok := m.ids[h]; ok {
				ids = append(ids, id)
			}
		}
		base[i] = ids
	}
	var out []Suggestion
	var errs float64
	type job struct {
		first, last, parent, depth int
		p                          float64
	}
	jobs := []job{{0, n - 1, -1, 0, 1}}
	for len(jobs) > 0 {
		j := jobs[0]
		jobs = jobs[1:]
		layer := 0
		if j.parent >= 0 {
			layer = 1
		}
		f := &m.layers[layer]
		cn := j.last - j.first + 1
		m.lat.reset(cn, f.nt, f.trans)
		for i := 0; i < cn; i++ {
			e := m.lat.emit[i*f.nt : (i+1)*f.nt]
			f.emit(e, base[j.first+i])
			if j.parent >= 0 {
				l := m.labels[j.parent]
				for _, h := range [2]hash{parentFeature(l, placeAny), parentFeature(l, place(j.first+i, j.first, j.last))} {
					if id, ok := m.ids[h]; ok {
						f.emit(e, []int32{id})
					}
				}
			}
		}
		m.path = grow(m.path, cn)
		m.lat.viterbi(m.path, nil)
		found := false
		spans(m.path, func(first, last, k int) {
			if first == 0 && last == cn-1 && j.parent == k {
				return // the enclosing span itself
			}
			found = true
		})
		fb := (conf && found) || (unc && j.parent < 0)
		if fb {
			m.lat.forwardBackward(m.temp)
		}
		if unc && j.parent < 0 {
			errs = m.lat.expectedErrors()
		}
		spans(m.path, func(first, last, k int) {
			if first == 0 && last == cn-1 && j.parent == k {
				return
			}
			p := j.p
			if conf {
				p *= min(1, max(0, m.lat.spanProb(first, last, k)))
			}
			a, b := j.first+first, j.first+last
			out = append(out, Suggestion{Start: s.Tokens[a].Start, End: s.Tokens[b].End, Label: m.labels[k], Confidence: p, Depth: j.depth})
			if b > a && j.depth+1 < MaxDepth {
				jobs = append(jobs, job{a, b, k, j.depth + 1, p})
			}
		})
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End), cmp.Compare(a.Depth, b.Depth))
	})
	return out, errs
}

// Suggest returns the model's spans in d, highest confidence first, then
// by position, leaving out those a person has decided on: a span of d
// with the same extent (whatever its label), one with the same label that
// overlaps, and one of rejected with the same extent and label.
func (m *Model) Suggest(d *annotations.Document, rejected []annotations.Span) []Suggestion {
	ss, _ := Split(d, nil)
	type key struct {
		start, end int
		label      string
	}
	exact := map[[2]int]bool{}
	byLabel := map[string][][2]int{}
	for _, s := range d.Spans {
		exact[[2]int{s.Start, s.End}] = true
		byLabel[s.Label] = append(byLabel[s.Label], [2]int{s.Start, s.End})
	}
	no := map[key]bool{}
	for _, r := range rejected {
		no[key{r.Start, r.End, r.Label}] = true
	}
	var out []Suggestion
	for i := range ss {
		for _, g := range m.Predict(&ss[i]) {
			if exact[[2]int{g.Start, g.End}] || no[key{g.Start, g.End, g.Label}] {
				continue
			}
			if slices.ContainsFunc(byLabel[g.Label], func(r [2]int) bool { return r[0] < g.End && g.Start < r[1] }) {
				continue
			}
			out = append(out, g)
		}
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int { return cmp.Compare(b.Confidence, a.Confidence) })
	return out
}

// An Uncertainty says how unsure the model is of a stretch of text: the
// number of tokens it expects to tag wrongly in the top layer (the sum
// over tokens of one minus the probability of the likeliest tag).
type Uncertainty struct {
	Start, End int // code points
	Tokens     int
	Expected   float64 // tokens expected wrong
}

// PerToken returns Expected over Tokens, 0 for no tokens: the score to sort
// by to label next what the model is least sure of.
func (u Uncertainty) PerToken() float64 {
	if u.Tokens == 0 {
		return 0
	}
	return u.Expected / float64(u.Tokens)
}

// Uncertainty returns the uncertainty of d as a whole and of each of its
// sentences.
func (m *Model) Uncertainty(d *annotations.Document) (Uncertainty, []Uncertainty) {
	ss, _ := Split(d, nil)
	doc := Uncertainty{End: len([]rune(d.Text))}
	out := make([]Uncertainty, len(ss))
	for i := range ss {
		_, e := m.predict(&ss[i], false, true)
		out[i] = Uncertainty{Start: ss[i].Start, End: ss[i].End, Tokens: len(ss[i].Tokens), Expected: e}
		doc.Tokens += out[i].Tokens
		doc.Expected += e
	}
	return doc, out
}

// clone returns a deep copy of g.
func (g *gazetteer) clone() *gazetteer {
	c := newGazetteer()
	for key, e := range g.entries {
		ce := &gazEntry{words: e.words, counts: slices.Clone(e.counts)}
		c.entries[key] = ce
	}
	for first, list := range g.byFirst {
		cl := make([]*gazEntry, len(list))
		for i, e := range list {
			cl[i] = c.entries[keyOf(e)]
		}
		c.byFirst[first] = cl
	}
	return c
}

func keyOf(e *gazEntry) string {
	n := 0
	for _, w := range e.words {
		n += len(w) + 1
	}
	b := make([]byte, 0, n)
	for i, w := range e.words {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, w...)
	}
	return string(b)
}
