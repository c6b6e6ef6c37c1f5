// Command train builds the langid model from the shared training text.
//
// It reads ../shared/langid/train/<code>.txt, transliterates the Kazakh and
// Uzbek lines into Latin spellings for the kk-Latn and uz-Latn classes, cuts
// every line into examples (the line itself and its runs of 1, 2, 3 and 5
// words), and fits a multinomial logistic regression over the character 1-
// to 5-grams of the examples, one per script, with FTRL-Proximal: its L1 term
// sets most weights to zero, which keeps the model small. Every class has an
// equal share of the examples' weight, so the model has no prior of its own;
// langid adds the domain's. The alphabet rule of package core (a penalty for
// every letter outside a class's alphabet) is applied while training, so the
// weights learn what the rule does not already say.
//
// It writes two model files:
//
//	model.bin     every class but tg
//	model_tg.bin  tg alone, trained only on CC BY-SA 4.0 text
//
// tg is kept apart so that the main file owes nothing to its ShareAlike
// licence: the main classes are trained, and their grams chosen, without tg
// text; tg's weights are then fitted against the frozen main classes.
//
// The build is deterministic: one goroutine, a seeded shuffle.
//
// Usage (from the langid folder, as go generate runs it):
//
//	go run ./internal/train [-data DIR] [-out DIR]
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"belgi/langid/internal/core"
	"belgi/langid/internal/corpus"
)

// apart names the class written to a file of its own.
const apart = "tg"

var (
	dataDir = flag.String("data", "", "folder of the training files (default ../shared/langid/train)")
	outDir  = flag.String("out", ".", "folder to write model.bin and model_tg.bin to")
	epochs  = flag.Int("epochs", 4, "passes over the examples")
	alpha   = flag.Float64("alpha", 0.2, "FTRL learning rate")
	l1      = flag.Float64("l1", 16, "FTRL L1 strength, per unit of example weight")
	l2      = flag.Float64("l2", 1.0, "FTRL L2 strength")
	minLine = flag.Int("min", 2, "least number of training lines of one class a gram must occur in")
	foreign = flag.Float64("foreign", 6, "alphabet penalty while training, in nats a letter (as core.Params.Foreign)")
	step    = flag.Float64("step", 0, "quantum of stored weights (default: the largest weight / 127)")
	all     = flag.Bool("all", true, "train on every line (false: hold out corpus.DevEvery's lines)")
)

// Alphabets gives the lower-case letters each Cyrillic class is written
// with (its official alphabet; uk and be without the apostrophe, which is
// not a letter here). A letter outside a class's alphabet counts against it
// (core.Params.Foreign), which is what makes є ї ґ (uk), ў (be, uz), ђ ћ (sr),
// ѓ ќ ѕ (mk), ұ (kk), ҙ ҫ ҡ (ba), ә ө ү ң һ (the Turkic group) and і (kk, uk,
// be) the strong evidence they are, and ы э ё ъ evidence against uk, bg, sr
// and mk.
var Alphabets = map[string]string{
	"ru": ru,
	"uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
	"be": "абвгґдеёжзійклмнопрстуўфхцчшыьэюя",
	"bg": "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
	"sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
	"mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџшѐѝ",
	"kk": ru + "әғқңөұүһі",
	"ky": ru + "ңөү",
	"tt": ru + "әөүҗңһ",
	"ba": ru + "әөүғҡңҙҫһ",
	"mn": ru + "өү",
	"uz": "абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ",
	"tg": "абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюяў", // ў: a common stand-in for ӯ
}

const ru = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

// class is one class's training text.
type class struct {
	tag    string
	script core.Script
	lines  []string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("train: ")
	flag.Parse()
	dir := *dataDir
	if dir == "" {
		dir = corpus.Dir()
	}
	if dir == "" {
		log.Fatal("no training text: ../shared/langid/train is absent and -data is not set")
	}
	codes := append(append([]string{}, corpus.Codes...), corpus.LatinKazakh, corpus.LatinUzbek)
	var main []*class
	var tg *class
	for _, code := range codes {
		sp, err := corpus.Load(dir, code)
		if err != nil {
			log.Fatal(err)
		}
		c := &class{tag: code, script: core.Cyrillic, lines: sp.Train}
		if *all {
			c.lines = append(c.lines, sp.Dev...)
		}
		if code == "en" || strings.HasSuffix(code, "-Latn") {
			c.script = core.Latin
		}
		checkAlphabet(c)
		if code == apart {
			tg = c
		} else {
			main = append(main, c)
		}
	}
	rng := rand.New(rand.NewPCG(20240601, 1))
	m := &core.Model{}
	for _, c := range main {
		m.Classes = append(m.Classes, c.tag)
		m.Scripts = append(m.Scripts, c.script)
		m.Alphabet = append(m.Alphabet, Alphabets[c.tag])
	}
	mw := newWeights(len(main))
	var cyr *group
	for _, s := range []core.Script{core.Cyrillic, core.Latin} {
		var idx []int
		for i, c := range main {
			if c.script == s {
				idx = append(idx, i)
			}
		}
		g := newGroup(s, main, idx, nil, rng)
		g.train(nil)
		g.export(mw, idx)
		if s == core.Cyrillic {
			cyr = g
		}
	}
	// tg: its own column against the frozen Cyrillic classes, over their
	// grams and its own.
	all := append(append([]*class{}, main...), tg)
	var idx []int
	for i, c := range all {
		if c.script == core.Cyrillic {
			idx = append(idx, i)
		}
	}
	g := newGroup(core.Cyrillic, all, idx, cyr, rng)
	g.train(cyr)
	tw := newWeights(1)
	g.exportLast(tw)

	write(filepath.Join(*outDir, "model.bin"), m, mw)
	write(filepath.Join(*outDir, "model_tg.bin"), &core.Model{
		Classes: []string{apart}, Scripts: []core.Script{core.Cyrillic}, Alphabet: []string{Alphabets[apart]},
	}, tw)
}

// checkAlphabet warns about letters of a class's text outside its alphabet.
func checkAlphabet(c *class) {
	a := Alphabets[c.tag]
	if a == "" {
		return
	}
	out := map[rune]int{}
	for _, l := range c.lines {
		for _, r := range strings.ToLower(l) {
			if r >= 0x400 && r <= 0x52f && !strings.ContainsRune(a, r) {
				out[r]++
			}
		}
	}
	if len(out) > 0 {
		log.Printf("warning: %s text has letters outside its alphabet: %v", c.tag, out)
	}
}

// weights collects exported weights by gram, for some classes.
type weights struct {
	n    int
	bias []float64
	by   map[string][]float64
}

func newWeights(n int) *weights {
	return &weights{n: n, bias: make([]float64, n), by: map[string][]float64{}}
}

func (w *weights) set(gram string, c int, v float64) {
	row := w.by[gram]
	if row == nil {
		row = make([]float64, w.n)
		w.by[gram] = row
	}
	row[c] = v
}

// write quantises w into m and writes it to path.
func write(path string, m *core.Model, w *weights) {
	big := 0.0
	for _, row := range w.by {
		for _, v := range row {
			big = max(big, math.Abs(v))
		}
	}
	q := *step
	if q == 0 {
		q = big / 127
	}
	m.Step = float32(q)
	m.Bias = make([]float32, w.n)
	for c := range m.Bias {
		m.Bias[c] = float32(w.bias[c])
	}
	m.Values = make([][]int8, w.n)
	for g, row := range w.by {
		var vals [core.MaxClasses]int8
		keep := false
		for c, v := range row {
			k := math.Round(v / q)
			vals[c] = int8(max(-127, min(127, k)))
			keep = keep || vals[c] != 0
		}
		if !keep {
			continue
		}
		m.Grams = append(m.Grams, g)
		for c := range m.Values {
			m.Values[c] = append(m.Values[c], vals[c])
		}
	}
	data, err := m.MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d classes, %d grams, step %.4f, %d bytes\n", path, len(m.Classes), len(m.Grams), q, len(data))
}

// A group is the examples and the weights of the classes of one script.
type group struct {
	script  core.Script
	classes []*class
	cls     []int // indexes into the caller's class list, in column order
	k       int   // columns
	keys    map[uint32]int32
	grams   []string // by feature
	// Examples, flattened: example e has features feat[start[e]:start[e+1]]
	// with counts cnt[...], class label[e] (a column) and weight wt[e].
	start   []int32
	feat    []int32
	cnt     []float32
	label   []uint8
	wt      []float32
	foreign [][]uint8 // by example, per column: letters outside the alphabet
	z, n    []float32 // FTRL state, feature-major, k per feature
	bias    []float64
	bsq     []float64
	frozen  []float64 // by example: the frozen columns' scores (tg phase)
	l1      float64   // the L1 strength train used
	rng     *rand.Rand
}

// newGroup gathers the examples of classes[idx] and their grams. With base
// set, the last class of idx is trained alone against base's frozen
// columns, and base's grams come first.
func newGroup(s core.Script, classes []*class, idx []int, base *group, rng *rand.Rand) *group {
	g := &group{script: s, keys: map[uint32]int32{}, rng: rng}
	for _, i := range idx {
		g.classes = append(g.classes, classes[i])
	}
	g.cls = idx
	g.k = len(idx)
	if base != nil {
		for i, gr := range base.grams {
			g.keys[core.Key([]rune(gr))] = int32(i)
			g.grams = append(g.grams, gr)
		}
	}
	// Grams that occur in at least minLine lines of one class, from the
	// classes being trained only.
	train := g.classes
	if base != nil {
		train = g.classes[len(g.classes)-1:]
	}
	for _, c := range train {
		lines := map[string]int{}
		for _, l := range c.lines {
			seen := map[string]bool{}
			core.Grams(l, s, func(r []rune, _ uint32) {
				if gr := string(r); !seen[gr] {
					seen[gr] = true
					lines[gr]++
				}
			})
		}
		var add []string
		for gr, n := range lines {
			if n >= *minLine {
				add = append(add, gr)
			}
		}
		sort.Strings(add)
		for _, gr := range add {
			k := core.Key([]rune(gr))
			if _, ok := g.keys[k]; !ok {
				g.keys[k] = int32(len(g.grams))
				g.grams = append(g.grams, gr)
			}
		}
	}
	// Examples; every class gets the same total weight.
	g.start = []int32{0}
	tab := alphabetTable(g.classes)
	for col, c := range g.classes {
		ex := examples(c.lines, rng)
		w := float32(1e5 / float64(len(ex)))
		for _, text := range ex {
			g.add(text, col, w, tab)
		}
	}
	g.z = make([]float32, len(g.grams)*g.k)
	g.n = make([]float32, len(g.grams)*g.k)
	g.bias = make([]float64, g.k)
	g.bsq = make([]float64, g.k)
	log.Printf("script %d: %d classes, %d grams, %d examples", s, g.k, len(g.grams), len(g.label))
	return g
}

// alphabetTable returns a core.Table with no grams that holds the classes'
// alphabets, to count letters outside them as langid does.
func alphabetTable(classes []*class) *core.Table {
	m := &core.Model{}
	for _, c := range classes {
		m.Classes = append(m.Classes, c.tag)
		m.Scripts = append(m.Scripts, c.script)
		m.Bias = append(m.Bias, 0)
		m.Alphabet = append(m.Alphabet, Alphabets[c.tag])
		m.Values = append(m.Values, nil)
	}
	t, err := core.NewTable(m)
	if err != nil {
		log.Fatal(err)
	}
	return t
}

// examples cuts lines into training texts: each line, and its runs of 1, 2,
// 3 and 5 words that do not overlap, starting at a random offset.
func examples(lines []string, rng *rand.Rand) []string {
	var out []string
	for _, l := range lines {
		out = append(out, l)
		words := strings.Fields(l)
		for _, n := range []int{1, 2, 3, 5} {
			if len(words) <= n {
				continue
			}
			for i := rng.IntN(n); i+n <= len(words); i += n {
				out = append(out, strings.Join(words[i:i+n], " "))
			}
		}
	}
	return out
}

func (g *group) add(text string, col int, w float32, tab *core.Table) {
	counts := map[int32]float32{}
	core.Grams(text, g.script, func(_ []rune, key uint32) {
		if f, ok := g.keys[key]; ok {
			counts[f]++
		}
	})
	if len(counts) == 0 {
		return
	}
	fs := make([]int32, 0, len(counts))
	for f := range counts {
		fs = append(fs, f)
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i] < fs[j] })
	for _, f := range fs {
		g.feat = append(g.feat, f)
		g.cnt = append(g.cnt, counts[f])
	}
	g.start = append(g.start, int32(len(g.feat)))
	g.label = append(g.label, uint8(col))
	g.wt = append(g.wt, w)
	var scores [core.MaxClasses]float64
	var fr [core.MaxClasses]int
	tab.Score(text, g.script, scores[:], fr[:])
	row := make([]uint8, g.k)
	for c := range row {
		row[c] = uint8(min(fr[c], 255))
	}
	g.foreign = append(g.foreign, row)
}

// weight returns the FTRL weight of coordinate i.
func (g *group) weight(i int, l1 float64) float64 {
	z := float64(g.z[i])
	if math.Abs(z) <= l1 {
		return 0
	}
	sgn := 1.0
	if z < 0 {
		sgn = -1
	}
	return -(z - sgn*l1) / ((1+math.Sqrt(float64(g.n[i])))/(*alpha) + *l2)
}

// train runs FTRL-Proximal over the examples. With base set, only the last
// column is trained and the others keep base's final weights.
func (g *group) train(base *group) {
	l1 := *l1 * 1e5 / float64(len(g.label)/g.k) // per unit of a class's weight
	only := -1
	if base != nil {
		only = g.k - 1
		g.frozen = make([]float64, len(g.label)*(g.k-1))
		for e := range g.label {
			for f := g.start[e]; f < g.start[e+1]; f++ {
				fe := int(g.feat[f])
				if fe >= len(base.grams) {
					continue
				}
				for c := 0; c < g.k-1; c++ {
					g.frozen[e*(g.k-1)+c] += float64(g.cnt[f]) * base.final(fe, c)
				}
			}
			for c := 0; c < g.k-1; c++ {
				g.frozen[e*(g.k-1)+c] += base.bias[c] - *foreign*float64(g.foreign[e][c])
			}
		}
	}
	order := make([]int, len(g.label))
	for i := range order {
		order[i] = i
	}
	w := make([]float64, 0, 256*g.k)
	var scores, p [core.MaxClasses]float64
	for ep := 0; ep < *epochs; ep++ {
		g.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		loss, right, wsum := 0.0, 0, 0.0
		for _, e := range order {
			fs, cs := g.feat[g.start[e]:g.start[e+1]], g.cnt[g.start[e]:g.start[e+1]]
			w = w[:0]
			for c := 0; c < g.k; c++ {
				scores[c] = g.bias[c] - *foreign*float64(g.foreign[e][c])
				if only >= 0 && c != only {
					scores[c] = g.frozen[e*(g.k-1)+c]
				}
			}
			for j, f := range fs {
				for c := 0; c < g.k; c++ {
					if only >= 0 && c != only {
						w = append(w, 0)
						continue
					}
					v := g.weight(int(f)*g.k+c, l1)
					w = append(w, v)
					scores[c] += float64(cs[j]) * v
				}
			}
			best := 0
			for c := 1; c < g.k; c++ {
				if scores[c] > scores[best] {
					best = c
				}
			}
			sum := 0.0
			for c := 0; c < g.k; c++ {
				p[c] = math.Exp(scores[c] - scores[best])
				sum += p[c]
			}
			y := int(g.label[e])
			loss -= math.Log(p[y]/sum) * float64(g.wt[e])
			wsum += float64(g.wt[e])
			if best == y {
				right++
			}
			for c := 0; c < g.k; c++ {
				if only >= 0 && c != only {
					continue
				}
				grad := p[c] / sum
				if c == y {
					grad--
				}
				grad *= float64(g.wt[e])
				g.bsq[c] += grad * grad
				g.bias[c] -= *alpha * grad / math.Sqrt(1+g.bsq[c])
				for j, f := range fs {
					i := int(f)*g.k + c
					gi := grad * float64(cs[j])
					ni := float64(g.n[i])
					sigma := (math.Sqrt(ni+gi*gi) - math.Sqrt(ni)) / *alpha
					g.z[i] += float32(gi - sigma*w[j*g.k+c])
					g.n[i] = float32(ni + gi*gi)
				}
			}
		}
		log.Printf("script %d, epoch %d: loss %.4f, right %.2f%%", g.script, ep+1, loss/wsum, 100*float64(right)/float64(len(order)))
	}
	g.l1 = l1
}

// final returns the trained weight of feature f for column c.
func (g *group) final(f, c int) float64 { return g.weight(f*g.k+c, g.l1) }

// export copies the group's weights and biases into w, column c of the
// group going to class idx[c].
func (g *group) export(w *weights, idx []int) {
	for c, i := range idx {
		w.bias[i] = g.bias[c]
	}
	for f, gr := range g.grams {
		for c, i := range idx {
			if v := g.final(f, c); v != 0 {
				w.set(gr, i, v)
			}
		}
	}
}

// exportLast copies the last column's weights and bias into w's class 0.
func (g *group) exportLast(w *weights) {
	c := g.k - 1
	w.bias[0] = g.bias[c]
	for f, gr := range g.grams {
		if v := g.final(f, c); v != 0 {
			w.set(gr, 0, v)
		}
	}
}
