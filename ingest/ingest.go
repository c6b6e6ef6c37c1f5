// Package ingest turns what a person brings to annotate (a page dump, a
// saved HTML page, plain text) into an annotations.Document: it refuses
// what is not text, cleans a page down to its article (package clean),
// keeps the cleaning record, titles the document and detects its
// languages (package langid).
//
// The app (paste, Open files), `belgi clean` and `belgi convert` all call
// Document, so each builds the same document from the same file. The
// package is pure Go and runs in the browser.
package ingest

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"belgi/annotations"
	"belgi/clean"
	"belgi/langid"
)

// Options change how Document reads its input.
type Options struct {
	// HTML reads the input as HTML even when neither its name (.html,
	// .htm) nor its start (a doctype or <html>) says it is.
	HTML bool
}

// Document builds the document with the given ID from data, a file called
// name ("" for pasted text). It refuses what is not text (see Check).
// HTML is read as HTML; anything else as a text dump. The text is what the
// cleaner keeps; when it keeps nothing (a short snippet, say), every line
// is kept, since the person brought it to annotate it. Either way the
// document records the cleaning, so the input stays byte-exact and every
// decision can be reviewed and undone. Its title is its first line, its
// source the name.
func Document(id, name string, data []byte, opts Options) (*annotations.Document, error) {
	if err := Check(name, data); err != nil {
		return nil, err
	}
	text := string(data)
	d, err := annotations.NewCleanedDocument(id, "", name, text, opts.HTML || IsHTML(name, text))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what(name), err)
	}
	if strings.TrimSpace(d.Text) == "" {
		lines := append([]clean.Line(nil), d.Cleaning.Lines...)
		for i := range lines {
			lines[i].Keep = lines[i].End > lines[i].Start
		}
		if d, _, err = d.Reclean(lines); err != nil {
			return nil, err
		}
	}
	if strings.TrimSpace(d.Text) == "" {
		return nil, fmt.Errorf("%s has no text", what(name))
	}
	d.Title = Title(name, d.Text)
	DetectLanguages(d)
	return d, nil
}

// IsHTML reports whether a file is read as HTML: by its name's extension,
// or because its text starts as a page does.
func IsHTML(name, text string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm" || clean.LooksLikeHTML(text)
}

// what names a file in a message.
func what(name string) string {
	if name == "" {
		return "the pasted text"
	}
	return name
}

// Check refuses what is not text: invalid UTF-8, NUL bytes (a binary
// file), nothing but white space. The error names the file and says what
// to do.
func Check(name string, data []byte) error {
	if i := annotations.InvalidUTF8(data); i >= 0 {
		return fmt.Errorf("%s is not UTF-8 text (invalid byte at offset %d); save it as UTF-8 and try again", what(name), i)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return fmt.Errorf("%s looks like a binary file (it contains NUL bytes), not text", what(name))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%s is empty", what(name))
	}
	return nil
}

// Title picks a document's title: the first non-blank line of text,
// shortened to 80 code points, or else name.
func Title(name, text string) string {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(l, "\ufeff"))
		if l == "" {
			continue
		}
		if r := []rune(l); len(r) > 80 {
			l = string(r[:79]) + "…"
		}
		return l
	}
	return name
}

// DetectLanguages sets the language of d and of each of its paragraphs
// from its text, keeping what a person set by hand.
func DetectLanguages(d *annotations.Document) {
	doc, found := langid.Document(d.Text)
	if d.LanguageSource != "manual" {
		d.Language, d.LanguageSource = doc.Tag.String(), "auto"
	}
	manual := map[[2]int]annotations.ParagraphLanguage{}
	for _, p := range d.Paragraphs {
		if p.Source == "manual" {
			manual[[2]int{p.Start, p.End}] = p
		}
	}
	d.Paragraphs = make([]annotations.ParagraphLanguage, 0, len(found))
	for _, p := range found {
		if m, ok := manual[[2]int{p.Start, p.End}]; ok {
			d.Paragraphs = append(d.Paragraphs, m)
			continue
		}
		d.Paragraphs = append(d.Paragraphs, annotations.ParagraphLanguage{
			Start: p.Start, End: p.End, Language: p.Result.Tag.String(), Source: "auto",
			Confidence: float64(int(p.Result.Confidence*1000)) / 1000,
		})
	}
}
