package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestBrowserAnnotateAll(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	doc := annotateAllDoc()
	s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__belgi.paste(%q)`, doc)))
	s.waitFor(`document.querySelector('[data-testid=document-title]').textContent.startsWith("Алматы")`)
	want := strings.Count(doc, "Алматы")
	ms := s.annotateAll()
	t.Logf("accepting %d occurrences took %.0f ms of UI time", want-1, ms)
	if got := eval[string](s, `document.querySelector('[data-testid=span-count]').textContent`); !strings.HasPrefix(got, fmt.Sprint(want)+" spans") {
		t.Fatalf("span count %q, want %d", got, want)
	}
	// Far paragraphs are drawn once scrolled to.
	s.do(chromedp.Evaluate[chromedp.Void](`(m => m.scrollTop = m.scrollHeight)(document.querySelector('main.reader'))`))
	s.waitFor(`(rows => rows[rows.length - 1].querySelector('.ann') !== null)(document.querySelectorAll('.doc .row'))`)
	s.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 1`)
}
