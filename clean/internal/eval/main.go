//go:build !wasm

// Command eval prints every cleaning figure the README shows, each with the
// set it is measured on and whether the cleaner was tuned on that set. It is
// run by `make bench` as `go run ./clean/internal/eval -heldout`.
//
//	go run ./clean/internal/eval [-v] [-heldout] [-ablate]
//	    [-dumps DIR] [-render=false]
//	    [-trafilatura DIR/evaldata.json] [-scrapinghub DIR]
//
// Sets:
//   - clean/testdata: invented dumps and pages, one gold article each. Every
//     folder was tuned on (see clean/testdata/README.md): development data.
//   - ../shared/seeds: three real dumps, gold as line numbers in
//     testdata/seeds.gold. Looked at while tuning: development data.
//   - ../shared/cleaning-dev: Mozilla Readability's test pages, split by
//     package devset into a development part (tuned on) and a held-out part
//     (scored with -heldout, never tuned on). Each page is cleaned twice: as
//     HTML, and as its visible text (see package innertext for how the dumps
//     are made; -render=false uses only dumps already cached).
//   - -trafilatura and -scrapinghub: public benchmarks, for reporting only.
//
// Score on our own sets: bag-of-tokens F1 between the kept text and the gold,
// tokens split on white space and lower-cased, averaged over pages. On
// cleaning-dev the gold is expected.html's text; the page title (from
// expected-metadata.json) counts neither way, since the gold may or may not
// carry it. The public benchmarks are scored as their own scripts score them
// (see package score). Pages that come back empty are counted.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"belgi/clean/internal/innertext"
	"belgi/internal/shared"
)

var (
	verbose = flag.Bool("v", false, "print per-page figures and the lines that differ from gold")
	heldout = flag.Bool("heldout", false, "also score the held-out part of cleaning-dev (for the report: never tune after reading it)")
	ablate  = flag.Bool("ablate", false, "print, for each line rule, the development F1 with that rule switched off")
	dumps   = flag.String("dumps", innertext.DefaultDir(), "cache of visible-text dumps (outside the repository)")
	render  = flag.Bool("render", true, "render missing visible-text dumps with headless chromium")
	trafila = flag.String("trafilatura", "", "trafilatura evaluation set: the evaldata.json file (HTML files beside it, in cache/ or eval/)")
	scrhub  = flag.String("scrapinghub", "", "ScrapingHub article-extraction-benchmark folder (ground-truth.json, html/*.html.gz)")
	speedOn = flag.Bool("speed", true, "time the cleaner")
)

func main() {
	flag.Parse()
	root, err := moduleRoot()
	if err != nil {
		fail(err)
	}
	td := filepath.Join(root, "clean", "testdata")
	fmt.Println("# Cleaning figures. Score: bag-of-tokens F1 (white-space tokens, lower-cased), mean over pages, unless said otherwise.")
	testdata(td)
	seeds(td)
	dev := cleaningDev()
	if *ablate {
		ablation(td, dev)
	}
	if *trafila != "" {
		if err := trafilatura(*trafila); err != nil {
			fail(err)
		}
	}
	if *scrhub != "" {
		if err := scrapinghub(*scrhub); err != nil {
			fail(err)
		}
	}
	if *speedOn {
		speed(td)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "eval:", err)
	os.Exit(1)
}

// sharedDir returns ../shared/sub, or "" with a message when it is absent.
func sharedDir(sub string) string {
	root := shared.Root()
	if root == "" {
		fmt.Printf("== %s: ../shared is absent, skipped\n", sub)
		return ""
	}
	d := filepath.Join(root, sub)
	if _, err := os.Stat(d); err != nil {
		fmt.Printf("== %s: ../shared/%s is absent, skipped\n", sub, sub)
		return ""
	}
	return d
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
