// Package format is the one registry of the annotation formats Belgi reads
// and writes: Belgi's gold JSON, brat, CoNLL/IOB, doccano, Label Studio,
// spaCy/Prodigy, FoLiA, CASE 2021 and FactRuEval. The app's Import and
// Export dialogs and `belgi convert` both go through it, so the same input
// gives the same documents, the same output and the same loss report in
// both.
//
// Every format has one Reader and one Writer contract, whatever its package:
//
//   - A Reader's Read returns the next document and io.EOF after the last.
//     What the input holds that cannot be read is added to the loss.Report
//     the reader was made with, with its line; Read fails only when the
//     input as a whole cannot be read. A format that carries a schema
//     (gold JSON, brat's annotation.conf) also has a Schema method; see
//     SchemaOf.
//   - A Writer's Write writes one document, adding what the format cannot
//     hold to the loss.Report; Close finishes the output (closing brackets,
//     buffered data) and must be called, even after an error.
//
// Readers read from an fs.FS, so that formats of several files (a brat
// folder of .txt/.ann pairs, the layers of a FactRuEval document) fit the
// same contract as formats of one file; writers create their files in a
// Dest. Lookup by name is Get, as htmlindex.Get looks up an encoding;
// Sniff tells a file's format from its name and first bytes.
package format

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

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

// A Reader reads documents one at a time; Read returns io.EOF after the
// last. Every format package's Reader satisfies it.
type Reader interface {
	Read() (*annotations.Document, error)
}

// A Writer writes documents one at a time; Close finishes the output. Every
// format package's Writer satisfies it.
type Writer interface {
	Write(*annotations.Document) error
	Close() error
}

// A Dest makes the files a Writer writes. A format of one file creates one,
// named ""; a folder format (brat) creates one per name, a slash-separated
// path inside the folder. The Writer closes each file it creates, at the
// latest in its own Close.
type Dest interface {
	Create(name string) (io.WriteCloser, error)
}

// Options tune the formats that have variants. The zero Options reads and
// writes every format in its default layout, as the app does.
type Options struct {
	// CoNLL is the layout of token-per-line files. Nil reads with
	// conll.Default, the tagging scheme told from the tags, and writes
	// IOB2 with a -DOCSTART- line before each document not read from
	// CoNLL.
	CoNLL *conll.Options
	// Doccano is the variant written; doccano.Auto (the zero value) writes
	// the variant the first document was read in.
	Doccano doccano.Variant
	// DoccanoColumns names the text and label fields doccano files are
	// read with (doccano's column_data and column_label).
	DoccanoColumns doccano.Columns
	// Lang tokenises documents whose language is unknown (CoNLL, spaCy).
	Lang string
}

// A Format is one format of the registry.
type Format struct {
	Name  string // as `belgi convert --from` takes it: "conll"
	Title string // for people: "CoNLL / IOB (token per line)"
	Ext   string // the extension of what the writer makes (".zip" for a folder in the app)
	// Folder says the format is a folder of files: its reader reads a whole
	// file system, its writer creates several files.
	Folder bool

	read  func(fsys fs.FS, name string, o *Options, rep *loss.Report) (Reader, error)
	write func(dst Dest, s annotations.Schema, o *Options, rep *loss.Report) (Writer, error)
}

// Readable and Writable say whether Belgi reads and writes the format.
func (f *Format) Readable() bool { return f.read != nil }
func (f *Format) Writable() bool { return f.write != nil }

// NewReader returns a reader of the file name in fsys, or of the whole of
// fsys when name is "." and the format is a Folder format; a brat or
// FactRuEval document is named by any of its files. name names the input in
// messages and makes document IDs. A file is closed when Read returns an
// error or io.EOF.
func (f *Format) NewReader(fsys fs.FS, name string, o Options, rep *loss.Report) (Reader, error) {
	if f.read == nil {
		return nil, fmt.Errorf("%s is not read by Belgi", f.Name)
	}
	return f.read(fsys, name, &o, rep)
}

// NewWriter returns a writer of documents to dst; s is the schema of the
// documents, for the formats that carry one.
func (f *Format) NewWriter(dst Dest, s annotations.Schema, o Options, rep *loss.Report) (Writer, error) {
	if f.write == nil {
		return nil, fmt.Errorf("%s is import only: Belgi reads it but does not write it", f.Name)
	}
	return f.write(dst, s, &o, rep)
}

var formats = []*Format{
	{Name: "json", Title: "Belgi gold JSON", Ext: ".json", read: readGold, write: writeGold},
	{Name: "brat", Title: "brat standoff: .txt/.ann pairs and annotation.conf", Ext: ".zip", Folder: true, read: readBrat, write: writeBrat},
	{Name: "conll", Title: "CoNLL / IOB (token per line)", Ext: ".conll", read: readCoNLL, write: writeCoNLL},
	{Name: "doccano", Title: "doccano JSONL", Ext: ".jsonl", read: readDoccano, write: writeDoccano},
	{Name: "labelstudio", Title: "Label Studio JSON", Ext: ".json", read: readLabelStudio, write: writeLabelStudio},
	{Name: "spacy", Title: "spaCy / Prodigy JSONL", Ext: ".jsonl", read: readSpacy, write: writeSpacy},
	{Name: "folia", Title: "FoLiA XML", Ext: ".xml", Folder: true, read: readFoLiA},
	{Name: "case", Title: "CASE 2021 task 1 (JSON subtasks 1-3, TAB-IOB subtask 4)", Ext: ".json", read: readCASE},
	{Name: "factrueval", Title: "FactRuEval-2016: .txt with .spans, .objects, .coref, .facts", Ext: ".txt", Folder: true, read: readFactRuEval},
}

// Formats returns every format, in a fixed order: gold JSON first, then the
// writable formats, then those Belgi only reads.
func Formats() []*Format { return formats }

// Get returns the format called name, or nil.
func Get(name string) *Format {
	for _, f := range formats {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Names returns the names of the formats, sorted, only the writable ones
// when writable is set.
func Names(writable bool) []string {
	var names []string
	for _, f := range formats {
		if !writable || f.Writable() {
			names = append(names, f.Name)
		}
	}
	sort.Strings(names)
	return names
}

// SchemaOf returns the schema a reader's input carries, and false when its
// format carries none or the input has none.
func SchemaOf(r Reader) (annotations.Schema, bool) {
	switch r := r.(type) {
	case interface {
		Schema() (annotations.Schema, bool)
	}:
		return r.Schema()
	case interface{ Schema() annotations.Schema }:
		return r.Schema(), true
	}
	return annotations.Schema{}, false
}

// ReadAll reads documents until io.EOF.
func ReadAll(r Reader) ([]*annotations.Document, error) {
	var docs []*annotations.Document
	for {
		d, err := r.Read()
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, d)
	}
}

// WriteAll writes docs with w and closes it. An error names the document.
func WriteAll(w Writer, docs []*annotations.Document) error {
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			w.Close()
			return fmt.Errorf("%s: %v", d.ID, err)
		}
	}
	return w.Close()
}

// fileReader reads one file with a package reader, closing the file at the
// end.
type fileReader struct {
	f    fs.File
	next Reader
}

func (r *fileReader) Read() (*annotations.Document, error) {
	if r.f == nil {
		return nil, io.EOF
	}
	d, err := r.next.Read()
	if err != nil {
		r.f.Close()
		r.f = nil
	}
	return d, err
}

// openFile opens name in fsys and returns a reader made by open, which reads
// the file, called name.
func openFile(fsys fs.FS, name string, open func(r *bufio.Reader, name string) (Reader, error)) (Reader, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s is a folder; this format reads a file", name)
	}
	next, err := open(bufio.NewReaderSize(f, 64<<10), name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &fileReader{f: f, next: next}, nil
}

// fileWriter is a package writer that writes to one file of a Dest, and
// closes it after its own Close.
type fileWriter struct {
	Writer
	f io.Closer
}

func (w fileWriter) Close() error {
	err := w.Writer.Close()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// createFile creates the one file of a one-file format and returns the
// writer made by make on it.
func createFile(dst Dest, make func(io.Writer) (Writer, error)) (Writer, error) {
	f, err := dst.Create("")
	if err != nil {
		return nil, err
	}
	w, err := make(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return fileWriter{w, f}, nil
}

func readGold(fsys fs.FS, name string, _ *Options, rep *loss.Report) (Reader, error) {
	var g *goldstream.Reader
	r, err := openFile(fsys, name, func(r *bufio.Reader, name string) (Reader, error) {
		var err error
		g, err = goldstream.NewReader(r, name)
		return goldReader{g, name, rep}, err
	})
	if err != nil {
		return nil, err
	}
	return schemaReader{r, g.Schema()}, nil
}

// goldReader reports the warnings of each gold document.
type goldReader struct {
	*goldstream.Reader
	name string
	rep  *loss.Report
}

func (r goldReader) Read() (*annotations.Document, error) {
	d, err := r.Reader.Read()
	if err == nil {
		for _, p := range r.Warnings(d) {
			r.rep.Add(r.name, "", 0, "%s", p)
		}
	}
	return d, err
}

// schemaReader is a reader of a format that carries a schema.
type schemaReader struct {
	Reader
	schema annotations.Schema
}

func (r schemaReader) Schema() annotations.Schema { return r.schema }

func writeGold(dst Dest, s annotations.Schema, _ *Options, _ *loss.Report) (Writer, error) {
	return createFile(dst, func(w io.Writer) (Writer, error) { return goldstream.NewWriter(w, s) })
}

// conllRead returns the reading layout: o's, or conll.Default with the
// scheme told from the head of the file.
func conllRead(o *Options, name string, head []byte) conll.Options {
	if o.CoNLL != nil {
		return *o.CoNLL
	}
	opt := conll.Default
	opt.Scheme = DetectScheme(head, strings.ToLower(path.Ext(name)))
	opt.Lang = o.Lang
	return opt
}

func readCoNLL(fsys fs.FS, name string, o *Options, rep *loss.Report) (Reader, error) {
	return openFile(fsys, name, func(r *bufio.Reader, base string) (Reader, error) {
		head, _ := r.Peek(1 << 20)
		return conll.NewReader(r, base, conllRead(o, name, head), rep), nil
	})
}

func writeCoNLL(dst Dest, _ annotations.Schema, o *Options, rep *loss.Report) (Writer, error) {
	opt := conll.Default
	opt.Scheme = conll.IOB2
	opt.DocStart = []string{"-DOCSTART-"}
	opt.Lang = o.Lang
	if o.CoNLL != nil {
		opt = *o.CoNLL
	}
	return createFile(dst, func(w io.Writer) (Writer, error) { return conll.NewWriter(w, opt, rep), nil })
}

func readDoccano(fsys fs.FS, name string, o *Options, rep *loss.Report) (Reader, error) {
	return openFile(fsys, name, func(r *bufio.Reader, name string) (Reader, error) {
		return doccano.NewReader(r, name, rep).Columns(o.DoccanoColumns), nil
	})
}

func writeDoccano(dst Dest, _ annotations.Schema, o *Options, rep *loss.Report) (Writer, error) {
	return createFile(dst, func(w io.Writer) (Writer, error) { return doccano.NewWriter(w, o.Doccano, rep), nil })
}

func readLabelStudio(fsys fs.FS, name string, _ *Options, rep *loss.Report) (Reader, error) {
	return openFile(fsys, name, func(r *bufio.Reader, name string) (Reader, error) {
		return labelstudio.NewReader(r, name, labelstudio.Options{}, rep), nil
	})
}

func writeLabelStudio(dst Dest, _ annotations.Schema, _ *Options, rep *loss.Report) (Writer, error) {
	return createFile(dst, func(w io.Writer) (Writer, error) {
		return labelstudio.NewWriter(w, labelstudio.Options{}, rep), nil
	})
}

func readSpacy(fsys fs.FS, name string, _ *Options, rep *loss.Report) (Reader, error) {
	return openFile(fsys, name, func(r *bufio.Reader, name string) (Reader, error) {
		return spacy.NewReader(r, name, rep), nil
	})
}

func writeSpacy(dst Dest, _ annotations.Schema, o *Options, rep *loss.Report) (Writer, error) {
	return createFile(dst, func(w io.Writer) (Writer, error) { return spacy.NewWriter(w, o.Lang, rep), nil })
}

func readCASE(fsys fs.FS, name string, _ *Options, rep *loss.Report) (Reader, error) {
	return openFile(fsys, name, func(r *bufio.Reader, name string) (Reader, error) {
		return casefmt.NewReader(r, name, rep), nil
	})
}

// readBrat reads a folder of .txt/.ann pairs (name "."), or the one pair
// named by its .txt or .ann file.
func readBrat(fsys fs.FS, name string, _ *Options, rep *loss.Report) (Reader, error) {
	if name == "." {
		return brat.NewReader(fsys, rep), nil
	}
	id := strings.TrimSuffix(strings.TrimSuffix(name, ".ann"), ".txt")
	return once(func() (*annotations.Document, error) {
		txt, err := fs.ReadFile(fsys, id+".txt")
		if err != nil {
			return nil, err
		}
		ann, err := fs.ReadFile(fsys, id+".ann")
		if err != nil {
			rep.Add(id+".txt", "", 0, "no %s.ann beside it: read as a brat document without annotations", path.Base(id))
		}
		return brat.Read(id, txt, ann, rep)
	}), nil
}

// once returns a reader of the one document read returns.
func once(read func() (*annotations.Document, error)) Reader { return &onceReader{read: read} }

type onceReader struct {
	read func() (*annotations.Document, error)
}

func (r *onceReader) Read() (*annotations.Document, error) {
	if r.read == nil {
		return nil, io.EOF
	}
	read := r.read
	r.read = nil
	return read()
}

// bratWriter writes a brat folder: annotation.conf, then a .txt and an .ann
// per document, named after its ID.
type bratWriter struct {
	dst  Dest
	rep  *loss.Report
	used map[string]bool
}

func writeBrat(dst Dest, s annotations.Schema, _ *Options, rep *loss.Report) (Writer, error) {
	w := &bratWriter{dst: dst, rep: rep, used: map[string]bool{"annotation": true}}
	if len(s.Entities)+len(s.Events)+len(s.Relations)+len(s.Attributes) > 0 {
		if err := w.file(brat.ConfName, func(f io.Writer) error { return brat.WriteConf(f, s, rep) }); err != nil {
			return nil, err
		}
	}
	return w, nil
}

func (w *bratWriter) file(name string, write func(io.Writer) error) error {
	f, err := w.dst.Create(name)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (w *bratWriter) Write(d *annotations.Document) error {
	base := brat.FileBase(d.ID)
	for n := 2; w.used[strings.ToLower(base)]; n++ {
		base = fmt.Sprintf("%s_%d", brat.FileBase(d.ID), n)
	}
	w.used[strings.ToLower(base)] = true
	if base != d.ID {
		w.rep.Add(d.ID, "", 0, "written as %s.txt and %s.ann", base, base)
	}
	if err := w.file(base+".txt", func(f io.Writer) error { _, err := io.WriteString(f, d.Text); return err }); err != nil {
		return err
	}
	return w.file(base+".ann", func(f io.Writer) error { return brat.Write(f, d, w.rep) })
}

func (w *bratWriter) Close() error { return nil }

// readFoLiA reads one FoLiA file, or every .xml file of fsys (name ".").
func readFoLiA(fsys fs.FS, name string, _ *Options, rep *loss.Report) (Reader, error) {
	files := []string{name}
	if fi, err := fs.Stat(fsys, name); err != nil {
		return nil, err
	} else if fi.IsDir() {
		files = nil
		err := fs.WalkDir(fsys, name, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xml") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return &foliaReader{fsys: fsys, files: files, rep: rep}, nil
}

// foliaReader reads one document per FoLiA file.
type foliaReader struct {
	fsys  fs.FS
	files []string
	rep   *loss.Report
}

func (r *foliaReader) Read() (*annotations.Document, error) {
	if len(r.files) == 0 {
		return nil, io.EOF
	}
	name := r.files[0]
	r.files = r.files[1:]
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return folia.Read(bufio.NewReader(f), path.Base(name), r.rep)
}

// readFactRuEval reads every FactRuEval document of fsys (name "."), or the
// one whose .txt (or another layer) is name; its ID is name without the
// extension.
func readFactRuEval(fsys fs.FS, name string, _ *Options, rep *loss.Report) (Reader, error) {
	if name == "." {
		return factrueval.NewReader(fsys, rep), nil
	}
	base := strings.TrimSuffix(name, path.Ext(name))
	return once(func() (*annotations.Document, error) { return factrueval.Read(fsys, base, rep) }), nil
}

// A MapFS is a flat file system in memory: file names, slash-separated, and
// their contents. It is for the files a person hands over at once.
type MapFS map[string][]byte

// Open opens a file of m; "." is not a folder of it, so only formats of
// named files read a MapFS.
func (m MapFS) Open(name string) (fs.File, error) {
	b, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{name: name, Reader: bytes.NewReader(b), size: int64(len(b))}, nil
}

// ReadFile returns the contents of a file of m.
func (m MapFS) ReadFile(name string) ([]byte, error) {
	if b, ok := m[name]; ok {
		return b, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type memFile struct {
	name string
	*bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.size}, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return path.Base(i.name) }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
