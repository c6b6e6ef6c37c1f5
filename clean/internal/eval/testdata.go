//go:build !wasm

package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"belgi/clean"
	"belgi/clean/internal/score"
)

// A tally gathers per-page scores of one set.
type tally struct {
	f1, p, r []float64
	empty    int
	low      int // results marked low-confidence
}

func (t *tally) add(c score.Counts, r clean.Result) {
	t.f1 = append(t.f1, c.F1())
	t.p = append(t.p, c.P())
	t.r = append(t.r, c.R())
	if strings.TrimSpace(r.Text) == "" {
		t.empty++
	}
	if r.LowConfidence() {
		t.low++
	}
}

func (t *tally) String() string {
	return fmt.Sprintf("F1 %.3f  P %.3f  R %.3f  (%d pages; empty results %d; low confidence %d)",
		mean(t.f1), mean(t.p), mean(t.r), len(t.f1), t.empty, t.low)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// testdata scores the project's own dumps and pages. All of them were tuned
// on.
func testdata(td string) {
	fmt.Println("== clean/testdata: invented dumps and pages; every folder was tuned on (development data)")
	for _, set := range []string{"tune", "dev1", "dev2", "html/tune", "html/dev1"} {
		evalSet(filepath.Join(td, set), set)
	}
}

func evalSet(dir, name string) {
	html := strings.HasPrefix(name, "html/")
	pattern := "*.txt"
	if html {
		pattern = "*.html"
	}
	files, _ := filepath.Glob(filepath.Join(dir, pattern))
	all := &tally{}
	byLang := map[string]*tally{}
	for _, f := range files {
		if strings.HasSuffix(f, ".gold.txt") {
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(f, ".txt"), ".html")
		gold, err := os.ReadFile(base + ".gold.txt")
		if err != nil {
			continue
		}
		raw, _ := os.ReadFile(f)
		r, err := cleanPage(string(raw), html)
		if err != nil {
			fmt.Printf("  %-32s error: %v\n", filepath.Base(f), err)
			continue
		}
		c := score.Tokens(r.Text, string(gold), "")
		if *verbose {
			fmt.Printf("  %-32s F1 %.3f  P %.3f  R %.3f\n", filepath.Base(f), c.F1(), c.P(), c.R())
			diff(r.Text, string(gold))
		}
		lang := strings.SplitN(filepath.Base(f), "_", 2)[0]
		all.add(c, r)
		if byLang[lang] == nil {
			byLang[lang] = &tally{}
		}
		byLang[lang].add(c, r)
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var per []string
	for _, l := range langs {
		per = append(per, fmt.Sprintf("%s %.3f", l, mean(byLang[l].f1)))
	}
	fmt.Printf("  %-10s %s; by language: %s\n", name, all, strings.Join(per, ", "))
}

func cleanPage(raw string, html bool) (clean.Result, error) {
	if html {
		return clean.HTML(raw)
	}
	return clean.Text(raw), nil
}

// diff prints kept lines missing from gold and gold lines not kept.
func diff(kept, gold string) {
	k := map[string]bool{}
	for _, l := range strings.Split(kept, "\n") {
		k[l] = true
	}
	g := map[string]bool{}
	for _, l := range strings.Split(gold, "\n") {
		if l == "" {
			continue
		}
		g[l] = true
		if !k[l] {
			fmt.Printf("      - missed: %.100s\n", l)
		}
	}
	for _, l := range strings.Split(kept, "\n") {
		if !g[l] && l != "" {
			fmt.Printf("      + extra:  %.100s\n", l)
		}
	}
}

// seeds reports on the real page dumps in ../shared/seeds, if present.
func seeds(td string) {
	dir := sharedDir("seeds")
	if dir == "" {
		return
	}
	gold := readSeedGold(filepath.Join(td, "seeds.gold"))
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	fmt.Println("== ../shared/seeds: three real ru/kk dumps, looked at while tuning (development data); gold = line numbers in testdata/seeds.gold")
	t := &tally{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		g, ok := gold[filepath.Base(f)]
		if !ok {
			continue
		}
		r := clean.Text(string(raw))
		c := score.Tokens(r.Text, seedGold(string(raw), g), "")
		t.add(c, r)
		fmt.Printf("  %-28s F1 %.3f  P %.3f  R %.3f\n", filepath.Base(f), c.F1(), c.P(), c.R())
		if *verbose {
			diff(r.Text, seedGold(string(raw), g))
		}
	}
	fmt.Printf("  seeds      %s\n", t)
}

// seedGold joins the gold lines of a seed.
func seedGold(raw string, lines []int) string {
	all := strings.Split(strings.ReplaceAll(raw, "\r\n", "\n"), "\n")
	var gt []string
	for _, n := range lines {
		if n-1 < len(all) {
			gt = append(gt, all[n-1])
		}
	}
	return strings.Join(gt, "\n")
}

// readSeedGold reads "FILE 1,3-9" lines.
func readSeedGold(path string) map[string][]int {
	out := map[string][]int{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 2 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		var ns []int
		for _, part := range strings.Split(fs[1], ",") {
			a, b, ok := strings.Cut(part, "-")
			lo, _ := strconv.Atoi(a)
			hi := lo
			if ok {
				hi, _ = strconv.Atoi(b)
			}
			for n := lo; n <= hi; n++ {
				ns = append(ns, n)
			}
		}
		out[fs[0]] = ns
	}
	return out
}
