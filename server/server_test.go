package server

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testServer(t *testing.T) (*httptest.Server, string) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("\x00asm raw"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.wasm.br"), []byte("brotli"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.wasm.gz"), []byte("gzip"), 0o644)
	os.WriteFile(filepath.Join(dir, "belgi.css"), []byte("body{}"), 0o644)
	srv := httptest.NewServer(New(dir, "v1"))
	t.Cleanup(srv.Close)
	return srv, dir
}

func get(t *testing.T, url, accept string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", accept)
	res, err := http.DefaultTransport.RoundTrip(req) // no transparent gzip
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return res, b.String()
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
	res, _ = get(t, srv.URL+"/web/../../etc/passwd", "")
	if res.StatusCode == 200 {
		t.Error("path traversal served a file")
	}
	res, _ = get(t, srv.URL+"/app-worker.js", "")
	if res.StatusCode != 200 || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("service worker: %d", res.StatusCode)
	}
}
