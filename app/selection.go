package app

import (
	"errors"
	"unicode"

	"belgi/annotations"
)

// A DOMPoint is one end of a browser selection, reduced by the browser
// bridge to the segment element it falls in: the segment's code point range
// (from its data-start and data-end attributes) and a UTF-16 offset into the
// segment's text.
type DOMPoint struct {
	SegStart, SegEnd int
	UTF16            int
}

// Offset converts a DOM point to a code point offset into the document.
func (p DOMPoint) Offset(d *annotations.Document) (int, error) {
	x := d.Index()
	if p.SegStart < 0 || p.SegEnd > x.Len() || p.SegStart > p.SegEnd {
		return 0, errors.New("the selection is outside the document")
	}
	seg := annotations.NewIndex(x.Slice(p.SegStart, p.SegEnd))
	if p.UTF16 >= seg.Len16() {
		return p.SegEnd, nil
	}
	cp, err := seg.FromUTF16(max(p.UTF16, 0))
	if err != nil {
		return 0, err
	}
	return p.SegStart + cp, nil
}

// SelectionRange turns two DOM points, in either order, into a code point
// range with surrounding white space trimmed, as a person means it.
func SelectionRange(d *annotations.Document, a, b DOMPoint) (start, end int, err error) {
	start, err = a.Offset(d)
	if err != nil {
		return 0, 0, err
	}
	end, err = b.Offset(d)
	if err != nil {
		return 0, 0, err
	}
	if start > end {
		start, end = end, start
	}
	runes := []rune(d.Index().Slice(start, end))
	i, j := 0, len(runes)
	for i < j && isSpace(runes[i]) {
		i++
	}
	for j > i && isSpace(runes[j-1]) {
		j--
	}
	if i == j {
		return 0, 0, errors.New("select some text first")
	}
	return start + i, start + j, nil
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b'
}

// UTF16Offset returns the UTF-16 offset of code point cp of text, for the
// browser bridge, which places selections in DOM text nodes.
func UTF16Offset(text string, cp int) int {
	x := annotations.NewIndex(text)
	return x.UTF16(min(max(cp, 0), x.Len()))
}
