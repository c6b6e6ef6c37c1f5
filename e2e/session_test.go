package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"belgi/server"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A session is one browser tab on a fresh profile, looking at a fresh
// server.
type session struct {
	t         testing.TB
	ctx       context.Context
	url       string
	srv       *httptest.Server
	downloads string
	profile   string
	useSW     bool // let the service worker serve (offline tests)
	stop      func()
	before    func(*session) // runs before the app is first opened

	mu       sync.Mutex
	requests []string // every URL the page asked for
	dialogs  []string // the types of the dialogs the page opened, all accepted
}

func need(t testing.TB) (chromium, web string) {
	t.Helper()
	strict := os.Getenv("BELGI_E2E") == "1"
	skip := func(format string, args ...any) {
		t.Helper()
		if strict {
			t.Fatalf(format, args...)
		}
		t.Skipf(format+" (set BELGI_E2E=1 to make this an error)", args...)
	}
	web, _ = filepath.Abs("../web")
	if _, err := os.Stat(filepath.Join(web, "app.wasm")); err != nil {
		skip("web/app.wasm is not built: run make build")
	}
	chromium = os.Getenv("BELGI_CHROMIUM")
	if chromium == "" {
		chromium, _ = exec.LookPath("chromium")
	}
	if chromium == "" {
		skip("chromium is not installed: run make deps")
	}
	return chromium, web
}

type option func(*session)

// withServiceWorker lets the app's service worker serve the page.
func withServiceWorker(s *session) { s.useSW = true }

// newSession starts the server and a headless chromium, opens the app and
// waits until the client has rendered.
func newSession(t testing.TB, opts ...option) *session {
	t.Helper()
	_, web := need(t)
	srv := httptest.NewServer(server.New(web, "e2e"))
	t.Cleanup(srv.Close)
	s := &session{t: t, url: srv.URL, srv: srv, downloads: t.TempDir(), profile: t.TempDir()}
	for _, o := range opts {
		o(s)
	}
	s.start()
	t.Cleanup(func() { s.stop() })
	if s.before != nil {
		s.before(s)
	}
	s.open()
	return s
}

// start launches chromium on the session's profile and opens a tab.
func (s *session) start() {
	t := s.t
	t.Helper()
	chromium, _ := need(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(s.profile),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	s.ctx = ctx
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting chromium: %v", err)
	}
	wg := s.watch(ctx)
	s.stop = func() {
		cancelTime()
		cancelTab()
		cancelAlloc()
		wg.Wait()
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:     browser.SetDownloadBehaviorBehaviorAllowAndName,
		DownloadPath: s.downloads,
	}); err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	s.setup(ctx)
}

// setup prepares a tab: the service worker is bypassed unless the test is
// about it, so every test sees the build it is testing.
func (s *session) setup(ctx context.Context) {
	if _, err := chromedp.Call(ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: !s.useSW}); err != nil {
		s.t.Fatalf("service worker setting: %v", err)
	}
}

// watch forwards the tab's console to the test log and records the URLs it
// requests, until the tab closes.
func (s *session) watch(ctx context.Context) *sync.WaitGroup {
	var wg sync.WaitGroup
	messages := chromedp.Console(ctx)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	wg.Add(3)
	go func() {
		defer wg.Done()
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			s.mu.Lock()
			s.dialogs = append(s.dialogs, string(ev.Type))
			s.mu.Unlock()
			// As a person leaving the page would: yes, leave.
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	go func() {
		defer wg.Done()
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type != "info" || !strings.Contains(m.Text, "Banner not shown") {
				s.logf("console %s: %s", m.Type, m)
			}
		}
	}()
	go func() {
		defer wg.Done()
		for ev, err := range requests {
			if err != nil {
				return
			}
			s.mu.Lock()
			s.requests = append(s.requests, ev.Request.URL)
			s.mu.Unlock()
		}
	}()
	return &wg
}

func (s *session) logf(format string, args ...any) {
	defer func() { recover() }() // the test may have ended
	s.t.Logf(format, args...)
}

// tab opens the app in another tab of the same browser.
func (s *session) tab() *session {
	s.t.Helper()
	ctx, cancel := chromedp.NewContext(s.ctx)
	if err := chromedp.Do(ctx); err != nil {
		s.t.Fatal(err)
	}
	o := &session{t: s.t, ctx: ctx, url: s.url, srv: s.srv, downloads: s.downloads, profile: s.profile, useSW: s.useSW}
	wg := o.watch(ctx)
	o.stop = func() { cancel(); wg.Wait() }
	s.t.Cleanup(func() { o.stop() })
	o.setup(ctx)
	o.open()
	return o
}

// kill ends the browser as a crash would: SIGKILL, no shutdown.
func (s *session) kill() {
	s.t.Helper()
	b := chromedp.FromContext(s.ctx).Browser
	if b == nil || b.Process() == nil {
		s.t.Fatal("no browser process to kill")
	}
	if err := b.Process().Kill(); err != nil {
		s.t.Fatal(err)
	}
	b.Process().Wait()
	s.stop()
}

// open loads the app and waits for the marker only the client sets.
func (s *session) open() {
	s.t.Helper()
	s.do(chromedp.Navigate(s.url))
	s.ready()
}

// ready waits for the client's marker and installs the test helpers.
func (s *session) ready() {
	s.t.Helper()
	s.waitFor(`document.documentElement.dataset.belgiReady === "true" && document.querySelector('[data-testid=document-text]') !== null`)
	s.do(chromedp.Evaluate[chromedp.Void](helpersJS))
}

func (s *session) do(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, actions...); err != nil {
		s.t.Fatal(err)
	}
}

// waitFor polls a JavaScript condition.
func (s *session) waitFor(cond string) {
	s.t.Helper()
	if _, err := chromedp.Run(s.ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		s.t.Fatalf("waiting for %s: %v (status: %q)", cond, err, s.status())
	}
}

func eval[T any](s *session, expr string) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		s.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

func (s *session) status() string {
	v, _ := chromedp.Run(s.ctx, chromedp.Evaluate[string](`(document.querySelector('[data-testid=status]')||{}).textContent || ""`))
	return v
}

func (s *session) count(sel string) int {
	s.t.Helper()
	return eval[int](s, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

// key presses a key the way a keyboard does.
func (s *session) key(k string, opts ...chromedp.KeyOption) {
	s.t.Helper()
	s.do(chromedp.KeyEvent(k, opts...))
}

// selectText makes a real DOM selection over code points [start, end) of
// the open document.
func (s *session) selectText(start, end int) {
	s.t.Helper()
	if got := eval[string](s, fmt.Sprintf(`__belgi.select(%d, %d)`, start, end)); got != "ok" {
		s.t.Fatalf("selecting [%d, %d): %s", start, end, got)
	}
}

// download clicks an export control and returns the JSON file it saves.
func (s *session) download(testid string) []byte {
	s.t.Helper()
	return s.downloadFile(testid, json.Valid)
}

// downloadFile clicks an export control and returns the file it saves,
// once complete says it is.
func (s *session) downloadFile(testid string, complete func([]byte) bool) []byte {
	s.t.Helper()
	before := map[string]bool{}
	entries, _ := os.ReadDir(s.downloads)
	for _, e := range entries {
		before[e.Name()] = true
	}
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=` + testid + `]`)))
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(s.downloads)
		for _, e := range entries {
			if before[e.Name()] || strings.HasSuffix(e.Name(), ".crdownload") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(s.downloads, e.Name()))
			if err == nil && len(data) > 0 && complete(data) {
				return data
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("no download after clicking %s (status: %q)", testid, s.status())
	return nil
}

// upload gives a file to a file input, as the file picker does.
func (s *session) upload(testid, path string) {
	s.t.Helper()
	s.do(chromedp.SetUploadFiles(chromedp.CSS(`[data-testid=`+testid+`]`), []string{path}))
}

// helpersJS adds test helpers to the page. select() builds a DOM Range from
// code point offsets using only the data-start/data-end attributes the app
// documents, as an automation script of a user would.
const helpersJS = `window.__belgi = {
  point(cp, isEnd) {
    for (const seg of document.querySelectorAll('[data-testid=document-text] .seg')) {
      const a = +seg.dataset.start, b = +seg.dataset.end;
      if (cp < a || cp > b || (!isEnd && cp === b) || (isEnd && cp === a)) continue;
      let units = 0, n = 0;
      for (const ch of seg.textContent) { if (n === cp - a) break; units += ch.length; n++; }
      return [seg.firstChild, units];
    }
    return null;
  },
  select(start, end) {
    const a = this.point(start, false), b = this.point(end, true);
    if (!a || !b) return "no segment holds " + (a ? end : start);
    const r = document.createRange();
    r.setStart(a[0], a[1]); r.setEnd(b[0], b[1]);
    const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
    return "ok";
  },
  rect(start, end) {
    const a = this.point(start, false), b = this.point(end, true);
    const r = document.createRange();
    r.setStart(a[0], a[1]); r.setEnd(b[0], b[1]);
    const rs = r.getClientRects();
    const f = rs[0], l = rs[rs.length - 1];
    return [f.left + 1, f.top + f.height / 2, l.right - 1, l.top + l.height / 2];
  },
  paste(text) {
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    document.body.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
  },
  drop(name, text) {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, {type: "text/plain"}));
    document.body.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
  },
};`
