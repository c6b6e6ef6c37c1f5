package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// fakeBrowser is a Browser whose selection the test sets.
type fakeBrowser struct {
	noBrowser
	a, b       DOMPoint
	ok         bool
	downloaded []byte
}

func (f *fakeBrowser) Selection() (DOMPoint, DOMPoint, bool) { return f.a, f.b, f.ok }
func (f *fakeBrowser) Download(name, mime string, data []byte) {
	f.downloaded = data
}

func TestShellLabelsSelectionByKey(t *testing.T) {
	fb := &fakeBrowser{}
	st := NewState()
	sh := NewShell(st, fb)
	disp := app.NewClientTester(sh)
	defer disp.Close()

	html := app.HTMLString(sh)
	for _, id := range []string{"document-list", "document-text", "label-PER", "export", "import-input", "paste-button"} {
		if !strings.Contains(html, `data-testid="`+id+`"`) {
			t.Errorf("rendered shell has no data-testid=%q", id)
		}
	}

	// "Акимат" is code points [0, 6) of the first paragraph: the cleaner
	// dropped the menu above it.
	fb.a, fb.b, fb.ok = DOMPoint{0, 7, 0}, DOMPoint{0, 7, 6}, true
	sh.key(KeyPress{Key: "2"})
	disp.Consume()
	d := st.Doc()
	if len(d.Spans) != 1 || d.Spans[0].Label != "ORG" || d.Spans[0].Text != "Акимат" {
		t.Fatalf("spans after key 2: %+v", d.Spans)
	}
	sh.Update()
	disp.Consume()
	html = app.HTMLString(sh)
	if !strings.Contains(html, `data-spans="T1"`) {
		t.Errorf("the new span is not drawn:\n%s", html)
	}

	// With nothing selected, a label key explains what to do.
	fb.ok = false
	sh.key(KeyPress{Key: "1"})
	if !sh.isError || !strings.Contains(sh.status, "select some text") {
		t.Errorf("status = %q", sh.status)
	}

	// Delete removes the selected span; Ctrl+Z restores it.
	st.Selected = "T1"
	sh.key(KeyPress{Key: "Delete"})
	if len(st.Doc().Spans) != 0 {
		t.Fatal("Delete did not remove the span")
	}
	sh.key(KeyPress{Key: "z", Ctrl: true})
	if len(st.Doc().Spans) != 1 {
		t.Fatal("Ctrl+Z did not restore the span")
	}

	sh.export.export("")
	if !strings.Contains(string(fb.downloaded), `"format": "belgi-gold"`) {
		t.Errorf("export downloaded %.80q", fb.downloaded)
	}
}

func TestParagraphRendersRanges(t *testing.T) {
	p := &Paragraph{
		Para:     Para{Start: 4, End: 12, Text: "Ақ 👍 жол"},
		Spans:    []SpanView{{ID: "T1", Label: "ORG", Colour: 1, Start: 7, End: 12}},
		Selected: "T1",
	}
	disp := app.NewClientTester(p)
	defer disp.Close()
	html := app.HTMLString(p)
	for _, want := range []string{
		`data-start="4"`,
		`data-end="12"`,
		`data-start="7"`,
		`>👍 жол</span>`,
		`data-spans="T1"`,
		`data-tag="ORG"`,
		`class="seg ann c1 selected opens"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("paragraph HTML lacks %s:\n%s", want, html)
		}
	}
	plain := regexp.MustCompile(`<span [^>]*data-end="7"[^>]*>Ақ </span>`)
	if !plain.MatchString(html) || strings.Count(html, "data-spans") != 1 {
		t.Errorf("the unlabelled segment is wrong:\n%s", html)
	}
}
