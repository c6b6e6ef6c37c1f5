//go:build !wasm

package batch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"
)

// Files expands the input arguments into files in input order: a folder
// gives the files under it with a known extension (.txt, .html, .htm,
// .jsonl, .ndjson, .warc, each optionally .gz), walked in lexical order; a
// pattern with *, ? or [ gives its matches, sorted; a file gives itself.
// It also returns their total size, for progress.
func Files(inputs []string) ([]string, int64, error) {
	var files []string
	var total int64
	seen := map[string]bool{}
	add := func(p string, size int64) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
			total += size
		}
	}
	for _, in := range inputs {
		if strings.ContainsAny(in, "*?[") {
			m, err := filepath.Glob(in)
			if err != nil {
				return nil, 0, fmt.Errorf("%s: %v", in, err)
			}
			sort.Strings(m)
			for _, p := range m {
				if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
					add(p, fi.Size())
				}
			}
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			return nil, 0, err
		}
		if !fi.IsDir() {
			add(in, fi.Size())
			continue
		}
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || kindOf(p) == "" {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			add(p, info.Size())
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
	}
	return files, total, nil
}

// kindOf tells the format of a file by its name: "txt", "html", "jsonl",
// "warc", or "" for an unknown extension.
func kindOf(name string) string {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch filepath.Ext(n) {
	case ".txt":
		return "txt"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".warc":
		return "warc"
	}
	return ""
}

// A Reader reads records from files in order. Its fields configure JSONL
// input; the zero value reads fields "text", "html", "url" (or "source"),
// "date" and "id".
type Reader struct {
	TextField, HTMLField string
	// Read counts the bytes read from the files so far (compressed bytes for
	// .gz), for progress; it may be nil.
	Read *atomic.Int64
}

// Each reads every record of files in order and calls emit with each,
// numbered from 0. Unreadable input becomes records with Reject set; Each
// stops only when emit returns an error or ctx is done.
func (rd *Reader) Each(ctx context.Context, files []string, emit func(Record) error) error {
	var seq int64
	send := func(r Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		r.Seq = seq
		seq++
		if r.Source == "" {
			r.Source = r.Key
		}
		return emit(r)
	}
	for _, p := range files {
		if err := rd.file(p, send); err != nil {
			return err
		}
	}
	return nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n != nil {
		c.n.Add(int64(n))
	}
	return n, err
}

func (rd *Reader) file(p string, send func(Record) error) error {
	key := filepath.ToSlash(p)
	f, err := os.Open(p)
	if err != nil {
		return send(Record{Key: key, Reject: ReasonRead, Detail: err.Error()})
	}
	defer f.Close()
	return rd.From(key, countingReader{f, rd.Read}, send)
}

// From reads the records of one file, named key, from r, gunzipping it
// when it starts with the gzip magic number, and calls send with each (Seq
// left at 0). The name's extension tells the format, as for Files. It is
// for engines that open files themselves.
func (rd *Reader) From(key string, r io.Reader, emit func(Record) error) error {
	send := func(rec Record) error {
		if rec.Source == "" {
			rec.Source = rec.Key
		}
		return emit(rec)
	}
	br := bufio.NewReaderSize(r, 64<<10)
	r = br
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return send(Record{Key: key, Reject: ReasonRead, Detail: err.Error()})
		}
		r = gz
	}
	kind := kindOf(key)
	switch kind {
	case "warc":
		return rd.warc(key, r, send)
	case "jsonl":
		return rd.jsonl(key, r, send)
	}
	data, err := io.ReadAll(io.LimitReader(r, maxRecord+1))
	if err != nil {
		return send(Record{Key: key, Reject: ReasonRead, Detail: err.Error()})
	}
	if len(data) > maxRecord {
		return send(Record{Key: key, Reject: ReasonTooLarge, Detail: fmt.Sprintf("more than %d bytes", maxRecord)})
	}
	return send(Record{Key: key, Data: data, HTML: kind == "html"})
}

func (rd *Reader) warc(key string, r io.Reader, send func(Record) error) error {
	w := newWARCReader(r)
	for n := 1; ; n++ {
		rec, err := w.Next()
		k := fmt.Sprintf("%s#%d", key, n)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			reason := ReasonBadWARC
			if errors.Is(err, ErrTruncated) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) {
				reason = ReasonTruncated
			}
			// The rest of the file cannot be found again: stop here.
			return send(Record{Key: k, Reject: reason, Detail: err.Error()})
		}
		typ := rec.Header.Get("WARC-Type")
		if typ != "response" && typ != "resource" && typ != "conversion" {
			n-- // requests, metadata and warcinfo are not pages
			continue
		}
		ct, body := rec.Header.Get("Content-Type"), rec.Content
		if typ == "response" {
			ct, body = httpBody(body)
		}
		out := Record{Key: k, Source: rec.Header.Get("WARC-Target-URI"), ContentType: ct, Data: body}
		if t, err := time.Parse(time.RFC3339, rec.Header.Get("WARC-Date")); err == nil {
			out.Date = t
		}
		lct := strings.ToLower(ct)
		switch {
		case strings.Contains(lct, "html"):
			out.HTML = true
		case lct == "" || strings.HasPrefix(lct, "text/"):
		default:
			out.Reject, out.Detail, out.Data = ReasonNotText, ct, nil
		}
		if err := send(out); err != nil {
			return err
		}
	}
}

func (rd *Reader) jsonl(key string, r io.Reader, send func(Record) error) error {
	textField, htmlField := rd.TextField, rd.HTMLField
	if textField == "" {
		textField = "text"
	}
	if htmlField == "" {
		htmlField = "html"
	}
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) == 0 {
			if err != nil {
				if err == io.EOF {
					return nil
				}
				return send(Record{Key: fmt.Sprintf("%s#%d", key, n), Reject: ReasonRead, Detail: err.Error()})
			}
			n--
			continue
		}
		out := Record{Key: fmt.Sprintf("%s#%d", key, n)}
		var obj map[string]any
		if e := json.Unmarshal(line, &obj); e != nil {
			out.Reject, out.Detail = ReasonBadJSON, e.Error()
		} else {
			str := func(names ...string) string {
				for _, name := range names {
					if s, ok := obj[name].(string); ok {
						return s
					}
				}
				return ""
			}
			if s := str(htmlField); s != "" {
				out.Data, out.HTML = []byte(s), true
			} else if s, ok := obj[textField].(string); ok {
				out.Data = []byte(s)
			} else {
				out.Reject, out.Detail = ReasonBadJSON, fmt.Sprintf("no string field %q or %q", textField, htmlField)
			}
			// The key stays the line number: ids in feeds are not always
			// unique. The id names the source when there is no URL.
			out.Source = str("url", "source")
			if id := str("id"); id != "" && out.Source == "" {
				out.Source = key + "#id=" + id
			}
			if d := str("date", "published", "time"); d != "" {
				out.Date = parseDate(d)
			}
		}
		if e := send(out); e != nil {
			return e
		}
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return send(Record{Key: fmt.Sprintf("%s#%d", key, n+1), Reject: ReasonRead, Detail: err.Error()})
		}
	}
}

func parseDate(s string) time.Time {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
