//go:build !wasm

// Package server serves the Belgi web app: the go-app page, its static
// files, and web/app.wasm pre-compressed. It serves files only; annotation
// data never reaches it.
package server

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// CSP is the Content-Security-Policy of every response. The page may talk
// only to its own origin; 'wasm-unsafe-eval' lets it compile app.wasm and
// nothing else; inline styles carry span colours.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
	"img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; " +
	"object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'; " +
	"frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'"

var routeOnce sync.Once

// New returns the handler serving the app whose static files, including the
// built app.wasm, are in webDir. version identifies the build, so that the
// service worker picks up a new one.
func New(webDir, version string) http.Handler {
	routeOnce.Do(func() {
		// Server-side pre-rendering only needs a placeholder: the app itself
		// runs in the browser.
		app.Route("/", &loading{})
	})
	h := &app.Handler{
		Name:            "Belgi",
		ShortName:       "Belgi",
		Title:           "Belgi — annotate news in your browser",
		Description:     "Annotate entities and events in Kazakh, Russian and English news. Runs entirely in the browser; nothing is uploaded.",
		Lang:            "en",
		Version:         version,
		BackgroundColor: "#f7f7f5",
		ThemeColor:      "#1f4e79",
		LoadingLabel:    "Loading Belgi… {progress}%",
		Icon: app.Icon{
			Default:    "/web/icon-192.png",
			Large:      "/web/icon-512.png",
			SVG:        "/web/icon.svg",
			AppleTouch: "/web/icon-192.png",
		},
		Styles:                  []string{"/web/belgi.css", "/web/schema.css"},
		WasmContentLengthHeader: "X-Uncompressed-Content-Length",
		Resources:               files{dir: webDir},
	}
	return secure(h)
}

// secure adds the headers every response carries.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", CSP)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}

// files serves /web/… from a folder, and app.wasm in the best encoding the
// client accepts among the pre-compressed files beside it.
type files struct{ dir string }

func (f files) Package() string { return "" }
func (f files) Static() string  { return "" }
func (f files) AppWASM() string { return "/web/app.wasm" }

func (f files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/web/")
	if name == "app.wasm" {
		f.serveWASM(w, r)
		return
	}
	http.StripPrefix("/web", http.FileServer(http.Dir(f.dir))).ServeHTTP(w, r)
}

func (f files) serveWASM(w http.ResponseWriter, r *http.Request) {
	raw := filepath.Join(f.dir, "app.wasm")
	fi, err := os.Stat(raw)
	if err != nil {
		http.Error(w, "app.wasm is not built: run make build", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/wasm")
	w.Header().Set("Vary", "Accept-Encoding")
	w.Header().Set("X-Uncompressed-Content-Length", strconv.FormatInt(fi.Size(), 10))
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !accepts(accept, enc.name) {
			continue
		}
		c, err := os.Open(raw + enc.ext)
		if err != nil {
			continue
		}
		defer c.Close()
		cfi, err := c.Stat()
		if err != nil || cfi.ModTime().Before(fi.ModTime()) {
			continue // stale: the wasm was rebuilt after compressing
		}
		w.Header().Set("Content-Encoding", enc.name)
		http.ServeContent(w, r, "", cfi.ModTime(), c)
		return
	}
	http.ServeFile(w, r, raw)
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

// loading is what the server pre-renders before app.wasm takes over.
type loading struct{ app.Compo }

func (*loading) Render() app.UI {
	return app.Div().Class("prerender").Body(
		app.NoScript().Body(app.P().Text("Belgi runs in your browser and needs JavaScript and WebAssembly.")),
	)
}
