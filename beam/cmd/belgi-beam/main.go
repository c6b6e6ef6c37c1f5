// Command belgi-beam runs belgi batch's pipeline on Apache Beam: locally on
// the Prism runner (the default), or on Flink, Spark or Dataflow with
// Beam's --runner and its flags (see beam/README.md).
//
// Usage:
//
//	belgi-beam [flags] --out DIR INPUT...
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"belgi/batch"
	belgibeam "belgi/beam"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

var (
	out        = flag.String("out", "", "output folder (local path, or gs://bucket/folder)")
	langs      = flag.String("languages", "", "keep only these languages, comma-separated")
	keywords   = flag.String("keywords", "", "keep only documents with a word starting with one of these, comma-separated")
	gazetteer  = flag.String("gazetteer", "", "pre-annotate with this list of NAME<TAB>LABEL lines")
	labels     = flag.String("keep-labels", "", "keep only documents with a suggestion of one of these labels")
	noClean    = flag.Bool("no-clean", false, "keep page dumps as they are")
	noDedup    = flag.Bool("no-dedup", false, "keep duplicates")
	threshold  = flag.Float64("threshold", batch.DefaultThreshold, "near-duplicate threshold (estimated Jaccard similarity)")
	shingle    = flag.Int("shingle", batch.DefaultShingle, "words per shingle")
	perStratum = flag.Int("per-stratum", 0, "sample at most this many documents per source and month")
	seed       = flag.Int64("seed", 1, "seed of the sample and of the packaging")
	annotators = flag.Int("annotators", 0, "pack the kept documents for this many annotators")
	overlap    = flag.Float64("overlap", 0, "share of documents given to a second annotator")
	textField  = flag.String("text-field", "text", "JSONL field holding a page's text")
	htmlField  = flag.String("html-field", "html", "JSONL field holding a page's HTML")
)

func main() {
	if !strings.Contains(strings.Join(os.Args, " "), "-runner") {
		flag.Set("runner", "prism")
	}
	flag.Parse()
	beam.Init()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: belgi-beam [flags] --out DIR INPUT...")
		flag.PrintDefaults()
		os.Exit(2)
	}
	ctx := context.Background()
	o := belgibeam.Options{Config: batch.Config{
		NoClean: *noClean, Languages: batch.SplitList(*langs), Keywords: batch.SplitList(*keywords), Labels: batch.SplitList(*labels),
		NoDedup: *noDedup, Threshold: *threshold, Shingle: *shingle, PerStratum: *perStratum, Seed: *seed,
		Annotators: *annotators, Overlap: *overlap,
	}, TextField: *textField, HTMLField: *htmlField}
	if *gazetteer != "" {
		b, err := os.ReadFile(*gazetteer)
		if err != nil {
			log.Fatal(err)
		}
		o.Gazetteer = string(b)
	}
	if _, err := o.BatchConfig(); err != nil {
		log.Fatal(err)
	}
	files, err := inputs(ctx, flag.Args())
	if err != nil {
		log.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	belgibeam.Build(s, o, files, *out)
	if err := beamx.Run(ctx, p); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d files; wrote %s\n", len(files), *out)
}

// inputs lists local inputs as belgi batch does, and remote ones (gs://)
// with the Beam file system, a glob each.
func inputs(ctx context.Context, args []string) ([]string, error) {
	var local, files []string
	for _, a := range args {
		if !strings.Contains(a, "://") {
			local = append(local, a)
			continue
		}
		fs, err := filesystem.New(ctx, a)
		if err != nil {
			return nil, err
		}
		m, err := fs.List(ctx, a)
		fs.Close()
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	if len(local) > 0 {
		l, _, err := batch.Files(local)
		if err != nil {
			return nil, err
		}
		files = append(l, files...)
	}
	return files, nil
}
