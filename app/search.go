package app

import (
	"unicode"

	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// maxHits bounds the matches a search marks, so that searching for "а" in
// a long document stays quick.
const maxHits = 1000

// FindText returns the code point ranges of text where query occurs,
// compared as annotate all and the suggestions compare
// (annotations.FoldRune: without case, ё as е). Matches do not overlap.
// White space in query matches any run of white space. An empty or blank
// query finds nothing.
func FindText(text, query string) []annotations.Fragment {
	q := fold([]rune(query), true)
	if len(q) == 0 {
		return nil
	}
	t := []rune(text)
	f := fold(t, false)
	var out []annotations.Fragment
	for i := 0; i < len(f) && len(out) < maxHits; {
		end, ok := matchAt(f, i, q)
		if !ok {
			i++
			continue
		}
		out = append(out, annotations.Fragment{Start: i, End: end})
		i = end
	}
	return out
}

// matchAt reports whether q matches f from i, and where the match ends.
func matchAt(f []rune, i int, q []rune) (int, bool) {
	j := i
	for k := 0; k < len(q); k++ {
		if q[k] == ' ' {
			if j >= len(f) || f[j] != ' ' {
				return 0, false
			}
			for j < len(f) && f[j] == ' ' {
				j++
			}
			continue
		}
		if j >= len(f) || f[j] != q[k] {
			return 0, false
		}
		j++
	}
	return j, true
}

// fold maps each rune to its comparison form, one rune for one, so offsets
// carry over: annotations.FoldRune, and any white space as a space. For a
// query, runs of white space shrink to one and the ends are trimmed.
func fold(rs []rune, query bool) []rune {
	out := make([]rune, 0, len(rs))
	for _, r := range rs {
		if unicode.IsSpace(r) {
			r = ' '
		} else {
			r = annotations.FoldRune(r)
		}
		if query && r == ' ' && (len(out) == 0 || out[len(out)-1] == ' ') {
			continue
		}
		out = append(out, r)
	}
	if query && len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	return out
}

// finder is the part of the shell that searches the open document (/):
// the query, where it occurs, and which match the search is at. The query
// outlives a document: opening another finds it there.
type finder struct {
	sh       *Shell
	query    string
	hits     []annotations.Fragment
	doc      string // the document and text hits were found in
	searched string
	hit      int // the match the search is at, -1 for none
}

// handleSearch finds the query in the open document, or steps to the next
// or previous match, which it selects in the text for a label key.
func (f *finder) handleSearch(ctx app.Context, a app.Action) {
	c, _ := a.Value.(searchCmd)
	f.step(c.Query, c.Step)
	f.sh.Update()
}

// step searches for query, then moves dir matches on (0 for none).
func (f *finder) step(query string, dir int) {
	d := f.sh.st.Doc()
	if d == nil {
		return
	}
	f.sync(d)
	if query != f.query {
		f.query = query
		f.find(d)
	}
	if dir == 0 || len(f.hits) == 0 {
		return
	}
	switch {
	case f.hit < 0 && dir > 0:
		f.hit = 0
	case f.hit < 0:
		f.hit = len(f.hits) - 1
	default:
		f.hit = (f.hit + dir + len(f.hits)) % len(f.hits)
	}
	h := f.hits[f.hit]
	f.sh.show(h.Start)
	f.sh.reveal(h.Start, h.End, true)
	f.sh.say("Match "+itoa(f.hit+1)+" of "+itoa(len(f.hits))+" is selected: press a label key to label it, F3 for the next, / to search again.", nil)
}

// sync finds the query afresh when the open document is another than the
// one searched, or its text changed (re-cleaning, undo across documents);
// comparing the same string is a pointer check.
func (f *finder) sync(d *annotations.Document) {
	switch {
	case d == nil:
		f.hits, f.hit, f.doc, f.searched = nil, -1, "", ""
	case d.ID != f.doc || d.Text != f.searched:
		f.find(d)
	}
}

// find searches d for the query.
func (f *finder) find(d *annotations.Document) {
	f.hits, f.hit, f.doc, f.searched = nil, -1, d.ID, d.Text
	if f.query != "" {
		f.hits = FindText(d.Text, f.query)
	}
}
