//go:build !wasm

package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"belgi/annotations"
	"belgi/annotations/brat"
	"belgi/annotations/casefmt"
	"belgi/annotations/conll"
	"belgi/annotations/doccano"
	"belgi/annotations/factrueval"
	"belgi/annotations/folia"
	"belgi/annotations/goldstream"
	"belgi/annotations/labelstudio"
	"belgi/annotations/loss"
	"belgi/annotations/spacy"
)

// convertOut and convertErr are the standard streams of the convert
// command; tests replace them.
var (
	convertOut io.Writer = os.Stdout
	convertErr io.Writer = os.Stderr
)

func init() {
	commands["convert"] = command{summary: "convert annotated corpora between formats, reporting what is lost", run: runConvert}
}

// convertOptions are the flags of the convert command.
type convertOptions struct {
	scheme, outScheme string
	sep               string
	tagColumn         int
	sentenceDocs      bool
	docStart          string
	variant           string
	lang              string
	strict            bool
	eventsFrom        string
}

// A docSource yields the documents of an input. each may be called more
// than once (a first pass collects the schema when the format carries none);
// it reads the input afresh every time.
type docSource struct {
	schema *annotations.Schema // nil when the format carries none
	each   func(fn func(*annotations.Document) error) error
}

// A docSink writes documents to an output.
type docSink interface {
	Write(*annotations.Document) error
	Close() error
}

// A convFormat is one format the command reads or writes.
type convFormat struct {
	summary string
	dir     string // "folder", "file or folder" or "" for a file
	read    func(in string, o *convertOptions, rep *loss.Report) (*docSource, error)
	write   func(out string, o *convertOptions, s annotations.Schema, rep *loss.Report) (docSink, error)
}

// convFormats lists the formats by name. Importers without an exporter have
// a nil write.
var convFormats = map[string]convFormat{
	"json":        {"Belgi gold JSON", "", readGold, writeGold},
	"brat":        {"brat standoff: a folder of .txt/.ann pairs and annotation.conf", "folder", readBrat, writeBrat},
	"conll":       {"token-per-line IOB (CoNLL, KazNERD, CASE subtask 4)", "", readCoNLL, writeCoNLL},
	"doccano":     {"doccano JSONL (--variant label or entities)", "", readDoccano, writeDoccano},
	"labelstudio": {"Label Studio JSON export", "", readLabelStudio, writeLabelStudio},
	"spacy":       {"Prodigy/spaCy JSONL", "", readSpacy, writeSpacy},
	"folia":       {"FoLiA XML as in GLOCON Gold: a .folia.xml file, or a folder of them", "file or folder", readFoLiA, nil},
	"case":        {"CASE 2021 task 1 (JSON subtasks 1-3, TAB-IOB subtask 4)", "", readCASE, nil},
	"factrueval":  {"FactRuEval-2016: a folder of .txt/.spans/.objects/.coref/.facts", "folder", readFactRuEval, nil},
}

func formatNames(writable bool) string {
	var names []string
	for n, f := range convFormats {
		if !writable || f.write != nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// runConvert implements `belgi convert --from FMT --to FMT [flags] IN OUT`.
func runConvert(args []string) error {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(convertErr)
	from := fs.String("from", "", "input format: "+formatNames(false))
	to := fs.String("to", "", "output format: "+formatNames(true))
	var o convertOptions
	fs.StringVar(&o.scheme, "scheme", "IOB2", "conll: tagging scheme of the input, IOB1, IOB2, BIOES or IO")
	fs.StringVar(&o.outScheme, "out-scheme", "", "conll: tagging scheme of the output (default: --scheme)")
	fs.StringVar(&o.sep, "sep", "", "conll: column separator, space or tab (default: TAB where a line has one, else space)")
	fs.IntVar(&o.tagColumn, "tag-column", 0, "conll: 1-based column of the tag (default: the last)")
	fs.BoolVar(&o.sentenceDocs, "sentence-docs", false, "conll: read each sentence as a document")
	fs.StringVar(&o.docStart, "docstart", "-DOCSTART-", "conll: marker line written before each document not read from CoNLL; empty for none")
	fs.StringVar(&o.variant, "variant", "label", "doccano: variant to write, label (flat, no relations) or entities (with relations)")
	fs.StringVar(&o.lang, "lang", "", "language (ru, kk, en) for tokenising documents whose language is unknown")
	fs.BoolVar(&o.strict, "strict", false, "fail when anything cannot be carried over")
	fs.StringVar(&o.eventsFrom, "events-from-relations", "", "make an event of every span with this label (NEREL: EVENT), its arguments the relations that link it")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: belgi convert --from FMT --to FMT [flags] IN OUT\n\nformats:")
		names := strings.Split(formatNames(false), ", ")
		for _, n := range names {
			f := convFormats[n]
			kind := "file"
			if f.dir != "" {
				kind = f.dir
			}
			ro := ""
			if f.write == nil {
				ro = ", import only"
			}
			fmt.Fprintf(fs.Output(), "  %-12s %s (%s%s)\n", n, f.summary, kind, ro)
		}
		fmt.Fprintln(fs.Output(), "\nOUT may be - for standard output when it is a file. What the output format\ncannot hold, and input it cannot read, is listed on standard error.\n\nflags:")
		fs.PrintDefaults()
	}
	// Flags may come before or after the paths.
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		paths = append(paths, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(paths) != 2 || *from == "" || *to == "" {
		fs.Usage()
		return errors.New("want --from, --to, IN and OUT")
	}
	in, out := paths[0], paths[1]
	src, ok := convFormats[*from]
	if !ok {
		return fmt.Errorf("unknown input format %q (want one of %s)", *from, formatNames(false))
	}
	dst, ok := convFormats[*to]
	if !ok {
		return fmt.Errorf("unknown output format %q (want one of %s)", *to, formatNames(true))
	}
	if dst.write == nil {
		return fmt.Errorf("%s is import only: Belgi reads it but does not write it (write one of %s)", *to, formatNames(true))
	}
	if in == out && in != "-" {
		return errors.New("IN and OUT are the same path")
	}

	var readRep, lostRep loss.Report
	source, err := src.read(in, &o, &readRep)
	if err != nil {
		return err
	}
	if label := o.eventsFrom; label != "" {
		each := source.each
		source.each = func(fn func(*annotations.Document) error) error {
			return each(func(d *annotations.Document) error {
				brat.EventsFromRelations(d, label)
				return fn(d)
			})
		}
	}
	schema := source.schema
	if schema == nil && (*to == "json" || *to == "brat") {
		// The format carries no schema: gather one from the labels used,
		// in a first pass over the input.
		var b goldstream.SchemaBuilder
		before := readRep.Len()
		if err := source.each(func(d *annotations.Document) error { b.Add(d); return nil }); err != nil {
			return err
		}
		readRep.Items = readRep.Items[:before] // the second pass reports them again
		s := b.Schema(strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)))
		for _, l := range b.Skipped() {
			readRep.Add(in, "", 0, "label %q is not a valid type name, so it is not in the schema (the spans keep it)", l)
		}
		schema = &s
	}
	if schema == nil {
		schema = &annotations.Schema{}
	}
	if label := o.eventsFrom; label != "" && !slices.ContainsFunc(schema.Events, func(e annotations.EventType) bool { return e.Type == label }) {
		schema.Events = append(schema.Events, annotations.EventType{Type: label})
	}
	sink, err := dst.write(out, &o, *schema, &lostRep)
	if err != nil {
		return err
	}
	docs, spans := 0, 0
	err = source.each(func(d *annotations.Document) error {
		docs++
		spans += len(d.Spans)
		return sink.Write(d)
	})
	if cerr := sink.Close(); err == nil {
		err = cerr
	}
	ew := bufio.NewWriter(convertErr)
	readRep.Print(ew, "read: ")
	lostRep.Print(ew, "lost: ")
	fmt.Fprintf(ew, "belgi convert: %d documents, %d spans from %s to %s", docs, spans, *from, *to)
	if n := readRep.Len() + lostRep.Len(); n > 0 {
		fmt.Fprintf(ew, "; %d input problems and %d items not carried over, listed above", readRep.Len(), lostRep.Len())
	}
	fmt.Fprintln(ew)
	ew.Flush()
	if err != nil {
		return err
	}
	if o.strict && lostRep.Len() > 0 {
		return fmt.Errorf("%d items could not be carried over to %s (--strict)", lostRep.Len(), *to)
	}
	return nil
}

// eachFile returns an each function that opens name and reads it with
// read, which returns io.EOF at the end.
func eachFile(name string, open func(io.Reader) func() (*annotations.Document, error)) func(func(*annotations.Document) error) error {
	return func(fn func(*annotations.Document) error) error {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		next := open(f)
		for {
			d, err := next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := fn(d); err != nil {
				return err
			}
		}
	}
}

// checkFile fails unless name is a readable file.
func checkFile(name string) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return fmt.Errorf("%s is a folder; this format reads a file", name)
	}
	return nil
}

// A fileSink writes to a file, or to standard output for "-".
type fileSink struct {
	f *os.File
	w io.Writer
}

func createFile(name string) (*fileSink, error) {
	if name == "-" {
		return &fileSink{w: convertOut}, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	return &fileSink{f: f, w: f}, nil
}

func (s *fileSink) finish(err error) error {
	if s.f != nil {
		if cerr := s.f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// funcSink adapts a writer's methods to docSink.
type funcSink struct {
	write func(*annotations.Document) error
	close func() error
}

func (s funcSink) Write(d *annotations.Document) error { return s.write(d) }
func (s funcSink) Close() error                        { return s.close() }

func readGold(in string, _ *convertOptions, rep *loss.Report) (*docSource, error) {
	if err := checkFile(in); err != nil {
		return nil, err
	}
	f, err := os.Open(in)
	if err != nil {
		return nil, err
	}
	r, err := goldstream.NewReader(f, in)
	f.Close()
	if err != nil {
		return nil, err
	}
	s := r.Schema()
	return &docSource{schema: &s, each: eachFile(in, func(f io.Reader) func() (*annotations.Document, error) {
		r, err := goldstream.NewReader(f, in)
		if err != nil {
			return func() (*annotations.Document, error) { return nil, err }
		}
		return func() (*annotations.Document, error) {
			d, err := r.Read()
			if err == nil {
				for _, p := range r.Warnings(d) {
					rep.Add(in, "", 0, "%s", p)
				}
			}
			return d, err
		}
	})}, nil
}

func writeGold(out string, _ *convertOptions, s annotations.Schema, _ *loss.Report) (docSink, error) {
	fsink, err := createFile(out)
	if err != nil {
		return nil, err
	}
	w, err := goldstream.NewWriter(fsink.w, s)
	if err != nil {
		return nil, fsink.finish(err)
	}
	return funcSink{w.Write, func() error { return fsink.finish(w.Close()) }}, nil
}

// readBrat reads a folder of .txt/.ann pairs (and its annotation.conf), or
// one pair named by its .txt or .ann file.
func readBrat(in string, _ *convertOptions, rep *loss.Report) (*docSource, error) {
	fi, err := os.Stat(in)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		base := strings.TrimSuffix(strings.TrimSuffix(in, ".ann"), ".txt")
		return &docSource{each: func(fn func(*annotations.Document) error) error {
			txt, err := os.ReadFile(base + ".txt")
			if err != nil {
				return err
			}
			ann, err := os.ReadFile(base + ".ann")
			if errors.Is(err, os.ErrNotExist) {
				rep.Add(base+".txt", "", 0, "no .ann beside it: read as a document without annotations")
			} else if err != nil {
				return err
			}
			d, err := brat.Read(filepath.Base(base), txt, ann, rep)
			if err != nil {
				return err
			}
			return fn(d)
		}}, nil
	}
	src := &docSource{each: func(fn func(*annotations.Document) error) error {
		return brat.ReadFS(os.DirFS(in), rep, fn)
	}}
	if conf, err := os.ReadFile(filepath.Join(in, "annotation.conf")); err == nil {
		s, err := brat.ReadConf(filepath.Join(in, "annotation.conf"), conf, rep)
		if err != nil {
			return nil, err
		}
		s.Name = filepath.Base(filepath.Clean(in))
		src.schema = &s
	}
	return src, nil
}

// writeBrat writes a folder of .txt/.ann pairs and an annotation.conf. The
// folder must be new or empty.
func writeBrat(out string, _ *convertOptions, s annotations.Schema, rep *loss.Report) (docSink, error) {
	if out == "-" {
		return nil, errors.New("brat writes a folder, not standard output")
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty: brat output needs a new or empty folder", out)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	if len(s.Entities)+len(s.Events)+len(s.Relations)+len(s.Attributes) > 0 {
		f, err := os.Create(filepath.Join(out, "annotation.conf"))
		if err != nil {
			return nil, err
		}
		err = brat.WriteConf(f, s, rep)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	used := map[string]bool{}
	write := func(d *annotations.Document) error {
		base := brat.FileBase(d.ID)
		for n := 2; used[strings.ToLower(base)]; n++ {
			base = fmt.Sprintf("%s_%d", brat.FileBase(d.ID), n)
		}
		used[strings.ToLower(base)] = true
		if base != d.ID {
			rep.Add(d.ID, "", 0, "written as %s.txt and %s.ann", base, base)
		}
		name := filepath.Join(out, filepath.FromSlash(base))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name+".txt", []byte(d.Text), 0o644); err != nil {
			return err
		}
		f, err := os.Create(name + ".ann")
		if err != nil {
			return err
		}
		err = brat.Write(f, d, rep)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return funcSink{write, func() error { return nil }}, nil
}

// conllOptions returns the layout for reading (out false) or writing.
func conllOptions(o *convertOptions, out bool) (conll.Options, error) {
	opt := conll.Default
	name := o.scheme
	if out && o.outScheme != "" {
		name = o.outScheme
	}
	scheme, err := conll.ParseScheme(name)
	if err != nil {
		return opt, err
	}
	opt.Scheme = scheme
	switch strings.ToLower(o.sep) {
	case "":
	case "tab", "\t", `\t`:
		opt.Sep = "\t"
	case "space", " ":
		opt.Sep = " "
	default:
		return opt, fmt.Errorf("--sep %q: want space or tab", o.sep)
	}
	opt.TagColumn = o.tagColumn
	opt.SentencePerDocument = o.sentenceDocs
	opt.Lang = o.lang
	if out {
		opt.DocStart = nil
		if o.docStart != "" {
			opt.DocStart = []string{o.docStart}
		}
	}
	return opt, nil
}

func readCoNLL(in string, o *convertOptions, rep *loss.Report) (*docSource, error) {
	if err := checkFile(in); err != nil {
		return nil, err
	}
	opt, err := conllOptions(o, false)
	if err != nil {
		return nil, err
	}
	return &docSource{each: eachFile(in, func(f io.Reader) func() (*annotations.Document, error) {
		return conll.NewReader(f, filepath.Base(in), opt, rep).Read
	})}, nil
}

func writeCoNLL(out string, o *convertOptions, _ annotations.Schema, rep *loss.Report) (docSink, error) {
	opt, err := conllOptions(o, true)
	if err != nil {
		return nil, err
	}
	fsink, err := createFile(out)
	if err != nil {
		return nil, err
	}
	w := conll.NewWriter(fsink.w, opt, rep)
	return funcSink{w.Write, func() error { return fsink.finish(w.Flush()) }}, nil
}

func readDoccano(in string, _ *convertOptions, rep *loss.Report) (*docSource, error) {
	if err := checkFile(in); err != nil {
		return nil, err
	}
	return &docSource{each: eachFile(in, func(f io.Reader) func() (*annotations.Document, error) {
		return doccano.NewReader(f, filepath.Base(in), rep).Read
	})}, nil
}

func writeDoccano(out string, o *convertOptions, _ annotations.Schema, rep *loss.Report) (docSink, error) {
	v, err := doccano.ParseVariant(o.variant)
	if err != nil {
		return nil, err
	}
	fsink, err := createFile(out)
	if err != nil {
		return nil, err
	}
	w := doccano.NewWriter(fsink.w, v, rep)
	return funcSink{w.Write, func() error { return fsink.finish(w.Flush()) }}, nil
}

func readLabelStudio(in string, _ *convertOptions, rep *loss.Report) (*docSource, error) {
	if err := checkFile(in); err != nil {
		return nil, err
	}
	return &docSource{each: eachFile(in, func(f io.Reader) func() (*annotations.Document, error) {
		return labelstudio.NewReader(f, filepath.Base(in), labelstudio.Options{}, rep).Read
	})}, nil
}

func writeLabelStudio(out string, _ *convertOptions, _ annotations.Schema, rep *loss.Report) (docSink, error) {
	fsink, err := createFile(out)
	if err != nil {
		return nil, err
	}
	w := labelstudio.NewWriter(fsink.w, labelstudio.Options{}, rep)
	return funcSink{w.Write, func() error { return fsink.finish(w.Close()) }}, nil
}

func readSpacy(in string, _ *convertOptions, rep *loss.Report) (*docSource, error) {
	if err := checkFile(in); err != nil {
		return nil, err
	}
	return &docSource{each: eachFile(in, func(f io.Reader) func() (*annotations.Document, error) {
		return spacy.NewReader(f, filepath.Base(in), rep).Read
	})}, nil
}

func writeSpacy(out string, o *convertOptions, _ annotations.Schema, rep *loss.Report) (docSink, error) {
	fsink, err := createFile(out)
	if err != nil {
		return nil, err
	}
	w := spacy.NewWriter(fsink.w, o.lang, rep)
	return funcSink{w.Write, func() error { return fsink.finish(w.Flush()) }}, nil
}

// readFoLiA reads one FoLiA file, or every *.xml file under a folder.
func readFoLiA(in string, _ *convertOptions, rep *loss.Report) (*docSource, error) {
	fi, err := os.Stat(in)
	if err != nil {
		return nil, err
	}
	files := []string{in}
	if fi.IsDir() {
		files = nil
		err := filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xml") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return &docSource{each: func(fn func(*annotations.Document) error) error {
		for _, name := range files {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			d, err := folia.Read(f, filepath.Base(name), rep)
			f.Close()
			if err != nil {
				return err
			}
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}}, nil
}

func readCASE(in string, _ *convertOptions, rep *loss.Report) (*docSource, error) {
	if err := checkFile(in); err != nil {
		return nil, err
	}
	return &docSource{each: eachFile(in, func(f io.Reader) func() (*annotations.Document, error) {
		return casefmt.NewReader(f, filepath.Base(in), rep).Read
	})}, nil
}

func readFactRuEval(in string, _ *convertOptions, rep *loss.Report) (*docSource, error) {
	fi, err := os.Stat(in)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		base := strings.TrimSuffix(in, filepath.Ext(in))
		return &docSource{each: func(fn func(*annotations.Document) error) error {
			d, err := factrueval.Read(os.DirFS(filepath.Dir(base)), filepath.Base(base), rep)
			if err != nil {
				return err
			}
			return fn(d)
		}}, nil
	}
	return &docSource{each: func(fn func(*annotations.Document) error) error {
		return factrueval.ReadFS(os.DirFS(in), rep, fn)
	}}, nil
}
