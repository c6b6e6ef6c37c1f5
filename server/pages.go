//go:build !wasm

package server

import (
	"bytes"
	"crypto/sha256"
	"net/http"
	"sync"
	"time"
)

// unused are paths go-app answers that Belgi has no use for: aliases of
// app.wasm, which would be buffered whole, and the files go-app fetches
// from whatever host a request names.
var unused = map[string]bool{
	"/app.wasm": true, "/goapp.wasm": true,
	"/robots.txt": true, "/sitemap.xml": true, "/ads.txt": true,
}

// pages serves what go-app generates (the page, app.js, app-worker.js,
// the manifest) with an ETag per resource, a hash of its body, in place
// of the one go-app gives all of them (the version). go-app renders the
// page's attributes in a random order, so each resource is rendered once
// and kept: there are only a few, all small, and a request's Host does
// not reach them.
type pages struct {
	next http.Handler
	mu   sync.Mutex
	kept map[string]*page
}

type page struct {
	header http.Header
	body   []byte
}

func (p *pages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if unused[r.URL.Path] {
		http.NotFound(w, r)
		return
	}
	pg, ok := p.get(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	for k, v := range pg.header {
		hd[k] = v
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(pg.body))
}

// get returns the resource at r's path, rendering it the first time.
func (p *pages) get(r *http.Request) (*page, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if pg, ok := p.kept[r.URL.Path]; ok {
		return pg, true
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://belgi"+r.URL.Path, nil)
	if err != nil {
		return nil, false
	}
	b := &buffer{header: http.Header{}, status: http.StatusOK}
	p.next.ServeHTTP(b, req)
	if b.status != http.StatusOK {
		return nil, false
	}
	body := b.body.Bytes()
	if ct := b.header.Get("Content-Type"); ct == "text/html" {
		body = dropOGURL(body)
	}
	sum := sha256.Sum256(body)
	pg := &page{header: http.Header{}, body: body}
	for _, k := range []string{"Content-Type", "Content-Encoding", "Cache-Control"} {
		if v := b.header.Get(k); v != "" {
			pg.header.Set(k, v)
		}
	}
	pg.header.Set("ETag", hashTag(sum[:]))
	if p.kept == nil {
		p.kept = map[string]*page{}
	}
	p.kept[r.URL.Path] = pg
	return pg, true
}

// dropOGURL takes the og:url <meta> out of a page: go-app fills it in with
// the address it was rendered at, which is not where people open it.
func dropOGURL(page []byte) []byte {
	i := bytes.Index(page, []byte(`property="og:url"`))
	if i < 0 {
		return page
	}
	start := bytes.LastIndexByte(page[:i], '<')
	end := bytes.IndexByte(page[i:], '>')
	if start < 0 || end < 0 {
		return page
	}
	end += i + 1
	if end < len(page) && page[end] == '\n' {
		end++
	}
	return append(page[:start:start], page[end:]...)
}

// buffer is a ResponseWriter that keeps the response.
type buffer struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (b *buffer) Header() http.Header { return b.header }

func (b *buffer) WriteHeader(status int) {
	if !b.wrote {
		b.status, b.wrote = status, true
	}
}

func (b *buffer) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}
