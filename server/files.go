//go:build !wasm

package server

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// encodings are the pre-compressed siblings a file may have, best first:
// app.wasm.br and app.wasm.gz beside app.wasm.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// files serves /web/… from a folder. Each file goes out in the best
// encoding the client accepts among its pre-compressed siblings that are
// not older than it, with an ETag of the bytes sent. Folders are not
// listed.
type files struct {
	dir  string
	tags *etags
}

func (f files) Package() string { return "" }
func (f files) Static() string  { return "" }
func (f files) AppWASM() string { return "/web/app.wasm" }

func (f files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/web")
	raw, fi, err := f.open(name)
	if err != nil {
		if name == "/app.wasm" {
			http.Error(w, "app.wasm is not built: run make build", http.StatusNotFound)
			return
		}
		http.NotFound(w, r)
		return
	}
	defer raw.Close()
	hd := w.Header()
	hd.Set("Cache-Control", "no-cache")
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		hd.Set("Content-Type", ct)
	}
	hd.Set("X-Uncompressed-Content-Length", strconv.FormatInt(fi.Size(), 10))
	body, bodyInfo, enc := io.ReadSeeker(raw), fi, ""
	accept := r.Header.Get("Accept-Encoding")
	for _, e := range encodings {
		c, cfi, err := f.open(name + e.ext)
		if err != nil {
			continue
		}
		defer c.Close()
		if cfi.ModTime().Before(fi.ModTime()) {
			continue // stale: the file was rebuilt after compressing
		}
		hd.Set("Vary", "Accept-Encoding")
		if enc == "" && accepts(accept, e.name) {
			body, bodyInfo, enc = c, cfi, e.name
		}
	}
	tag, err := f.tags.of(name+"\x00"+enc, bodyInfo, body)
	if err != nil {
		http.Error(w, "reading "+name+" failed", http.StatusInternalServerError)
		return
	}
	if enc != "" {
		hd.Set("Content-Encoding", enc)
		tag = strings.TrimSuffix(tag, `"`) + "-" + enc + `"`
	}
	hd.Set("ETag", tag)
	http.ServeContent(w, r, "", fi.ModTime(), body)
}

// open opens a regular file of the folder; folders and anything outside
// the folder are not found.
func (f files) open(name string) (http.File, fs.FileInfo, error) {
	file, err := http.Dir(f.dir).Open(name)
	if err != nil {
		return nil, nil, err
	}
	fi, err := file.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		file.Close()
		return nil, nil, os.ErrNotExist
	}
	return file, fi, nil
}

// accepts reports whether an Accept-Encoding header allows enc: it is
// listed without a q of zero.
func accepts(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), enc) {
			continue
		}
		q, found := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if !found {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
}

// etags remembers the ETag of each file it has hashed for as long as the
// file keeps its size and modification time, so that app.wasm is hashed
// once per build.
type etags struct {
	mu sync.Mutex
	m  map[string]etag
}

type etag struct {
	size int64
	mod  time.Time
	tag  string
}

// of returns the ETag of the file fi describes, whose content r reads;
// r is left at its start.
func (e *etags) of(key string, fi fs.FileInfo, r io.ReadSeeker) (string, error) {
	e.mu.Lock()
	t, ok := e.m[key]
	e.mu.Unlock()
	if ok && t.size == fi.Size() && t.mod.Equal(fi.ModTime()) {
		return t.tag, nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	tag := hashTag(h.Sum(nil))
	e.mu.Lock()
	if e.m == nil {
		e.m = map[string]etag{}
	}
	e.m[key] = etag{fi.Size(), fi.ModTime(), tag}
	e.mu.Unlock()
	return tag, nil
}

// hashTag makes a strong ETag of a SHA-256 sum.
func hashTag(sum []byte) string {
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}
