//go:build !wasm

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"belgi/annotations"
	"belgi/annotations/assign"
)

// assignOut is where assign reports what it wrote; tests replace it.
var assignOut io.Writer = os.Stdout

func init() {
	commands["assign"] = command{summary: "split documents into packages for annotators, with an overlap", run: runAssign}
}

const assignUsage = `usage: belgi assign --annotators A,B,C [--overlap 0.2] [--seed N] [--out DIR] FILE

Splits the documents of the gold file FILE into one gold file per
annotator, DIR/<annotator>.json: every document goes to one annotator and
the share --overlap of them to a second as well, so that agreement can be
measured. The same seed gives the same packages.`

func runAssign(args []string) error {
	fs := flag.NewFlagSet("assign", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	anns := fs.String("annotators", "", "comma-separated annotator ids")
	overlap := fs.Float64("overlap", 0, "share of documents (0 to 1) a second annotator also gets")
	seed := fs.Int64("seed", 1, "seed of the split")
	out := fs.String("out", ".", "folder to write the packages to")
	if help, err := parseFlags(fs, args, assignUsage); help || err != nil {
		return err
	}
	if fs.NArg() != 1 || *anns == "" {
		fs.Usage()
		return errors.New("want --annotators and one FILE")
	}
	in := fs.Arg(0)
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	if len(data) > maxGold {
		return fmt.Errorf("%s: larger than %d MB", in, maxGold>>20)
	}
	f, err := annotations.Decode(data)
	if err != nil {
		return fmt.Errorf("%s: %v", in, err)
	}
	var ids []string
	for _, a := range strings.Split(*anns, ",") {
		ids = append(ids, strings.TrimSpace(a))
	}
	pkgs, err := assign.Split(f.Documents, assign.Options{Annotators: ids, Overlap: *overlap, Seed: *seed})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	names := map[string]string{}
	for _, a := range f.Annotators {
		names[a.ID] = a.Name
	}
	now := time.Now().UTC().Format(time.RFC3339)
	for _, p := range pkgs {
		if strings.ContainsAny(p.Annotator, `/\`) || p.Annotator == "." || p.Annotator == ".." {
			return fmt.Errorf("annotator id %q cannot name a file", p.Annotator)
		}
		g := annotations.NewFile(f.Schema, p.Documents...)
		g.Annotators = []annotations.Annotator{{ID: p.Annotator, Name: names[p.Annotator]}}
		g.App = "belgi assign (" + version + ")"
		g.Exported = now
		b, err := annotations.Marshal(g)
		if err != nil {
			return err
		}
		path := filepath.Join(*out, p.Annotator+".json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(assignOut, "%s: %d documents\n", path, len(p.Documents))
	}
	return nil
}
