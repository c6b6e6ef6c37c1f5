// Command train builds the langid model from the shared training text.
//
// It reads ../shared/langid/train/<code>.txt, holds out every tenth line for
// development (see package corpus), transliterates the Kazakh lines into Latin
// spellings for the kk-Latn class, counts character n-grams per class, keeps
// the grams that tell classes apart best, and writes two model files:
//
//	model.bin     every class but tg
//	model_tg.bin  tg alone, trained only on CC BY-SA 4.0 text
//
// tg is kept apart so that the main file owes nothing to its ShareAlike
// licence: no statistic of the main file depends on tg text.
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
	"os"
	"path/filepath"
	"sort"

	"belgi/langid/internal/core"
	"belgi/langid/internal/corpus"
)

// apart names the class written to a file of its own.
const apart = "tg"

var (
	dataDir  = flag.String("data", "", "folder of the training files (default ../shared/langid/train)")
	outDir   = flag.String("out", ".", "folder to write model.bin and model_tg.bin to")
	perClass = flag.Int("k", 3000, "grams kept per class")
	alpha    = flag.Float64("alpha", 0.1, "additive smoothing")
	step     = flag.Float64("step", 0.2, "quantum of stored weights, in nats")
	minCount = flag.Int("min", 2, "least count of a gram in a class for that class to keep it")
)

// class is one class's counts.
type class struct {
	tag    string
	script core.Script
	counts map[string]int
	total  [core.MaxOrder]int
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
	codes := append(append([]string{}, corpus.Codes...), corpus.LatinKazakh)
	var classes []*class
	for _, code := range codes {
		sp, err := corpus.Load(dir, code)
		if err != nil {
			log.Fatal(err)
		}
		c := &class{tag: code, script: core.Cyrillic, counts: map[string]int{}}
		if code == "en" || code == corpus.LatinKazakh {
			c.script = core.Latin
		}
		for _, line := range sp.Train {
			core.Grams(line, c.script, func(g []rune, _ uint32) {
				c.counts[string(g)]++
				c.total[len(g)-1]++
			})
		}
		classes = append(classes, c)
	}

	// The vocabulary size per order, for smoothing, from the main classes
	// only so that the main file does not depend on tg.
	var vocab [core.MaxOrder]int
	all := map[string]bool{}
	for _, c := range classes {
		if c.tag == apart {
			continue
		}
		for g := range c.counts {
			if !all[g] {
				all[g] = true
				vocab[len([]rune(g))-1]++
			}
		}
	}
	logp := func(c *class, n int, o int) float64 {
		return math.Log((float64(n) + *alpha) / (float64(c.total[o-1]) + *alpha*float64(vocab[o-1])))
	}

	var main, rest []*class
	for _, c := range classes {
		if c.tag == apart {
			rest = append(rest, c)
		} else {
			main = append(main, c)
		}
	}
	mainGrams := selectGrams(main, main, logp)
	// Every letter a main class has seen is listed, so that tg's own letters
	// (ӣ ӯ ҳ ҷ) can be scored against the main classes' floors.
	tgGrams := map[string]bool{}
	for _, g := range mainGrams {
		tgGrams[g] = true
	}
	// tg's own grams join only when no main class has a weight of its own
	// for them, as the main classes score them at their floor.
	for _, g := range selectGrams(rest, main, logp) {
		if !tgGrams[g] && !seenBy(main, g) {
			tgGrams[g] = true
		}
	}
	write(filepath.Join(*outDir, "model.bin"), main, mainGrams, logp)
	var tg []string
	for g := range tgGrams {
		if rest[0].counts[g] > 0 {
			tg = append(tg, g)
		}
	}
	write(filepath.Join(*outDir, "model_tg.bin"), rest, tg, logp)
}

// selectGrams returns, for each class in pick, the grams of that class whose
// expected log-likelihood ratio against the pooled classes of its script in
// pool is highest, and every letter.
func selectGrams(pick, pool []*class, logp func(*class, int, int) float64) []string {
	keep := map[string]bool{}
	for _, c := range pick {
		type scored struct {
			g string
			v float64
		}
		var cand []scored
		for g, n := range c.counts {
			o := len([]rune(g))
			if o == 1 {
				keep[g] = true
				continue
			}
			if n < *minCount {
				continue
			}
			// Pooled probability of g in the other classes of the script.
			var num, den float64
			for _, d := range pool {
				if d == c || d.script != c.script {
					continue
				}
				num += float64(d.counts[g])
				den += float64(d.total[o-1])
			}
			p := float64(n) / float64(c.total[o-1])
			rest := (num + *alpha) / (den + *alpha*1e5)
			v := p * (math.Log(p) - math.Log(rest))
			if v > 0 {
				cand = append(cand, scored{g, v})
			}
		}
		sort.Slice(cand, func(i, j int) bool {
			if cand[i].v != cand[j].v {
				return cand[i].v > cand[j].v
			}
			return cand[i].g < cand[j].g
		})
		for i := 0; i < len(cand) && i < *perClass; i++ {
			keep[cand[i].g] = true
		}
	}
	return keys(keep)
}

// seenBy reports whether any of classes has seen g.
func seenBy(classes []*class, g string) bool {
	for _, c := range classes {
		if c.counts[g] > 0 {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// write stores the weights of classes for grams in a model file.
func write(path string, classes []*class, grams []string, logp func(*class, int, int) float64) {
	m := &core.Model{Step: float32(*step), Grams: grams}
	for _, c := range classes {
		m.Classes = append(m.Classes, c.tag)
		m.Scripts = append(m.Scripts, c.script)
		var fl [core.MaxOrder]float32
		for o := range fl {
			fl[o] = float32(logp(c, 0, o+1))
		}
		m.Floors = append(m.Floors, fl)
		vals := make([]uint8, len(grams))
		for i, g := range grams {
			n := c.counts[g]
			if n == 0 {
				continue
			}
			o := len([]rune(g))
			q := math.Round((logp(c, n, o) - float64(fl[o-1])) / *step)
			vals[i] = uint8(max(1, min(255, q)))
		}
		m.Values = append(m.Values, vals)
	}
	data, err := m.MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d classes, %d grams, %d bytes\n", path, len(classes), len(grams), len(data))
}
