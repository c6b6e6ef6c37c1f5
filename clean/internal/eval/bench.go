//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"belgi/clean"
	"belgi/clean/internal/innertext"
	"belgi/clean/internal/score"

	"golang.org/x/net/html/charset"
)

// A benchPage is one page of a public benchmark, decoded to UTF-8.
type benchPage struct {
	id   string
	html []byte
}

// decode returns page as UTF-8, by its declared or sniffed charset as a
// browser would, and whether it had to be converted.
func decode(page []byte) ([]byte, bool) {
	if utf8.Valid(page) {
		return page, false
	}
	enc, _, _ := charset.DetermineEncoding(page, "text/html")
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(page)))
	if err != nil {
		return page, false
	}
	return out, true
}

// benchRun cleans every page as HTML and, where a visible-text dump can be
// had, as text, and passes each result to judge.
func benchRun(pages []benchPage, judge func(id string, asText bool, r clean.Result)) (withText int) {
	if *render {
		var srcs [][]byte
		for _, p := range pages {
			srcs = append(srcs, p.html)
		}
		if _, err := innertext.Render(context.Background(), innertext.Chromium(), *dumps, srcs, nil); err != nil {
			fmt.Fprintln(os.Stderr, "eval: visible-text dumps:", err)
		}
	}
	for _, p := range pages {
		r, err := clean.HTML(string(p.html))
		if err != nil {
			r = clean.Result{}
		}
		judge(p.id, false, r)
		if dump, ok := innertext.Get(*dumps, p.html); ok {
			judge(p.id, true, clean.Text(dump))
			withText++
		}
	}
	return withText
}

func emptyText(r clean.Result) bool { return strings.TrimSpace(r.Text) == "" }

// trafilatura scores trafilatura's evaluation set: evaldata.json maps each
// URL to {"file", "with", "without"}; the files lie in cache/ or eval/
// beside it (or beside it directly).
func trafilatura(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var items map[string]struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(b, &items); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	dir := filepath.Dir(path)
	urls := make([]string, 0, len(items))
	for u := range items {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var pages []benchPage
	missing, converted := 0, 0
	for _, u := range urls {
		it := items[u]
		var raw []byte
		for _, sub := range []string{"cache", "eval", "."} {
			if raw, err = os.ReadFile(filepath.Join(dir, sub, filepath.Base(it.File))); err == nil {
				break
			}
		}
		if err != nil {
			missing++
			continue
		}
		raw, conv := decode(raw)
		if conv {
			converted++
		}
		pages = append(pages, benchPage{u, raw})
	}
	var sum [2]score.Counts
	var tn, empty [2]int
	withText := benchRun(pages, func(id string, asText bool, r clean.Result) {
		k := 0
		if asText {
			k = 1
		}
		it := items[id]
		c := score.Judge(r.Text, it.With, it.Without)
		sum[k] = sum[k].Add(c)
		tn[k] += len(it.Without) - int(c.FP)
		if emptyText(r) {
			empty[k]++
		}
	})
	fmt.Printf("== trafilatura evaluation set (%s): public benchmark, reporting only, never tuned on\n", path)
	fmt.Printf("   %d pages (%d files missing, %d decoded from a legacy charset); score: must-include/must-exclude snippets, micro-averaged, as trafilatura's eval_common does\n", len(pages), missing, converted)
	for k, name := range []string{"--html", "visible text"} {
		n := len(pages)
		if k == 1 {
			n = withText
			if n == 0 {
				fmt.Println("   visible text: no dumps (chromium missing?)")
				continue
			}
		}
		c := sum[k]
		acc := (c.TP + float64(tn[k])) / (c.TP + c.FP + c.FN + float64(tn[k]))
		fmt.Printf("   %-13s F1 %.3f  P %.3f  R %.3f  accuracy %.3f  (%d pages; empty results %d)\n", name, c.F1(), c.P(), c.R(), acc, n, empty[k])
	}
	return nil
}

// scrapinghub scores ScrapingHub's article-extraction-benchmark:
// ground-truth.json maps an id to {"articleBody", "url"}; the pages are
// html/<id>.html.gz.
func scrapinghub(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return fmt.Errorf("ground-truth.json: %v", err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pages []benchPage
	missing, converted := 0, 0
	for _, id := range ids {
		raw, err := readGz(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			missing++
			continue
		}
		raw, conv := decode(raw)
		if conv {
			converted++
		}
		pages = append(pages, benchPage{id, raw})
	}
	var sh, tok [2][]score.Counts
	var empty [2]int
	withText := benchRun(pages, func(id string, asText bool, r clean.Result) {
		k := 0
		if asText {
			k = 1
		}
		gold := truth[id].ArticleBody
		sh[k] = append(sh[k], score.Shingles(r.Text, gold))
		tok[k] = append(tok[k], score.Tokens(r.Text, gold, ""))
		if emptyText(r) {
			empty[k]++
		}
	})
	fmt.Printf("== ScrapingHub article-extraction-benchmark (%s): public benchmark, reporting only, never tuned on\n", dir)
	fmt.Printf("   %d pages (%d files missing, %d decoded from a legacy charset); score: 4-token shingles, per-page normalised, as its evaluate.py does; and bag-of-tokens F1, mean over pages\n", len(pages), missing, converted)
	for k, name := range []string{"--html", "visible text"} {
		if k == 1 && withText == 0 {
			fmt.Println("   visible text: no dumps (chromium missing?)")
			continue
		}
		p, r, f1 := score.ShingleMeans(sh[k])
		var tf []float64
		for _, c := range tok[k] {
			tf = append(tf, c.F1())
		}
		fmt.Printf("   %-13s shingle F1 %.3f  P %.3f  R %.3f; token F1 %.3f  (%d pages; empty results %d)\n", name, f1, p, r, mean(tf), len(sh[k]), empty[k])
	}
	return nil
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}
