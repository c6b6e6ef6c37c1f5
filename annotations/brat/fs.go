package brat

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"strings"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// A Reader reads the brat documents of a file system, one .txt/.ann pair at
// a time, in lexical order of path. A document's ID is the path of its .txt
// file without the extension. A .txt without an .ann is read as a document
// without annotations and an .ann without a .txt is skipped; both are
// reported. A Reader holds one document at a time, so a corpus need not fit
// in memory.
type Reader struct {
	fsys  fs.FS
	rep   *loss.Report
	txts  []string // the .txt files still to read
	conf  *annotations.Schema
	err   error
	fresh bool
}

// NewReader returns a reader of the documents in fsys. The annotation.conf
// at its root, if any, is read as the schema (see Schema); the other
// configuration files of brat (visual.conf, tools.conf, kb_shortcuts.conf)
// are reported, since they are not annotations.
func NewReader(fsys fs.FS, rep *loss.Report) *Reader {
	r := &Reader{fsys: fsys, rep: rep}
	r.err = fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		switch path.Ext(p) {
		case ".ann":
			base := strings.TrimSuffix(p, ".ann")
			if _, err := fs.Stat(fsys, base+".txt"); errors.Is(err, fs.ErrNotExist) {
				rep.Add(p, "", 0, "skipped: no %s.txt beside it", path.Base(base))
			}
		case ".txt":
			r.txts = append(r.txts, p)
		case ".conf":
			r.readConf(p)
		}
		return nil
	})
	return r
}

func (r *Reader) readConf(p string) {
	if p != ConfName {
		r.rep.Add(p, "", 0, "not read: brat's display and tool settings are not annotations")
		return
	}
	data, err := fs.ReadFile(r.fsys, p)
	if err != nil {
		r.err = err
		return
	}
	s, err := ReadConf(p, data, r.rep)
	if err != nil {
		r.err = err
		return
	}
	r.conf = &s
}

// Schema returns the schema of the annotation.conf at the root of the file
// system, and false when there is none.
func (r *Reader) Schema() (annotations.Schema, bool) {
	if r.conf == nil {
		return annotations.Schema{}, false
	}
	return *r.conf, true
}

// Read returns the next document, or io.EOF after the last.
func (r *Reader) Read() (*annotations.Document, error) {
	if r.err != nil {
		return nil, r.err
	}
	if len(r.txts) == 0 {
		return nil, io.EOF
	}
	p := r.txts[0]
	r.txts = r.txts[1:]
	id := strings.TrimSuffix(p, ".txt")
	txt, err := fs.ReadFile(r.fsys, p)
	if err != nil {
		return nil, err
	}
	ann, err := fs.ReadFile(r.fsys, id+".ann")
	if errors.Is(err, fs.ErrNotExist) {
		r.rep.Add(p, "", 0, "no %s.ann beside it: read as a document without annotations", path.Base(id))
		ann, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	return Read(id, txt, ann, r.rep)
}

// ReadFS reads every brat document in fsys, as a Reader does, and calls fn
// with each. It stops at the first error of fn or of Read.
func ReadFS(fsys fs.FS, rep *loss.Report, fn func(*annotations.Document) error) error {
	r := NewReader(fsys, rep)
	for {
		d, err := r.Read()
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

// FileBase returns the path, without extension, under which a document with
// the given ID is written in a brat folder: the ID itself when it is a
// clean relative path (such as "train/16684_text"), and otherwise the ID
// with every character that is unsafe in a file name replaced by "_".
func FileBase(id string) string {
	if fs.ValidPath(id) && id != "." && !strings.ContainsAny(id, `\:*?"<>|`) && !strings.HasPrefix(path.Base(id), ".") {
		return id
	}
	b := []byte(id)
	for i, c := range b {
		if c < ' ' || strings.IndexByte(`/\:*?"<>|`, c) >= 0 {
			b[i] = '_'
		}
	}
	s := strings.TrimLeft(string(b), ".")
	if s == "" {
		s = "_"
	}
	return s
}
