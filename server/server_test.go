package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

func testServer(t *testing.T) (*httptest.Server, string) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("\x00asm raw"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.wasm.br"), []byte("brotli"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.wasm.gz"), []byte("gzip"), 0o644)
	os.WriteFile(filepath.Join(dir, "belgi.css"), []byte("body{}"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "secret.txt"), []byte("listed?"), 0o644)
	srv := httptest.NewServer(New(dir, "v1"))
	t.Cleanup(srv.Close)
	return srv, dir
}

// do sends one request, without transparent gzip, and reads the answer.
func do(t *testing.T, method, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func get(t *testing.T, url, accept string) (*http.Response, string) {
	t.Helper()
	return do(t, "GET", url, "Accept-Encoding", accept)
}

func TestWASMEncoding(t *testing.T) {
	srv, dir := testServer(t)
	tests := []struct {
		accept, encoding, body string
	}{
		{"gzip, deflate, br", "br", "brotli"},
		{"gzip", "gzip", "gzip"},
		{"br;q=0, gzip", "gzip", "gzip"},
		{"br;q=0.0, gzip;q=0.5", "gzip", "gzip"},
		{"br; q=1", "br", "brotli"},
		{"", "", "\x00asm raw"},
	}
	for _, tt := range tests {
		res, body := get(t, srv.URL+"/web/app.wasm", tt.accept)
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != tt.encoding || body != tt.body {
			t.Errorf("Accept-Encoding %q: %d %q %q", tt.accept, res.StatusCode, res.Header.Get("Content-Encoding"), body)
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/wasm" {
			t.Errorf("Content-Type %q", ct)
		}
		if res.Header.Get("X-Uncompressed-Content-Length") != "8" || res.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("headers %v", res.Header)
		}
	}
	// A compressed file older than the wasm is stale and not served.
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "app.wasm.br"), old, old)
	if res, body := get(t, srv.URL+"/web/app.wasm", "br"); res.Header.Get("Content-Encoding") != "" || body != "\x00asm raw" {
		t.Errorf("stale brotli served: %q", body)
	}
}

func TestPageHeaders(t *testing.T) {
	srv, _ := testServer(t)
	res, body := get(t, srv.URL+"/", "")
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"connect-src 'self'", "object-src 'none'", "script-src 'self' 'wasm-unsafe-eval'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, "githubusercontent") {
		t.Errorf("page has an inline script or a remote icon:\n%s", body)
	}
	if !strings.Contains(body, "/web/icon.svg") || !strings.Contains(body, "/web/belgi.css") {
		t.Errorf("page lacks the local icon or the stylesheet:\n%s", body)
	}
	res, _ = get(t, srv.URL+"/app-worker.js", "")
	if res.StatusCode != 200 || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("service worker: %d", res.StatusCode)
	}
}

func TestNotFound(t *testing.T) {
	srv, _ := testServer(t)
	for _, path := range []string{"/web/", "/web", "/web/sub/", "/web/sub", "/web/../../etc/passwd", "/web/..%2f..%2fetc/passwd", "/web/missing.css", "/nothing"} {
		res, body := get(t, srv.URL+path, "")
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, res.StatusCode)
		}
		if strings.Contains(body, "belgi.css") || strings.Contains(body, "secret") || strings.Contains(body, "root:") {
			t.Errorf("GET %s shows what is there:\n%s", path, body)
		}
		if res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no CSP on the 404", path)
		}
	}
	if res, body := get(t, srv.URL+"/web/sub/secret.txt", ""); res.StatusCode != 200 || body != "listed?" {
		t.Errorf("a file in a folder: %d %q", res.StatusCode, body)
	}
}

func TestMethods(t *testing.T) {
	srv, _ := testServer(t)
	for _, path := range []string{"/", "/web/app.wasm", "/web/belgi.css", "/app.js", "/web/"} {
		for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "CONNECT", "PROPFIND"} {
			res, body := do(t, m, srv.URL+path)
			if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d, Allow %q; want 405 with Allow: GET, HEAD", m, path, res.StatusCode, res.Header.Get("Allow"))
			}
			if !strings.Contains(body, m+" is not allowed") || res.Header.Get("Content-Security-Policy") == "" {
				t.Errorf("%s %s: body %q, headers %v", m, path, body, res.Header)
			}
		}
	}
	for _, path := range []string{"/", "/web/app.wasm", "/app.js"} {
		full, fbody := get(t, srv.URL+path, "")
		head, hbody := do(t, "HEAD", srv.URL+path)
		if head.StatusCode != 200 || hbody != "" || head.Header.Get("ETag") != full.Header.Get("ETag") ||
			head.Header.Get("Content-Length") != full.Header.Get("Content-Length") || full.ContentLength != int64(len(fbody)) {
			t.Errorf("HEAD %s: %d %q %v; GET gave %v", path, head.StatusCode, hbody, head.Header, full.Header)
		}
	}
}

// TestETags asks for every resource in every encoding: each answer has its
// own ETag, stable from one request to the next, which If-None-Match
// answers with 304 and any other tag does not.
func TestETags(t *testing.T) {
	srv, dir := testServer(t)
	type resource struct{ path, accept string }
	var all []resource
	for _, p := range []string{"/", "/app.js", "/app-worker.js", "/app.css", "/wasm_exec.js", "/manifest.webmanifest", "/web/belgi.css", "/web/sub/secret.txt"} {
		all = append(all, resource{p, "gzip, br"})
	}
	for _, a := range []string{"br", "gzip", ""} {
		all = append(all, resource{"/web/app.wasm", a})
	}
	tags := map[string]resource{}
	for _, r := range all {
		res, _ := get(t, srv.URL+r.path, r.accept)
		tag := res.Header.Get("ETag")
		if res.StatusCode != 200 || !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) || len(tag) < 10 {
			t.Fatalf("%v: %d, ETag %q", r, res.StatusCode, tag)
		}
		if other, ok := tags[tag]; ok {
			t.Errorf("%v and %v share the ETag %s", r, other, tag)
		}
		tags[tag] = r
		if again, _ := get(t, srv.URL+r.path, r.accept); again.Header.Get("ETag") != tag {
			t.Errorf("%v: ETag %s, then %s", r, tag, again.Header.Get("ETag"))
		}
	}
	for tag, r := range tags {
		res, body := do(t, "GET", srv.URL+r.path, "Accept-Encoding", r.accept, "If-None-Match", tag)
		if res.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("%v with its own ETag: %d %q, want 304", r, res.StatusCode, body)
		}
		for _, other := range []string{`"v1"`, `"00000000000000000000"`} {
			if res, _ := do(t, "GET", srv.URL+r.path, "Accept-Encoding", r.accept, "If-None-Match", other); res.StatusCode != 200 {
				t.Errorf("%v with If-None-Match %s: %d, want 200", r, other, res.StatusCode)
			}
		}
	}
	// A changed file gets a new ETag.
	res, _ := get(t, srv.URL+"/web/belgi.css", "")
	later := time.Now().Add(time.Minute)
	os.WriteFile(filepath.Join(dir, "belgi.css"), []byte("body{color:red}"), 0o644)
	os.Chtimes(filepath.Join(dir, "belgi.css"), later, later)
	if again, body := get(t, srv.URL+"/web/belgi.css", ""); again.Header.Get("ETag") == res.Header.Get("ETag") || body != "body{color:red}" {
		t.Errorf("changed file: ETag %s, body %q", again.Header.Get("ETag"), body)
	}
}

func TestNewServerTimeouts(t *testing.T) {
	s := NewServer(t.TempDir(), "v1")
	for name, d := range map[string]time.Duration{
		"ReadHeaderTimeout": s.ReadHeaderTimeout, "ReadTimeout": s.ReadTimeout,
		"WriteTimeout": s.WriteTimeout, "IdleTimeout": s.IdleTimeout,
	} {
		if d <= 0 || d > 5*time.Minute {
			t.Errorf("%s = %v", name, d)
		}
	}
	// Long enough to send the raw 16 MB app.wasm at 1 Mbit/s.
	if s.WriteTimeout < 16*8*time.Second || s.Handler == nil {
		t.Errorf("WriteTimeout %v, handler %v", s.WriteTimeout, s.Handler)
	}
}

// TestBuiltWeb checks the real build, when there is one: the compressed
// files are readable by everyone, and each encoding the server sends
// decodes to app.wasm, under its own ETag.
func TestBuiltWeb(t *testing.T) {
	web := filepath.Join("..", "web")
	raw, err := os.ReadFile(filepath.Join(web, "app.wasm"))
	if err != nil {
		t.Skip("web/app.wasm is not built: run make build")
	}
	for _, name := range []string{"app.wasm", "app.wasm.br", "app.wasm.gz"} {
		fi, err := os.Stat(filepath.Join(web, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o444 != 0o444 {
			t.Errorf("web/%s has mode %v: a server run as another user cannot read it", name, fi.Mode().Perm())
		}
	}
	srv := httptest.NewServer(New(web, "built"))
	defer srv.Close()
	tags := map[string]bool{}
	for _, enc := range []string{"br", "gzip", ""} {
		res, body := get(t, srv.URL+"/web/app.wasm", enc)
		var r io.Reader = strings.NewReader(body)
		switch res.Header.Get("Content-Encoding") {
		case "br":
			r = brotli.NewReader(r)
		case "gzip":
			if r, err = gzip.NewReader(r); err != nil {
				t.Fatal(err)
			}
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, raw) || res.Header.Get("Content-Encoding") != enc {
			t.Errorf("Accept-Encoding %q: sent %q, %d bytes decoding to %d (%v); want app.wasm's %d",
				enc, res.Header.Get("Content-Encoding"), len(body), len(got), err, len(raw))
		}
		tags[res.Header.Get("ETag")] = true
	}
	if len(tags) != 3 {
		t.Errorf("the three encodings of app.wasm have %d ETags", len(tags))
	}
}
