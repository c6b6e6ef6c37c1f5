package app

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"belgi/annotations"
)

// Limits for corpus archives. A zip bomb (a small file that expands to
// gigabytes) is refused before it is expanded, and no reader trusts the
// sizes an archive declares.
const (
	maxZipEntries = 10000
	maxZipTotal   = 256 << 20
	maxZipRatio   = 200 // uncompressed : compressed, for entries over 1 MB
)

// A zipEntry is one file read from an archive.
type zipEntry struct {
	Name string
	Data []byte
}

// readZip reads the entries of an archive that keep accepts, sorted by
// name, within the limits above: entry count, total and per-entry size, and
// expansion ratio. No reader trusts the sizes an archive declares. The
// names keep refused are returned too; folders are neither.
func readZip(name string, data []byte, keep func(entry string) bool) (entries []zipEntry, skipped []string, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, fmt.Errorf("%s is not a readable zip archive: %v", name, err)
	}
	if len(zr.File) > maxZipEntries {
		return nil, nil, fmt.Errorf("%s holds %d files; the limit is %d", name, len(zr.File), maxZipEntries)
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	var total uint64
	for _, f := range files {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > 1<<20 && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > maxZipRatio {
			return nil, nil, fmt.Errorf("%s: %s expands %d times; refusing what looks like a zip bomb", name, f.Name, f.UncompressedSize64/f.CompressedSize64)
		}
	}
	if total > maxZipTotal {
		return nil, nil, fmt.Errorf("%s expands to %d MB; the limit is %d MB", name, total>>20, maxZipTotal>>20)
	}
	read := int64(0)
	for _, f := range files {
		if f.FileInfo().IsDir() {
			continue
		}
		if !keep(f.Name) {
			skipped = append(skipped, f.Name)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s: %v", name, f.Name, err)
		}
		body, err := io.ReadAll(io.LimitReader(rc, min(MaxFileSize, maxZipTotal-read)+1))
		rc.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s: %v", name, f.Name, err)
		}
		read += int64(len(body))
		if len(body) > MaxFileSize || read > maxZipTotal {
			return nil, nil, fmt.Errorf("%s: %s expands past the size limit; refusing what looks like a zip bomb", name, f.Name)
		}
		entries = append(entries, zipEntry{Name: f.Name, Data: body})
	}
	return entries, skipped, nil
}

// ImportZip adds the .txt and gold .json files of a zip archive as one step:
// every file is read and checked first, and nothing is added unless all of
// them are good.
func (s *State) ImportZip(name string, data []byte) (string, error) {
	entries, skipped, err := readZip(name, data, func(entry string) bool {
		ext := strings.ToLower(path.Ext(entry))
		return ext == ".txt" || ext == ".json"
	})
	if err != nil {
		return "", err
	}
	// Work on a copy, so a bad file half way leaves the workspace alone.
	trial := &State{WS: &annotations.Workspace{Schema: s.WS.Schema, Documents: append([]*annotations.Document(nil), s.WS.Documents...)}}
	var ops []annotations.Op
	trial.Subscribe(func(c Change) { ops = append(ops, c.Ops...) })
	for _, f := range entries {
		if _, err := trial.AddFile(name+": "+f.Name, f.Data); err != nil {
			return "", err
		}
	}
	if len(ops) == 0 {
		return "", fmt.Errorf("%s holds no .txt or .json files", name)
	}
	for i := range ops {
		if ops[i].Kind == annotations.OpAddDocument && ops[i].Document.Source != "" {
			ops[i].Document.Source = strings.TrimPrefix(ops[i].Document.Source, name+": ")
		}
	}
	if err := s.Do(ops...); err != nil {
		return "", fmt.Errorf("%s: %v", name, err)
	}
	n := 0
	for _, op := range ops {
		if op.Kind == annotations.OpAddDocument {
			if n == 0 {
				s.Open(op.Document.ID)
			}
			n++
		}
	}
	msg := fmt.Sprintf("Added %d document(s) from %s.", n, name)
	if len(skipped) > 0 {
		msg += fmt.Sprintf(" Skipped %d file(s) that are not .txt or .json.", len(skipped))
	}
	return msg, nil
}
