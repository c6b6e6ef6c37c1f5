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

const kazakhArrest = "Белсенді 👩‍🎓 Айгүл Серікова «Oyan, Qazaqstan» қозғалысының мүшесі.\r\n" +
	"Алматы және Астана әкімдіктері акцияға рұқсат бермеді.\r\n" +
	"Полиция Айгүлді Алматыда ұстады.\r\n"

// find searches the document from the keyboard and goes to the first
// match, which becomes the text selection.
func (s *session) find(query string) {
	s.t.Helper()
	s.key("/")
	s.waitFor(`document.activeElement && document.activeElement.id === "search"`)
	s.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("search").select()`))
	s.do(chromedp.SendKeys(chromedp.CSS(`#search`), query))
	s.waitFor(fmt.Sprintf(`document.querySelector('[data-testid=hit-count]').textContent !== "" && document.getElementById("search").value === %q`, query))
	s.key(kb.Enter)
	s.waitFor(fmt.Sprintf(`window.getSelection().toString().toLowerCase() === %q && document.activeElement.id === "document-text"`, strings.ToLower(query)))
}

// TestBrowserKeyboard annotates entities, a relation, an attribute, a note
// and a discontinuous span with the keyboard alone, then checks the
// export and the arc drawn for the relation.
func TestBrowserKeyboard(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__belgi.paste(%q)`, kazakhArrest)))
	s.waitFor(`document.querySelector('[data-testid=document-title]').textContent.startsWith("Белсенді")`)

	// Search selects; a label key labels.
	s.find("айгүл серікова")
	if got := eval[string](s, `document.querySelector('[data-testid=hit-count]').textContent`); got != "1 of 1" {
		t.Errorf("hit count %q, want 1 of 1", got)
	}
	s.key("1")
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 1`)

	// Shift+arrows widen a selection made by search.
	s.find("«Oyan")
	for i := 0; i < 3; i++ {
		s.key(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierShift, chromedp.ModifierCtrl))
	}
	s.waitFor(`window.getSelection().toString().includes("Qazaqstan")`)
	s.key("2")
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 2`)

	// ] and [ walk the spans; Enter goes to the record.
	s.key(kb.Escape)
	s.key("]")
	s.waitFor(`document.querySelector('[data-testid=span-record-text]') && document.querySelector('[data-testid=span-record-text]').textContent.includes("Айгүл Серікова")`)
	s.key(kb.Enter)
	s.waitFor(`document.activeElement && document.activeElement.id === "span-label"`)

	// A relation: arm it from the record, move to the organisation with ],
	// Enter links.
	s.do(chromedp.Focus(chromedp.CSS(`[data-testid=relation-arm]`)))
	s.key(kb.Enter)
	s.waitFor(`document.querySelector('[data-testid=armed]') !== null`)
	s.do(chromedp.Focus(chromedp.CSS(`[data-testid=document-text]`)))
	s.key("]")
	s.waitFor(`document.querySelector('[data-testid=status]').textContent.includes("Enter makes it")`)
	s.key(kb.Enter)
	s.waitFor(`document.querySelector('[data-testid=armed]') === null && document.querySelectorAll('[data-testid=link]').length === 1`)
	// The arc is drawn between the two spans, labelled with its type.
	s.waitFor(`(g => g && g.textContent === "Affiliation" && g.querySelector("path").getAttribute("d").startsWith("M"))(document.querySelector('[data-testid=arcs] .arc[data-relation=R1]'))`)

	// An attribute and a note on the person, from its record.
	s.key("[")
	s.waitFor(`document.querySelector('[data-testid=span-record-text]').textContent.includes("Айгүл Серікова")`)
	s.do(chromedp.Evaluate[chromedp.Void](`(e => { e.value = "Activist"; e.dispatchEvent(new Event("change", {bubbles: true})) })(document.querySelector('[data-testid=span-record] [data-testid=attr-SocialCategory]'))`))
	s.waitFor(`document.querySelector('[data-testid=span-record] [data-testid=attr-SocialCategory]').value === "Activist"`)
	s.do(chromedp.Focus(chromedp.CSS(`[data-testid=span-record] [data-testid=note]`)))
	s.do(chromedp.SendKeys(chromedp.CSS(`[data-testid=span-record] [data-testid=note]`), "named in the court record"))
	s.key(kb.Tab)
	s.waitFor(`[...document.querySelectorAll('[data-testid=span-record] [data-testid=note]')].some(e => e.value === "named in the court record") && document.querySelector('[data-testid=undo]') && !document.querySelector('[data-testid=undo]').disabled`)

	// A discontinuous span: "Алматы … әкімдіктері", in two pieces.
	s.find("Алматы")
	s.key("2")
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 3`)
	s.find("әкімдіктері")
	s.key("+")
	s.waitFor(`document.querySelectorAll('[data-testid=piece]').length === 2`)

	if dir := os.Getenv("BELGI_SCREENSHOTS"); dir != "" {
		s.key("[")
		s.key("[")
		shot, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "belgi-relations.png"), shot, 0o644)
	}

	f, err := annotations.Decode(s.download("export-document"))
	if err != nil {
		t.Fatal(err)
	}
	d := f.Documents[0]
	text := map[string]string{}
	var got []string
	for _, sp := range d.Spans {
		text[sp.ID] = sp.Text
		got = append(got, sp.Label+"="+sp.Text)
	}
	want := []string{"PER=Айгүл Серікова", "ORG=«Oyan, Qazaqstan»", "ORG=Алматы әкімдіктері"}
	if len(got) != 3 || got[0] != want[0] || !strings.HasPrefix(got[1], want[1]) || got[2] != want[2] {
		t.Errorf("spans %q, want %q (the second may run on)", got, want)
	}
	for _, sp := range d.Spans {
		if sp.Label == "ORG" && strings.HasPrefix(sp.Text, "Алматы") {
			clean := []rune(strings.ReplaceAll(kazakhArrest, "\r\n", "\n"))
			at := func(sub string) int { return len([]rune(string(clean)[:strings.Index(string(clean), sub)])) }
			a, b := at("Алматы және"), at("әкімдіктері")
			want := []annotations.Fragment{{Start: a, End: a + 6}, {Start: b, End: b + 11}}
			if len(sp.Fragments) != 2 || sp.Fragments[0] != want[0] || sp.Fragments[1] != want[1] || sp.Start != a || sp.End != b+11 {
				t.Errorf("discontinuous span %+v, want fragments %v", sp, want)
			}
		}
	}
	if len(d.Relations) != 1 || d.Relations[0].Type != "Affiliation" || text[d.Relations[0].Arguments[0].Ref] != "Айгүл Серікова" || !strings.HasPrefix(text[d.Relations[0].Arguments[1].Ref], "«Oyan") {
		t.Errorf("relations %+v, want Affiliation from Айгүл Серікова to «Oyan…", d.Relations)
	}
	if len(d.Attributes) != 1 || d.Attributes[0].Name != "SocialCategory" || d.Attributes[0].Value != "Activist" || text[d.Attributes[0].Target] != "Айгүл Серікова" {
		t.Errorf("attributes %+v, want SocialCategory=Activist on the person", d.Attributes)
	}
	if len(d.Notes) != 1 || d.Notes[0].Text != "named in the court record" || text[d.Notes[0].Target] != "Айгүл Серікова" {
		t.Errorf("notes %+v, want one on the person", d.Notes)
	}
	if probs := annotations.Validate(f); len(probs) != 0 {
		t.Errorf("the export does not validate: %v", probs)
	}
}
