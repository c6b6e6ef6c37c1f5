// Command curve prints the learning curve of the recommender beside the
// string matcher (package suggest) on KazNERD (Kazakh) and NEREL (Russian),
// from ../shared/fixtures. It is the source of the recommender's figures in
// README.md; run it with `go run ./recommend/internal/curve`, or under node
// as the browser's proxy with GOOS=js GOARCH=wasm and -exec go_js_wasm_exec.
//
// KazNERD: the 11,167 sentences of IOB2_valid.txt, in file order, are
// permuted with math/rand/v2's PCG seeded (19, 2024); the first 80% are
// training sentences, the next 10% development, the last 10% held out. The
// curve trains on the first N training sentences and scores on the
// development part, on which everything was tuned, so its figures are
// development figures. -heldout also scores the held-out part, once, with
// all the training sentences.
//
// NEREL: the fixture holds a few documents of NEREL v1.1's train and dev
// splits (the test split is for reporting and is not read). The curve
// trains on the first N sentences of the train documents, in path order,
// and scores on the dev documents.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"belgi/annotations"
	"belgi/annotations/brat"
	"belgi/annotations/conll"
	"belgi/annotations/loss"
	"belgi/annotations/suggest"
	"belgi/internal/shared"
	"belgi/recommend"
)

func main() {
	root := shared.Root()
	kaz := flag.String("kaznerd", filepath.Join(root, "fixtures/kaznerd-valid/IOB2_valid.txt"), "KazNERD IOB2 file")
	nerel := flag.String("nerel", filepath.Join(root, "fixtures/nerel"), "NEREL brat folder with train/ and dev/")
	sizes := flag.String("sizes", "100,500,2000,all", "training sizes in sentences")
	epochs := flag.Int("epochs", 0, "passes over the training sentences (0: the default)")
	heldout := flag.Bool("heldout", false, "also score KazNERD's held-out part, trained on all training sentences")
	labels := flag.Bool("labels", false, "print per-label scores of the largest size")
	only := flag.String("only", "", "kaznerd or nerel: run one corpus")
	flag.Parse()
	opt := recommend.Options{Epochs: *epochs}
	if *only != "nerel" {
		if err := kazNERD(*kaz, *sizes, opt, *heldout, *labels); err != nil {
			fmt.Fprintln(os.Stderr, "curve:", err)
			os.Exit(1)
		}
	}
	if *only != "kaznerd" {
		if err := nerelCurve(*nerel, *sizes, opt, *labels); err != nil {
			fmt.Fprintln(os.Stderr, "curve:", err)
			os.Exit(1)
		}
	}
}

// A part is a set of documents and their sentences.
type part struct {
	docs []*annotations.Document
	sent [][]recommend.Sentence // by document
}

func (p *part) add(d *annotations.Document) recommend.Coverage {
	ss, cov := recommend.Split(d, nil)
	p.docs = append(p.docs, d)
	p.sent = append(p.sent, ss)
	return cov
}

func (p *part) sentences() []recommend.Sentence {
	var out []recommend.Sentence
	for _, ss := range p.sent {
		out = append(out, ss...)
	}
	return out
}

func kazNERD(name, sizes string, opt recommend.Options, heldout, labels bool) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	o := conll.KazNERD
	o.SentencePerDocument = true
	r := conll.NewReader(f, filepath.Base(name), o, &loss.Report{})
	var docs []*annotations.Document
	for {
		d, err := r.Read()
		if err != nil {
			break
		}
		d.Language = "kk"
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return fmt.Errorf("%s: no sentences", name)
	}
	perm := rand.New(rand.NewPCG(19, 2024)).Perm(len(docs))
	var train, dev, held part
	var cov recommend.Coverage
	for i, k := range perm {
		switch {
		case i < len(docs)*8/10:
			cov.Add(train.add(docs[k]))
		case i < len(docs)*9/10:
			cov.Add(dev.add(docs[k]))
		default:
			cov.Add(held.add(docs[k]))
		}
	}
	fmt.Printf("== KazNERD (kk): %s, %d sentences: %d train, %d dev, %d held out (PCG seed 19, 2024)\n", filepath.Base(name), len(docs), len(train.docs), len(dev.docs), len(held.docs))
	printCoverage(cov)
	sz, err := parseSizes(sizes, len(train.docs))
	if err != nil {
		return err
	}
	curve(&train, &dev, sz, opt, labels)
	if heldout {
		fmt.Println("-- held out, scored once, trained on all training sentences")
		curve(&train, &held, []int{len(train.docs)}, opt, labels)
	}
	return nil
}

func nerelCurve(dir, sizes string, opt recommend.Options, labels bool) error {
	read := func(sub string) (*part, recommend.Coverage, error) {
		p := &part{}
		var cov recommend.Coverage
		err := brat.ReadFS(os.DirFS(filepath.Join(dir, sub)), &loss.Report{}, func(d *annotations.Document) error {
			d.Language = "ru"
			cov.Add(p.add(d))
			return nil
		})
		return p, cov, err
	}
	train, c1, err := read("train")
	if err != nil {
		return err
	}
	dev, c2, err := read("dev")
	if err != nil {
		return err
	}
	c1.Add(c2)
	// NEREL's sizes count sentences, not documents: cut the train part
	// into one-sentence pieces.
	var flat part
	for i, ss := range train.sent {
		for _, s := range ss {
			flat.docs = append(flat.docs, train.docs[i])
			flat.sent = append(flat.sent, []recommend.Sentence{s})
		}
	}
	fmt.Printf("== NEREL (ru): fixture, %d train documents (%d sentences), %d dev documents (%d sentences)\n", len(train.docs), len(flat.sent), len(dev.docs), len(dev.sentences()))
	printCoverage(c1)
	sz, err := parseSizes(sizes, len(flat.sent))
	if err != nil {
		return err
	}
	curve(&flat, dev, sz, opt, labels)
	return nil
}

func printCoverage(c recommend.Coverage) {
	fmt.Printf("spans %d: learnt from %d, duplicates %d; skipped %d (same extent %d, crossing %d, discontinuous %d, off token boundaries %d, across sentences %d)\n",
		c.Spans, c.Learnt, c.Duplicates, c.Skipped(), c.SameExtent, c.Crossing, c.Discontinuous, c.OffTokens, c.AcrossSentences)
}

func parseSizes(s string, all int) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f == "all" {
			out = append(out, all)
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad size %q", f)
		}
		if n < all {
			out = append(out, n)
		}
	}
	return out, nil
}

// curve trains on the first n sentences of train for each n and prints the
// scores on test, beside the string matcher's.
func curve(train, test *part, sizes []int, opt recommend.Options, labels bool) {
	fmt.Printf("%9s %8s %8s | %6s %6s %6s | %6s %6s %6s\n", "sentences", "tokens", "train s", "P", "R", "F1", "match P", "R", "F1")
	var last recommend.Scores
	for _, n := range sizes {
		t := recommend.NewTrainer(opt)
		tokens := 0
		matcher := suggest.New()
		for i := 0; i < n && i < len(train.sent); i++ {
			t.Set("s"+strconv.Itoa(i), train.sent[i])
			for _, s := range train.sent[i] {
				tokens += len(s.Tokens)
				for _, sp := range s.Gold {
					matcher.Add(sp)
				}
			}
		}
		start := time.Now()
		for !t.Step(1 << 20) {
		}
		m := t.Model()
		secs := time.Since(start).Seconds()
		// Both are scored by document, against all its spans.
		sc := recommend.EvaluateDocuments(m, test.docs)
		var base recommend.Scores
		for _, d := range test.docs {
			bare := annotations.NewDocument(d.ID, "", "", d.Text)
			var pred []recommend.Span
			for _, s := range matcher.Suggest(bare) {
				pred = append(pred, recommend.Span{Start: s.Start, End: s.End, Label: s.Label})
			}
			base.Add(recommend.Of(d.Spans), pred)
		}
		o, b := sc.Overall, base.Overall
		fmt.Printf("%9d %8d %8.2f | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f\n", n, tokens, secs, o.Precision(), o.Recall(), o.F1(), b.Precision(), b.Recall(), b.F1())
		last = sc
	}
	if labels {
		fmt.Printf("%-16s %6s %6s %6s %6s\n", "label", "gold", "P", "R", "F1")
		for _, l := range last.LabelNames() {
			c := last.Labels[l]
			fmt.Printf("%-16s %6d %6.3f %6.3f %6.3f\n", l, c.Gold, c.Precision(), c.Recall(), c.F1())
		}
	}
}
