package e2e

import (
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// labelFirst labels the first word of the open document with key and
// waits until the change is stored.
func (s *session) labelFirst(key string) {
	s.t.Helper()
	before := s.count(`[data-testid=span]`)
	start := eval[int](s, `+document.querySelector('[data-testid=document-text] .seg').dataset.start`)
	s.selectText(start, start+4)
	s.key(key)
	s.waitFor(fmt.Sprintf(`document.querySelectorAll('[data-testid=span]').length === %d`, before+1))
	s.waitSaved()
}

// waitSaved waits until the save indicator says everything is stored.
func (s *session) waitSaved() {
	s.t.Helper()
	s.waitFor(`(e => e && e.dataset.state === "saved")(document.querySelector('[data-testid=save-state]'))`)
}

// openDoc opens a document from the library and waits until it shows.
func (s *session) openDoc(id string) {
	s.t.Helper()
	// Click through the DOM, not at coordinates: the library may still be
	// moving after the last change, which a person would wait out.
	s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('[data-testid=document-item][data-doc=%q]').click()`, id)))
	cond := fmt.Sprintf(`document.querySelector('[data-testid=document-text]').dataset.doc === %q`, id)
	if _, err := chromedp.Run(s.ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		s.t.Fatalf("opening %s: %v; showing %q; library %v", id, err,
			eval[string](s, `(document.querySelector('[data-testid=document-text]') || {dataset: {}}).dataset.doc || "none"`),
			eval[[]string](s, `[...document.querySelectorAll('[data-testid=document-item]')].map(e => e.dataset.doc + (e.getAttribute("aria-current") === "true" ? "*" : ""))`))
	}
}

// waitForAsync polls an expression that returns a promise.
func (s *session) waitForAsync(expr string) {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := chromedp.Run(s.ctx, chromedp.Evaluate[bool](expr, chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %s: %v", expr, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *session) reload() {
	s.t.Helper()
	s.do(chromedp.Reload())
	s.ready()
}

func TestBrowserReloadKeepsAnnotations(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	s.labelFirst("1")
	s.openDoc("d2")
	s.labelFirst("2")
	s.do(chromedp.Evaluate[chromedp.Void](`__belgi.paste("Атырау 🛢️ мұнай\r\nereuil")`))
	s.waitFor(`document.querySelector('[data-testid=document-title]').textContent.startsWith("Атырау")`)
	s.labelFirst("4")
	s.reload()
	if n := s.count(`[data-testid=document-item]`); n != 4 {
		t.Fatalf("after reload %d documents, want 4", n)
	}
	for doc, want := range map[string]int{"d1": 1, "d2": 1, "d4": 1, "d3": 0} {
		s.openDoc(doc)
		if got := s.count(`[data-testid=span]`); got != want {
			t.Errorf("after reload %s has %d spans, want %d", doc, got, want)
		}
	}
}

func TestBrowserCrashLosesNothing(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	for i, k := range []string{"1", "2", "3"} {
		s.openDoc(fmt.Sprintf("d%d", i+1))
		s.labelFirst(k)
	}
	s.kill()
	s.start()
	s.open()
	total := 0
	for i := 1; i <= 3; i++ {
		s.openDoc(fmt.Sprintf("d%d", i))
		total += s.count(`[data-testid=span]`)
	}
	if total != 3 {
		t.Errorf("after a crash %d spans survive, want 3", total)
	}
}

func TestBrowserWorksOffline(t *testing.T) {
	s := newSession(t, withServiceWorker)
	s.waitSaved()
	s.labelFirst("1")
	// Wait until the service worker has cached the app, wasm included.
	s.waitForAsync(`navigator.serviceWorker.getRegistration().then(r => r && r.active && caches.keys()).then(ks => ks && ks.length > 0 && caches.open(ks[0]).then(c => c.match("/web/app.wasm"))).then(m => !!m)`)
	s.srv.Close()
	if _, err := os.Stat(filepath.Join("..", "web", "app.wasm")); err != nil {
		t.Fatal(err)
	}
	s.do(chromedp.Reload())
	s.ready()
	if n := s.count(`[data-testid=span]`); n != 1 {
		t.Errorf("offline after reload: %d spans, want 1", n)
	}
	s.labelFirst("2") // and it still saves
}

func TestBrowserTwoTabs(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	// Let go of the first tab's lock, so both tabs below can be closed
	// without closing the browser.
	s.do(chromedp.Navigate("about:blank"))
	a := s.tab()
	a.waitSaved()
	b := s.tab()
	b.waitFor(`document.querySelector('[data-testid=readonly-banner]') !== null`)
	if a.count(`[data-testid=readonly-banner]`) != 0 {
		t.Fatal("the first tab is read-only too")
	}
	// The read-only tab refuses changes.
	start := eval[int](b, `+document.querySelector('[data-testid=document-text] .seg').dataset.start`)
	b.selectText(start, start+4)
	b.key("1")
	b.waitFor(`document.querySelector('[data-testid=status]').textContent.includes("read-only")`)
	if n := b.count(`[data-testid=span]`); n != 0 {
		t.Fatalf("the read-only tab labelled: %d spans", n)
	}
	// It follows the writer.
	a.labelFirst("1")
	b.waitFor(`document.querySelectorAll('[data-testid=span]').length === 1`)
	// When the writer closes, the other tab takes over and can write.
	a.stop()
	b.waitFor(`document.querySelector('[data-testid=readonly-banner]') === null`)
	b.labelFirst("2")
	b.reload()
	if n := b.count(`[data-testid=span]`); n != 2 {
		t.Errorf("after the hand-over %d spans, want 2", n)
	}
}

// TestBrowserStorageFull fills the disk under the browser profile, as a
// full device does, and checks that the failure is shown with an offer to
// export, that what was saved survives, and that saving resumes with the
// unsaved change once there is room. (Chromium ignores the DevTools quota
// override, so the disk itself is filled: a small tmpfs, which needs root.)
func TestBrowserStorageFull(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs for the profile (needs root): %s", out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	s := newSession(t, func(s *session) { s.profile = dir })
	s.waitSaved()
	s.labelFirst("1")

	// Fill the disk.
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	block := make([]byte, 64<<10)
	rand.Read(block)
	for {
		if _, err := f.Write(block); err != nil {
			break
		}
	}
	for _, n := range []int{4096, 512, 1} {
		for {
			if _, err := f.Write(block[:n]); err != nil {
				break
			}
		}
	}
	f.Close()

	// A document too large for what is left: words in random order, so
	// the browser's compression cannot shrink it to nothing.
	words := strings.Fields("митинг ереуіл полиция белсенді әкімдік сот жұмысшы наразылық Алматы Астана Жаңаөзен задержание акимат профсоюз забастовка суд 👍")
	var text strings.Builder
	seed := make([]byte, 1)
	for text.Len() < 600<<10 {
		for i := 0; i < 12; i++ {
			rand.Read(seed)
			text.WriteString(words[int(seed[0])%len(words)])
			text.WriteByte(' ')
		}
		text.WriteString("\r\n")
	}
	s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__belgi.paste(%q)`, text.String())))
	s.waitFor(`(e => e && e.dataset.state === "error" && e.getAttribute("role") === "alert" && /Not saved: the browser('s storage for this site is full| could not store it)/.test(e.textContent))(document.querySelector('[data-testid=save-state]'))`)
	t.Logf("shown: %s", eval[string](s, `document.querySelector('[data-testid=save-state]').textContent`))
	if s.count(`[data-testid=export-now]`) != 1 {
		t.Error("no Export now offer next to the storage warning")
	}
	if n := s.count(`[data-testid=document-item]`); n != 4 {
		t.Errorf("the unsaved document is gone from the tab: %d documents", n)
	}

	// Room again: the next change saves the one that failed too.
	os.Remove(filler)
	s.openDoc("d2")
	s.labelFirst("2")
	s.reload()
	if n := s.count(`[data-testid=document-item]`); n != 4 {
		t.Errorf("after the disk had room again and a reload, %d documents, want 4", n)
	}
	total := 0
	for _, d := range []string{"d1", "d2"} {
		s.openDoc(d)
		total += s.count(`[data-testid=span]`)
	}
	if total != 2 {
		t.Errorf("after the disk had room again and a reload, %d spans, want 2", total)
	}
}

func TestBrowserUnexportedChangesPrompt(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	leaving := `(() => { const e = new Event("beforeunload", {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented })()`
	if eval[bool](s, leaving) {
		t.Error("leaving an untouched workspace prompts")
	}
	s.labelFirst("1")
	deadline := time.Now().Add(5 * time.Second)
	for !eval[bool](s, leaving) {
		if time.Now().After(deadline) {
			t.Fatal("leaving with unexported changes does not prompt")
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.download("export")
	s.waitFor(leaving + ` === false`)
}
