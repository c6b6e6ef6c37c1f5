//go:build !wasm

package server

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// siteMarker names the file by which WriteSite knows a folder it wrote, so
// that it never replaces anything else.
const siteMarker = ".belgi-site"

// ErrNotSite is returned by WriteSite when the folder to write holds files
// that it did not write.
var ErrNotSite = errors.New("holds files that are not a Belgi site; choose a new or empty folder")

// WriteSite writes to dir the app whose built files are in webDir, as a
// folder that a static host serves as is under the URL path prefix: "/"
// for the root of a host (an S3 bucket, python3 -m http.server run in the
// folder), "/belgi/" for GitHub Pages of a repository named belgi. In it:
//
//   - index.html sets the Content-Security-Policy in a <meta> ahead of
//     everything it loads, and _headers sets it with the other headers for
//     hosts that read such a file (Netlify, Cloudflare Pages);
//   - every text file and app.wasm have .br and .gz siblings, for hosts that
//     serve those (Caddy's precompressed, nginx's gzip_static);
//   - the service worker is scoped to prefix; the URLs it caches carry the
//     version, and it fetches them past the browser's HTTP cache, so that
//     however long a host lets browsers cache files, one version is never
//     served with another's files;
//   - .nojekyll keeps GitHub Pages from processing the folder.
//
// dir must be missing, empty or a site WriteSite wrote before, which is
// replaced as a whole.
func WriteSite(dir, webDir, version, prefix string) error {
	prefix, err := sitePrefix(prefix)
	if err != nil {
		return err
	}
	if version == "" || strings.Trim(version, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") != "" {
		return fmt.Errorf("version %q: use letters, digits, '.', '-' and '_'", version)
	}
	if _, err := os.Stat(filepath.Join(webDir, "app.wasm")); err != nil {
		return fmt.Errorf("%s has no app.wasm: run 'make build' first", webDir)
	}
	if err := replaceable(dir); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(dir)), ".belgi-site-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // after a failure; empty after a rename
	if err := writeSite(tmp, webDir, version, prefix); err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// sitePrefix turns "/", "/belgi/" or "belgi" into "" or "/belgi".
func sitePrefix(p string) (string, error) {
	clean := path.Clean("/" + p)
	if strings.Trim(clean, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~/") != "" {
		return "", fmt.Errorf("prefix %q: use a URL path of letters, digits and '.-_~/'", p)
	}
	return strings.TrimSuffix(clean, "/"), nil
}

// replaceable reports an error unless dir is missing, empty or a site.
func replaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, siteMarker)); err != nil {
		return fmt.Errorf("%s %w", dir, ErrNotSite)
	}
	return nil
}

// siteFiles tells go-app where a site's files are: under the prefix, with
// the version in app.wasm's URL.
type siteFiles struct{ prefix, version string }

func (s siteFiles) Package() string { return s.prefix }
func (s siteFiles) Static() string  { return s.prefix }
func (s siteFiles) AppWASM() string { return s.prefix + "/web/app.wasm?v=" + s.version }

// siteWorker is go-app's service worker, fetching what it caches past the
// browser's HTTP cache.
var siteWorker = strings.Replace(app.DefaultAppWorkerJS,
	"cache.addAll(resourcesToCache)",
	`cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: "reload" })))`, 1)

func writeSite(dir, webDir, version, prefix string) error {
	if siteWorker == app.DefaultAppWorkerJS {
		return errors.New("go-app's service worker changed: see siteWorker in server/site.go")
	}
	route()
	h := handler(version, siteFiles{prefix, version}, func(p string) string { return p + "?v=" + version })
	// A static host sends no header with the uncompressed size, so the
	// loading label shows no percentage that could pass 100.
	h.LoadingLabel = "Loading Belgi…"
	h.WasmContentLengthHeader = ""
	h.ServiceWorkerTemplate = siteWorker
	if err := app.GenerateStaticWebsite(dir, h); err != nil {
		return err
	}
	if err := versionPackageURLs(dir, prefix, version); err != nil {
		return err
	}
	if err := copyWeb(filepath.Join(dir, "web"), webDir); err != nil {
		return err
	}
	extra := map[string]string{
		siteMarker:  "Belgi " + version + " for " + prefix + "/\n",
		".nojekyll": "",
		"_headers":  siteHeaders(prefix),
	}
	for name, body := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	if err := compressAll(dir); err != nil {
		return err
	}
	// Whatever the umask, a host running as another user can read it all.
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if d.IsDir() {
			mode = 0o755
		}
		return os.Chmod(p, mode)
	})
}

// versionPackageURLs adds the version to the URLs of go-app's own files in
// the page and in the list the service worker caches; go-app names them
// without it. It also drops og:url, which names the local server go-app
// rendered the page on, and puts the CSP first in the page.
func versionPackageURLs(dir, prefix, version string) error {
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return err
	}
	worker, err := os.ReadFile(filepath.Join(dir, "app-worker.js"))
	if err != nil {
		return err
	}
	for _, name := range []string{"app.js", "wasm_exec.js", "app.css", "manifest.webmanifest"} {
		old := []byte(`"` + prefix + "/" + name + `"`)
		repl := []byte(`"` + prefix + "/" + name + "?v=" + version + `"`)
		if !bytes.Contains(page, old) || !bytes.Contains(worker, old) {
			return fmt.Errorf("go-app's page changed: %s is not named as %s in index.html and app-worker.js", name, old)
		}
		page = bytes.ReplaceAll(page, old, repl)
		worker = bytes.ReplaceAll(worker, old, repl)
	}
	// go-app names the page "/belgi", which a host redirects to "/belgi/",
	// the address the browser then asks the service worker for.
	if prefix != "" {
		old := []byte(`"` + prefix + `"`)
		if !bytes.Contains(worker, old) {
			return fmt.Errorf("go-app's service worker changed: it does not cache the page as %s", old)
		}
		worker = bytes.Replace(worker, old, []byte(`"`+prefix+`/"`), 1)
	}
	page = dropOGURL(page)
	charset := []byte(`<meta charset="UTF-8">`)
	if !bytes.Contains(page, charset) {
		return fmt.Errorf("go-app's page changed: no %s to put the CSP after", charset)
	}
	page = bytes.Replace(page, charset, append(append(charset, '\n'), cspMeta()...), 1)
	if err := os.WriteFile(filepath.Join(dir, "index.html"), page, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "app-worker.js"), worker, 0o644)
}

// cspMeta is the CSP as a <meta>, without frame-ancestors, which browsers
// ignore there.
func cspMeta() string {
	var keep []string
	for _, d := range strings.Split(CSP, "; ") {
		if !strings.HasPrefix(d, "frame-ancestors ") {
			keep = append(keep, d)
		}
	}
	return `<meta http-equiv="Content-Security-Policy" content="` + strings.Join(keep, "; ") + `">`
}

// siteHeaders is a _headers file: the headers the server sends, for the
// hosts that read one.
func siteHeaders(prefix string) string {
	var b strings.Builder
	b.WriteString(prefix + "/*\n")
	b.WriteString("  Content-Security-Policy: " + CSP + "\n")
	for _, h := range headers {
		b.WriteString("  " + h[0] + ": " + h[1] + "\n")
	}
	return b.String()
}

// copyWeb copies the static files of webDir into dst: regular files only,
// no dot files, no compressed siblings (compressAll makes those, or takes
// the ones the build made beside app.wasm) and nothing half built.
func copyWeb(dst, webDir string) error {
	entries, err := os.ReadDir(webDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".tmp") || compressed(name) {
			continue
		}
		if err := copyFile(filepath.Join(dst, name), filepath.Join(webDir, name)); err != nil {
			return err
		}
		// Brotli at its best takes a minute on app.wasm: reuse the build's.
		fi, _ := e.Info()
		for _, enc := range encodings {
			src := filepath.Join(webDir, name+enc.ext)
			if cfi, err := os.Stat(src); err == nil && fi != nil && !cfi.ModTime().Before(fi.ModTime()) {
				if err := copyFile(filepath.Join(dst, name+enc.ext), src); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func compressed(name string) bool {
	for _, enc := range encodings {
		if strings.HasSuffix(name, enc.ext) {
			return true
		}
	}
	return false
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// compressible are the kinds of file worth compressing.
var compressible = map[string]bool{".html": true, ".js": true, ".css": true, ".svg": true, ".webmanifest": true, ".wasm": true, ".json": true}

// compressAll writes a .br and a .gz beside every compressible file of dir
// that lacks one.
func compressAll(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !compressible[filepath.Ext(p)] {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, enc := range encodings {
			if _, err := os.Stat(p + enc.ext); err == nil {
				continue
			}
			var b bytes.Buffer
			var w io.WriteCloser
			if enc.name == "br" {
				w = brotli.NewWriterLevel(&b, brotli.BestCompression)
			} else {
				w, _ = gzip.NewWriterLevel(&b, gzip.BestCompression)
			}
			w.Write(data)
			if err := w.Close(); err != nil {
				return err
			}
			if err := os.WriteFile(p+enc.ext, b.Bytes(), 0o644); err != nil {
				return err
			}
		}
		return nil
	})
}
