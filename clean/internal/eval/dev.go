//go:build !wasm

package main

import (
	"context"
	"fmt"
	"os"

	"belgi/clean"
	"belgi/clean/internal/devset"
	"belgi/clean/internal/innertext"
	"belgi/clean/internal/score"
)

// devPages are the loaded cleaning-dev pages, development part only, for
// the ablation.
type devPages struct {
	pages []devset.Page
	texts map[string]string // visible-text dump by page name
}

// cleaningDev scores ../shared/cleaning-dev as HTML and as visible text:
// the development part always, the held-out part with -heldout.
func cleaningDev() devPages {
	dir := sharedDir("cleaning-dev")
	if dir == "" {
		return devPages{}
	}
	dir += "/readability"
	devNames, heldNames, err := devset.Split(dir)
	if err != nil {
		fail(err)
	}
	dev, err := devset.Load(dir, devNames, false)
	if err != nil {
		fail(err)
	}
	out := devPages{pages: dev, texts: loadDumps(dev)}
	fmt.Printf("== ../shared/cleaning-dev: Readability's test pages, gold = expected.html's text (title counts neither way)\n")
	fmt.Printf("   visible text: %s\n", innertext.How)
	reportDev("development part, tuned on", dev, out.texts)
	if *heldout {
		held, err := devset.Load(dir, heldNames, true)
		if err != nil {
			fail(err)
		}
		reportDev("HELD-OUT part, never tuned on", held, loadDumps(held))
	} else {
		fmt.Printf("  held-out part (%d pages): not scored; -heldout scores it, for the report only\n", len(heldNames))
	}
	return out
}

// loadDumps returns the visible-text dumps of pages, rendering the missing
// ones when -render is set.
func loadDumps(pages []devset.Page) map[string]string {
	var srcs [][]byte
	for _, p := range pages {
		srcs = append(srcs, p.Source)
	}
	if *render {
		if _, err := innertext.Render(context.Background(), innertext.Chromium(), *dumps, srcs, nil); err != nil {
			fmt.Fprintln(os.Stderr, "eval: visible-text dumps:", err)
		}
	}
	out := map[string]string{}
	for _, p := range pages {
		if t, ok := innertext.Get(*dumps, p.Source); ok {
			out[p.Name] = t
		}
	}
	return out
}

// devScores cleans every page both ways and returns the two tallies.
func devScores(pages []devset.Page, texts map[string]string, show bool) (h, t *tally) {
	h, t = &tally{}, &tally{}
	for _, p := range pages {
		r, err := clean.HTML(string(p.Source))
		if err != nil {
			r = clean.Result{}
		}
		c := score.Tokens(r.Text, p.Gold, p.Title)
		h.add(c, r)
		line := fmt.Sprintf("  %-40s html F1 %.3f P %.3f R %.3f", p.Name, c.F1(), c.P(), c.R())
		if dump, ok := texts[p.Name]; ok {
			rt := clean.Text(dump)
			ct := score.Tokens(rt.Text, p.Gold, p.Title)
			t.add(ct, rt)
			line += fmt.Sprintf("  | text F1 %.3f P %.3f R %.3f", ct.F1(), ct.P(), ct.R())
		}
		if show {
			fmt.Println(line)
		}
	}
	return h, t
}

func reportDev(label string, pages []devset.Page, texts map[string]string) {
	h, t := devScores(pages, texts, *verbose && !pages[0].HeldOut)
	fmt.Printf("  %s, --html:       %s\n", label, h)
	fmt.Printf("  %s, visible text: %s", label, t)
	if n := len(pages) - len(t.f1); n > 0 {
		fmt.Printf(" (%d pages have no dump)", n)
	}
	fmt.Println()
}
