package e2e

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"belgi/server"

	"github.com/chromedp/chromedp"
)

// TestBrowserNewVersionWaits serves one version, then another, and checks
// that the new version is announced but not applied while the person works.
func TestBrowserNewVersionWaits(t *testing.T) {
	_, web := need(t)
	var current atomic.Pointer[http.Handler]
	v1 := server.New(web, "v1")
	current.Store(&v1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*current.Load()).ServeHTTP(w, r)
	}))
	defer srv.Close()
	s := newSession(t, withServiceWorker, func(s *session) { s.before = func(s *session) { s.url = srv.URL } })
	s.waitSaved()
	s.waitForAsync(`navigator.serviceWorker.getRegistration().then(r => !!(r && r.active))`)
	s.reload() // now the service worker controls the page, as on any later visit
	s.waitFor(`navigator.serviceWorker.controller !== null`)
	s.labelFirst("1")
	s.do(chromedp.Evaluate[chromedp.Void](`window.__sameDocument = true`))

	v2 := server.New(web, "v2")
	current.Store(&v2)
	s.waitForAsync(`navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)`)
	s.waitFor(`document.querySelector('[data-testid=update-banner]') !== null`)
	if !eval[bool](s, `window.__sameDocument === true`) {
		t.Fatal("the page reloaded by itself for the new version")
	}
	if n := s.count(`[data-testid=span]`); n != 1 {
		t.Errorf("work in progress changed: %d spans", n)
	}
}
