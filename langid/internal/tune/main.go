// Command tune sweeps the decision parameters of langid (domain prior,
// abstention threshold, temperature) over a development set and prints the
// figures the README targets for each setting. It scores every item once and
// then replays the decision, so a sweep takes seconds.
//
// Usage (from the module root):
//
//	go run ./langid/internal/tune -data DIR -set dev-ntrex
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"strings"

	"belgi/langid/internal/core"
	"belgi/langid/internal/evalset"
)

var (
	dataDir  = flag.String("data", os.Getenv(evalset.EnvData), "root folder of the evaluation sets")
	setName  = flag.String("set", "dev-ntrex", "development set to tune on (never a held-out one)")
	models   = flag.String("models", "langid", "folder of model.bin and model_tg.bin")
	miss     = flag.String("miss", "", "print the misses of CODE:N at -boost instead of sweeping")
	boostF   = flag.Float64("boost", 0, "domain prior for -miss")
	foreignF = flag.Float64("foreign", 6, "alphabet penalty")
	temps    = flag.String("temps", "3", "temperatures to sweep")
	boosts   = flag.String("boosts", "0,2,4,6,8,12", "domain priors to sweep")
	ths      = flag.String("ths", "0,0.5,0.7,0.8,0.9", "abstention thresholds to sweep")
)

// item is one scored text.
type item struct {
	text    string
	want    string
	words   int // 0 for a sentence
	letters int
	scores  []float64 // by class; nil when undetermined
}

func main() {
	log.SetFlags(0)
	flag.Parse()
	var ms []*core.Model
	for _, n := range []string{"model.bin", "model_tg.bin"} {
		data, err := os.ReadFile(filepath.Join(*models, n))
		if err != nil {
			log.Fatal(err)
		}
		m := new(core.Model)
		if err := m.UnmarshalBinary(data); err != nil {
			log.Fatal(err)
		}
		ms = append(ms, m)
	}
	t, err := core.NewTable(ms...)
	if err != nil {
		log.Fatal(err)
	}
	sets, err := evalset.Find(*dataDir, []string{*setName})
	if err != nil {
		log.Fatal(err)
	}
	s := sets[0]
	if s.HeldOut {
		log.Fatal("refusing to tune on a held-out set")
	}
	var items []item
	score := func(text, want string, words int) {
		it := item{text: text, want: want, words: words}
		var scores [core.MaxClasses]float64
		sc, n, ok := t.Scores(text, nil, core.Params{Tau: 1, Temp: 1, Foreign: *foreignF}, scores[:])
		it.letters = n
		if ok {
			it.scores = make([]float64, len(t.Classes))
			for i := range it.scores {
				it.scores[i] = math.Inf(-1)
			}
			for _, c := range t.ClassesOf(sc) {
				it.scores[c] = scores[c]
			}
		}
		items = append(items, it)
	}
	for _, code := range s.Codes() {
		for _, l := range s.Lines[code] {
			score(l, code, 0)
		}
		for n := 1; n <= evalset.MaxWords; n++ {
			for _, sn := range evalset.Snippets(s.Lines[code], n) {
				score(sn, code, n)
			}
		}
	}
	log.Printf("%d items scored", len(items))
	idx := map[string]int{}
	for i, c := range t.Classes {
		idx[c] = i
	}
	if *miss != "" {
		var code string
		var n int
		fmt.Sscanf(strings.Replace(*miss, ":", " ", 1), "%s %d", &code, &n)
		for _, it := range items {
			if it.want != code || it.words != n {
				continue
			}
			if got := decide(it, t.Classes, idx, *boostF, 50, 1, 0); got != code {
				fmt.Printf("%s→%s\t%s\n", code, got, it.text)
			}
		}
		return
	}
	for _, boost := range floats(*boosts) {
		for _, tau := range []float64{50} {
			for _, temp := range floats(*temps) {
				for _, th := range floats(*ths) {
					run(items, t.Classes, idx, boost, tau, temp, th)
				}
			}
		}
	}
}

func floats(s string) []float64 {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		var v float64
		fmt.Sscanf(f, "%g", &v)
		out = append(out, v)
	}
	return out
}

func decide(it item, classes []string, idx map[string]int, boost, tau, temp, th float64) string {
	b := make([]float64, len(classes))
	for _, c := range []string{"kk", "ru", "en"} {
		b[idx[c]] = boost
	}
	label := "und"
	if it.scores != nil {
		fade := tau / (tau + float64(it.letters))
		best, bs := -1, math.Inf(-1)
		for c, s := range it.scores {
			if s+b[c]*fade > bs {
				best, bs = c, s+b[c]*fade
			}
		}
		sum := 0.0
		for c, s := range it.scores {
			if !math.IsInf(s, -1) {
				sum += math.Exp((s + b[c]*fade - bs) / temp)
			}
		}
		if 1/sum >= th {
			label = classes[best]
		}
	}
	return label
}

func run(items []item, classes []string, idx map[string]int, boost, tau, temp, th float64) {
	rep := &evalset.Report{Set: &evalset.Set{Name: "tune"}, Sentences: map[string]evalset.Tally{}}
	for n := 1; n <= evalset.MaxWords; n++ {
		rep.Snippets[n] = map[string]evalset.Tally{}
	}
	for _, it := range items {
		label := decide(it, classes, idx, boost, tau, temp, th)
		m := rep.Sentences
		if it.words > 0 {
			m = rep.Snippets[it.words]
		}
		tl := m[it.want]
		evalset.AddTo(&tl, label)
		m[it.want] = tl
	}
	if !headed {
		headed = true
		for i, c := range rep.Checks() {
			fmt.Printf("  col %2d: %s\n", i+1, c.What)
		}
	}
	fmt.Printf("boost %4.1f tau %3.0f temp %3.1f th %.2f:", boost, tau, temp, th)
	for _, c := range rep.Checks() {
		fmt.Printf(" %s", shortCheck(c))
	}
	fmt.Println()
}

var headed bool

func shortCheck(c evalset.Check) string {
	mark := ""
	if !c.Met() {
		mark = "!"
	}
	return fmt.Sprintf("%.1f%s", 100*c.Value, mark)
}
