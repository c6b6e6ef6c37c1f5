package brat

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// ReadFS reads every brat document in fsys, one .txt/.ann pair at a time, and
// calls fn with each, in lexical order of path. A document's ID is the path
// of its .txt file without the extension. A .txt without an .ann is read as a
// document without annotations and an .ann without a .txt is skipped; both
// are reported to rep. ReadFS stops at the first error of fn or of Read.
//
// ReadFS holds one document at a time, so a corpus need not fit in memory.
func ReadFS(fsys fs.FS, rep *loss.Report, fn func(*annotations.Document) error) error {
	return fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.IsDir() {
			return nil
		}
		switch path.Ext(p) {
		case ".ann":
			base := strings.TrimSuffix(p, ".ann")
			if _, err := fs.Stat(fsys, base+".txt"); errors.Is(err, fs.ErrNotExist) {
				rep.Add(p, "", 0, "skipped: no %s.txt beside it", path.Base(base))
			}
			return nil
		case ".txt":
		default:
			return nil
		}
		id := strings.TrimSuffix(p, ".txt")
		txt, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		ann, err := fs.ReadFile(fsys, id+".ann")
		if errors.Is(err, fs.ErrNotExist) {
			rep.Add(p, "", 0, "no %s.ann beside it: read as a document without annotations", path.Base(id))
			ann, err = nil, nil
		}
		if err != nil {
			return err
		}
		d, err := Read(id, txt, ann, rep)
		if err != nil {
			return err
		}
		return fn(d)
	})
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
