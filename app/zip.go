package app

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"path"
	"sort"
	"strings"

	"belgi/annotations"
)

// Limits for corpus archives, whatever the sizes of their entries. An
// archive expands to no more than the largest file Belgi reads; a zip bomb
// (a small file that expands to gigabytes, or to many entries of 1 MB) is
// refused on what it declares, before anything is expanded, and what is
// actually expanded is counted as it is read, since a declared size can
// lie.
const (
	maxZipEntries = 10000
	maxZipTotal   = MaxFileSize
	maxZipRatio   = 200     // expanded : archive size, for archives expanding past maxZipSmall
	maxZipSmall   = 1 << 20 // an archive expanding to less is never a bomb
)

// A zipEntry is one file read from an archive.
type zipEntry struct {
	Name string
	Data []byte
}

// readZip reads the entries of an archive that keep accepts, sorted by
// name, within the limits above: entry count, the ratio of the declared
// expanded size to the archive's size, and the total expanded size,
// declared and then as read. Each refusal names the limit. The names keep refused are returned
// too; folders are neither.
func readZip(name string, data []byte, keep func(entry string) bool) (entries []zipEntry, skipped []string, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, fmt.Errorf("%s is not a readable zip archive: %v", name, err)
	}
	if len(zr.File) > maxZipEntries {
		return nil, nil, fmt.Errorf("%s holds %d files; the limit is %d files in an archive", name, len(zr.File), maxZipEntries)
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	var total uint64 // as declared, saturating: sizes can be anything
	for _, f := range files {
		total += f.UncompressedSize64
		if total < f.UncompressedSize64 {
			total = math.MaxUint64
		}
	}
	if ratio := total / uint64(max(len(data), 1)); total > maxZipSmall && ratio > maxZipRatio {
		return nil, nil, fmt.Errorf("%s expands to %s, %d times its size; the limit is %d times: refusing what looks like a zip bomb",
			name, megabytes(total), ratio, maxZipRatio)
	}
	if total > maxZipTotal {
		return nil, nil, fmt.Errorf("%s expands to %s; the limit is %d MB for an archive, all files together", name, megabytes(total), maxZipTotal>>20)
	}
	var read int64
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
		body, err := io.ReadAll(io.LimitReader(rc, maxZipTotal-read+1))
		rc.Close()
		read += int64(len(body))
		if read > maxZipTotal {
			return nil, nil, fmt.Errorf("%s: %s expands past what the archive declares and past the limit of %d MB for an archive", name, f.Name, maxZipTotal>>20)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s: %v", name, f.Name, err)
		}
		entries = append(entries, zipEntry{Name: f.Name, Data: body})
	}
	return entries, skipped, nil
}

// megabytes formats a size for a message: "250 MB", or "1.5 GB" and more;
// past 1 TB, it says only that.
func megabytes(n uint64) string {
	if n >= 1<<40 {
		return "more than 1 TB"
	}
	if n >= 10<<30 {
		return fmt.Sprintf("%d GB", n>>30)
	}
	if n >= 1<<30 {
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%d MB", n>>20)
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
