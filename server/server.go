//go:build !wasm

// Package server serves the Belgi web app: the go-app page, its static
// files, and web/app.wasm pre-compressed. It serves files only; annotation
// data never reaches it. WriteSite writes the same app as a folder that a
// static host serves without this package.
package server

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// CSP is the Content-Security-Policy of every response. The page may talk
// only to its own origin; 'wasm-unsafe-eval' lets it compile app.wasm and
// nothing else; inline styles carry span colours.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
	"img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; " +
	"object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'; " +
	"frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'"

// headers are the headers every response carries besides the CSP.
var headers = [][2]string{
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
}

// The timeouts of NewServer. Requests are small GETs, so reading one is
// quick; writing allows the raw app.wasm (16 MB, for a client that takes
// neither brotli nor gzip) to reach a client at 1 Mbit/s.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 3 * time.Minute
	IdleTimeout       = time.Minute
)

var routeOnce sync.Once

// route registers the page that the server pre-renders before app.wasm
// takes over; go-app keeps routes in a global table.
func route() {
	routeOnce.Do(func() { app.Route("/", &loading{}) })
}

// NewServer returns an http.Server for New(webDir, version) whose timeouts
// keep a slow or idle client from holding a connection open.
func NewServer(webDir, version string) *http.Server {
	return &http.Server{
		Handler:           New(webDir, version),
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
	}
}

// New returns the handler serving the app whose static files, including the
// built app.wasm, are in webDir. version identifies the build, so that the
// service worker picks up a new one. It answers GET and HEAD only, lists no
// folder, and gives every file and every encoding of it its own ETag.
func New(webDir, version string) http.Handler {
	route()
	static := files{dir: webDir, tags: &etags{}}
	h := handler(version, static, func(path string) string { return path })
	pages := &pages{next: h}
	return secure(getOrHead(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/web/") {
			static.ServeHTTP(w, r)
			return
		}
		pages.ServeHTTP(w, r)
	})))
}

// handler returns the go-app handler of the app whose static files res
// provides; static maps each static path the page names to its URL.
func handler(version string, res app.ResourceProvider, static func(string) string) *app.Handler {
	return &app.Handler{
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
			Default:    static("/web/icon-192.png"),
			Large:      static("/web/icon-512.png"),
			SVG:        static("/web/icon.svg"),
			AppleTouch: static("/web/icon-192.png"),
		},
		Styles: []string{static("/web/belgi.css"), static("/web/schema.css")},
		// The brand image of app/shell.go names the icon without a version,
		// the manifest with it.
		CacheableResources:      []string{"/web/icon.svg", static("/web/icon.svg")},
		WasmContentLengthHeader: "X-Uncompressed-Content-Length",
		Resources:               res,
	}
}

// secure adds the headers every response carries.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", CSP)
		for _, h := range headers {
			hd.Set(h[0], h[1])
		}
		next.ServeHTTP(w, r)
	})
}

// getOrHead answers 405 to every method but GET and HEAD: the server only
// serves files.
func getOrHead(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Belgi's server only serves files: "+r.Method+" is not allowed", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loading is what the server pre-renders before app.wasm takes over.
type loading struct{ app.Compo }

func (*loading) Render() app.UI {
	return app.Div().Class("prerender").Body(
		app.NoScript().Body(app.P().Text("Belgi runs in your browser and needs JavaScript and WebAssembly.")),
	)
}
