//go:build !wasm

package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"belgi/annotations"
	"belgi/annotations/brat"
	"belgi/annotations/conll"
	"belgi/annotations/doccano"
	"belgi/annotations/format"
	"belgi/annotations/goldstream"
	"belgi/annotations/loss"
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
	from, to          string
	scheme, outScheme string
	sep               string
	tagColumn         int
	sentenceDocs      bool
	docStart          string
	variant           string
	textCol, labelCol string // doccano column names
	lang              string
	strict            bool
	eventsFrom        string
}

func formatNames(writable bool) string { return strings.Join(format.Names(writable), ", ") }

// runConvert implements `belgi convert --from FMT --to FMT [flags] IN OUT`:
// it reads IN with the registry's reader and writes OUT with its writer, as
// the app's Import and Export do, and lists what was lost on standard error.
func runConvert(args []string) error {
	o, in, out, err := parseConvert(args)
	if err != nil {
		return err
	}
	src, dst := format.Get(o.from), format.Get(o.to)
	readOpt, writeOpt, err := o.formatOptions()
	if err != nil {
		return err
	}
	var readRep, lostRep loss.Report
	open := func(rep *loss.Report) (format.Reader, error) { return openInput(src, in, readOpt, rep) }
	schema, err := convertSchema(o, in, open, &readRep)
	if err != nil {
		return err
	}
	r, err := open(&readRep)
	if err != nil {
		return err
	}
	w, err := dst.NewWriter(outputDest(out), schema, writeOpt, &lostRep)
	if err != nil {
		return err
	}
	docs, spans, err := copyDocs(r, w, o.eventsFrom)
	ew := bufio.NewWriter(convertErr)
	readRep.Print(ew, "read: ")
	lostRep.Print(ew, "lost: ")
	fmt.Fprintf(ew, "belgi convert: %d documents, %d spans from %s to %s", docs, spans, o.from, o.to)
	if n := readRep.Len() + lostRep.Len(); n > 0 {
		fmt.Fprintf(ew, "; %d input problems and %d items not carried over, listed above", readRep.Len(), lostRep.Len())
	}
	fmt.Fprintln(ew)
	ew.Flush()
	if err != nil {
		return err
	}
	if o.strict && lostRep.Len() > 0 {
		return fmt.Errorf("%d items could not be carried over to %s (--strict)", lostRep.Len(), o.to)
	}
	return nil
}

// parseConvert reads the flags and the two paths, which may come in any
// order, and checks the formats.
func parseConvert(args []string) (o *convertOptions, in, out string, err error) {
	o = new(convertOptions)
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(convertErr)
	fs.StringVar(&o.from, "from", "", "input format: "+formatNames(false))
	fs.StringVar(&o.to, "to", "", "output format: "+formatNames(true))
	fs.StringVar(&o.scheme, "scheme", "", "conll: tagging scheme of the input, IOB1, IOB2, BIOES or IO (default: told from the tags)")
	fs.StringVar(&o.outScheme, "out-scheme", "", "conll: tagging scheme of the output (default: --scheme, else IOB2)")
	fs.StringVar(&o.sep, "sep", "", "conll: column separator, space or tab (default: TAB where a line has one, else space)")
	fs.IntVar(&o.tagColumn, "tag-column", 0, "conll: 1-based column of the tag (default: the last)")
	fs.BoolVar(&o.sentenceDocs, "sentence-docs", false, "conll: read each sentence as a document")
	fs.StringVar(&o.docStart, "docstart", "-DOCSTART-", "conll: marker line written before each document not read from CoNLL; empty for none")
	fs.StringVar(&o.variant, "variant", "", "doccano: variant to write, label (flat, no relations), entities (with relations) or intent (entities as lists, with cats) (default: the variant read, else entities when there are relations)")
	fs.StringVar(&o.textCol, "text-column", "", "doccano: field of the text, as doccano's column_data (default: text)")
	fs.StringVar(&o.labelCol, "label-column", "", "doccano: field of the labels, as doccano's column_label (default: label)")
	fs.StringVar(&o.lang, "lang", "", "language (ru, kk, en) for tokenising documents whose language is unknown")
	fs.BoolVar(&o.strict, "strict", false, "fail when anything cannot be carried over")
	fs.StringVar(&o.eventsFrom, "events-from-relations", "", "make an event of every span with this label (NEREL: EVENT), its arguments the relations that link it")
	fs.Usage = func() { convertUsage(fs) }
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, "", "", err
		}
		if fs.NArg() == 0 {
			break
		}
		paths = append(paths, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(paths) != 2 || o.from == "" || o.to == "" {
		fs.Usage()
		return nil, "", "", errors.New("want --from, --to, IN and OUT")
	}
	in, out = paths[0], paths[1]
	src, dst := format.Get(o.from), format.Get(o.to)
	switch {
	case src == nil || !src.Readable():
		return nil, "", "", fmt.Errorf("unknown input format %q (want one of %s)", o.from, formatNames(false))
	case dst == nil:
		return nil, "", "", fmt.Errorf("unknown output format %q (want one of %s)", o.to, formatNames(true))
	case !dst.Writable():
		return nil, "", "", fmt.Errorf("%s is import only: Belgi reads it but does not write it (write one of %s)", o.to, formatNames(true))
	case in == out && in != "-":
		return nil, "", "", errors.New("IN and OUT are the same path")
	case out == "-" && dst.Folder:
		return nil, "", "", fmt.Errorf("%s writes a folder, not standard output", o.to)
	}
	if dst.Folder {
		if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
			return nil, "", "", fmt.Errorf("%s is not empty: %s output needs a new or empty folder", out, o.to)
		}
	}
	return o, in, out, nil
}

func convertUsage(fs *flag.FlagSet) {
	fmt.Fprintln(fs.Output(), "usage: belgi convert --from FMT --to FMT [flags] IN OUT\n\nformats:")
	for _, n := range format.Names(false) {
		f := format.Get(n)
		kind := "file"
		if f.Folder {
			kind = "file or folder"
		}
		ro := ""
		if !f.Writable() {
			ro = ", import only"
		}
		fmt.Fprintf(fs.Output(), "  %-12s %s (%s%s)\n", n, f.Title, kind, ro)
	}
	fmt.Fprintln(fs.Output(), "\nOUT may be - for standard output when it is a file. What the output format\ncannot hold, and input it cannot read, is listed on standard error.\n\nflags:")
	fs.PrintDefaults()
}

// formatOptions returns the registry options for reading and for writing.
// Without CoNLL flags, CoNLL is read and written as the app does.
func (o *convertOptions) formatOptions() (read, write format.Options, err error) {
	read.Lang, write.Lang = o.lang, o.lang
	read.DoccanoColumns = doccano.Columns{Text: o.textCol, Label: o.labelCol}
	if write.Doccano, err = doccano.ParseVariant(o.variant); err != nil {
		return read, write, err
	}
	sep := ""
	switch strings.ToLower(o.sep) {
	case "":
	case "tab", "\t", `\t`:
		sep = "\t"
	case "space", " ":
		sep = " "
	default:
		return read, write, fmt.Errorf("--sep %q: want space or tab", o.sep)
	}
	if o.scheme != "" || sep != "" || o.tagColumn != 0 || o.sentenceDocs {
		opt := conll.Default
		if opt.Scheme, err = conll.ParseScheme(or(o.scheme, "IOB2")); err != nil {
			return read, write, err
		}
		opt.Sep, opt.TagColumn, opt.SentencePerDocument, opt.Lang = sep, o.tagColumn, o.sentenceDocs, o.lang
		read.CoNLL = &opt
	}
	wopt := conll.Default
	if wopt.Scheme, err = conll.ParseScheme(or(o.outScheme, or(o.scheme, "IOB2"))); err != nil {
		return read, write, err
	}
	wopt.Sep, wopt.Lang, wopt.DocStart = sep, o.lang, nil
	if o.docStart != "" {
		wopt.DocStart = []string{o.docStart}
	}
	write.CoNLL = &wopt
	return read, write, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// openInput returns the registry's reader of in: a file, or a folder for
// the formats of several files.
func openInput(f *format.Format, in string, o format.Options, rep *loss.Report) (format.Reader, error) {
	fi, err := os.Stat(in)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		if !f.Folder {
			return nil, fmt.Errorf("%s is a folder; this format reads a file", in)
		}
		return f.NewReader(os.DirFS(in), ".", o, rep)
	}
	return f.NewReader(os.DirFS(filepath.Dir(in)), filepath.Base(in), o, rep)
}

// convertSchema returns the schema of the output: the one the input
// carries, or, for the formats that hold one, one gathered from the labels
// used in a first pass over the input.
// The first pass reports nothing: the second reports the input.
func convertSchema(o *convertOptions, in string, open func(*loss.Report) (format.Reader, error), rep *loss.Report) (annotations.Schema, error) {
	r, err := open(nil)
	if err != nil {
		return annotations.Schema{}, err
	}
	schema, ok := format.SchemaOf(r)
	if fi, err := os.Stat(in); err == nil && fi.IsDir() && ok {
		schema.Name = filepath.Base(filepath.Clean(in))
	}
	if !ok && (o.to == "json" || o.to == "brat") {
		var b goldstream.SchemaBuilder
		for {
			d, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return schema, err
			}
			b.Add(d)
		}
		schema = b.Schema(strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)))
		for _, l := range b.Skipped() {
			rep.Add(in, "", 0, "label %q is not a valid type name, so it is not in the schema (the spans keep it)", l)
		}
	}
	if label := o.eventsFrom; label != "" && !slices.ContainsFunc(schema.Events, func(e annotations.EventType) bool { return e.Type == label }) {
		// The spans become event triggers: the type is an event type now,
		// and a name may not be both.
		schema.Entities = slices.DeleteFunc(slices.Clone(schema.Entities), func(e annotations.EntityType) bool { return e.Type == label })
		schema.Events = append(schema.Events, annotations.EventType{Type: label})
	}
	return schema, nil
}

// copyDocs writes every document of r with w, and closes w.
func copyDocs(r format.Reader, w format.Writer, eventsFrom string) (docs, spans int, err error) {
	for {
		d, rerr := r.Read()
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = rerr
			break
		}
		if eventsFrom != "" {
			brat.EventsFromRelations(d, eventsFrom)
		}
		docs++
		spans += len(d.Spans)
		if err = w.Write(d); err != nil {
			break
		}
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return docs, spans, err
}

// outputDest is the Dest of OUT: the file itself (or standard output for
// "-"), or the folder a folder format writes in.
type outputDest string

func (out outputDest) Create(name string) (io.WriteCloser, error) {
	if name == "" {
		if out == "-" {
			return nopCloser{convertOut}, nil
		}
		return os.Create(string(out))
	}
	p := filepath.Join(string(out), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return os.Create(p)
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
