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
	"github.com/chromedp/chromedp"
)

// A session is one browser tab on a fresh profile, looking at a fresh
// server.
type session struct {
	t         *testing.T
	ctx       context.Context
	url       string
	downloads string
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

// newSession starts the server and a headless chromium, opens the app and
// waits until the client has rendered.
func newSession(t *testing.T) *session {
	t.Helper()
	chromium, web := need(t)
	srv := httptest.NewServer(server.New(web, "e2e"))
	t.Cleanup(srv.Close)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	s := &session{t: t, ctx: ctx, url: srv.URL, downloads: t.TempDir()}

	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting chromium: %v", err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := false
	messages := chromedp.Console(ctx)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			if !done {
				t.Logf("console %s: %s", m.Type, m)
			}
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		done = true
		mu.Unlock()
		cancelTime()
		cancelTab()
		cancelAlloc()
		wg.Wait()
	})

	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:     browser.SetDownloadBehaviorBehaviorAllowAndName,
		DownloadPath: s.downloads,
	}); err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
		t.Fatalf("bypassing the service worker: %v", err)
	}
	s.open()
	return s
}

// open loads the app and waits for the marker only the client sets.
func (s *session) open() {
	s.t.Helper()
	s.do(chromedp.Navigate(s.url))
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

// download clicks an export control and returns the file it saves.
func (s *session) download(testid string) []byte {
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
			if err == nil && json.Valid(data) {
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
