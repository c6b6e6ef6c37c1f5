package e2e

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/server"

	"github.com/chromedp/chromedp"
)

// TestBrowserStaticSite publishes the app as make site does, serves the
// folder under /belgi/ from a plain file server, as GitHub Pages would,
// and then, with that server gone, labels and exports a document.
func TestBrowserStaticSite(t *testing.T) {
	_, web := need(t)
	dir := filepath.Join(t.TempDir(), "site")
	if err := server.WriteSite(dir, web, "e2e-site", "/belgi/"); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/belgi/", http.StripPrefix("/belgi/", http.FileServer(http.Dir(dir))))
	host := httptest.NewServer(mux)
	defer host.Close()
	base := host.URL + "/belgi/"

	s := newSession(t, withServiceWorker, func(s *session) { s.before = func(s *session) { s.url = base } })
	s.waitSaved()

	// The CSP comes from the page's <meta>: the file server sends none.
	violated := evalAsync[string](s, `new Promise(ok => {
	  document.addEventListener("securitypolicyviolation", e => ok(e.effectiveDirective), {once: true});
	  fetch("http://127.0.0.1:9/elsewhere").catch(() => {});
	  setTimeout(() => ok("none"), 5000);
	})`)
	if violated != "connect-src" {
		t.Errorf("a request to another origin was not stopped by the page's CSP: %q", violated)
	}

	// The service worker is scoped to the sub-path and caches every file,
	// the wasm under a URL with the version.
	s.waitForAsync(`navigator.serviceWorker.getRegistration().then(r => !!(r && r.active))`)
	if scope := evalAsync[string](s, `navigator.serviceWorker.getRegistration().then(r => r.scope)`); scope != base {
		t.Errorf("service worker scope %q, want %q", scope, base)
	}
	cached := evalAsync[[]string](s, `caches.keys().then(ks => caches.open(ks[0])).then(c => c.keys()).then(rs => rs.map(r => new URL(r.url).pathname + new URL(r.url).search))`)
	want := map[string]bool{"/belgi/": false, "/belgi/web/app.wasm?v=e2e-site": false, "/belgi/app.js?v=e2e-site": false, "/belgi/web/belgi.css?v=e2e-site": false}
	for _, u := range cached {
		if _, ok := want[u]; ok {
			want[u] = true
		}
	}
	for u, ok := range want {
		if !ok {
			t.Errorf("the service worker did not cache %s; it cached %v", u, cached)
		}
	}
	s.mu.Lock()
	for _, u := range s.requests {
		if strings.HasPrefix(u, host.URL) && !strings.HasPrefix(u, base) {
			t.Errorf("the page asked for %s, outside %s", u, base)
		}
	}
	s.mu.Unlock()

	// Offline: the host is gone.
	host.Close()
	s.reload()
	if n := s.count(`[data-testid=document-item]`); n < 3 {
		t.Fatalf("offline the library shows %d documents, want the demo corpus", n)
	}
	s.labelFirst("1")
	f, err := annotations.Decode(s.download("export-document"))
	if err != nil {
		t.Fatalf("the export offline does not validate: %v", err)
	}
	if len(f.Documents) != 1 || len(f.Documents[0].Spans) != 1 {
		t.Fatalf("offline export: %+v; want one document with one span", f.Documents)
	}
}

// evalAsync evaluates an expression that returns a promise, and its value.
func evalAsync[T any](s *session, expr string) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		s.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}
