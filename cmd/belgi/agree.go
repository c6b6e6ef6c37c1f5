//go:build !wasm

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"belgi/annotations"
	"belgi/annotations/agree"
	"belgi/annotations/format"
	"belgi/annotations/loss"
)

// agreeOut and agreeErr are the agree command's streams; tests replace them.
var (
	agreeOut io.Writer = os.Stdout
	agreeErr io.Writer = os.Stderr
)

func init() {
	commands["agree"] = command{summary: "measure inter-annotator agreement between annotators' files", run: runAgree}
}

const agreeUsage = `usage: belgi agree [--json|--csv|--markdown] [--labels L1,L2] INPUT...

Each INPUT is one annotator's export (a gold file, a Label Studio export or
a brat folder), or one gold file holding several annotators. The annotator
is the documents' own, else the file or folder name. Versions of a text are
matched by the SHA-256 of the text.`

// runAgree implements `belgi agree`.
func runAgree(args []string) error {
	fs := flag.NewFlagSet("agree", flag.ContinueOnError)
	fs.SetOutput(agreeErr)
	asJSON := fs.Bool("json", false, "print one JSON object")
	asCSV := fs.Bool("csv", false, "print every figure as CSV")
	asMD := fs.Bool("markdown", false, "print the tables as Markdown")
	labels := fs.String("labels", "", "comma-separated span labels and event types to compare (default: all)")
	if help, err := parseFlags(fs, args, agreeUsage); help || err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no INPUT")
	}
	var opt agree.Options
	for _, l := range strings.Split(*labels, ",") {
		if l = strings.TrimSpace(l); l != "" {
			opt.Labels = append(opt.Labels, l)
		}
	}
	var vs []agree.Version
	owner := map[string]string{} // annotator → the input that holds them
	for _, in := range fs.Args() {
		docs, err := readExport(in)
		if err != nil {
			if strings.Contains(err.Error(), in) {
				return err
			}
			return fmt.Errorf("%s: %v", in, err)
		}
		if len(docs) == 0 {
			return fmt.Errorf("%s: no documents", in)
		}
		fallback := strings.TrimSuffix(filepath.Base(filepath.Clean(in)), filepath.Ext(in))
		here := map[string]bool{}
		for _, d := range docs {
			a := d.Annotator
			if a == "" {
				a = fallback
			}
			here[a] = true
			vs = append(vs, agree.Version{Annotator: a, Doc: d})
		}
		for _, a := range slices.Sorted(maps.Keys(here)) {
			if prev, ok := owner[a]; ok {
				return fmt.Errorf("%s and %s both hold annotator %q: give each file its own annotator", prev, in, a)
			}
			owner[a] = in
		}
	}
	texts, err := agree.Group(vs)
	if err != nil {
		return err
	}
	r, err := agree.Compute(texts, opt)
	if err != nil {
		if errors.Is(err, agree.ErrOneAnnotator) {
			return fmt.Errorf("%v: give two or more annotators' files, or one file holding several", err)
		}
		if errors.Is(err, agree.ErrNoSharedText) {
			return fmt.Errorf("%v: versions are matched by the SHA-256 of their text, so a text that differs in one character is another text", err)
		}
		return err
	}
	for _, l := range opt.Labels {
		if !slices.Contains(r.Labels, l) {
			fmt.Fprintf(agreeErr, "belgi agree: warning: no annotator used label %q\n", l)
		}
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(agreeErr, "belgi agree: warning: %s\n", w)
	}
	switch {
	case *asJSON:
		data, err := r.JSON()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(agreeOut, "%s\n", data)
		return err
	case *asCSV:
		return r.WriteCSV(agreeOut)
	case *asMD:
		return r.WriteMarkdown(agreeOut)
	}
	return r.WriteText(agreeOut)
}

// readExport reads one annotator's export through the format registry: a
// brat folder, a gold file, or else a Label Studio export.
func readExport(in string) ([]*annotations.Document, error) {
	fi, err := os.Stat(in)
	if err != nil {
		return nil, err
	}
	var rep loss.Report
	read := func(name string) ([]*annotations.Document, error) {
		return readAll(name, in, format.Options{}, &rep)
	}
	if fi.IsDir() {
		return read("brat")
	}
	docs, err := read("json")
	if err != nil && strings.Contains(err.Error(), "not a Belgi gold file") {
		if ls, lerr := read("labelstudio"); lerr == nil {
			return ls, nil
		}
	}
	return docs, err
}

// parseFlags parses args with a usage text above the flags; help is true
// when the user asked for it, which is not an error.
func parseFlags(fs *flag.FlagSet, args []string, usage string) (help bool, err error) {
	fs.Usage = func() { fmt.Fprintln(fs.Output(), usage+"\n\nflags:"); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, err
	}
	return false, nil
}
