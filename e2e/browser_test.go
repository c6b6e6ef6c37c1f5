package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/clean"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// kazakh is pasted as a user's clipboard holds it: CRLF line ends and an
// astral emoji before the words that get labelled.
const kazakh = "Ақтөбеде 👍 митинг өтті\r\nПолиция 12 белсендіні ұстады.\r\nБұл туралы «Ақ жол» партиясы хабарлады."

// cp returns the code point range of the n-th occurrence (from 1) of sub in s.
func cp(t *testing.T, s, sub string, n int) (int, int) {
	t.Helper()
	from := 0
	for i := 0; i < n; i++ {
		k := strings.Index(s[from:], sub)
		if k < 0 {
			t.Fatalf("%q does not occur %d times", sub, n)
		}
		from += k + len(sub)
	}
	start := len([]rune(s[:from-len(sub)]))
	return start, start + len([]rune(sub))
}

func spanByText(t *testing.T, d *annotations.Document, text string) annotations.Span {
	t.Helper()
	for _, s := range d.Spans {
		if s.Text == text {
			return s
		}
	}
	t.Fatalf("no span %q in %+v", text, d.Spans)
	return annotations.Span{}
}

func TestBrowserLabelPastedKazakh(t *testing.T) {
	s := newSession(t)
	// The app cleans what is pasted (CRLF becomes LF, the input is kept);
	// offsets index the cleaned text.
	cleaned := clean.Text(kazakh).Text
	if n := s.count(`[data-testid=document-item]`); n < 3 {
		t.Fatalf("library shows %d documents, want the demo corpus of at least 3", n)
	}
	docs := s.count(`[data-testid=document-item]`)

	// Paste.
	s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__belgi.paste(%q)`, kazakh)))
	s.waitFor(`document.querySelector('[data-testid=document-title]').textContent === "Ақтөбеде 👍 митинг өтті"`)
	if got := s.count(`[data-testid=document-item]`); got != docs+1 {
		t.Fatalf("after paste the library has %d documents, want %d", got, docs+1)
	}

	// Label with number keys: a word after the emoji, a range across the
	// CRLF, and a span nested inside it.
	label := func(sub string, n int, key string) {
		t.Helper()
		a, b := cp(t, cleaned, sub, n)
		before := s.count(`[data-testid=span]`)
		s.selectText(a, b)
		s.key(key)
		s.waitFor(fmt.Sprintf(`document.querySelectorAll('[data-testid=span]').length === %d`, before+1))
	}
	label("митинг", 1, "3")                      // GROUP, after 👍
	label("өтті\nПолиция 12 белсендіні", 1, "6") // TIME, across the line break
	label("Полиция", 1, "2")                     // ORG, nested in the previous
	label("«Ақ жол» партиясы", 1, "2")           // ORG
	if n := s.count(`.ann.opens`); n < 4 {
		t.Errorf("%d span starts drawn, want 4", n)
	}

	data := s.download("export-document")
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	f, err := annotations.Decode(data)
	if err != nil {
		t.Fatalf("the export does not validate: %v\n%s", err, data)
	}
	if len(f.Documents) != 1 {
		t.Fatalf("exported %d documents, want 1", len(f.Documents))
	}
	d := f.Documents[0]
	if d.Text != cleaned || d.Cleaning == nil || d.Cleaning.Input != kazakh {
		t.Errorf("exported text %q, input %v; want the cleaned text and the pasted input byte for byte", d.Text, d.Cleaning)
	}
	sum := sha256.Sum256([]byte(cleaned))
	if d.SHA256 != hex.EncodeToString(sum[:]) || d.OffsetUnit != "codepoint" {
		t.Errorf("sha256 %s offsetUnit %s", d.SHA256, d.OffsetUnit)
	}
	want := []struct {
		label, text string
		n           int
	}{
		{"GROUP", "митинг", 1},
		{"TIME", "өтті\nПолиция 12 белсендіні", 1},
		{"ORG", "Полиция", 1},
		{"ORG", "«Ақ жол» партиясы", 1},
	}
	if len(d.Spans) != len(want) {
		t.Fatalf("exported %d spans, want %d: %+v", len(d.Spans), len(want), d.Spans)
	}
	input := []rune(kazakh)
	for _, w := range want {
		sp := spanByText(t, d, w.text)
		a, b := cp(t, cleaned, w.text, w.n)
		if sp.Label != w.label || sp.Start != a || sp.End != b {
			t.Errorf("span %q = %s [%d, %d), want %s [%d, %d)", w.text, sp.Label, sp.Start, sp.End, w.label, a, b)
		}
		// The offset map leads back to the same words in the input, CRLF and all.
		oa, ob := d.Cleaning.Map.OriginalSpan(sp.Start, sp.End)
		if got, want := string(input[oa:ob]), strings.ReplaceAll(w.text, "\n", "\r\n"); got != want {
			t.Errorf("span %q maps back to %q in the input, want %q", w.text, got, want)
		}
	}
	// 👍 is one code point but two UTF-16 units: the first span must not
	// be shifted by one, as brat's client is.
	if sp := spanByText(t, d, "митинг"); sp.Start != 11 {
		t.Errorf("span after the emoji starts at %d, want 11", sp.Start)
	}

	// Export → import → export gives the same file, and the import of a
	// document already present changes nothing.
	path := filepath.Join(t.TempDir(), "export.json")
	os.WriteFile(path, data, 0o644)
	s.upload("import-input", path)
	s.waitFor(`document.querySelector('[data-testid=status]').textContent.includes("already here")`)
	if got := s.count(`[data-testid=document-item]`); got != docs+1 {
		t.Errorf("re-importing the same file changed the library to %d documents", got)
	}
	if again := s.download("export-document"); !bytes.Equal(again, data) {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", data, again)
	}

	// Click a span to select it, Delete removes it, Ctrl+Z brings it back.
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=span-segment][data-spans="T4"]`)))
	s.waitFor(`document.querySelector('.ann.selected[data-spans="T4"]') !== null`)
	s.key(kb.Delete)
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 3`)
	s.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 4`)
}

func TestBrowserBadInputLeavesWorkspaceAlone(t *testing.T) {
	s := newSession(t)
	docs := s.count(`[data-testid=document-item]`)
	dir := t.TempDir()
	cases := []struct {
		name, input string
		data        []byte
		want        string
	}{
		{"broken.json", "import-input", []byte(`{"format": "belgi-gold", "version": 1, "documents": [`), "ends too early"},
		{"future.json", "import-input", []byte(`{"format": "belgi-gold", "version": 7}`), "unsupported version 7"},
		{"offsets.json", "import-input", []byte(`{"format":"belgi-gold","version":1,"schema":{"name":"x","entities":[]},"documents":[{"id":"d1","title":"","source":"","language":"kk","text":"абв","offsetUnit":"codepoint","sha256":"` + annotations.Hash("абв") + `","spans":[{"id":"T1","label":"PER","start":1,"end":9,"text":"бв"}]}]}`), `"T1": end 9 is past the end`},
		{"latin1.txt", "file-input", []byte("Alma\xe4ty"), "not UTF-8"},
		{"image.txt", "file-input", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "not UTF-8"},
		{"nul.txt", "file-input", []byte("text\x00more"), "binary"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		os.WriteFile(path, c.data, 0o644)
		s.upload(c.input, path)
		s.waitFor(fmt.Sprintf(`(e => e && e.getAttribute("role") === "alert" && e.textContent.includes(%q))(document.querySelector('[data-testid=status]'))`, c.want))
		if got := s.count(`[data-testid=document-item]`); got != docs {
			t.Fatalf("%s: the library went from %d to %d documents", c.name, docs, got)
		}
	}
	if n := s.count(`[data-testid=span]`); n != 0 {
		t.Errorf("%d spans appeared after bad imports", n)
	}
}

func TestBrowserRussianDemoWithMouse(t *testing.T) {
	s := newSession(t)
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=document-item][data-doc=d1]`)))
	s.waitFor(`document.querySelector('[data-testid=document-text]').lang === "ru"`)
	text := eval[string](s, `document.querySelector('[data-testid=document-text]').textContent`)
	if !strings.Contains(text, "Ерлан Досов") {
		t.Fatalf("the Russian demo article is not shown: %.200q", text)
	}

	// Drag the mouse over a name, then click the PER label button.
	raw, err := os.ReadFile(filepath.Join("..", "demo", "ru-almaty-rally.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := clean.Text(string(raw)).Text
	a, b := cp(t, doc, "Ерлан Досов", 1)
	r := eval[[]float64](s, fmt.Sprintf(`__belgi.rect(%d, %d)`, a, b))
	s.do(
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, r[0], r[1], chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (r[0]+r[2])/2, r[3], chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, r[2], r[3], chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, r[2], r[3], chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
	if sel := eval[string](s, `getSelection().toString()`); strings.TrimSpace(sel) != "Ерлан Досов" {
		t.Fatalf("the mouse selected %q", sel)
	}
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=label-PER]`)))
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 1`)

	// A dropped file becomes a document, its BOM and CRLF kept.
	s.do(chromedp.Evaluate[chromedp.Void](`__belgi.drop("dropped.txt", "\ufeffАлматы\r\nАстана")`))
	s.waitFor(`document.querySelector('[data-testid=document-title]').textContent === "Алматы"`)

	data := s.download("export")
	f, err := annotations.Decode(data)
	if err != nil {
		t.Fatalf("the export does not validate: %v", err)
	}
	if len(f.Documents) != 4 {
		t.Fatalf("exported %d documents, want 3 demo + 1 dropped", len(f.Documents))
	}
	sp := spanByText(t, f.Documents[0], "Ерлан Досов")
	if sp.Label != "PER" || sp.Start != a || sp.End != b {
		t.Errorf("span = %+v, want PER [%d, %d)", sp, a, b)
	}
	if d := f.Documents[3]; d.Cleaning == nil || d.Cleaning.Input != "\ufeffАлматы\r\nАстана" || d.Text != "Алматы\nАстана" {
		t.Errorf("dropped file: text %q, cleaning %+v", d.Text, d.Cleaning)
	}
}
