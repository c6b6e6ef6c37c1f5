package recommend

import (
	"errors"
	"math/rand/v2"
	"slices"
)

// Options set how a Trainer trains.
type Options struct {
	// Epochs is how many passes over all the sentences the trainer makes
	// after each change; 0 means DefaultEpochs. Training stops sooner when
	// a pass changes nothing.
	Epochs int
	// Seed seeds the order in which sentences are read.
	Seed uint64
}

// DefaultEpochs is the number of passes chosen on KazNERD's development
// part (see recommend/internal/curve).
const DefaultEpochs = 10

// MaxLabels is the most labels a trainer learns.
const MaxLabels = 1000

// ErrTooManyLabels is returned by Set when the sentences would take the
// trainer past MaxLabels labels.
var ErrTooManyLabels = errors.New("recommend: too many labels")

// A Trainer learns a Model from sentences, a bounded amount of work at a
// time (Step), so that a page can train between frames. Its sentences are
// grouped by document and replaced a document at a time (Set) as the
// person labels; each change starts Epochs more passes from the weights
// learnt so far. A Trainer is not safe for concurrent use.
type Trainer struct {
	opt Options
	rng *rand.Rand

	hashes []hash         // feature ID → hash
	ids    map[hash]int32 // hash → feature ID
	labels []string
	label  map[string]int
	w      [2]weights // top layer, nested layer
	gaz    *gazetteer

	docs  []string // in the order first set
	byDoc map[string][]*example

	dirty   bool       // the sentences changed since pool was made
	pool    []*example // all examples, in document order
	order   []int      // this pass's order of pool
	pos     int        // next index into order
	epoch   int        // passes made since the last change
	changed bool       // this pass updated a weight
	done    bool
	c       float64 // examples read, for averaging

	lat   lattice
	path  []int
	force []int
	feats [][]int32
	gazh  [][]hash
}

// weights are the averaged-perceptron weights of one layer. After each
// update at time c, w holds the current weight and wa the sum of c times
// each change, so that the average over time is w - wa/c (Daumé's trick).
type weights struct {
	rows   [][]entry // by feature ID: the tags it has a weight for
	trans  []float32 // (nt+1)*nt: from the start or tag p to tag t
	transA []float64
	nt     int
}

type entry struct {
	tag uint16
	w   float32
	wa  float64
}

// An example is one sentence as the trainer reads it.
type example struct {
	s      *Sentence
	ws     []word
	feats  [][]int32 // by token: IDs of the features that do not change
	chains []chain
	mine   own
}

// A chain is one sequence the model tags: a whole sentence (the top
// layer), or the tokens of one span, for the spans nested in it.
type chain struct {
	first, last int   // tokens of the sentence
	parent      int   // label ID of the enclosing span; -1 for the top layer
	gold        []int // tags of first..last
	rejected    []tspan
}

// NewTrainer returns a trainer with no sentences.
func NewTrainer(opt Options) *Trainer {
	if opt.Epochs <= 0 {
		opt.Epochs = DefaultEpochs
	}
	return &Trainer{
		opt:   opt,
		rng:   rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15)),
		ids:   map[hash]int32{},
		label: map[string]int{},
		gaz:   newGazetteer(),
		byDoc: map[string][]*example{},
		done:  true,
	}
}

// Set replaces the sentences of document doc with ss (nil removes them).
// Sentences whose Doc is not doc are set as doc's all the same. The next
// Step starts Epochs new passes over all sentences.
func (t *Trainer) Set(doc string, ss []Sentence) error {
	var add []string
	for i := range ss {
		walk(ss[i].roots, func(n *node, _ int) {
			if _, ok := t.label[n.label]; !ok && !slices.Contains(add, n.label) {
				add = append(add, n.label)
			}
		})
	}
	if len(t.labels)+len(add) > MaxLabels {
		return ErrTooManyLabels
	}
	for _, l := range add {
		t.addLabel(l)
	}
	old, had := t.byDoc[doc]
	for _, e := range old {
		t.count(e, -1)
	}
	if len(ss) == 0 {
		delete(t.byDoc, doc)
		if had {
			t.docs = slices.DeleteFunc(t.docs, func(d string) bool { return d == doc })
		}
	} else {
		if !had {
			t.docs = append(t.docs, doc)
		}
		exs := make([]*example, len(ss))
		for i := range ss {
			exs[i] = t.example(&ss[i])
			t.count(exs[i], 1)
		}
		t.byDoc[doc] = exs
	}
	t.dirty, t.done = true, false
	return nil
}

func (t *Trainer) addLabel(l string) {
	t.label[l] = len(t.labels)
	t.labels = append(t.labels, l)
	nt := numTags(len(t.labels))
	for k := range t.w {
		t.w[k].resize(nt)
	}
}

// resize makes room for nt tags, keeping the transition weights.
func (w *weights) resize(nt int) {
	trans, transA := make([]float32, (nt+1)*nt), make([]float64, (nt+1)*nt)
	for p := -1; p < w.nt; p++ {
		for c := 0; c < w.nt; c++ {
			trans[(p+1)*nt+c] = w.trans[(p+1)*w.nt+c]
			transA[(p+1)*nt+c] = w.transA[(p+1)*w.nt+c]
		}
	}
	w.trans, w.transA, w.nt = trans, transA, nt
}

// count adds (n = 1) or removes (n = -1) the spans of e to the gazetteer.
func (t *Trainer) count(e *example, n int) {
	for key, labels := range e.mine {
		for l, c := range labels {
			t.gaz.add(key, l, n*c)
		}
	}
}

// intern returns the ID of feature h, adding it when new.
func (t *Trainer) intern(h hash) int32 {
	id, ok := t.ids[h]
	if !ok {
		id = int32(len(t.hashes))
		t.ids[h] = id
		t.hashes = append(t.hashes, h)
	}
	return id
}

// example makes the example of s: its fixed features, its chains and its
// own gazetteer entries.
func (t *Trainer) example(s *Sentence) *example {
	e := &example{s: s, ws: words(s.Words), feats: make([][]int32, len(s.Words)), mine: own{}}
	var hs []hash
	for i := range e.ws {
		hs = tokenFeatures(hs[:0], e.ws, i)
		ids := make([]int32, len(hs))
		for k, h := range hs {
			ids[k] = t.intern(h)
		}
		e.feats[i] = ids
	}
	top := chain{first: 0, last: len(s.Words) - 1, parent: -1}
	top.gold = t.tags(top.first, top.last, s.roots)
	e.chains = append(e.chains, top)
	walk(s.roots, func(n *node, _ int) {
		key := gazKey(e.ws, n.first, n.last)
		if e.mine[key] == nil {
			e.mine[key] = map[string]int{}
		}
		e.mine[key][n.label]++
		if n.last > n.first {
			e.chains = append(e.chains, chain{first: n.first, last: n.last, parent: t.label[n.label], gold: t.tags(n.first, n.last, n.kids)})
		}
	})
	for _, r := range s.rejected {
		if _, ok := t.label[r.label]; !ok {
			continue // a label never given cannot be predicted
		}
		// The innermost chain that holds r.
		best := 0
		for k, c := range e.chains {
			if c.first <= r.first && r.last <= c.last && c.last-c.first < e.chains[best].last-e.chains[best].first {
				best = k
			}
		}
		e.chains[best].rejected = append(e.chains[best].rejected, r)
	}
	return e
}

// tags returns the gold tags of tokens first..last, given the spans in it.
func (t *Trainer) tags(first, last int, spans []*node) []int {
	g := make([]int, last-first+1)
	for _, n := range spans {
		k := t.label[n.label]
		g[n.first-first] = tagB(k)
		for i := n.first + 1; i <= n.last; i++ {
			g[i-first] = tagI(k)
		}
	}
	return g
}

// Done reports whether training has finished the passes asked for since
// the last change.
func (t *Trainer) Done() bool { return t.done && !t.dirty }

// Progress returns the share of this round of passes done, in [0, 1].
func (t *Trainer) Progress() float64 {
	if t.Done() {
		return 1
	}
	if len(t.order) == 0 || t.dirty {
		return 0
	}
	return (float64(t.epoch) + float64(t.pos)/float64(len(t.order))) / float64(t.opt.Epochs)
}

// Sentences returns how many sentences the trainer holds.
func (t *Trainer) Sentences() int {
	n := 0
	for _, exs := range t.byDoc {
		n += len(exs)
	}
	return n
}

// Step trains on sentences until it has read about budget tokens (at
// least one sentence) or the passes are done, and reports whether they
// are. The time a token takes is measured by BenchmarkStep; an app
// chooses budget to fit its frame.
func (t *Trainer) Step(budget int) bool {
	if t.dirty {
		t.pool = t.pool[:0]
		for _, d := range t.docs {
			t.pool = append(t.pool, t.byDoc[d]...)
		}
		t.restart()
		t.startPass()
		t.epoch, t.dirty = 0, false
		t.done = len(t.pool) == 0
	}
	for read := 0; !t.done && (read == 0 || read < budget); {
		if t.pos == len(t.order) {
			t.epoch++
			if t.epoch >= t.opt.Epochs || !t.changed {
				t.done = true
				break
			}
			t.startPass()
		}
		e := t.pool[t.order[t.pos]]
		t.pos++
		read += t.learn(e)
	}
	return t.Done()
}

// restart starts the weights of a new round of passes from the averages
// of the last, and averages anew: otherwise what the new sentences teach
// would be diluted by all the time before they came.
func (t *Trainer) restart() {
	if t.c == 0 {
		return
	}
	for k := range t.w {
		w := &t.w[k]
		for _, row := range w.rows {
			for i := range row {
				row[i].w = float32(float64(row[i].w) - row[i].wa/t.c)
				row[i].wa = 0
			}
		}
		for i := range w.trans {
			w.trans[i] = float32(float64(w.trans[i]) - w.transA[i]/t.c)
			w.transA[i] = 0
		}
	}
	t.c = 0
}

func (t *Trainer) startPass() {
	t.order = grow(t.order, len(t.pool))
	for i := range t.order {
		t.order[i] = i
	}
	t.rng.Shuffle(len(t.order), func(i, j int) { t.order[i], t.order[j] = t.order[j], t.order[i] })
	t.pos, t.changed = 0, false
}

// learn reads one example, updating the weights where the model gets it
// wrong, and returns the number of tokens read.
func (t *Trainer) learn(e *example) int {
	t.c++
	n := len(e.ws)
	t.gazh = grow(t.gazh, n)
	for i := range t.gazh {
		t.gazh[i] = t.gazh[i][:0]
	}
	t.gaz.features(t.gazh, e.ws, e.mine)
	read := 0
	for ci := range e.chains {
		c := &e.chains[ci]
		layer := 0
		if c.parent >= 0 {
			layer = 1
		}
		w := &t.w[layer]
		m := c.last - c.first + 1
		read += m
		t.feats = grow(t.feats, m)
		for i := 0; i < m; i++ {
			k := c.first + i
			f := append(t.feats[i][:0], e.feats[k]...)
			for _, h := range t.gazh[k] {
				f = append(f, t.intern(h))
			}
			if c.parent >= 0 {
				l := t.labels[c.parent]
				f = append(f, t.intern(parentFeature(l, placeAny)), t.intern(parentFeature(l, place(k, c.first, c.last))))
			}
			t.feats[i] = f
		}
		t.lat.reset(m, w.nt, w.trans)
		for i := 0; i < m; i++ {
			w.emit(t.lat.emit[i*w.nt:(i+1)*w.nt], t.feats[i])
		}
		t.path = grow(t.path, m)
		t.lat.viterbi(t.path, nil)
		if !slices.Equal(t.path, c.gold) {
			t.update(w, c.gold, t.path)
		}
		// A rejected span must score below the gold tags by a margin of one
		// per token: push it down when it does not.
		for _, r := range c.rejected {
			t.force = grow(t.force, m)
			for i := range t.force {
				t.force[i] = -1
			}
			k := t.label[r.label]
			t.force[r.first-c.first] = tagB(k)
			for i := r.first + 1; i <= r.last; i++ {
				t.force[i-c.first] = tagI(k)
			}
			if slices.Equal(t.force[r.first-c.first:r.last-c.first+1], c.gold[r.first-c.first:r.last-c.first+1]) {
				continue // the person labelled it after all
			}
			t.lat.reset(m, w.nt, w.trans)
			for i := 0; i < m; i++ {
				w.emit(t.lat.emit[i*w.nt:(i+1)*w.nt], t.feats[i])
			}
			s := t.lat.viterbi(t.path, t.force)
			if s > t.lat.score(c.gold)-float64(r.last-r.first+1) {
				t.update(w, c.gold, t.path)
			}
		}
	}
	return read
}

// emit adds the weights of the features fs to the scores of each tag.
func (w *weights) emit(scores []float32, fs []int32) {
	for _, f := range fs {
		if int(f) >= len(w.rows) {
			continue
		}
		for _, e := range w.rows[f] {
			scores[e.tag] += e.w
		}
	}
}

// update moves the weights towards the gold tags and away from pred.
func (t *Trainer) update(w *weights, gold, pred []int) {
	t.changed = true
	for i := range gold {
		pg, pp := -1, -1
		if i > 0 {
			pg, pp = gold[i-1], pred[i-1]
		}
		if gold[i] != pred[i] || pg != pp {
			t.addTrans(w, pg, gold[i], 1)
			t.addTrans(w, pp, pred[i], -1)
		}
		if gold[i] == pred[i] {
			continue
		}
		for _, f := range t.feats[i] {
			t.add(w, f, gold[i], 1)
			t.add(w, f, pred[i], -1)
		}
	}
}

func (t *Trainer) addTrans(w *weights, p, c int, d float32) {
	k := (p+1)*w.nt + c
	w.trans[k] += d
	w.transA[k] += t.c * float64(d)
}

func (t *Trainer) add(w *weights, f int32, tag int, d float32) {
	if int(f) >= len(w.rows) {
		w.rows = slices.Grow(w.rows, len(t.hashes)-len(w.rows))[:len(t.hashes)]
	}
	row := w.rows[f]
	for k := range row {
		if int(row[k].tag) == tag {
			row[k].w += d
			row[k].wa += t.c * float64(d)
			return
		}
	}
	w.rows[f] = append(row, entry{tag: uint16(tag), w: d, wa: t.c * float64(d)})
}
