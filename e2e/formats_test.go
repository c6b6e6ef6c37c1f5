package e2e

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestBrowserExportAndImportFormats(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	s.openDoc("d2")
	s.selectWords("Асқар Жұмабаев")
	s.key("1")
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 1`)
	s.selectWords("Асқар")
	s.key("1") // nested in the first: CoNLL cannot hold it
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 2`)

	choose := func(format string) {
		s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(e => { e.value = %q; e.dispatchEvent(new Event("change", {bubbles: true})) })(document.querySelector('[data-testid=export-format]'))`, format)))
	}
	isZip := func(b []byte) bool { _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); return err == nil }

	choose("conll")
	s.downloadFile("export-document", func(b []byte) bool { return bytes.Contains(b, []byte("B-PER")) })
	s.waitFor(`document.querySelectorAll('[data-testid=lost-item]').length > 0`)
	if lost := eval[string](s, `document.querySelector('[data-testid=loss-report]').textContent`); !strings.Contains(lost, "overlap") {
		t.Errorf("the CoNLL loss report does not name the overlap: %q", lost)
	}

	choose("brat")
	data := s.downloadFile("export", isZip)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !strings.Contains(strings.Join(names, " "), ".ann") {
		t.Fatalf("the brat export holds %v", names)
	}
	// annotation.conf has no room for display names and keys; no
	// annotation may be lost.
	if lost := eval[[]string](s, `[...document.querySelectorAll('[data-testid=lost-item]')].map(e => e.textContent).filter(t => !t.startsWith("annotation.conf"))`); len(lost) != 0 {
		t.Errorf("brat lost annotations: %v", lost)
	}

	// The zip of brat files imports as a corpus in a fresh browser.
	o := newSession(t)
	o.waitSaved()
	docs := o.count(`[data-testid=document-item]`)
	path := filepath.Join(t.TempDir(), "corpus.zip")
	os.WriteFile(path, data, 0o644)
	o.upload("file-input", path)
	o.waitFor(fmt.Sprintf(`document.querySelectorAll('[data-testid=document-item]').length === %d`, docs+3))
	o.waitFor(`document.querySelector('[data-testid=status]').textContent.includes("brat")`)
	ids := eval[[]string](o, `[...document.querySelectorAll('[data-testid=document-item]')].map(e => e.dataset.doc)`)
	found := false
	for _, id := range ids[docs:] {
		o.openDoc(id)
		if o.count(`[data-testid=span]`) == 2 {
			found = true
		}
	}
	if !found {
		t.Error("no imported document carries the two spans")
	}
}
