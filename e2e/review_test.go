package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"belgi/annotations"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// selectWords selects the first occurrence of text in the open document.
func (s *session) selectWords(text string) {
	s.t.Helper()
	full := eval[string](s, `(() => { let out = ""; for (const seg of document.querySelectorAll('[data-testid=document-text] .seg')) out += "\x00" + seg.dataset.start + "\x00" + seg.textContent; return out })()`)
	// Rebuild the document text from the segments' own offsets.
	parts := strings.Split(full, "\x00")[1:]
	var runes []rune
	for i := 0; i+1 < len(parts); i += 2 {
		var start int
		fmt.Sscan(parts[i], &start)
		for len(runes) < start {
			runes = append(runes, '\n')
		}
		runes = append(runes, []rune(parts[i+1])...)
	}
	text2 := string(runes)
	i := strings.Index(text2, text)
	if i < 0 {
		s.t.Fatalf("%q is not in the document", text)
	}
	a := len([]rune(text2[:i]))
	s.selectText(a, a+len([]rune(text)))
}

func TestBrowserCleaningReview(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	s.openDoc("d1")
	blocks := s.count(`[data-testid=removed-block]`)
	paras := s.count(`[data-testid=paragraph]`)
	if blocks < 2 {
		t.Fatalf("%d removed blocks shown, want the menu and the news feed at least", blocks)
	}
	if strings.Contains(eval[string](s, `[...document.querySelectorAll('[data-testid=paragraph]')].map(p => p.textContent).join("\n")`), "Читайте также") {
		t.Error("the related-news feed is in the text")
	}
	s.selectWords("Ерлан Досов")
	s.key("1")
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 1`)

	// Restore the first removed block: its lines come back as text and the
	// span keeps its words.
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=removed-block] [data-testid=restore-block]`)))
	s.waitFor(fmt.Sprintf(`document.querySelectorAll('[data-testid=paragraph]').length > %d`, paras))
	if got := eval[string](s, `document.querySelector('[data-testid=span] .span-text').textContent`); got != "Ерлан Досов" {
		t.Errorf("after restoring lines the span covers %q", got)
	}
	// Remove the line holding the span: Belgi asks, then deletes it.
	s.mu.Lock()
	dialogs := len(s.dialogs)
	s.mu.Unlock()
	s.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('.ann[data-spans~="T1"]').closest('.row').querySelector('[data-testid=remove-line]').click()`))
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 0`)
	s.mu.Lock()
	if len(s.dialogs) != dialogs+1 || s.dialogs[len(s.dialogs)-1] != "confirm" {
		t.Errorf("removing a line under a span did not ask first: dialogs %v", s.dialogs)
	}
	s.mu.Unlock()
	s.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 1`)

	// The export records the input, the decisions and the map; importing it
	// into a fresh browser shows the same view.
	data := s.download("export-document")
	f, err := annotations.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	d := f.Documents[0]
	if d.Cleaning == nil || !strings.Contains(d.Cleaning.Input, "Читайте также") || len(d.Cleaning.Map.Segments) == 0 {
		t.Fatalf("the export lacks the cleaning record")
	}
	view := `[...document.querySelectorAll('[data-testid=paragraph], [data-testid=removed-block]')].map(e => e.dataset.testid + ":" + e.textContent).join("\n")`
	want := eval[string](s, view)
	o := newSession(t)
	path := filepath.Join(t.TempDir(), "d1.json")
	os.WriteFile(path, []byte(strings.Replace(string(data), `"id": "d1"`, `"id": "x1"`, 1)), 0o644)
	o.upload("import-input", path)
	o.waitFor(`document.querySelector('[data-testid=document-text]').dataset.doc === "x1"`)
	if got := eval[string](o, view); got != want {
		t.Errorf("re-imported view differs:\n%s\n---\n%s", got, want)
	}
}

func TestBrowserLanguages(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	text := "Protest in Zhanaozen: workers demand higher wages\r\n" +
		"Жаңаөзенде мұнайшылар жалақыны көтеруді талап етіп, ереуілге шықты. Жұмысшылар кәсіпорын әкімшілігінің ғимараты алдына жиналды.\r\n" +
		"«Мы не занимаемся политикой, мы просто хотим прокормить свои семьи», — сказал один из рабочих.\r\n" +
		"Облыс әкімінің орынбасары жұмысшылармен кездесіп, талаптарды қарау үшін жұмыс тобы құрылатынын хабарлады.\r\n"
	s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__belgi.paste(%q)`, text)))
	s.waitFor(`document.querySelector('[data-testid=document-title]').textContent.startsWith("Protest")`)
	if got := eval[string](s, `document.querySelector('[data-testid=document-language]').value`); got != "kk" {
		t.Errorf("document language %q, want kk", got)
	}
	tags := eval[[]string](s, `[...document.querySelectorAll('[data-testid=paragraph-language]')].map(b => b.textContent)`)
	if strings.Join(tags, " ") != "en kk ru kk" {
		t.Errorf("paragraph languages %v, want [en kk ru kk]", tags)
	}
	// Correct the quote's language by hand, then the document's.
	s.do(chromedp.Evaluate[chromedp.Void](`(() => { const b = [...document.querySelectorAll('[data-testid=paragraph-language]')].find(b => b.textContent === "ru"); b.click() })()`))
	s.waitFor(`document.querySelector('[data-testid=paragraph-language-select]') !== null`)
	s.do(chromedp.Evaluate[chromedp.Void](`(e => { e.value = "tt"; e.dispatchEvent(new Event("change", {bubbles: true})) })(document.querySelector('[data-testid=paragraph-language-select]'))`))
	s.waitFor(`[...document.querySelectorAll('[data-testid=paragraph-language]')].some(b => b.textContent === "tt" && b.classList.contains("manual"))`)
	s.do(chromedp.Evaluate[chromedp.Void](`(e => { e.value = "kk-Latn"; e.dispatchEvent(new Event("change", {bubbles: true})) })(document.querySelector('[data-testid=document-language]'))`))
	s.waitFor(`document.querySelector('[data-testid=document-language]').value === "kk-Latn"`)
	s.key(kb.Escape)

	f, err := annotations.Decode(s.download("export-document"))
	if err != nil {
		t.Fatal(err)
	}
	d := f.Documents[0]
	if d.Language != "kk-Latn" || d.LanguageSource != "manual" {
		t.Errorf("document language %s (%s), want kk-Latn (manual)", d.Language, d.LanguageSource)
	}
	var got []string
	for _, p := range d.Paragraphs {
		got = append(got, p.Language+"/"+p.Source)
	}
	if strings.Join(got, " ") != "en/auto kk/auto tt/manual kk/auto" {
		t.Errorf("paragraph languages %v", got)
	}
}

func TestBrowserBatchImport(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	docs := s.count(`[data-testid=document-item]`)
	dir := t.TempDir()
	var paths []string
	for name, data := range map[string]string{
		"a.txt": "Алматыда митинг өтті. Полиция белсенділерді ұстады.",
		"b.txt": "Qazaq\xff broken",
		"c.txt": "В Астане прошёл пикет. Участников задержали.",
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		paths = append(paths, p)
	}
	s.do(chromedp.SetUploadFiles(chromedp.CSS(`[data-testid=file-input]`), paths))
	s.waitFor(`document.querySelectorAll('[data-testid=import-result]').length === 3`)
	if got := eval[string](s, `[...document.querySelectorAll('[data-testid=import-result]')].map(r => r.dataset.ok).join(" ")`); got != "true false true" {
		t.Errorf("per-file results %q, want true false true", got)
	}
	if p := eval[string](s, `(p => p.value + "/" + p.max)(document.querySelector('[data-testid=import-progress]'))`); p != "3/3" {
		t.Errorf("progress %s", p)
	}
	if n := s.count(`[data-testid=document-item]`); n != docs+2 {
		t.Errorf("%d documents, want %d: the good files must load", n, docs+2)
	}
}
