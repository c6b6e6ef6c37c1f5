package annotations

import (
	"fmt"
	"reflect"

	"belgi/clean"
)

// NewCleanedDocument cleans input (a page dump, or saved HTML when html is
// set) and returns a document whose text is the article, with the cleaning
// recorded.
func NewCleanedDocument(id, title, source, input string, html bool) (*Document, error) {
	var r clean.Result
	if html {
		var err error
		if r, err = clean.HTML(input); err != nil {
			return nil, err
		}
	} else {
		r = clean.Text(input)
	}
	d := NewDocument(id, title, source, r.Text)
	d.Cleaning = &Cleaning{Input: input, HTML: html, Lines: r.Lines, Map: r.Map}
	return d, nil
}

// apply runs the cleaner's decisions again.
func (c *Cleaning) apply(lines []clean.Line) (clean.Result, error) {
	if c.HTML {
		return clean.ApplyHTML(c.Input, lines)
	}
	return clean.Apply(c.Input, lines), nil
}

// check reports whether the record reproduces text.
func (c *Cleaning) check(text string) error {
	r, err := c.apply(c.Lines)
	if err != nil {
		return err
	}
	if r.Text != text {
		return fmt.Errorf("applying its cleaning decisions to its input does not give its text")
	}
	if !reflect.DeepEqual(r.Map, c.Map) && !(len(r.Map.Segments) == 0 && len(c.Map.Segments) == 0) {
		return fmt.Errorf("its cleaning offset map does not match its input and decisions")
	}
	return nil
}

// Reclean returns a copy of d cleaned with new decisions on its input lines,
// its annotations moved to the new text. Spans whose text is no longer
// there are left out and returned, and so is what depends on them (the
// walk of Document.RemoveOps). Paragraph languages are
// dropped; the caller detects them again.
func (d *Document) Reclean(lines []clean.Line) (*Document, []Span, error) {
	if d.Cleaning == nil {
		return nil, nil, fmt.Errorf("document %q was not cleaned", d.ID)
	}
	if len(lines) != len(d.Cleaning.Lines) {
		return nil, nil, fmt.Errorf("document %q: %d line decisions for %d lines", d.ID, len(lines), len(d.Cleaning.Lines))
	}
	r, err := d.Cleaning.apply(lines)
	if err != nil {
		return nil, nil, err
	}
	old := d.Cleaning.Map
	nd := d.clone()
	nd.Text = r.Text
	nd.index = nil
	nd.Cleaning = &Cleaning{Input: d.Cleaning.Input, HTML: d.Cleaning.HTML, Lines: append([]clean.Line(nil), r.Lines...), Map: r.Map}
	nd.Paragraphs = nil
	nd.seal()
	x := nd.Index()
	move := func(start, end int) (int, int, bool) {
		os, oe := old.OriginalSpan(start, end)
		ns, ok1 := r.Map.FromOriginal(os)
		last, ok2 := r.Map.FromOriginal(oe - 1)
		if !ok1 || !ok2 || last < ns || last >= x.Len() {
			return 0, 0, false
		}
		return ns, last + 1, true
	}
	moved := []Span{}
	var lost []Span
	var lostIDs []string
	for _, s := range d.Spans {
		m := s
		ok := true
		if len(s.Fragments) > 0 {
			m.Fragments = make([]Fragment, len(s.Fragments))
			for i, f := range s.Fragments {
				a, b, good := move(f.Start, f.End)
				ok = ok && good
				m.Fragments[i] = Fragment{a, b}
			}
		} else {
			m.Start, m.End, ok = move(s.Start, s.End)
		}
		if ok && nd.fill(&m) == nil && m.Text == s.Text {
			moved = append(moved, m)
		} else {
			lost = append(lost, s)
			lostIDs = append(lostIDs, s.ID)
		}
	}
	nd.Spans = moved
	nd.drop(d.cascade(lostIDs...))
	return nd, lost, nil
}
