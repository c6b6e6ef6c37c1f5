// Command eval scores the cleaner on the page dumps and HTML pages in
// clean/testdata against their gold article text, and times it on a 20 KB
// page. It is run by `make bench` as `go run ./clean/internal/eval`.
//
// Score: bag-of-tokens F1 between the kept text and the gold text, tokens
// split on white space. Files in testdata/tune were used to tune the rules;
// files in testdata/heldout and testdata/heldout2 were not, and are
// reported apart (heldout2 was written after a first look at heldout). When
// ../shared/seeds is present it also reports, for each seed, kept and
// dropped line counts and the F1 against the gold line numbers in
// testdata/seeds.gold.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"belgi/clean"
	"belgi/internal/shared"
)

func main() {
	verbose := flag.Bool("v", false, "print the lines that differ from gold")
	flag.Parse()
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
	td := filepath.Join(root, "clean", "testdata")
	for _, set := range []string{"tune", "heldout", "heldout2"} {
		evalSet(filepath.Join(td, set), "text/"+set, false, *verbose)
	}
	for _, set := range []string{"tune", "heldout"} {
		evalSet(filepath.Join(td, "html", set), "html/"+set, true, *verbose)
	}
	seeds(td)
	speed(td)
}

// score is a bag-of-tokens comparison.
type score struct{ tp, kept, gold int }

func (s score) f1() float64 {
	if s.kept == 0 && s.gold == 0 {
		return 1
	}
	if s.kept+s.gold == 0 {
		return 0
	}
	return 2 * float64(s.tp) / float64(s.kept+s.gold)
}

func (s score) p() float64 { return ratio(s.tp, s.kept) }
func (s score) r() float64 { return ratio(s.tp, s.gold) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// compare returns the token-level multiset overlap of kept and gold.
func compare(kept, gold string) score {
	bag := map[string]int{}
	g := strings.Fields(gold)
	for _, t := range g {
		bag[t]++
	}
	k := strings.Fields(kept)
	tp := 0
	for _, t := range k {
		if bag[t] > 0 {
			bag[t]--
			tp++
		}
	}
	return score{tp: tp, kept: len(k), gold: len(g)}
}

func evalSet(dir, name string, html, verbose bool) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if html {
		files, _ = filepath.Glob(filepath.Join(dir, "*.html"))
	}
	var all []float64
	byLang := map[string][]float64{}
	fmt.Printf("== %s\n", name)
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
		var r clean.Result
		if html {
			r, err = clean.HTML(string(raw))
			if err != nil {
				fmt.Printf("  %-32s error: %v\n", filepath.Base(f), err)
				continue
			}
		} else {
			r = clean.Text(string(raw))
		}
		s := compare(r.Text, string(gold))
		kept := 0
		for _, l := range r.Lines {
			if l.Keep {
				kept++
			}
		}
		fmt.Printf("  %-32s F1 %.3f  P %.3f  R %.3f  lines kept %d/%d\n", filepath.Base(f), s.f1(), s.p(), s.r(), kept, len(r.Lines))
		if verbose {
			diff(r.Text, string(gold))
		}
		lang := strings.SplitN(filepath.Base(f), "_", 2)[0]
		all = append(all, s.f1())
		byLang[lang] = append(byLang[lang], s.f1())
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		fmt.Printf("  mean F1 %-4s %.3f  (%d files)\n", l, mean(byLang[l]), len(byLang[l]))
	}
	fmt.Printf("  mean F1 all  %.3f  (%d files)\n", mean(all), len(all))
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
			fmt.Printf("      - missed: %.90s\n", l)
		}
	}
	for _, l := range strings.Split(kept, "\n") {
		if !g[l] {
			fmt.Printf("      + extra:  %.90s\n", l)
		}
	}
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

// seeds reports on the real page dumps in ../shared/seeds, if present.
func seeds(td string) {
	root := shared.Root()
	if root == "" {
		fmt.Println("== seeds: ../shared is absent, skipped")
		return
	}
	dir := filepath.Join(root, "seeds")
	if _, err := os.Stat(dir); err != nil {
		fmt.Println("== seeds: ../shared/seeds is absent, skipped")
		return
	}
	gold := readSeedGold(filepath.Join(td, "seeds.gold"))
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	fmt.Println("== seeds (real dumps; gold = line numbers in testdata/seeds.gold)")
	var f1s []float64
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		r := clean.Text(string(raw))
		kept := 0
		for _, l := range r.Lines {
			if l.Keep {
				kept++
			}
		}
		line := fmt.Sprintf("  %-28s lines kept %d, dropped %d", filepath.Base(f), kept, len(r.Lines)-kept)
		if g, ok := gold[filepath.Base(f)]; ok {
			lines := strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n")
			var gt []string
			for _, n := range g {
				if n-1 < len(lines) {
					gt = append(gt, lines[n-1])
				}
			}
			s := compare(r.Text, strings.Join(gt, "\n"))
			line += fmt.Sprintf("  F1 %.3f  P %.3f  R %.3f", s.f1(), s.p(), s.r())
			f1s = append(f1s, s.f1())
		}
		fmt.Println(line)
	}
	if len(f1s) > 0 {
		fmt.Printf("  mean F1 seeds %.3f  (%d files)\n", mean(f1s), len(f1s))
	}
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

// speed times Text on the 20 KB page testdata/page20k.txt.
func speed(td string) {
	raw, err := os.ReadFile(filepath.Join(td, "page20k.txt"))
	if err != nil {
		fmt.Println("== speed: testdata/page20k.txt missing")
		return
	}
	page := string(raw)
	r := testing.Benchmark(func(b *testing.B) {
		for b.Loop() {
			clean.Text(page)
		}
	})
	fmt.Printf("== speed: Text on a %d-byte page: %d ns/op (%.2f ms), %d B/op, %d allocs/op\n",
		len(page), r.NsPerOp(), float64(r.NsPerOp())/1e6, r.AllocedBytesPerOp(), r.AllocsPerOp())
	if html, err := os.ReadFile(filepath.Join(td, "html", "tune", "ru_news.html")); err == nil {
		h := string(html)
		r := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				clean.HTML(h)
			}
		})
		fmt.Printf("== speed: HTML on a %d-byte page: %d ns/op (%.2f ms)\n", len(h), r.NsPerOp(), float64(r.NsPerOp())/1e6)
	}
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		p := filepath.Dir(dir)
		if p == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = p
	}
}
