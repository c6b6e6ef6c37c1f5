// Command compare measures langid and lingua-go (github.com/pemistahl/lingua-go)
// on the same evaluation sets and prints their figures side by side. It is a
// module of its own, so that lingua-go and its 100 MB of models stay out of
// Belgi's dependencies and out of the wasm.
//
// lingua-go is restricted to the languages it shares with langid (kk, ru,
// en, uk, be, bg, sr, mk, mn); it has no Kyrgyz, Tatar, Bashkir, Tajik or
// Uzbek, so those lines are scored for langid only. Held-out sets are scored
// only with -heldout, as by langid/internal/eval.
//
// Usage (from this folder, as make bench runs it):
//
//	go run . [-data DIR] [-sets a,b] [-heldout]
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/pemistahl/lingua-go"

	"belgi/langid"
	"belgi/langid/internal/evalset"
)

var (
	dataDir = flag.String("data", "", "root folder of the evaluation sets (default $"+evalset.EnvData+")")
	sets    = flag.String("sets", "", "comma-separated names of the sets to score (default all)")
	heldout = flag.Bool("heldout", false, "score held-out sets too (once, after all tuning)")
)

// shared maps the languages lingua-go and langid both cover to class codes.
var shared = map[lingua.Language]string{
	lingua.Kazakh: "kk", lingua.Russian: "ru", lingua.English: "en", lingua.Ukrainian: "uk",
	lingua.Belarusian: "be", lingua.Bulgarian: "bg", lingua.Serbian: "sr", lingua.Macedonian: "mk",
	lingua.Mongolian: "mn",
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("compare: ")
	flag.Parse()
	root := *dataDir
	if root == "" {
		root = os.Getenv(evalset.EnvData)
	}
	fmt.Println("== language identification: langid and lingua-go on the same text")
	if root == "" {
		fmt.Printf("langid compare: skipped: no evaluation data (set -data or %s)\n", evalset.EnvData)
		return
	}
	var only []string
	if *sets != "" {
		only = strings.Split(*sets, ",")
	}
	all, err := evalset.Find(root, only)
	if errors.Is(err, evalset.ErrNoData) {
		fmt.Printf("langid compare: skipped: no evaluation data under %s\n", root)
		return
	}
	if err != nil {
		log.Fatal(err)
	}
	var langs []lingua.Language
	var codes []string
	for l, c := range shared {
		langs = append(langs, l)
		codes = append(codes, c)
	}
	codes = append(codes, "uz-Latn") // scored for what it must not be called
	det := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithPreloadedLanguageModels().Build()
	linguaDetect := func(text string) string {
		if l, ok := det.DetectLanguageOf(text); ok {
			return shared[l]
		}
		return "und"
	}
	langidDetect := func(text string) string {
		r := langid.Detect(text)
		if r.Tag.String() == "uz-Cyrl" {
			return "uz"
		}
		return r.Tag.String()
	}
	fmt.Printf("lingua-go v1.4.0, high-accuracy mode, languages: %s\n\n", strings.Join(sortedCodes(), " "))
	for _, s := range all {
		if s.HeldOut && !*heldout {
			fmt.Printf("Set %s: held-out, not scored (run with -heldout once, after all tuning)\n\n", s.Name)
			continue
		}
		a := evalset.Measure(s, langidDetect, codes)
		b := evalset.Measure(s, linguaDetect, codes)
		fmt.Printf("Set %s (%s), %s; only the languages both cover\n", s.Name, s.Dir, s.Kind())
		fmt.Printf("  %-62s %9s %9s  %s\n", "", "langid", "lingua", "target")
		ca, cb := a.Checks(), b.Checks()
		for i := range ca {
			fmt.Printf("  %-62s %7.2f %% %7.2f %%  %s\n", ca[i].What, 100*ca[i].Value, 100*cb[i].Value, target(ca[i]))
		}
		fmt.Println()
	}
}

func target(c evalset.Check) string {
	if c.Info {
		return "—"
	}
	if c.AtMost {
		return fmt.Sprintf("≤ %.1f %%", 100*c.Target)
	}
	return fmt.Sprintf("≥ %.1f %%", 100*c.Target)
}

func sortedCodes() []string {
	var out []string
	for _, c := range evalset.Classes {
		for _, s := range shared {
			if s == c {
				out = append(out, c)
			}
		}
	}
	return out
}
