package e2e

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// openSchemaEditor opens the editor from the Schema menu and waits until
// it shows as a modal dialog.
func (s *session) openSchemaEditor() {
	s.t.Helper()
	// The menu stays open after use, so it is opened only when closed.
	s.do(chromedp.Evaluate[chromedp.Void](`(m => m.closest("details").open || m.click())(document.querySelector('[data-testid=schema-menu]'))`))
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=schema-edit]`), chromedp.NodeVisible))
	s.waitFor(`(d => d && d.open && d.matches(":modal") && d.getAttribute("aria-modal") === "true")(document.querySelector('[data-testid=schema-editor]'))`)
}

// typeInto types text into a field of the editor as a keyboard does,
// replacing what it holds.
func (s *session) typeInto(testid, text string) {
	s.t.Helper()
	sel := `[data-testid=` + testid + `]`
	s.do(chromedp.Focus(chromedp.CSS(sel)), chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).select()`, sel)))
	s.do(chromedp.SendKeys(chromedp.CSS(sel), text))
	s.waitFor(fmt.Sprintf(`document.querySelector(%q).value === %q`, sel, text))
}

func TestBrowserSchemaEditor(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	// b is free in the default schema, which this test relies on.
	if s.count(`[data-testid=label-palette] kbd`) == 0 || eval[bool](s, `[...document.querySelectorAll('[data-testid=label-palette] kbd')].some(k => k.textContent === "b")`) {
		t.Fatal("the palette shows no keys, or b is already bound")
	}

	s.openSchemaEditor()
	n := s.count(`[data-testid^=entity-type-]`)
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=entity-add]`)))
	typeID := fmt.Sprintf("entity-type-%d", n)
	// The new row's type field takes the focus, so a person can type on.
	s.waitFor(fmt.Sprintf(`document.activeElement === document.querySelector('[data-testid=%s]')`, typeID))
	s.waitFor(`document.querySelector('[data-testid=schema-apply]').disabled`) // its type is empty
	s.typeInto(typeID, "BANNER")
	s.typeInto(fmt.Sprintf("entity-name-%d", n), "Banner")
	s.typeInto(fmt.Sprintf("entity-key-%d", n), "b")
	s.waitFor(`!document.querySelector('[data-testid=schema-apply]').disabled`)
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=schema-apply]`)))
	s.waitFor(`document.querySelector('[data-testid=schema-editor]') === null && document.querySelector('[data-testid=label-BANNER]') !== null`)
	if st := s.status(); !strings.Contains(st, "1 type added") || !strings.Contains(st, "Ctrl+Z") {
		t.Errorf("status after applying: %q", st)
	}
	if got := eval[string](s, `document.querySelector('[data-testid=label-BANNER] kbd').textContent`); got != "b" {
		t.Errorf("BANNER shows the key %q, want b", got)
	}

	// The new key labels the selected text.
	s.openDoc("d1")
	s.selectWords("митинга")
	s.key("b")
	s.waitFor(`[...document.querySelectorAll('[data-testid=span] .label')].some(l => l.textContent === "BANNER")`)

	// A duplicate type ID is an error: Apply is off and the problem shown.
	s.openSchemaEditor()
	first := eval[string](s, `document.querySelector('[data-testid=entity-type-0]').value`)
	s.typeInto("entity-type-1", first)
	s.waitFor(`document.querySelector('[data-testid=schema-apply]').disabled`)
	s.waitFor(fmt.Sprintf(`document.querySelector('[data-testid=schema-problems]').textContent.includes('entity type %q is defined twice')`, first))
	if got := eval[string](s, `document.querySelector('[data-testid=entity-type-1]').getAttribute("aria-invalid")`); got != "true" {
		t.Errorf("the duplicate field has aria-invalid=%q", got)
	}
	// Keys typed in the dialog stay there: Delete on a button of it does
	// not delete the span selected behind it.
	spans := s.count(`[data-testid=span]`)
	if s.count(`[data-testid=span][aria-pressed=true]`) != 1 {
		t.Fatal("the new span is not selected")
	}
	s.do(chromedp.Focus(chromedp.CSS(`[data-testid=entity-add]`)))
	s.key(kb.Delete)
	s.key("b")
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=schema-cancel]`)))
	s.waitFor(`document.querySelector('[data-testid=schema-editor]') === null`)
	if got := s.count(`[data-testid=span]`); got != spans {
		t.Errorf("a key typed in the editor changed the spans: %d, was %d", got, spans)
	}
	if s.count(`[data-testid=label-ORG]`) != 1 || s.count(`[data-testid=label-BANNER]`) != 1 {
		t.Error("cancelling changed the palette")
	}

	// Escape closes it too, without applying.
	s.openSchemaEditor()
	s.typeInto("entity-name-0", "Someone")
	s.key(kb.Escape)
	s.waitFor(`document.querySelector('[data-testid=schema-editor]') === null`)
	if got := eval[string](s, `document.querySelector('[data-testid=label-PER]').title`); got == "Someone" {
		t.Error("Escape applied the edit")
	}

	// Undo takes the span back, then the schema; the span is kept when
	// only the schema goes, so undo the span first.
	s.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	s.waitFor(`![...document.querySelectorAll('[data-testid=span] .label')].some(l => l.textContent === "BANNER")`)
	s.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	s.waitFor(`document.querySelector('[data-testid=label-BANNER]') === null && document.querySelector('[data-testid=label-PER]') !== null`)
	s.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierShift))
	s.waitFor(`document.querySelector('[data-testid=label-BANNER]') !== null`)
}

// TestBrowserSchemaEditorScreenshot captures the editor in light and dark
// mode, to BELGI_SCREENSHOTS when set (belgi-schema-editor.png and
// belgi-schema-editor-dark.png), to a temporary folder otherwise.
func TestBrowserSchemaEditorScreenshot(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	s.openSchemaEditor()
	// A problem to show, in a row a person is editing.
	s.typeInto("entity-key-9", "1")
	s.waitFor(`document.querySelector('[data-testid=schema-apply]').disabled`)
	// Scrolled to show event types with their roles too.
	s.do(chromedp.Evaluate[chromedp.Void](`(b => b.scrollTop = document.querySelector('[data-testid=event-type-0]').closest("details").offsetTop - b.offsetTop - 240)(document.querySelector('.se-body'))`))
	corner := eval[[]int](s, `(r => [Math.round(r.left), Math.round(r.top)])(document.querySelector('[data-testid=schema-editor]').getBoundingClientRect())`)
	dir := os.Getenv("BELGI_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, mode := range []string{"light", "dark"} {
		if _, err := chromedp.Call(s.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: mode}},
		}); err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatalf("%s screenshot: %v", mode, err)
		}
		// Just inside the dialog's corner is its panel: light in light mode.
		r, g, bl, _ := img.At(corner[0]+12, corner[1]+12).RGBA()
		if light := (r+g+bl)/3 > 0x8000; light != (mode == "light") {
			t.Errorf("%s mode: the dialog is %s", mode, map[bool]string{true: "light", false: "dark"}[light])
		}
		name := filepath.Join(dir, "belgi-schema-editor.png")
		if mode == "dark" {
			name = filepath.Join(dir, "belgi-schema-editor-dark.png")
		}
		if err := os.WriteFile(name, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", name)
	}
}
