// Package suggest is a string-matching recommender. It learns which labels
// a person gave to which strings, across the documents of a workspace, and
// proposes the same labels where those strings occur again and are not yet
// annotated, as ghost spans the person accepts or ignores.
//
// Strings compare as annotations.FindAll compares them with IgnoreCase and
// WholeWord set: folded rune by rune with annotations.FoldRune, and only as
// whole words. The package is pure Go and runs in the browser.
package suggest

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"belgi/annotations"
)

// A Suggestion is a span the model proposes: a label for the code points
// [Start, End) of a document's text.
type Suggestion struct {
	Start, End int
	Label      string
	// Score is in (0, 1): the share of the string's annotations that gave
	// it this label, discounted when there are few, as n/(total+1). A
	// string labelled once scores 0.5; labelled GPE nine times out of nine,
	// 0.9.
	Score float64
}

// A Model maps case-folded strings to the labels a person gave them and
// how often. The zero Model is not ready for use; call New or Learn.
// A Model is not safe for concurrent use.
type Model struct {
	entries map[string]*entry   // folded surface → entry
	byFirst map[string][]*entry // folded first token → entries, longest first
}

// An entry is one learned string.
type entry struct {
	surface string // folded
	first   string // its first token
	runes   int    // its length in code points
	endWord bool   // it ends with a word rune
	counts  map[string]int
	total   int
}

// New returns an empty model.
func New() *Model {
	return &Model{entries: map[string]*entry{}, byFirst: map[string][]*entry{}}
}

// Learn returns a model of the spans of docs. In Belgi every span is one a
// person made or accepted; spans the model cannot match are skipped (see
// Add).
func Learn(docs []*annotations.Document) *Model {
	m := New()
	for _, d := range docs {
		if d == nil {
			continue
		}
		for _, s := range d.Spans {
			m.Add(s)
		}
	}
	return m
}

// Len returns how many distinct strings the model knows.
func (m *Model) Len() int { return len(m.entries) }

// Add counts s: its text, trimmed of white space and folded, gets one more
// use of its label. Discontinuous spans and texts shorter than two code
// points or without a letter or digit are skipped: they would match too
// much. s.Text must be set, as Workspace.Apply sets it.
func (m *Model) Add(s annotations.Span) {
	key, ok := surface(s)
	if !ok {
		return
	}
	e := m.entries[key]
	if e == nil {
		last, _ := utf8.DecodeLastRuneInString(key)
		e = &entry{
			surface: key,
			first:   firstToken(key),
			runes:   utf8.RuneCountInString(key),
			endWord: annotations.IsWordRune(last),
			counts:  map[string]int{},
		}
		m.entries[key] = e
		list := m.byFirst[e.first]
		i := sort.Search(len(list), func(i int) bool { return list[i].runes < e.runes })
		m.byFirst[e.first] = slices.Insert(list, i, e)
	}
	e.counts[s.Label]++
	e.total++
}

// Remove undoes one Add of s, as when a person deletes a span or changes
// its label. Removing what was never added does nothing.
func (m *Model) Remove(s annotations.Span) {
	key, ok := surface(s)
	if !ok {
		return
	}
	e := m.entries[key]
	if e == nil || e.counts[s.Label] == 0 {
		return
	}
	e.total--
	if e.counts[s.Label]--; e.counts[s.Label] == 0 {
		delete(e.counts, s.Label)
	}
	if e.total > 0 {
		return
	}
	delete(m.entries, key)
	list := slices.DeleteFunc(m.byFirst[e.first], func(x *entry) bool { return x == e })
	if len(list) == 0 {
		delete(m.byFirst, e.first)
	} else {
		m.byFirst[e.first] = list
	}
}

// surface returns the key of s: its text trimmed and folded.
func surface(s annotations.Span) (string, bool) {
	if len(s.Fragments) > 1 {
		return "", false
	}
	t := strings.TrimFunc(s.Text, unicode.IsSpace)
	if utf8.RuneCountInString(t) < 2 || strings.IndexFunc(t, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsNumber(r)
	}) < 0 {
		return "", false
	}
	return fold(t), true
}

// fold folds s rune by rune, keeping its length in code points; invalid
// UTF-8 becomes U+FFFD per byte, as annotations.Index counts it.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(annotations.FoldRune(r))
	}
	return b.String()
}

// firstToken returns the first token of s: its leading run of word runes,
// or its first rune when that is not a word rune.
func firstToken(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if !annotations.IsWordRune(r) {
		return s[:size]
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return !annotations.IsWordRune(r) }); i >= 0 {
		return s[:i]
	}
	return s
}

// Suggest returns ghost spans for the occurrences in d of the strings the
// model knows, highest score first, then by position. An occurrence is
// matched as a whole word (it neither starts nor ends inside a word, nor
// ends before a combining mark), and where several known strings start at
// one place the longest that yields a suggestion wins; suggestions do not
// overlap each other. Each gets the most frequent label of its string that
// no span of d with that label overlaps. Occurrences that a span of d
// covers exactly, whatever its label, are left alone: the person has
// decided there.
func (m *Model) Suggest(d *annotations.Document) []Suggestion {
	if len(m.entries) == 0 {
		return nil
	}
	ex := newExisting(d)
	hay := fold(d.Text)
	var out []Suggestion
	prevWord := false
	for b, cp := 0, 0; b < len(hay); {
		r, size := utf8.DecodeRuneInString(hay[b:])
		word := annotations.IsWordRune(r)
		end := b + size // end of the token starting at b
		if word {
			for end < len(hay) {
				r, size := utf8.DecodeRuneInString(hay[end:])
				if !annotations.IsWordRune(r) {
					break
				}
				end += size
			}
		}
		if (word && !prevWord) || (!word && !unicode.IsSpace(r)) {
			if s, ok := m.match(hay, b, cp, ex, m.byFirst[hay[b:end]]); ok {
				out = append(out, s)
				// Resume after the suggestion.
				for cp < s.End {
					r, size := utf8.DecodeRuneInString(hay[b:])
					b += size
					cp++
					prevWord = annotations.IsWordRune(r)
				}
				continue
			}
		}
		b += size
		cp++
		prevWord = word
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int { return cmp.Compare(b.Score, a.Score) })
	return out
}

// match returns the suggestion of the longest candidate that occurs at byte
// b (code point cp) of hay.
func (m *Model) match(hay string, b, cp int, ex *existing, candidates []*entry) (Suggestion, bool) {
	for _, e := range candidates {
		if !strings.HasPrefix(hay[b:], e.surface) {
			continue
		}
		if end := b + len(e.surface); end < len(hay) {
			r, _ := utf8.DecodeRuneInString(hay[end:])
			if r == '\u200d' || unicode.IsMark(r) || e.endWord && annotations.IsWordRune(r) {
				continue
			}
		}
		start, end := cp, cp+e.runes
		if ex.exact[[2]int{start, end}] {
			continue
		}
		if label, n, ok := e.best(func(label string) bool { return !ex.overlaps(label, start, end) }); ok {
			return Suggestion{Start: start, End: end, Label: label, Score: float64(n) / float64(e.total+1)}, true
		}
	}
	return Suggestion{}, false
}

// best returns the most frequent label of e that ok accepts, and its count;
// ties go to the label first in byte order.
func (e *entry) best(ok func(string) bool) (label string, n int, found bool) {
	for l, c := range e.counts {
		if (c > n || c == n && l < label) && ok(l) {
			label, n, found = l, c, true
		}
	}
	return label, n, found
}

// existing indexes the spans of a document.
type existing struct {
	exact   map[[2]int]bool
	byLabel map[string]*intervals
}

// intervals are ranges sorted by start, with the running maximum of their
// ends.
type intervals struct {
	start, end, maxEnd []int
}

func newExisting(d *annotations.Document) *existing {
	ex := &existing{exact: map[[2]int]bool{}, byLabel: map[string]*intervals{}}
	type rng struct{ start, end int }
	ranges := map[string][]rng{}
	for _, s := range d.Spans {
		if len(s.Fragments) == 0 {
			ranges[s.Label] = append(ranges[s.Label], rng{s.Start, s.End})
			ex.exact[[2]int{s.Start, s.End}] = true
		}
		for _, f := range s.Fragments {
			ranges[s.Label] = append(ranges[s.Label], rng{f.Start, f.End})
			if len(s.Fragments) == 1 {
				ex.exact[[2]int{f.Start, f.End}] = true
			}
		}
	}
	for label, rs := range ranges {
		sort.Slice(rs, func(i, j int) bool { return rs[i].start < rs[j].start })
		iv := &intervals{}
		hi := 0
		for _, r := range rs {
			hi = max(hi, r.end)
			iv.start = append(iv.start, r.start)
			iv.end = append(iv.end, r.end)
			iv.maxEnd = append(iv.maxEnd, hi)
		}
		ex.byLabel[label] = iv
	}
	return ex
}

// overlaps reports whether a span with the label shares a code point with
// [start, end).
func (ex *existing) overlaps(label string, start, end int) bool {
	iv := ex.byLabel[label]
	if iv == nil {
		return false
	}
	// The spans starting before end overlap when one of them ends after
	// start.
	n := sort.SearchInts(iv.start, end)
	return n > 0 && iv.maxEnd[n-1] > start
}
