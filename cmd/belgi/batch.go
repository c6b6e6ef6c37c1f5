//go:build !wasm

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"

	"belgi/batch"
)

// batchOut and batchErr are the output streams of the batch command; tests
// replace them.
var (
	batchOut io.Writer = os.Stdout
	batchErr io.Writer = os.Stderr
)

func init() {
	commands["batch"] = command{
		summary: "prepare annotation batches from a crawl: clean, language, dedup, sample, package",
		run:     runBatch,
	}
}

// runBatch implements `belgi batch [flags] --out DIR INPUT...`.
func runBatch(args []string) error {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(batchErr)
	out := fs.String("out", "", "output folder (created)")
	langs := fs.String("languages", "", "keep only these languages, comma-separated BCP 47 tags (kk also keeps kk-Latn)")
	keywords := fs.String("keywords", "", "keep only documents with a word starting with one of these, comma-separated")
	gazetteer := fs.String("gazetteer", "", "pre-annotate with this list of NAME<TAB>LABEL lines (suggestions.jsonl)")
	labels := fs.String("labels", "", "keep only documents with a suggestion of one of these labels, comma-separated (needs --gazetteer)")
	noClean := fs.Bool("no-clean", false, "keep page dumps as they are (HTML is still reduced to text)")
	noDedup := fs.Bool("no-dedup", false, "keep duplicates")
	threshold := fs.Float64("threshold", batch.DefaultThreshold, "near-duplicate threshold: estimated Jaccard similarity of word shingles")
	shingle := fs.Int("shingle", batch.DefaultShingle, "words per shingle")
	perStratum := fs.Int("per-stratum", 0, "sample at most this many documents per source and month (0: no sample)")
	seed := fs.Int64("seed", 1, "seed of the sample and of the packaging")
	annotators := fs.Int("annotators", 0, "pack the kept documents into gold files for this many annotators")
	overlap := fs.Float64("overlap", 0, "share of documents given to a second annotator (0..1)")
	workers := fs.Int("workers", 0, "documents prepared at once (default: every core)")
	textField := fs.String("text-field", "text", "JSONL field holding a page's text")
	htmlField := fs.String("html-field", "html", "JSONL field holding a page's HTML")
	progress := fs.String("progress", "auto", "progress bar on standard error: auto (when a terminal), on, off")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: belgi batch [flags] --out DIR INPUT...\n\nINPUT is a folder, a glob or a file: .txt page dumps, .html pages, .jsonl, .warc (each may be .gz).")
		fs.PrintDefaults()
	}
	var inputs []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		inputs = append(inputs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if *out == "" || len(inputs) == 0 {
		fs.Usage()
		return errors.New("want --out DIR and at least one INPUT")
	}
	if *overlap < 0 || *overlap > 1 {
		return fmt.Errorf("--overlap %v: want a share between 0 and 1", *overlap)
	}
	if *threshold <= 0 || *threshold > 1 {
		return fmt.Errorf("--threshold %v: want a similarity in (0, 1]", *threshold)
	}
	c := batch.Config{
		NoClean: *noClean, Languages: batch.SplitList(*langs), Keywords: batch.SplitList(*keywords), Labels: batch.SplitList(*labels),
		NoDedup: *noDedup, Threshold: *threshold, Shingle: *shingle,
		PerStratum: *perStratum, Seed: *seed, Annotators: *annotators, Overlap: *overlap,
	}
	if *gazetteer != "" {
		f, err := os.Open(*gazetteer)
		if err != nil {
			return err
		}
		c.Suggest, _, err = batch.Gazetteer(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %v", *gazetteer, err)
		}
	} else if len(c.Labels) > 0 {
		return errors.New("--labels needs --gazetteer")
	}
	files, _, err := batch.Files(inputs)
	if err != nil {
		return err
	}
	o := batch.Options{Workers: *workers, Reader: batch.Reader{TextField: *textField, HTMLField: *htmlField}}
	show := *progress == "on"
	if *progress == "auto" {
		if f, ok := batchErr.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				show = true
			}
		}
	}
	if show {
		o.Progress = func(done, total int64) { drawBar(batchErr, done, total) }
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := batch.Run(ctx, c, files, *out, o)
	if show {
		fmt.Fprintln(batchErr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(batchOut, "%d files, %d records: kept %d, duplicates %d (exact %d, near %d)", rep.Files, rep.In, rep.Kept, rep.Duplicates, rep.Exact, rep.Near)
	var reasons []string
	for r, n := range rep.Rejected {
		reasons = append(reasons, fmt.Sprintf("%s %d", r, n))
	}
	sort.Strings(reasons)
	if len(reasons) > 0 {
		fmt.Fprintf(batchOut, ", dropped: %s", strings.Join(reasons, ", "))
	}
	fmt.Fprintf(batchOut, "; %.1f s; wrote %s\n", rep.Seconds, *out)
	for _, w := range rep.Warnings {
		fmt.Fprintln(batchErr, "warning:", w)
	}
	return nil
}

// drawBar redraws a progress bar of the input bytes read.
func drawBar(w io.Writer, done, total int64) {
	const width = 40
	f := 1.0
	if total > 0 {
		f = min(float64(done)/float64(total), 1)
	}
	n := int(f * width)
	fmt.Fprintf(w, "\r[%s%s] %3.0f%%  %d / %d MB", strings.Repeat("=", n), strings.Repeat(" ", width-n), f*100, done>>20, total>>20)
}
