//go:build !wasm

package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"belgi/annotations"
	"belgi/annotations/goldstream"
)

// Options are the settings of Run that do not change its output.
type Options struct {
	// Workers is the number of documents prepared at once (GOMAXPROCS when
	// 0).
	Workers int
	// Reader configures the input formats.
	Reader Reader
	// Progress, when set, is called now and then with the bytes of input
	// read so far and in all.
	Progress func(done, total int64)
}

// Output files in the output folder.
const (
	DocumentsFile   = "documents.jsonl"
	DuplicatesFile  = "duplicates.jsonl"
	SuggestionsFile = "suggestions.jsonl"
	ReportFile      = "report.json"
	PackagesDir     = "packages"
)

// A DocumentLine is one line of documents.jsonl.
type DocumentLine struct {
	ID       string `json:"id"`
	Key      string `json:"key"`
	Source   string `json:"source"`
	Site     string `json:"site"`
	Month    string `json:"month"`
	Language string `json:"language"`
	Text     string `json:"text"`
}

// A DuplicateLine is one line of duplicates.jsonl.
type DuplicateLine struct {
	ID          string  `json:"id"`
	Key         string  `json:"key"`
	Source      string  `json:"source"`
	DuplicateOf string  `json:"duplicateOf"`
	Kind        string  `json:"kind"` // "exact" or "near"
	Similarity  float64 `json:"similarity"`
}

// A SuggestionLine is one line of suggestions.jsonl: the pre-annotations
// of a kept document (the gold format has no place for suggestions).
type SuggestionLine struct {
	ID          string        `json:"id"`
	Suggestions []suggestJSON `json:"suggestions"`
}

type suggestJSON struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	Label string  `json:"label"`
	Score float64 `json:"score"`
}

type result struct {
	seq int64
	key string
	doc *Doc
	rej *Rejection
}

// Run reads the files (see Files), runs the configured steps and writes
// documents.jsonl, duplicates.jsonl, report.json (and suggestions.jsonl and
// packages/ when those steps are on) into the folder out, which it creates.
// It prepares documents on every core and streams: memory holds the
// documents in flight, the duplicate index and the sample. Bad input is
// counted in the report and skipped; Run fails only when it cannot write
// its output or ctx is done.
func Run(ctx context.Context, c Config, files []string, out string, o Options) (*Report, error) {
	start := time.Now()
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	col, err := NewCollector(c, out)
	if err != nil {
		return nil, err
	}
	defer col.w.abort()
	col.rep.Files, col.rep.Workers = len(files), workers

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// tokens bounds the records in flight, so that a slow page cannot make
	// the reorder buffer grow without end.
	tokens := make(chan struct{}, workers*16)
	records := make(chan Record, workers*4)
	results := make(chan result, workers*4)
	var readErr error
	var read atomic.Int64
	rd := o.Reader
	if o.Progress != nil && rd.Read == nil {
		rd.Read = &read
	}
	go func() {
		defer close(records)
		t := time.Now()
		readErr = rd.Each(ctx, files, func(r Record) error {
			col.addTime(StepRead, time.Since(t))
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case records <- r:
			case <-ctx.Done():
				return ctx.Err()
			}
			t = time.Now()
			return nil
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range records {
				d, rej := c.prepare(r, col.addTime)
				results <- result{r.Seq, r.Key, d, rej}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var total int64
	if o.Progress != nil {
		for _, f := range files {
			if fi, err := os.Stat(f); err == nil {
				total += fi.Size()
			}
		}
	}
	lastProgress := time.Now()
	pending := map[int64]result{}
	next := int64(0)
	var werr error
	for r := range results {
		pending[r.seq] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-tokens
			if werr == nil {
				werr = col.Add(p.key, p.doc, p.rej)
			}
			if werr != nil {
				cancel()
			}
		}
		if o.Progress != nil && time.Since(lastProgress) > 200*time.Millisecond {
			o.Progress(read.Load(), total)
			lastProgress = time.Now()
		}
	}
	if werr != nil {
		return nil, werr
	}
	if readErr != nil && ctx.Err() != nil {
		return nil, readErr
	}
	if o.Progress != nil {
		o.Progress(total, total)
	}
	return col.Close(start)
}

// A Collector runs the steps that see the whole corpus (duplicates,
// sample, packaging) and writes the output. It takes every record's
// outcome of Prepare in input order. Run uses one; an engine that prepares
// documents elsewhere feeds one to get the same output.
type Collector struct {
	c         Config
	rep       *Report
	w         *writer
	dedup     *Deduper
	sampler   *Sampler
	counts    map[string]int64 // records dropped at each step
	stepNanos sync.Map         // step → *atomic.Int64
}

// NewCollector creates the output folder out and its files.
func NewCollector(c Config, out string) (*Collector, error) {
	if err := os.MkdirAll(out, 0o777); err != nil {
		return nil, err
	}
	w, err := newWriter(c, out)
	if err != nil {
		return nil, err
	}
	col := &Collector{c: c, rep: newReport(&c), w: w, counts: map[string]int64{}}
	if !c.NoDedup {
		col.dedup = NewDeduper(c.Threshold)
	}
	if c.PerStratum > 0 {
		col.sampler = NewSampler(c.PerStratum, c.Seed)
	}
	return col, nil
}

func (col *Collector) addTime(step string, d time.Duration) {
	v, _ := col.stepNanos.LoadOrStore(step, new(atomic.Int64))
	v.(*atomic.Int64).Add(int64(d))
}

// Add takes the outcome of Prepare for the record named key: a document,
// or why it was dropped.
func (col *Collector) Add(key string, d *Doc, rej *Rejection) error {
	rep := col.rep
	rep.In++
	if rej != nil {
		rep.reject(key, rej)
		col.counts[rej.Step]++
		return nil
	}
	if d.Encoding != "" {
		rep.Encodings[d.Encoding]++
	}
	rep.LanguagesIn[d.Doc.Language]++
	if col.dedup != nil {
		t := time.Now()
		of, kind, sim := col.dedup.Add(d.Doc.ID, d.Fingerprint)
		col.addTime(StepDedup, time.Since(t))
		if of != "" {
			rep.Duplicates++
			if kind == Exact {
				rep.Exact++
			} else {
				rep.Near++
			}
			col.counts[StepDedup]++
			return col.w.duplicate(DuplicateLine{d.Doc.ID, d.Key, d.Doc.Source, of, kind, sim})
		}
	}
	d.Fingerprint.Sig = nil
	if col.sampler != nil {
		t := time.Now()
		if out := col.sampler.Add(d); out != nil {
			rep.reject(out.Key, &Rejection{StepSample, ReasonSample, ""})
			col.counts[StepSample]++
		}
		col.addTime(StepSample, time.Since(t))
		return nil
	}
	return col.w.keep(d, rep, col.addTime)
}

// Close writes the sample, finishes the files and writes the report, which
// it returns. start is when the run began.
func (col *Collector) Close(start time.Time) (*Report, error) {
	c, rep := &col.c, col.rep
	defer col.w.abort()
	if col.sampler != nil {
		for _, d := range col.sampler.Sample() {
			if err := col.w.keep(d, rep, col.addTime); err != nil {
				return nil, err
			}
		}
	}
	// Steps, with the documents that reached each and left it.
	in := rep.In
	for _, s := range []struct {
		name string
		on   bool
	}{
		{StepRead, true}, {StepDecode, true}, {StepClean, true}, {StepLanguage, true},
		{StepKeywords, len(c.Keywords) > 0}, {StepSuggest, c.Suggest != nil},
		{StepDedup, !c.NoDedup}, {StepSample, c.PerStratum > 0}, {StepPackage, c.Annotators > 0},
	} {
		if !s.on {
			continue
		}
		outN := in - col.counts[s.name]
		rep.Steps = append(rep.Steps, Step{s.name, in, outN, col.seconds(s.name)})
		in = outN
	}
	rep.Steps = append(rep.Steps, Step{StepWrite, in, rep.Kept, col.seconds(StepWrite)})
	if rep.Kept == 0 {
		rep.Warnings = append(rep.Warnings, "no document was kept: check the inputs, the language, keyword and label filters, and report.rejected")
	}
	rep.Packages = col.w.packageCounts()
	rep.Seconds = time.Since(start).Seconds()
	if err := col.w.close(rep); err != nil {
		return nil, err
	}
	return rep, nil
}

func (col *Collector) seconds(step string) float64 {
	if v, ok := col.stepNanos.Load(step); ok {
		return time.Duration(v.(*atomic.Int64).Load()).Seconds()
	}
	return 0
}

// Report returns the report being built; Files and Workers may be set on
// it before Close.
func (col *Collector) Report() *Report { return col.rep }

// writer holds the output files of a run.
type writer struct {
	dir                 string
	docs, dups, suggest *os.File
	docsW, dupsW, sugW  *bufio.Writer
	gold                []*goldstream.Writer
	goldFiles           []*os.File
	goldBufs            []*bufio.Writer
	goldCounts          []int64
	c                   *Config
}

func create(dir, name string) (*os.File, *bufio.Writer, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, nil, err
	}
	return f, bufio.NewWriterSize(f, 256<<10), nil
}

func newWriter(c Config, dir string) (*writer, error) {
	w := &writer{dir: dir, c: &c}
	var err error
	if w.docs, w.docsW, err = create(dir, DocumentsFile); err != nil {
		return nil, err
	}
	if w.dups, w.dupsW, err = create(dir, DuplicatesFile); err != nil {
		w.abort()
		return nil, err
	}
	if c.Suggest != nil {
		if w.suggest, w.sugW, err = create(dir, SuggestionsFile); err != nil {
			w.abort()
			return nil, err
		}
	}
	if c.Annotators > 0 {
		pd := filepath.Join(dir, PackagesDir)
		if err := os.MkdirAll(pd, 0o777); err != nil {
			w.abort()
			return nil, err
		}
		for i := range c.Annotators {
			f, b, err := create(pd, fmt.Sprintf("annotator-%02d.json", i+1))
			if err != nil {
				w.abort()
				return nil, err
			}
			g, err := goldstream.NewWriter(b, annotations.DefaultSchema())
			if err != nil {
				f.Close()
				w.abort()
				return nil, err
			}
			w.goldFiles, w.goldBufs, w.gold = append(w.goldFiles, f), append(w.goldBufs, b), append(w.gold, g)
			w.goldCounts = append(w.goldCounts, 0)
		}
	}
	return w, nil
}

func writeJSON(b *bufio.Writer, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b.Write(data)
	return b.WriteByte('\n')
}

func (w *writer) duplicate(l DuplicateLine) error { return writeJSON(w.dupsW, l) }

// keep writes a kept document to documents.jsonl, its suggestions and its
// packages, and counts it.
func (w *writer) keep(d *Doc, rep *Report, addTime func(string, time.Duration)) error {
	t := time.Now()
	rep.Kept++
	rep.Languages[d.Doc.Language]++
	rep.Sources[d.Site]++
	rep.Months[d.Month]++
	if err := writeJSON(w.docsW, DocumentLine{d.Doc.ID, d.Key, d.Doc.Source, d.Site, d.Month, d.Doc.Language, d.Doc.Text}); err != nil {
		return err
	}
	if w.sugW != nil {
		l := SuggestionLine{ID: d.Doc.ID, Suggestions: []suggestJSON{}}
		for _, s := range d.Suggestions {
			l.Suggestions = append(l.Suggestions, suggestJSON{s.Start, s.End, s.Label, s.Score})
		}
		rep.Suggestions += int64(len(d.Suggestions))
		if err := writeJSON(w.sugW, l); err != nil {
			return err
		}
	}
	addTime(StepWrite, time.Since(t))
	if len(w.gold) > 0 {
		t = time.Now()
		for _, a := range Assign(d.Doc.ID, len(w.gold), w.c.Overlap, w.c.Seed) {
			if err := w.gold[a].Write(d.Doc); err != nil {
				return err
			}
			w.goldCounts[a]++
		}
		addTime(StepPackage, time.Since(t))
	}
	return nil
}

func (w *writer) packageCounts() []Package {
	var ps []Package
	for i, n := range w.goldCounts {
		ps = append(ps, Package{filepath.ToSlash(filepath.Join(PackagesDir, filepath.Base(w.goldFiles[i].Name()))), n})
	}
	return ps
}

// close finishes every file and writes the report.
func (w *writer) close(rep *Report) error {
	var first error
	keep := func(err error) {
		if err != nil && first == nil {
			first = err
		}
	}
	for i, g := range w.gold {
		keep(g.Close())
		keep(w.goldBufs[i].Flush())
		keep(w.goldFiles[i].Close())
	}
	w.gold = nil
	for _, p := range []struct {
		f *os.File
		b *bufio.Writer
	}{{w.docs, w.docsW}, {w.dups, w.dupsW}, {w.suggest, w.sugW}} {
		if p.f != nil {
			keep(p.b.Flush())
			keep(p.f.Close())
		}
	}
	w.docs, w.dups, w.suggest = nil, nil, nil
	data, err := json.MarshalIndent(rep, "", "  ")
	keep(err)
	if first == nil {
		keep(os.WriteFile(filepath.Join(w.dir, ReportFile), append(data, '\n'), 0o666))
	}
	return first
}

// abort closes whatever close did not.
func (w *writer) abort() {
	for _, f := range append([]*os.File{w.docs, w.dups, w.suggest}, w.goldFiles...) {
		if f != nil {
			f.Close()
		}
	}
}
