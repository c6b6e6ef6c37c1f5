package app

// Import and export of the interchange formats (brat, CoNLL, doccano,
// Label Studio, spaCy/Prodigy, FoLiA, CASE, FactRuEval), as `belgi convert`
// reads and writes them, for the Import and Export dialogs. Everything here
// is pure Go: the browser only hands over the bytes of the files and offers
// the result as a download.

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"belgi/annotations"
	"belgi/annotations/brat"
	"belgi/annotations/format"
	"belgi/annotations/goldstream"
	"belgi/annotations/loss"
)

// A Format is a file format Belgi exports to.
type Format struct{ ID, Name, Ext string }

// ExportFormats lists the formats the Export dialog offers, in the order of
// the registry: id (as in `belgi convert`), a human name, and the file
// extension of what ExportAs returns.
var ExportFormats = exportFormats()

func exportFormats() []Format {
	var out []Format
	for _, f := range format.Formats() {
		if f.Writable() {
			out = append(out, Format{ID: f.Name, Name: f.Title, Ext: f.Ext})
		}
	}
	return out
}

// MIME returns the media type to download a file of the format with.
func (f Format) MIME() string {
	switch f.Ext {
	case ".json":
		return "application/json"
	case ".zip":
		return "application/zip"
	case ".jsonl":
		return "application/jsonl"
	}
	return "text/plain; charset=utf-8"
}

func exportFormat(id string) (Format, bool) {
	for _, f := range ExportFormats {
		if f.ID == id {
			return f, true
		}
	}
	return Format{}, false
}

// maxResultNotes caps the notes of one file's result, so that a messy corpus
// does not flood the results list.
const maxResultNotes = 50

// ExportAs writes docs (with schema) in the given format, one of
// ExportFormats, with the registry's writer and its default options, as
// `belgi convert` does. It returns a file name and the bytes to download,
// and what the format could not hold, one line per lost item naming the
// document and the annotation and saying why; lost is empty when nothing was
// lost. Brat, a format of several files, is returned as one .zip archive.
//
// The file is named belgi-workspace-<format><ext>, or belgi-<id>-<format><ext>
// for a single document; gold JSON is named as State.Export names it.
func ExportAs(id string, schema annotations.Schema, docs []*annotations.Document) (name string, data []byte, lost []string, err error) {
	f, ok := exportFormat(id)
	if !ok {
		return "", nil, nil, fmt.Errorf("unknown export format %q (want one of %s)", id, strings.Join(format.Names(true), ", "))
	}
	if len(docs) == 0 {
		return "", nil, nil, errors.New("there are no documents to export")
	}
	base := "belgi-workspace"
	if len(docs) == 1 {
		base = "belgi-" + strings.ReplaceAll(brat.FileBase(docs[0].ID), "/", "_")
	}
	name = base + "-" + f.ID + f.Ext
	if f.ID == "json" {
		name = base + f.Ext
	}
	var rep loss.Report
	var dst memDest
	w, err := format.Get(f.ID).NewWriter(&dst, schema, format.Options{}, &rep)
	if err == nil {
		err = format.WriteAll(w, docs)
	}
	if err == nil {
		data, err = dst.bytes()
	}
	if err != nil {
		return "", nil, nil, fmt.Errorf("exporting to %s: %v", f.Name, err)
	}
	for _, it := range rep.Items {
		lost = append(lost, it.String())
	}
	return name, data, lost, nil
}

// A memDest holds what a writer makes in memory: the one file of a format
// of one file, or a zip archive of the files of a folder.
type memDest struct {
	buf bytes.Buffer
	zw  *zip.Writer
}

func (m *memDest) Create(name string) (io.WriteCloser, error) {
	if name == "" {
		return nopCloser{&m.buf}, nil
	}
	if m.zw == nil {
		m.zw = zip.NewWriter(&m.buf)
	}
	// A fixed time, so that the same workspace gives the same bytes.
	w, err := m.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
	return nopCloser{w}, err
}

func (m *memDest) bytes() ([]byte, error) {
	if m.zw != nil {
		if err := m.zw.Close(); err != nil {
			return nil, err
		}
	}
	return m.buf.Bytes(), nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// ErrUseAddFile is the Err of a FileResult for a file that is Belgi's own
// rather than an interchange format: gold JSON (Format "json"), plain text
// (Format "text"), or a zip archive holding only those (Format "zip").
// ImportFiles does not read such a file; State.AddFile does.
var ErrUseAddFile = errors.New("not an interchange format: Belgi adds it as its own file")

// A FileResult says what became of one file given to ImportFiles.
type FileResult struct {
	Name string // the file's name, as given
	// Format is the id of the format the file was read as ("brat",
	// "conll", "doccano", "labelstudio", "spacy", "folia", "case",
	// "factrueval"; for a zip archive, those found in it, joined by ", "),
	// or "json", "text" or "zip" with Err ErrUseAddFile; "" when the file
	// could not be read at all.
	Format string
	// Docs and Spans count the documents and spans added from the file.
	// A file read as part of another (the .txt beside a brat .ann, the
	// layers of a FactRuEval document) counts 0 and says so in Notes.
	Docs, Spans int
	Err         error
	// Notes lists what the file held that could not be read, or was read
	// with a change (a renamed document, a skipped archive entry), one
	// line each.
	Notes []string
}

// ImportFiles reads files the person chose or dropped, recognising the format
// of each from its name and content, and returns the documents and the schema
// they need, and one result per file, in the order of files.
//
//   - brat: an .ann with the .txt of the same name in the batch (and an
//     annotation.conf for the schema), or a .zip of them.
//   - CoNLL/IOB: .conll, .iob, .iob2, .bio, .bioes, .tsv, and text starting
//     with a -DOCSTART- line; the tagging scheme is told from the tags.
//   - CASE 2021: JSON records with sentence(s) or a numeric label, and
//     token-per-line files with SAMPLE_START lines.
//   - doccano, spaCy/Prodigy, Label Studio: JSON or JSONL, told apart by the
//     keys of their records.
//   - FoLiA: .xml holding a <FoLiA> document.
//   - FactRuEval: a .txt with the .spans (.tokens, .objects, .coref,
//     .facts) of the same name.
//   - A zip archive: its entries, read as above (pairs within the archive).
//
// Gold JSON, plain text and zips of only those are not read: their result has
// Err ErrUseAddFile, for State.AddFile. A bad file is reported in its result
// and does not stop the others; a file is read whole or not at all.
//
// Imported texts are kept byte for byte. Document IDs are unique among the
// returned documents: an ID already taken by an earlier document of the batch
// gets the file name in front ("b.jsonl#1"). The schema holds the types of a
// brat annotation.conf and every label, event, relation and attribute the
// documents use.
func ImportFiles(files []File) (docs []*annotations.Document, schema annotations.Schema, results []FileResult) {
	results = make([]FileResult, len(files))
	var loose []*importPart
	var all []*importPart
	owner := map[*importPart]int{} // part -> index of its file
	zips := map[int][]*importPart{}
	for i, f := range files {
		r := &results[i]
		r.Name = f.Name
		switch {
		case f.Err != nil:
			r.Err = f.Err
			continue
		case len(f.Data) > MaxFileSize:
			r.Err = fmt.Errorf("%s is too large (%d MB; the limit is %d MB)", f.Name, len(f.Data)>>20, MaxFileSize>>20)
			continue
		}
		if strings.EqualFold(path.Ext(f.Name), ".zip") {
			parts, notes, err := unzipParts(f.Name, f.Data)
			r.Notes = append(r.Notes, notes...)
			if err != nil {
				r.Err = err
				continue
			}
			readGroup(parts, true)
			zips[i] = parts
			for _, p := range parts {
				owner[p] = i
			}
			all = append(all, parts...)
			continue
		}
		p := &importPart{name: f.Name, data: f.Data}
		owner[p] = i
		loose = append(loose, p)
	}
	readGroup(loose, false)
	// Keep the order of the files: each zip's entries where the zip was.
	all = append(all, loose...)
	sort.SliceStable(all, func(a, b int) bool { return owner[all[a]] < owner[all[b]] })

	partsOf := map[int][]*importPart{}
	for _, p := range all {
		partsOf[owner[p]] = append(partsOf[owner[p]], p)
	}
	var confs []annotations.Schema
	taken := map[string]bool{}
	renamed := map[int][]string{}
	for _, p := range all {
		if p.conf != nil {
			confs = append(confs, *p.conf)
		}
		kept := p.docs[:0]
		for _, d := range p.docs {
			if d.ID == "" {
				d.ID = p.name
			}
			if d.Title == "" {
				d.Title = titleOf(d.ID, d.Text)
			}
			if probs := annotations.Validate(annotations.NewFile(annotations.Schema{}, d)); hasProblemErrors(probs) {
				p.notes = append(p.notes, fmt.Sprintf("document %s not added: %s", d.ID, firstProblemError(probs)))
				continue
			}
			if taken[d.ID] {
				old := d.ID
				d.ID = uniqueDocID(p.name+"#"+old, taken)
				renamed[owner[p]] = append(renamed[owner[p]], old+" → "+d.ID)
			}
			taken[d.ID] = true
			kept = append(kept, d)
		}
		if len(kept) == 0 && len(p.docs) > 0 && p.err == nil {
			p.err = fmt.Errorf("%s: no document could be added", p.name)
		}
		p.docs = kept
		docs = append(docs, p.docs...)
	}

	// The schema: the annotation.conf types first, then what the documents
	// use.
	var b goldstream.SchemaBuilder
	for _, d := range docs {
		b.Add(d)
	}
	name := "imported"
	if len(files) == 1 {
		name = strings.TrimSuffix(path.Base(files[0].Name), path.Ext(files[0].Name))
	}
	for _, c := range confs {
		schema = schema.Union(c)
	}
	schema = schema.Union(b.Schema(name))
	schema.Name = name
	skipped := map[string]bool{}
	for _, l := range b.Skipped() {
		skipped[l] = true
	}

	for i := range results {
		r := &results[i]
		if r.Err != nil {
			continue
		}
		parts := partsOf[i]
		if _, ok := zips[i]; ok {
			foldZip(r, parts)
		} else if len(parts) == 1 {
			p := parts[0]
			r.Format, r.Err = p.format, p.err
			r.Notes = append(r.Notes, p.notes...)
		}
		for _, p := range parts {
			r.Docs += len(p.docs)
			for _, d := range p.docs {
				r.Spans += len(d.Spans)
			}
		}
		if n := renamed[i]; len(n) > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("%d document(s) renamed, their IDs being taken by earlier ones: %s", len(n), strings.Join(firstFew(n, 5), ", ")))
		}
		var bad []string
		for l := range skipped {
			if usesLabel(parts, l) {
				bad = append(bad, fmt.Sprintf("%q", l))
			}
		}
		if len(bad) > 0 {
			sort.Strings(bad)
			r.Notes = append(r.Notes, fmt.Sprintf("label(s) %s are not valid type names (letters, digits, _ and - only), so they are not in the schema; the spans keep them", strings.Join(bad, ", ")))
		}
		if len(r.Notes) > maxResultNotes {
			r.Notes = append(r.Notes[:maxResultNotes:maxResultNotes], fmt.Sprintf("… and %d more", len(r.Notes)-maxResultNotes))
		}
	}
	return docs, schema, results
}

// An importPart is one file of a batch or one entry of an archive, and what was
// read from it.
type importPart struct {
	name   string
	data   []byte
	format string                  // as in FileResult; "" until read
	docs   []*annotations.Document // the documents read from it
	conf   *annotations.Schema     // a brat annotation.conf
	err    error
	notes  []string
	used   bool // read as part of another (a brat .txt, a FactRuEval layer)
}

func (p *importPart) report(rep *loss.Report) {
	for _, it := range rep.Items {
		p.notes = append(p.notes, it.String())
	}
}

// factRuEvalLayers are the files of a FactRuEval document besides its .txt.
var factRuEvalLayers = []string{".spans", ".tokens", ".objects", ".coref", ".facts"}

// readGroup reads the parts of one batch of loose files, or of one archive:
// .ann and FactRuEval layers are paired with the .txt of the same name, the
// rest is read file by file. In an archive, a .txt with no .ann beside it is
// a brat document without annotations when its folder holds brat documents;
// plain text and gold JSON in an archive of other formats are skipped.
func readGroup(parts []*importPart, inZip bool) {
	byName := map[string]*importPart{}
	for _, p := range parts {
		byName[p.name] = p
	}
	stem := func(p *importPart) string { return strings.TrimSuffix(p.name, path.Ext(p.name)) }
	bratDirs := map[string]bool{}
	// Pairs first, so that the .txt files they use are known.
	for _, p := range parts {
		switch ext := strings.ToLower(path.Ext(p.name)); {
		case ext == ".ann":
			p.format = "brat"
			if txt := byName[stem(p)+".txt"]; txt != nil {
				txt.used, txt.format = true, "brat"
				txt.notes = append(txt.notes, "read with "+path.Base(p.name)+" as one brat document")
				bratDirs[path.Dir(p.name)] = true
			}
		case ext == ".spans":
			if txt := byName[stem(p)+".txt"]; txt != nil && byName[stem(p)+".ann"] == nil {
				txt.format = "factrueval"
				for _, l := range factRuEvalLayers {
					if q := byName[stem(p)+l]; q != nil {
						q.used, q.format = true, "factrueval"
						q.notes = append(q.notes, "read with "+path.Base(txt.name)+" as one FactRuEval document")
					}
				}
			}
		}
	}
	for _, p := range parts {
		readSafely(p, func() { readPart(p, byName, bratDirs, inZip) })
	}
}

// readSafely runs read, turning a panic in a reader into the part's error, so
// that one hostile file cannot take the page down.
func readSafely(p *importPart, read func()) {
	defer func() {
		if e := recover(); e != nil {
			p.docs, p.conf = nil, nil
			p.err = fmt.Errorf("%s could not be read (the reader failed: %v)", p.name, e)
		}
	}()
	read()
}

func readPart(p *importPart, byName map[string]*importPart, bratDirs map[string]bool, inZip bool) {
	ext := strings.ToLower(path.Ext(p.name))
	base := strings.TrimSuffix(p.name, path.Ext(p.name))
	var rep loss.Report
	defer p.report(&rep)
	if p.used {
		return
	}
	switch {
	case ext == ".ann":
		txt := byName[base+".txt"]
		if txt == nil {
			p.err = fmt.Errorf("%s: no %s.txt beside it; choose the .txt and the .ann together", p.name, path.Base(base))
			return
		}
		p.read("brat", format.MapFS{base + ".txt": txt.data, p.name: p.data}, p.name, &rep)
		return
	case p.format == "factrueval" && ext == ".txt":
		fsys := format.MapFS{p.name: p.data}
		for _, l := range factRuEvalLayers {
			if q := byName[base+l]; q != nil {
				fsys[q.name] = q.data
			}
		}
		p.read("factrueval", fsys, p.name, &rep)
		return
	case ext == ".conf":
		p.readConf(&rep)
		return
	case slices.Contains(factRuEvalLayers, ext):
		p.format = "factrueval"
		p.err = fmt.Errorf("%s: no %s.txt beside it; choose all the files of a FactRuEval document together", p.name, path.Base(base))
		return
	case ext == ".txt" && inZip && bratDirs[path.Dir(p.name)]:
		p.read("brat", format.MapFS{p.name: p.data}, p.name, &rep)
		return
	case ext == ".zip":
		p.notes = append(p.notes, "not read: an archive inside an archive; import it on its own")
		return
	}
	if err := checkText(p.name, p.data); err != nil {
		if !inZip || isTextExt(ext) {
			p.err = err
		} else {
			p.notes = append(p.notes, "not read: not text, and not a format Belgi reads")
		}
		return
	}
	p.format = format.Sniff(p.name, p.data)
	name := path.Base(p.name)
	if inZip {
		name = p.name
	}
	if p.format == "json" || p.format == "text" {
		if inZip {
			p.notes = append(p.notes, "not read: Belgi's own gold JSON or plain text, in an archive of other formats; import it on its own")
			p.format = ""
			return
		}
		p.err = ErrUseAddFile
		return
	}
	p.read(p.format, format.MapFS{name: p.data}, name, &rep)
}

// read reads the part as a file name of fsys in the registry's format id.
func (p *importPart) read(id string, fsys format.MapFS, name string, rep *loss.Report) {
	p.format = id
	r, err := format.Get(id).NewReader(fsys, name, format.Options{}, rep)
	if err != nil {
		p.err = err
		return
	}
	docs, err := format.ReadAll(r)
	p.setDocs(err, docs...)
}

// readConf reads a brat annotation.conf as the part's schema.
func (p *importPart) readConf(rep *loss.Report) {
	p.format = "brat"
	if path.Base(p.name) != brat.ConfName {
		p.notes = append(p.notes, "not read: brat's display and tool settings are not part of the annotations")
		return
	}
	if len(bytes.TrimSpace(p.data)) == 0 {
		p.notes = append(p.notes, "empty: no types")
		return
	}
	if err := checkText(p.name, p.data); err != nil {
		p.err = err
		return
	}
	s, err := brat.ReadConf(p.name, p.data, rep)
	if err != nil {
		p.err = err
		return
	}
	p.conf = &s
	p.notes = append(p.notes, fmt.Sprintf("schema: %d entity, %d event, %d relation and %d attribute type(s)", len(s.Entities), len(s.Events), len(s.Relations), len(s.Attributes)))
}

func (p *importPart) setDocs(err error, docs ...*annotations.Document) {
	if err != nil {
		p.err = err
		return
	}
	p.docs = docs
	if len(docs) == 0 {
		p.err = fmt.Errorf("%s holds no documents", p.name)
	}
}

// foldZip sums up the parts of an archive in its result.
func foldZip(r *FileResult, parts []*importPart) {
	var formats []string
	var errs []error
	for _, p := range parts {
		prefix := p.name + ": "
		for _, n := range p.notes {
			if !strings.HasPrefix(n, p.name) {
				n = prefix + n
			}
			r.Notes = append(r.Notes, n)
		}
		if p.err != nil {
			errs = append(errs, p.err)
			msg := p.err.Error()
			if !strings.HasPrefix(msg, p.name) {
				msg = prefix + msg
			}
			r.Notes = append(r.Notes, "not read: "+msg)
		}
		if p.format != "" && !slices.Contains(formats, p.format) {
			formats = append(formats, p.format)
		}
	}
	r.Format = strings.Join(formats, ", ")
	read := false
	for _, p := range parts {
		read = read || len(p.docs) > 0 || p.conf != nil
	}
	switch {
	case read:
	case len(errs) > 0:
		r.Err = fmt.Errorf("%s: nothing could be read: %v", r.Name, errs[0])
	case len(formats) == 0:
		// Only text, gold JSON and the like: State.ImportZip's work.
		r.Format, r.Err, r.Notes = "zip", ErrUseAddFile, nil
	default:
		r.Err = fmt.Errorf("%s holds no documents", r.Name)
	}
}

// unzipParts returns the entries of an archive as parts, within the limits of
// State.ImportZip: entry count, total and per-entry size, and expansion
// ratio, none of which trusts the sizes the archive declares. Folders and
// the droppings of macOS are left out; one folder holding everything is
// taken off the names.
func unzipParts(name string, data []byte) ([]*importPart, []string, error) {
	var notes []string
	entries, _, err := readZip(name, data, func(n string) bool {
		if strings.HasPrefix(n, "__MACOSX/") || strings.HasPrefix(path.Base(n), "._") || path.Base(n) == ".DS_Store" {
			return false
		}
		if !fs.ValidPath(n) {
			notes = append(notes, fmt.Sprintf("%s: not read: not a clean relative path", n))
			return false
		}
		return true
	})
	if err != nil {
		return nil, nil, err
	}
	var parts []*importPart
	for _, e := range entries {
		parts = append(parts, &importPart{name: e.Name, data: e.Data})
	}
	if len(parts) == 0 {
		return nil, notes, fmt.Errorf("%s holds no files", name)
	}
	// Take off a folder that holds everything: corpus.zip/corpus/a.txt is a.
	if top, _, ok := strings.Cut(parts[0].name, "/"); ok {
		all := true
		for _, p := range parts {
			all = all && strings.HasPrefix(p.name, top+"/")
		}
		if all {
			for _, p := range parts {
				p.name = strings.TrimPrefix(p.name, top+"/")
			}
		}
	}
	return parts, notes, nil
}

func isTextExt(ext string) bool {
	switch ext {
	case ".txt", ".text", ".json", ".jsonl", ".ndjson", ".xml", ".conll", ".conllu", ".iob", ".iob1", ".iob2", ".bio", ".bioes", ".iobes", ".bilou", ".tsv", ".ann", ".conf", ".html", ".htm":
		return true
	}
	return false
}

func hasProblemErrors(probs []annotations.Problem) bool {
	for _, p := range probs {
		if !p.Warning {
			return true
		}
	}
	return false
}

func firstProblemError(probs []annotations.Problem) string {
	for _, p := range probs {
		if !p.Warning {
			return p.String()
		}
	}
	return ""
}

func uniqueDocID(id string, taken map[string]bool) string {
	if !taken[id] {
		return id
	}
	for n := 2; ; n++ {
		if c := fmt.Sprintf("%s-%d", id, n); !taken[c] {
			return c
		}
	}
}

func firstFew(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(s[:n:n], fmt.Sprintf("… (%d more)", len(s)-n))
}

func usesLabel(parts []*importPart, label string) bool {
	for _, p := range parts {
		for _, d := range p.docs {
			for _, s := range d.Spans {
				if s.Label == label {
					return true
				}
			}
		}
	}
	return false
}

// Short returns a short name of the format for a compact picker.
func (f Format) Short() string {
	switch f.ID {
	case "json":
		return "Gold JSON"
	case "brat":
		return "brat (zip)"
	case "conll":
		return "CoNLL / IOB2"
	case "doccano":
		return "doccano"
	case "labelstudio":
		return "Label Studio"
	case "spacy":
		return "spaCy / Prodigy"
	}
	return f.Name
}
