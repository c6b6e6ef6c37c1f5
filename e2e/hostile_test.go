package e2e

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"belgi/server"

	"github.com/chromedp/chromedp"
)

// hostileHTML tries every way a page can run code or fetch something. The
// fetches point at this test's own server, under /canary/, so a failure
// shows up as a hit there and never leaves the machine.
const hostileHTML = `<!doctype html><html><head><title>Митинг</title>
<script>window.__pwned = "script"</script>
<meta http-equiv="refresh" content="0;url=/canary/refresh">
<link rel="stylesheet" href="/canary/css">
<style>body{background:url(/canary/style)}</style></head>
<body onload="window.__pwned='onload'">
<article><h1>Алматыда митинг өтті</h1>
<p>Белсенділер <img src="/canary/img" onerror="window.__pwned='onerror'"> әкімдік алдына жиналды.</p>
<p><a href="javascript:window.__pwned='href'">сілтеме</a> <svg onload="window.__pwned='svg'"><script>window.__pwned='svg-script'</script></svg></p>
<iframe src="/canary/iframe" srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>
<object data="/canary/object"></object><embed src="/canary/embed">
<form action="/canary/form"><button formaction="javascript:window.__pwned='form'">x</button></form>
</article></body></html>`

func TestBrowserHostileInput(t *testing.T) {
	_, web := need(t)
	var mu sync.Mutex
	var canary []string
	app := server.New(web, "e2e")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/canary/") {
			mu.Lock()
			canary = append(canary, r.URL.Path)
			mu.Unlock()
		}
		app.ServeHTTP(w, r)
	}))
	defer srv.Close()
	s := newSession(t, func(s *session) { s.before = func(s *session) { s.url = srv.URL } })
	s.waitSaved()
	s.do(chromedp.Evaluate[chromedp.Void](`window.__pwned = undefined`))
	before := func() string {
		_, data, _ := strings.Cut(string(s.download("export")), `"documents"`)
		return data
	}()
	docs := s.count(`[data-testid=document-item]`)

	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	f, _ := zw.Create("big.txt")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 400; i++ {
		f.Write(zeros)
	}
	zw.Close()
	huge := filepath.Join(dir, "huge.txt")
	hf, _ := os.Create(huge)
	hf.Truncate(100 << 20) // a 100 MB file
	hf.Close()

	refused := []struct {
		name, input string
		data        []byte
		want        string
	}{
		{"wrong-types.json", "import-input", []byte(`{"format":"belgi-gold","version":1,"schema":{"name":"x","entities":[]},"documents":[{"id":7}]}`), "wrong type"},
		{"future.json", "import-input", []byte(`{"format":"belgi-gold","version":2}`), "unsupported version 2"},
		{"dup.json", "import-input", []byte(`{"format":"belgi-gold","version":1,"schema":{"name":"x","entities":[]},"documents":[{"id":"a","title":"","source":"","language":"und","text":"","offsetUnit":"codepoint","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","spans":[]},{"id":"a","title":"","source":"","language":"und","text":"","offsetUnit":"codepoint","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","spans":[]}]}`), "duplicate document id"},
		{"invalid.txt", "file-input", []byte("Qazaq\xc3\x28 \xff"), "not UTF-8"},
		{"binary.txt", "file-input", []byte("ELF\x00\x01\x02"), "binary"},
		{"bomb.zip", "file-input", bomb.Bytes(), "zip bomb"},
	}
	for _, c := range refused {
		s.upload(c.input, write(c.name, c.data))
		s.waitFor(fmt.Sprintf(`(e => e.getAttribute("role") === "alert" && e.textContent.includes(%q))(document.querySelector('[data-testid=status]'))`, c.want))
	}
	s.upload("file-input", huge)
	s.waitFor(`(e => e.getAttribute("role") === "alert" && e.textContent.includes("too large"))(document.querySelector('[data-testid=status]'))`)
	if n := s.count(`[data-testid=document-item]`); n != docs {
		t.Fatalf("refused files changed the library: %d documents, want %d", n, docs)
	}
	_, after, _ := strings.Cut(string(s.download("export")), `"documents"`)
	if after != before {
		t.Error("refused files changed the exported workspace")
	}

	// Accepted, but shown as text: nothing runs, nothing is fetched.
	s.upload("file-input", write("page.html", []byte(hostileHTML)))
	s.waitFor(`document.querySelectorAll('[data-testid=document-item]').length === ` + fmt.Sprint(docs+1))
	s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__belgi.paste(%q)`, "<script>window.__pwned='paste'</script> <img src=/canary/paste onerror=\"window.__pwned='paste-img'\">")))
	s.waitFor(`document.querySelectorAll('[data-testid=document-item]').length === ` + fmt.Sprint(docs+2))
	if !strings.Contains(eval[string](s, `document.querySelector('[data-testid=document-text]').textContent`), "<script>") {
		t.Error("pasted markup is not shown as text")
	}
	if !strings.Contains(s.status(), "shown as text and never run") {
		t.Errorf("status after pasting markup: %q", s.status())
	}
	// Direction overrides and zero-width characters are kept and shown.
	s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__belgi.paste(%q)`, "Ерлан \u202eнасоД\u202c күтті\u200b.")))
	s.waitFor(`(t => t.includes("1 RLO") && t.includes("1 ZWSP"))(document.querySelector('[data-testid=status]').textContent)`)
	// Cleaning drops the zero-width space from the text (the input keeps
	// it); the overrides stay, each drawn as an isolated marker.
	if n := s.count(`[data-testid=document-text] .ctl`); n != 2 {
		t.Errorf("%d control markers shown, want 2 (RLO, PDF)", n)
	}
	s.do(chromedp.Sleep(500e6)) // give any stray load a chance
	if pwned := eval[string](s, `String(window.__pwned)`); pwned != "undefined" {
		t.Errorf("hostile input ran code: window.__pwned = %q", pwned)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(canary) > 0 {
		t.Errorf("hostile input made the browser fetch %v", canary)
	}
	// Every request of the whole session went to the app's own origin.
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) < 5 {
		t.Fatalf("only %d requests recorded: the recorder is broken", len(s.requests))
	}
	for _, u := range s.requests {
		if !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "blob:"+srv.URL+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request to another origin: %s", u)
		}
	}
}
