// Command eval measures the langid model on real text that it was not
// trained on: the evaluation sets under the folder named by -data or by
// BELGI_LANGID_DATA (see package evalset for their layout). For each set it
// prints what the set is, whether it was tuned on (development) or not
// (held-out), the README's figures with their targets, and per language the
// share right and the commonest wrong labels, for sentences and for 1- to
// 3-word snippets. It then prints the calibration of Confidence, how
// Document labels the lines of made-up mixed documents, the model size and
// the speed.
//
// Held-out sets are scored only with -heldout: they must be scored once, after
// all tuning is done. Without evaluation data it prints "skipped: no
// evaluation data" and exits 0, so that make bench runs on a fresh clone.
//
// Usage (from the module root, as make bench runs it):
//
//	go run ./langid/internal/eval [-data DIR] [-sets a,b] [-heldout] [-show SET:CODE:N]
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

	"belgi/langid"
	"belgi/langid/internal/evalset"
)

var (
	dataDir = flag.String("data", "", "root folder of the evaluation sets (default $"+evalset.EnvData+")")
	sets    = flag.String("sets", "", "comma-separated names of the sets to score (default all)")
	heldout = flag.Bool("heldout", false, "score held-out sets too (once, after all tuning)")
	show    = flag.String("show", "", "print the misjudged items of SET:CODE:N (N = 0 for sentences, 1-3 for snippets)")
)

// Code returns the class code of a judgement, as the sets name files.
func Code(r langid.Result) string {
	if r.Tag.String() == "uz-Cyrl" {
		return "uz"
	}
	return r.Tag.String()
}

func detect(text string) string { return Code(langid.Detect(text)) }

func main() {
	log.SetFlags(0)
	log.SetPrefix("eval: ")
	flag.Parse()
	root := *dataDir
	if root == "" {
		root = os.Getenv(evalset.EnvData)
	}
	fmt.Println("== language identification")
	if root == "" {
		fmt.Printf("langid eval: skipped: no evaluation data (set -data or %s)\n", evalset.EnvData)
		printSize()
		return
	}
	var only []string
	if *sets != "" {
		only = strings.Split(*sets, ",")
	}
	all, err := evalset.Find(root, only)
	if errors.Is(err, evalset.ErrNoData) {
		fmt.Printf("langid eval: skipped: no evaluation data under %s\n", root)
		printSize()
		return
	}
	if err != nil {
		log.Fatal(err)
	}
	var dev *evalset.Set
	for _, s := range all {
		if s.HeldOut && !*heldout {
			fmt.Printf("Set %s: held-out, not scored (run with -heldout once, after all tuning)\n\n", s.Name)
			continue
		}
		r := evalset.Measure(s, detect, nil)
		r.Print(os.Stdout)
		fmt.Println()
		if *show != "" {
			showMisses(s)
		}
		if dev == nil && !s.HeldOut && len(s.Lines["kk"]) > 0 && len(s.Lines["ru"]) > 0 {
			dev = s
		}
	}
	if dev != nil {
		printDocuments(dev)
	}
	printSize()
	if dev != nil {
		printSpeed(dev)
	}
}

// showMisses prints the items of -show that Detect gets wrong.
func showMisses(s *evalset.Set) {
	parts := strings.Split(*show, ":")
	if len(parts) != 3 || parts[0] != s.Name {
		return
	}
	code := parts[1]
	var n int
	fmt.Sscanf(parts[2], "%d", &n)
	items := s.Lines[code]
	if n > 0 {
		items = evalset.Snippets(items, n)
	}
	for _, it := range items {
		r := langid.Detect(it)
		if got := Code(r); got != code {
			fmt.Printf("  %s→%s %.2f\t%s\n", code, got, r.Confidence, it)
		}
	}
}

// printDocuments judges made-up documents: runs of six sentences of kk or ru
// with, mixed in, a sentence of the other one, two short lines (1 to 3
// words) of the document's language and one short line of the other. It
// reports how often Document gets the dominant language and each kind of
// line right.
func printDocuments(s *evalset.Set) {
	type tally struct{ ok, n int }
	var docs, own, foreign, ownShort, foreignShort tally
	add := func(t *tally, ok bool) {
		t.n++
		if ok {
			t.ok++
		}
	}
	other := map[string]string{"kk": "ru", "ru": "kk"}
	for _, code := range []string{"kk", "ru"} {
		o := other[code]
		lines, olines := s.Lines[code], s.Lines[o]
		for d := 0; (d+1)*6 <= len(lines) && d+1 < len(olines); d++ {
			doc := lines[d*6 : d*6+6]
			// Short lines come from sentences of the previous document, so
			// they are not parts of lines of this one.
			short := cut(lines[(d*6+len(lines)-6)%len(lines)], 1+d%3)
			short2 := cut(lines[(d*6+len(lines)-5)%len(lines)], 1+(d+1)%3)
			oshort := cut(olines[d+1], 1+d%3)
			if short == "" || short2 == "" || oshort == "" {
				continue
			}
			parts := []string{short, doc[0], doc[1], olines[d], doc[2], oshort, doc[3], short2, doc[4], doc[5]}
			want := []string{code, code, code, o, code, o, code, code, code, code}
			kinds := []*tally{&ownShort, &own, &own, &foreign, &own, &foreignShort, &own, &ownShort, &own, &own}
			res, paras := langid.Document(strings.Join(parts, "\n"))
			add(&docs, Code(res) == code)
			for i, p := range paras {
				add(kinds[i], Code(p.Result) == want[i])
			}
		}
	}
	fmt.Printf("Documents made from set %s (%s): 6 sentences of kk or ru + 1 sentence of the other + 2 short lines of its own + 1 of the other:\n", s.Name, s.Kind())
	for _, r := range []struct {
		name string
		t    tally
	}{
		{"dominant language", docs},
		{"own sentences", own},
		{"own short lines (1-3 words)", ownShort},
		{"foreign sentences", foreign},
		{"foreign short lines (1-3 words)", foreignShort},
	} {
		fmt.Printf("  %-32s %6.2f %% (%d/%d)\n", r.name, 100*float64(r.t.ok)/float64(max(1, r.t.n)), r.t.ok, r.t.n)
	}
	fmt.Println()
}

// cut returns n tokens from the middle of line, or "".
func cut(line string, n int) string {
	s := evalset.Snippets([]string{line}, n)
	if len(s) == 0 {
		return ""
	}
	return s[len(s)/2]
}

// printSize reports the size of the embedded model files, read from the
// langid folder of the module that holds the working directory.
func printSize() {
	dir, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			fmt.Println("Model size: unknown (run from inside the module)")
			return
		}
		dir = filepath.Dir(dir)
	}
	var all []byte
	fmt.Println("Model size (brotli -q 11, as make sizes measures):")
	for _, name := range []string{"model.bin", "model_tg.bin"} {
		data, err := os.ReadFile(filepath.Join(dir, "langid", name))
		if err != nil {
			log.Fatal(err)
		}
		all = append(all, data...)
		fmt.Printf("  %-13s %7d bytes raw, %7d brotli\n", name, len(data), brotliSize(data))
	}
	fmt.Printf("  %-13s %7d bytes raw, %7d brotli (%.1f KB; target ≤ 200 KB)\n", "together", len(all), brotliSize(all), float64(brotliSize(all))/1024)
}

func brotliSize(data []byte) int {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotli.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// printSpeed times Detect over the sentences of s on one goroutine.
func printSpeed(s *evalset.Set) {
	var lines []string
	for _, code := range s.Codes() {
		lines = append(lines, s.Lines[code]...)
	}
	langid.Detect("warm up") // loads the model
	n := 0
	start := time.Now()
	for time.Since(start) < 2*time.Second {
		for _, l := range lines {
			langid.Detect(l)
		}
		n += len(lines)
	}
	el := time.Since(start)
	chars := 0
	for _, l := range lines {
		chars += len([]rune(l))
	}
	fmt.Printf("\nSpeed: %.0f sentences/s on one goroutine (Detect over the sentences of set %s, mean %.0f chars; target ≥ 20,000)\n",
		float64(n)/el.Seconds(), s.Name, float64(chars)/float64(len(lines)))
}
