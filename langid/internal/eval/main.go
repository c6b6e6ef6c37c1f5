// Command eval measures the langid model on the development split of the
// shared training text: the lines that the trainer holds out (see package
// corpus). It prints per-language accuracy, snippet accuracy, the look-alike
// confusion rates, Latin-script Kazakh accuracy per spelling, the confusion
// matrix, the model size raw and brotli-compressed, and the speed.
//
// It skips, with a message and exit status 0, when ../shared is absent.
//
// Usage (from the module root, as make bench runs it):
//
//	go run ./langid/internal/eval [-show CODE]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/andybalholm/brotli"
	"golang.org/x/text/language"

	"belgi/langid"
	"belgi/langid/internal/corpus"
	"belgi/langid/internal/translit"
)

var show = flag.String("show", "", "print the misjudged development lines of this class (CODE), or snippets (CODE-1, CODE-2, CODE-3)")

// calib collects (confidence, correct) pairs of every judgement made.
var calib []struct {
	conf float64
	ok   bool
}

// detect is langid.Detect that records its calibration and returns the
// class code.
func detect(text, want string) string {
	r := langid.Detect(text)
	got := code2(r.Tag)
	calib = append(calib, struct {
		conf float64
		ok   bool
	}{r.Confidence, got == want})
	return got
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("eval: ")
	flag.Parse()
	dir := corpus.Dir()
	if dir == "" {
		fmt.Println("langid eval: skipped: ../shared/langid/train is absent")
		return
	}
	dev := map[string][]string{}
	for _, code := range corpus.Codes {
		s, err := corpus.Load(dir, code)
		if err != nil {
			log.Fatal(err)
		}
		dev[code] = s.Dev
	}
	codes := append(append([]string{}, corpus.Codes...), corpus.LatinKazakh)
	latin := map[translit.Spelling][]string{}
	for _, sp := range translit.Spellings {
		for _, l := range dev["kk"] {
			latin[sp] = append(latin[sp], translit.Latin(l, sp))
		}
		dev[corpus.LatinKazakh] = append(dev[corpus.LatinKazakh], latin[sp]...)
	}

	// Sentences, judged alone.
	confusion := map[string]map[string]int{}
	fmt.Println("Development split: every 10th line of ../shared/langid/train, never trained on.")
	fmt.Println("\nSentences, Detect (domain prior kk/ru/en):")
	for _, code := range codes {
		confusion[code] = map[string]int{}
		for _, l := range dev[code] {
			got := detect(l, code)
			confusion[code][got]++
			if *show == code && got != code {
				fmt.Printf("  %s→%s\t%s\n", code, got, l)
			}
		}
		n := len(dev[code])
		fmt.Printf("  %-8s %6.2f%%  (%d/%d)\n", code, pct(confusion[code][code], n), confusion[code][code], n)
	}

	fmt.Println("\nLatin-script Kazakh by spelling (labelled kk-Latn):")
	for _, sp := range translit.Spellings {
		ok := 0
		for _, l := range latin[sp] {
			if code2(langid.Detect(l).Tag) == corpus.LatinKazakh {
				ok++
			}
		}
		fmt.Printf("  %-11s %6.2f%%  (%d/%d)\n", sp, pct(ok, len(latin[sp])), ok, len(latin[sp]))
	}

	fmt.Println("\nLook-alikes (sentences):")
	for _, g := range []struct {
		to   string
		from []string
	}{
		{"kk", []string{"ky", "tt", "ba", "mn", "tg", "uz"}},
		{"ru", []string{"uk", "be", "bg", "sr", "mk"}},
	} {
		bad, n := 0, 0
		var parts []string
		for _, c := range g.from {
			bad += confusion[c][g.to]
			n += len(dev[c])
			parts = append(parts, fmt.Sprintf("%s %.2f%%", c, pct(confusion[c][g.to], len(dev[c]))))
		}
		fmt.Printf("  labelled %s: %.2f%% (%d/%d): %s\n", g.to, pct(bad, n), bad, n, strings.Join(parts, ", "))
	}

	fmt.Println("\nSnippets of held-out kk/ru/en sentences, Detect alone:")
	for words := 1; words <= 3; words++ {
		var parts []string
		okAll, nAll := 0, 0
		for _, code := range []string{"kk", "ru", "en"} {
			ok, n := 0, 0
			for _, s := range snippets(dev[code], words) {
				got := detect(s, code)
				if got == code {
					ok++
				} else if *show == code+"-"+fmt.Sprint(words) {
					fmt.Printf("  %s→%s\t%s\n", code, got, s)
				}
				n++
			}
			okAll += ok
			nAll += n
			parts = append(parts, fmt.Sprintf("%s %.2f%% (%d)", code, pct(ok, n), n))
		}
		fmt.Printf("  %d word(s): %.2f%%: %s\n", words, pct(okAll, nAll), strings.Join(parts, ", "))
	}

	printCalibration()
	printDocuments(dev)
	printConfusion(codes, confusion)
	printSize()
	printSpeed(dev)
}

// code2 returns the class code of a tag, as the corpus names classes.
func code2(t language.Tag) string {
	switch t.String() {
	case "uz-Cyrl":
		return "uz"
	}
	return t.String()
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// snippets cuts every run of n consecutive tokens from lines. Tokens are made
// as the held-out set's builder makes them: whitespace words, outer
// punctuation stripped, tokens without letters dropped, case-folded.
func snippets(lines []string, n int) []string {
	var out []string
	for _, l := range lines {
		var toks []string
		for _, f := range strings.Fields(l) {
			f = strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if strings.IndexFunc(f, unicode.IsLetter) < 0 {
				continue
			}
			toks = append(toks, strings.ToLower(f))
		}
		for i := 0; i+n <= len(toks); i++ {
			out = append(out, strings.Join(toks[i:i+n], " "))
		}
	}
	return out
}

// printCalibration compares Confidence with accuracy over every sentence and
// snippet judged above.
func printCalibration() {
	bins := []float64{0, 0.5, 0.8, 0.95, 0.99, 1.01}
	fmt.Println("\nCalibration (all sentences and snippets above, by Confidence):")
	for i := 0; i+1 < len(bins); i++ {
		n, ok, sum := 0, 0, 0.0
		for _, c := range calib {
			if c.conf >= bins[i] && c.conf < bins[i+1] {
				n++
				sum += c.conf
				if c.ok {
					ok++
				}
			}
		}
		if n > 0 {
			fmt.Printf("  [%.2f, %.2f): %6d judgements, mean confidence %.3f, accuracy %.3f\n", bins[i], min(bins[i+1], 1), n, sum/float64(n), float64(ok)/float64(n))
		}
	}
}

// printDocuments judges made-up documents: runs of six development sentences of
// one domain language with, mixed in, a sentence of another one, two short
// lines (1 to 3 words) of the document's language and one short line of the
// other language. It reports how often Document gets the dominant language
// and each kind of line right.
func printDocuments(dev map[string][]string) {
	type tally struct{ ok, n int }
	var docs, own, foreign, ownShort, foreignShort tally
	add := func(t *tally, ok bool) {
		t.n++
		if ok {
			t.ok++
		}
	}
	other := map[string]string{"kk": "ru", "ru": "kk", "en": "kk"}
	for _, code := range []string{"kk", "ru", "en"} {
		o := other[code]
		lines, olines := dev[code], dev[o]
		for d := 0; (d+1)*6 <= len(lines) && d < len(olines); d++ {
			doc := lines[d*6 : d*6+6]
			// Cut short lines from sentences of the previous document, so
			// they are not parts of lines of this one.
			src := lines[(d*6+len(lines)-6)%len(lines)]
			short := cut(src, 1+d%3)
			short2 := cut(lines[(d*6+len(lines)-5)%len(lines)], 1+(d+1)%3)
			oshort := cut(olines[(d+1)%len(olines)], 1+d%3)
			parts := []string{short, doc[0], doc[1], olines[d], doc[2], oshort, doc[3], short2, doc[4], doc[5]}
			want := []string{code, code, code, o, code, o, code, code, code, code}
			kinds := []*tally{&ownShort, &own, &own, &foreign, &own, &foreignShort, &own, &ownShort, &own, &own}
			if short == "" || short2 == "" || oshort == "" {
				continue
			}
			res, paras := langid.Document(strings.Join(parts, "\n"))
			add(&docs, code2(res.Tag) == code)
			for i, p := range paras {
				add(kinds[i], code2(p.Result.Tag) == want[i])
			}
		}
	}
	fmt.Println("\nDocuments (6 dev sentences of kk, ru or en + 1 sentence of another + 2 short lines of its own + 1 of the other):")
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
		fmt.Printf("  %-32s %6.2f%% (%d/%d)\n", r.name, pct(r.t.ok, r.t.n), r.t.ok, r.t.n)
	}
}

// cut returns the first n tokens of line as snippets makes them, or "".
func cut(line string, n int) string {
	s := snippets([]string{line}, n)
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func printConfusion(codes []string, confusion map[string]map[string]int) {
	cols := append(append([]string{}, codes...), "und")
	fmt.Println("\nConfusion matrix (rows: true class, columns: Detect's label; sentences):")
	fmt.Printf("%8s", "")
	for _, c := range cols {
		fmt.Printf("%6s", short(c))
	}
	fmt.Println()
	var worst []string
	for _, r := range codes {
		fmt.Printf("%8s", r)
		for _, c := range cols {
			n := confusion[r][c]
			if n == 0 {
				fmt.Printf("%6s", ".")
			} else {
				fmt.Printf("%6d", n)
			}
			if c != r && n > 0 {
				worst = append(worst, fmt.Sprintf("%s→%s %d", r, c, n))
			}
		}
		fmt.Println()
	}
	sort.SliceStable(worst, func(i, j int) bool { return count(worst[i]) > count(worst[j]) })
	if len(worst) > 10 {
		worst = worst[:10]
	}
	fmt.Printf("Most frequent errors: %s\n", strings.Join(worst, ", "))
}

func short(c string) string {
	if c == corpus.LatinKazakh {
		return "kkLat"
	}
	return c
}

func count(s string) int {
	var n int
	fmt.Sscanf(s[strings.LastIndexByte(s, ' ')+1:], "%d", &n)
	return n
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
			fmt.Println("\nModel size: unknown (run from inside the module)")
			return
		}
		dir = filepath.Dir(dir)
	}
	var all []byte
	fmt.Println("\nModel size:")
	for _, name := range []string{"model.bin", "model_tg.bin"} {
		data, err := os.ReadFile(filepath.Join(dir, "langid", name))
		if err != nil {
			log.Fatal(err)
		}
		all = append(all, data...)
		fmt.Printf("  %-13s %7d bytes raw, %7d brotli\n", name, len(data), brotliSize(data))
	}
	fmt.Printf("  %-13s %7d bytes raw, %7d brotli (%.1f KB)\n", "together", len(all), brotliSize(all), float64(brotliSize(all))/1024)
}

func brotliSize(data []byte) int {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotli.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// printSpeed times Detect over the development sentences on one goroutine.
func printSpeed(dev map[string][]string) {
	var lines []string
	for _, code := range corpus.Codes {
		lines = append(lines, dev[code]...)
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
	fmt.Printf("\nSpeed: %.0f sentences/s on one goroutine (Detect, dev sentences, mean %.0f chars)\n",
		float64(n)/el.Seconds(), float64(chars)/float64(len(lines)))
}
