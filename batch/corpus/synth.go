package corpus

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"belgi/clean"
	"belgi/demo"
)

// Sources are the real pages a synthetic corpus is built from: their
// article sentences make new articles, and their boilerplate (what the
// cleaner drops around the article) wraps them.
type Sources struct {
	sentences []string
	html      []htmlTemplate
	dumps     []dumpTemplate
}

type htmlTemplate struct{ head, tail string }

type dumpTemplate struct{ head, tail []string }

// LoadSources reads saved HTML pages (each page's source.html under
// htmlDir) and page dumps (*.txt under dumpDirs, and the demo texts). HTML pages larger than
// maxHTML bytes are used for sentences only.
func LoadSources(htmlDir string, maxHTML int, dumpDirs ...string) (*Sources, error) {
	s := &Sources{}
	pages, _ := filepath.Glob(filepath.Join(htmlDir, "*", "source.html"))
	sort.Strings(pages)
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		r, err := clean.HTML(string(b))
		if err != nil {
			continue
		}
		s.addSentences(r.Text)
		first, last := -1, -1
		for i, l := range r.Lines {
			if l.Keep {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 || len(b) > maxHTML {
			continue
		}
		src := []rune(string(b))
		start, end := r.Lines[first].Start, r.Lines[last].End
		if start < 0 || end > len(src) || start > end {
			continue
		}
		s.html = append(s.html, htmlTemplate{string(src[:start]), string(src[end:])})
	}
	for _, d := range dumpDirs {
		files, _ := filepath.Glob(filepath.Join(d, "*.txt"))
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			s.addDump(string(b))
		}
	}
	for _, a := range demo.Articles() {
		s.addDump(a.Text)
	}
	s.html = s.usable(s.html)
	if len(s.sentences) < 100 || len(s.html) == 0 || len(s.dumps) == 0 {
		return nil, fmt.Errorf("too few sources: %d sentences, %d HTML and %d dump templates", len(s.sentences), len(s.html), len(s.dumps))
	}
	return s, nil
}

// usable keeps the HTML templates on which the cleaner gives back an
// article put into them (Jaccard ≥ 0.95 on each of four test articles): the duplicate
// benchmark measures duplicate detection, not cleaning, which has its own.
func (s *Sources) usable(ts []htmlTemplate) []htmlTemplate {
	var out []htmlTemplate
	r := rand.New(rand.NewPCG(1, 2))
	for _, t := range ts {
		ok := true
		for range 4 {
			a := article{title: s.sentences[r.IntN(len(s.sentences))]}
			for range 8 {
				a.paras = append(a.paras, s.sentences[r.IntN(len(s.sentences))]+" "+s.sentences[r.IntN(len(s.sentences))])
			}
			res, err := clean.HTML(renderHTML(t, a))
			if err != nil || jaccard(res.Text, a.title+"\n"+strings.Join(a.paras, "\n")) < 0.95 {
				ok = false
			}
		}
		if ok {
			out = append(out, t)
		}
	}
	return out
}

func renderHTML(t htmlTemplate, a article) string {
	var b strings.Builder
	b.WriteString(t.head)
	b.WriteString(html.EscapeString(a.title)) // where the real title was
	for _, p := range a.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString(t.tail)
	return b.String()
}

// Templates returns the number of HTML and page dump templates.
func (s *Sources) Templates() (html, dumps int) { return len(s.html), len(s.dumps) }

// addDump adds a page dump's article sentences and its boilerplate.
func (s *Sources) addDump(text string) {
	r := clean.Text(text)
	s.addSentences(r.Text)
	src := []rune(text)
	var t dumpTemplate
	seen := false
	for _, l := range r.Lines {
		line := string(src[l.Start:l.End])
		switch {
		case l.Keep:
			seen = true
		case !seen:
			t.head = append(t.head, line)
		default:
			t.tail = append(t.tail, line)
		}
	}
	s.dumps = append(s.dumps, t)
}

func (s *Sources) addSentences(text string) {
	for _, l := range strings.Split(text, "\n") {
		for _, sent := range strings.SplitAfter(l, ". ") {
			if len(strings.Fields(sent)) >= 6 {
				s.sentences = append(s.sentences, strings.TrimSpace(sent))
			}
		}
	}
}

// SynthOptions shape a synthetic corpus.
type SynthOptions struct {
	Pages int
	Seed  uint64
	// Shares of the pages that are exact copies of an earlier page (another
	// URL, same bytes), near-duplicates (an earlier article on another
	// site, a few words changed, perhaps a paragraph dropped), follow-ups (a
	// new article that reuses a third of an earlier one's paragraphs: not a
	// duplicate), and HTML pages (the rest are text dumps).
	Exact, Near, FollowUp, HTML float64
	// PerFile is the number of records in each .warc.gz file.
	PerFile int
}

// Truth is what a synthetic corpus holds: for each page URL, the article
// it carries (pages with one article are duplicates of each other), and
// the counts injected.
type Truth struct {
	Article          map[string]int
	Kind             map[string]string // "base", "exact", "near", "followup"
	Exact, Near      int
	Bases, FollowUps int
	// NearJaccard holds the true Jaccard similarity of the 5-word shingles
	// of each near-duplicate's article text and its original's, sorted.
	NearJaccard []float64
}

type article struct {
	title string
	paras []string
}

// Synth writes a corpus of opts.Pages pages into dir as .warc.gz files.
func (s *Sources) Synth(dir string, opts SynthOptions) (*Truth, error) {
	if opts.PerFile <= 0 {
		opts.PerFile = 1000
	}
	r := rand.New(rand.NewPCG(opts.Seed, 0x73796e7468))
	tr := &Truth{Article: map[string]int{}, Kind: map[string]string{}}
	var arts []article
	type page struct {
		body []byte
		ct   string
		art  int
	}
	var pages []page // earlier pages, for exact copies (bodies only of the last few thousand)
	newArticle := func() article {
		a := article{title: s.sentences[r.IntN(len(s.sentences))]}
		for range 6 + r.IntN(14) {
			var p []string
			for range 1 + r.IntN(3) {
				p = append(p, s.sentences[r.IntN(len(s.sentences))])
			}
			a.paras = append(a.paras, strings.Join(p, " "))
		}
		return a
	}
	render := func(a article, isHTML bool) ([]byte, string) {
		if isHTML {
			return []byte(renderHTML(s.html[r.IntN(len(s.html))], a)), "text/html; charset=utf-8"
		}
		t := s.dumps[r.IntN(len(s.dumps))]
		lines := append(append(append([]string{}, t.head...), a.title), a.paras...)
		lines = append(lines, t.tail...)
		return []byte(strings.Join(lines, "\n")), "text/plain; charset=utf-8"
	}
	var f *os.File
	var bw *bufio.Writer
	var w *WARCWriter
	closeFile := func() error {
		if f == nil {
			return nil
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		return f.Close()
	}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range opts.Pages {
		if i%opts.PerFile == 0 {
			if err := closeFile(); err != nil {
				return nil, err
			}
			var err error
			if f, err = os.Create(filepath.Join(dir, fmt.Sprintf("crawl-%05d.warc.gz", i/opts.PerFile))); err != nil {
				return nil, err
			}
			bw = bufio.NewWriterSize(f, 1<<20)
			if w, err = NewWARCWriter(bw); err != nil {
				return nil, err
			}
			w.Level = gzip.BestSpeed
		}
		url := fmt.Sprintf("https://site%02d.example.kz/news/%d", r.IntN(40), i)
		date := base.Add(time.Duration(i) * 10 * time.Minute)
		isHTML := r.Float64() < opts.HTML
		x := r.Float64()
		var p page
		switch {
		case len(pages) > 0 && x < opts.Exact:
			p = pages[len(pages)-1-r.IntN(min(len(pages), 2000))]
			tr.Kind[url], tr.Exact = "exact", tr.Exact+1
		case len(arts) > 0 && x < opts.Exact+opts.Near:
			k := len(arts) - 1 - r.IntN(min(len(arts), 5000))
			a := arts[k]
			edited := article{title: a.title, paras: append([]string{}, a.paras...)}
			if len(edited.paras) > 6 && r.IntN(2) == 0 {
				j := r.IntN(len(edited.paras))
				edited.paras = append(edited.paras[:j], edited.paras[j+1:]...)
			}
			body := strings.Join(edited.paras, "\n")
			words := len(strings.Fields(body))
			edited.paras = strings.Split(Edit(body, max(1, words/100), int64(r.Uint64())), "\n")
			tr.NearJaccard = append(tr.NearJaccard, jaccard(strings.Join(a.paras, "\n"), strings.Join(edited.paras, "\n")))
			p.body, p.ct = render(edited, isHTML)
			p.art = k
			tr.Kind[url], tr.Near = "near", tr.Near+1
		default:
			a := newArticle()
			kind := "base"
			if len(arts) > 0 && x < opts.Exact+opts.Near+opts.FollowUp {
				prev := arts[len(arts)-1-r.IntN(min(len(arts), 5000))]
				for j := range a.paras {
					if j < len(prev.paras) && r.IntN(3) == 0 {
						a.paras[j] = prev.paras[j]
					}
				}
				kind = "followup"
				tr.FollowUps++
			} else {
				tr.Bases++
			}
			arts = append(arts, a)
			p.body, p.ct = render(a, isHTML)
			p.art = len(arts) - 1
			tr.Kind[url] = kind
		}
		tr.Article[url] = p.art
		if tr.Kind[url] != "exact" {
			pages = append(pages, p)
			if len(pages) > 4000 {
				pages = append(pages[:0:0], pages[2000:]...)
			}
		}
		if err := w.Response(url, date, p.ct, p.body); err != nil {
			return nil, err
		}
	}
	if err := closeFile(); err != nil {
		return nil, err
	}
	sort.Float64s(tr.NearJaccard)
	return tr, nil
}

// jaccard is the Jaccard similarity of the sets of 5-word shingles of a
// and b, lower-cased.
func jaccard(a, b string) float64 {
	set := func(s string) map[string]bool {
		w := strings.Fields(strings.ToLower(s))
		m := map[string]bool{}
		for i := 0; i+5 <= len(w); i++ {
			m[strings.Join(w[i:i+5], " ")] = true
		}
		return m
	}
	x, y := set(a), set(b)
	inter := 0
	for k := range x {
		if y[k] {
			inter++
		}
	}
	if u := len(x) + len(y) - inter; u > 0 {
		return float64(inter) / float64(u)
	}
	return 1
}

// Save writes t as JSON to path.
func (t *Truth) Save(path string) error {
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o666)
}

// LoadTruth reads what Save wrote.
func LoadTruth(path string) (*Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t Truth
	return &t, json.Unmarshal(b, &t)
}

// Bench returns the folder of the benchmarks' synthetic corpus of n pages
// under base, generating it from the shared folder root the first time:
// pages/ holds the WARC files, truth.json the truth. Its recipe: 5 % exact
// copies, 10 % near-duplicates, 5 % follow-ups, 30 % HTML pages.
func Bench(base, root string, n int) (dir string, generated bool, err error) {
	dir = filepath.Join(base, fmt.Sprintf("belgi-batch-corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "truth.json")); err == nil {
		return dir, false, nil
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(filepath.Join(dir, "pages"), 0o777); err != nil {
		return "", false, err
	}
	src, err := LoadSources(filepath.Join(root, "cleaning-dev", "readability"), 400<<10, filepath.Join(root, "seeds"))
	if err != nil {
		return "", false, err
	}
	t, err := src.Synth(filepath.Join(dir, "pages"), SynthOptions{
		Pages: n, Seed: 1, Exact: 0.05, Near: 0.10, FollowUp: 0.05, HTML: 0.3,
	})
	if err != nil {
		return "", false, err
	}
	return dir, true, t.Save(filepath.Join(dir, "truth.json"))
}
