//go:build !wasm

package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"belgi/annotations"
	"belgi/annotations/loss"
	"belgi/recommend"
)

// recommendOut is the standard output of the recommend command; tests
// replace it.
var recommendOut io.Writer = os.Stdout

func init() {
	commands["recommend"] = command{summary: "train the recommender on labelled data and score it on other data", run: runRecommend}
}

// runRecommend implements `belgi recommend --train IN --test IN
// [--sentences N] [--json]`.
func runRecommend(args []string) error {
	fs := flag.NewFlagSet("recommend", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	train := fs.String("train", "", "labelled input to train on")
	test := fs.String("test", "", "labelled input to score on")
	from := fs.String("from", "", "format of both inputs (default: brat for a folder, json for .json, conll otherwise)")
	testFrom := fs.String("test-from", "", "format of the test input (default: --from)")
	sentences := fs.Int("sentences", 0, "train on the first N sentences of the training input (0: all)")
	epochs := fs.Int("epochs", 0, fmt.Sprintf("passes over the training sentences (0: %d)", recommend.DefaultEpochs))
	lang := fs.String("lang", "", "language (kk, ru, en) of documents whose language is unknown, for tokenising")
	asJSON := fs.Bool("json", false, "print one JSON object")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: belgi recommend --train IN --test IN [--sentences N] [--json] [flags]\n\nTrains the recommender on the first N sentences of the training input and\nprints exact-match precision, recall and F1 per label and overall on the\ntest input, with the training time. Inputs are read as `belgi convert`\nreads them (formats: "+formatNames(false)+").\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *train == "" || *test == "" || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("want --train and --test, and no other arguments")
	}
	if *sentences < 0 {
		return fmt.Errorf("--sentences %d: want 0 (all) or more", *sentences)
	}
	if *testFrom == "" {
		*testFrom = *from
	}
	o := convertOptions{scheme: "IOB2", lang: *lang}
	var rep loss.Report
	trainDocs, err := readDocuments(*train, *from, &o, &rep)
	if err != nil {
		return err
	}
	testDocs, err := readDocuments(*test, *testFrom, &o, &rep)
	if err != nil {
		return err
	}
	for _, ds := range [][]*annotations.Document{trainDocs, testDocs} {
		for _, d := range ds {
			if *lang != "" && (d.Language == "" || d.Language == "und") {
				d.Language = *lang
			}
		}
	}

	t := recommend.NewTrainer(recommend.Options{Epochs: *epochs})
	var cov recommend.Coverage
	nsent, ntok := 0, 0
	for _, d := range trainDocs {
		if *sentences > 0 && nsent >= *sentences {
			break
		}
		ss, _ := recommend.Split(d, nil)
		if *sentences > 0 && nsent+len(ss) > *sentences {
			ss = ss[:*sentences-nsent]
		}
		for i := range ss {
			ntok += len(ss[i].Tokens)
			cov.Add(ss[i].Coverage())
		}
		nsent += len(ss)
		if err := t.Set(d.ID, ss); err != nil {
			return err
		}
	}
	if nsent == 0 {
		return fmt.Errorf("%s: no sentences to train on", *train)
	}
	start := time.Now()
	for !t.Step(1 << 16) {
	}
	m := t.Model()
	secs := time.Since(start).Seconds()
	sc := recommend.EvaluateDocuments(m, testDocs)

	rep.Print(os.Stderr, "read: ")
	if *asJSON {
		return printRecommendJSON(recommendOut, sc, cov, nsent, ntok, secs, len(testDocs))
	}
	w := tabwriter.NewWriter(recommendOut, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(recommendOut, "trained on %d sentences (%d tokens) of %s in %.2f s; scored on %d documents of %s\n", nsent, ntok, *train, secs, len(testDocs), *test)
	if cov.Spans > 0 && cov.Skipped() > 0 {
		fmt.Fprintf(recommendOut, "not learnt from: %d of %d training spans (same extent %d, crossing %d, discontinuous %d, off token boundaries %d, across sentences %d)\n",
			cov.Skipped(), cov.Spans, cov.SameExtent, cov.Crossing, cov.Discontinuous, cov.OffTokens, cov.AcrossSentences)
	}
	fmt.Fprintln(w, "label\tgold\tpredicted\tcorrect\tprecision\trecall\tF1\t")
	row := func(name string, c recommend.Counts) {
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", name, c.Gold, c.Predicted, c.Correct, c.Precision(), c.Recall(), c.F1())
	}
	for _, l := range sc.LabelNames() {
		row(l, sc.Labels[l])
	}
	row("overall", sc.Overall)
	return w.Flush()
}

// readDocuments reads every document of the input in at path, in the format
// named (guessed from the path when ""), as `belgi convert` reads it.
func readDocuments(path, format string, o *convertOptions, rep *loss.Report) ([]*annotations.Document, error) {
	if format == "" {
		format = "conll"
		if fi, err := os.Stat(path); err != nil {
			return nil, err
		} else if fi.IsDir() {
			format = "brat"
		} else if strings.EqualFold(filepath.Ext(path), ".json") {
			format = "json"
		}
	}
	read, _, err := o.formatOptions()
	if err != nil {
		return nil, err
	}
	return readAll(format, path, read, rep)
}

// The JSON the recommend command prints.
type recommendJSON struct {
	TrainSentences int                  `json:"trainSentences"`
	TrainTokens    int                  `json:"trainTokens"`
	TrainSeconds   float64              `json:"trainSeconds"`
	TestDocuments  int                  `json:"testDocuments"`
	Overall        scoreJSON            `json:"overall"`
	Labels         map[string]scoreJSON `json:"labels"`
	Coverage       coverageJSON         `json:"coverage"`
}

type scoreJSON struct {
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// coverageJSON is what the training spans became (see recommend.Coverage).
type coverageJSON struct {
	Spans           int `json:"spans"`
	Learnt          int `json:"learnt"`
	Duplicates      int `json:"duplicates"`
	SameExtent      int `json:"sameExtent"`
	Crossing        int `json:"crossing"`
	Discontinuous   int `json:"discontinuous"`
	OffTokens       int `json:"offTokens"`
	AcrossSentences int `json:"acrossSentences"`
}

func toScoreJSON(c recommend.Counts) scoreJSON {
	return scoreJSON{c.Gold, c.Predicted, c.Correct, c.Precision(), c.Recall(), c.F1()}
}

func printRecommendJSON(w io.Writer, sc recommend.Scores, cov recommend.Coverage, nsent, ntok int, secs float64, ndocs int) error {
	out := recommendJSON{
		TrainSentences: nsent, TrainTokens: ntok, TrainSeconds: secs, TestDocuments: ndocs,
		Overall: toScoreJSON(sc.Overall), Labels: map[string]scoreJSON{}, Coverage: coverageJSON(cov),
	}
	for l, c := range sc.Labels {
		out.Labels[l] = toScoreJSON(c)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
