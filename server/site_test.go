package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// fakeWeb is a built web/ folder in miniature.
func fakeWeb(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	wasm := bytes.Repeat([]byte("\x00asm fake module "), 1000)
	var br bytes.Buffer
	w := brotli.NewWriter(&br)
	w.Write(wasm)
	w.Close()
	for name, data := range map[string][]byte{
		"app.wasm": wasm, "app.wasm.br": br.Bytes(), "app.wasm.tmp": []byte("half built"),
		"belgi.css": []byte("body{}"), "schema.css": []byte(".t{}"), "icon.svg": []byte("<svg/>"),
		"icon-192.png": []byte("png"), "icon-512.png": []byte("png"), ".hidden": []byte("no"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var attrURL = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

func TestWriteSite(t *testing.T) {
	web := fakeWeb(t)
	for _, tt := range []struct{ prefix, base string }{{"/", "/"}, {"/belgi/", "/belgi/"}, {"lab/belgi", "/lab/belgi/"}} {
		t.Run(tt.base, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if err := WriteSite(dir, web, "abc123", tt.prefix); err != nil {
				t.Fatal(err)
			}
			read := func(name string) string {
				t.Helper()
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			page := read("index.html")
			if !strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';") {
				t.Errorf("the CSP is not the first thing in the head:\n%.400s", page)
			}
			if strings.Contains(page, "frame-ancestors") || strings.Contains(page, "og:url") || strings.Contains(page, "127.0.0.1") || strings.Contains(page, `"//`) {
				t.Errorf("the page has frame-ancestors in its <meta>, og:url, a local address or a host-relative URL:\n%s", page)
			}

			// The service worker caches every URL the page names, each with
			// the version but the page itself and the app's brand icon.
			worker := read("app-worker.js")
			m := regexp.MustCompile(`const resourcesToCache = (\[.*\]);`).FindStringSubmatch(worker)
			if m == nil || !strings.Contains(worker, `{ cache: "reload" }`) {
				t.Fatalf("app-worker.js:\n%s", worker)
			}
			var cached []string
			if err := json.Unmarshal([]byte(m[1]), &cached); err != nil {
				t.Fatal(err)
			}
			inCache := map[string]bool{}
			for _, u := range cached {
				inCache[u] = true
				if !strings.HasPrefix(u, tt.base) {
					t.Errorf("cached %s is outside %s", u, tt.base)
				}
				if !strings.HasSuffix(u, "?v=abc123") && u != tt.base && u != tt.base+"web/icon.svg" {
					t.Errorf("cached %s lacks the version", u)
				}
			}
			for _, m := range attrURL.FindAllStringSubmatch(page, -1) {
				if !inCache[m[1]] {
					t.Errorf("the page names %s, which the service worker does not cache (%v)", m[1], cached)
				}
			}
			if !inCache[tt.base] || !inCache[tt.base+"web/app.wasm?v=abc123"] || !strings.Contains(read("app.js"), `"`+tt.base+`app-worker.js"`) {
				t.Errorf("cached %v; app.js registers %q", cached, regexp.MustCompile(`register\(\s*"[^"]*"`).FindString(read("app.js")))
			}
			var manifest struct {
				Scope    string `json:"scope"`
				StartURL string `json:"start_url"`
			}
			if err := json.Unmarshal([]byte(read("manifest.webmanifest")), &manifest); err != nil || manifest.Scope != tt.base || manifest.StartURL != tt.base {
				t.Errorf("manifest %+v %v", manifest, err)
			}
			if h := read("_headers"); !strings.HasPrefix(h, tt.base+"*\n  Content-Security-Policy: "+CSP+"\n") || !strings.Contains(h, "X-Content-Type-Options: nosniff") {
				t.Errorf("_headers:\n%s", h)
			}

			// A plain file server under the prefix answers every cached URL.
			mux := http.NewServeMux()
			mux.Handle(tt.base, http.StripPrefix(tt.base, http.FileServer(http.Dir(dir))))
			host := httptest.NewServer(mux)
			defer host.Close()
			for _, u := range cached {
				res, err := http.Get(host.URL + u)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != 200 {
					t.Errorf("GET %s: %d", u, res.StatusCode)
				}
			}

			// Every file is readable by all; text and wasm have their
			// compressed siblings; nothing half built or hidden is copied.
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				fi, _ := d.Info()
				want := fs.FileMode(0o644)
				if d.IsDir() {
					want = 0o755
				}
				if fi.Mode().Perm() != want {
					t.Errorf("%s has mode %v, want %v", p, fi.Mode().Perm(), want)
				}
				if d.IsDir() || !compressible[filepath.Ext(p)] {
					return nil
				}
				raw, _ := os.ReadFile(p)
				for _, enc := range encodings {
					c, err := os.ReadFile(p + enc.ext)
					if err != nil {
						t.Errorf("%s has no %s", p, enc.ext)
						continue
					}
					var r io.Reader = brotli.NewReader(bytes.NewReader(c))
					if enc.name == "gzip" {
						if r, err = gzip.NewReader(bytes.NewReader(c)); err != nil {
							t.Fatal(err)
						}
					}
					if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, raw) {
						t.Errorf("%s%s does not decode to it: %v", p, enc.ext, err)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"web/app.wasm.tmp", "web/.hidden", "web/app.wasm", ".nojekyll", siteMarker} {
				_, err := os.Stat(filepath.Join(dir, name))
				if want := !strings.Contains(name, "tmp") && !strings.Contains(name, "hidden"); (err == nil) != want {
					t.Errorf("%s: present %v, want %v", name, err == nil, want)
				}
			}
		})
	}
}

func TestWriteSiteReplaces(t *testing.T) {
	web := fakeWeb(t)
	dir := filepath.Join(t.TempDir(), "site")
	if err := WriteSite(dir, web, "v1", "/"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "stale.js"), []byte("old"), 0o644)
	if err := WriteSite(dir, web, "v2", "/"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale.js")); err == nil {
		t.Error("a file of the previous site survived")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "app-worker.js")); !bytes.Contains(b, []byte(`"app-" + "v2"`)) {
		t.Errorf("app-worker.js is not version v2:\n%.200s", b)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".belgi-site-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

func TestWriteSiteRefuses(t *testing.T) {
	web := fakeWeb(t)
	mine := t.TempDir()
	os.WriteFile(filepath.Join(mine, "thesis.txt"), []byte("mine"), 0o644)
	tests := []struct {
		dir, web, version, prefix, want string
	}{
		{mine, web, "v1", "/", "not a Belgi site"},
		{filepath.Join(t.TempDir(), "s"), web, "v1", "/a b/", "prefix"},
		{filepath.Join(t.TempDir(), "s"), web, "v1", `/"><script>`, "prefix"},
		{filepath.Join(t.TempDir(), "s"), web, `1"`, "/", "version"},
		{filepath.Join(t.TempDir(), "s"), web, "", "/", "version"},
		{filepath.Join(t.TempDir(), "s"), t.TempDir(), "v1", "/", "no app.wasm"},
	}
	for _, tt := range tests {
		err := WriteSite(tt.dir, tt.web, tt.version, tt.prefix)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("WriteSite(%s, %q, %q): %v, want %q", tt.dir, tt.version, tt.prefix, err, tt.want)
		}
	}
	if err := WriteSite(mine, web, "v1", "/"); !errors.Is(err, ErrNotSite) {
		t.Errorf("err = %v, want ErrNotSite", err)
	}
	if b, err := os.ReadFile(filepath.Join(mine, "thesis.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the folder that is not a site changed: %q %v", b, err)
	}
}

func TestSitePrefix(t *testing.T) {
	for in, want := range map[string]string{"/": "", "": "", "/belgi/": "/belgi", "belgi": "/belgi", "/a/b//": "/a/b", "/a/../b": "/b"} {
		if got, err := sitePrefix(in); err != nil || got != want {
			t.Errorf("sitePrefix(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := url.Parse("/belgi/"); err != nil {
		t.Fatal(err)
	}
}
