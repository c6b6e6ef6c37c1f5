package annotations

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// FoldRune returns the form of r that Belgi compares when it matches text
// without regard to case: search (/), annotate all and the suggestions all
// fold with it, so one word is one word everywhere. It is the smallest rune
// of r's simple case-folding orbit (unicode.SimpleFold), so that А, а and
// Ә, ә, Σ, σ, ς each compare equal and folding never changes a text's
// length in code points. Two letters fold together beyond case: Ё and ё
// fold with Е and е, since Russian writes е for ё as often as not
// ("Алёна" and "Алена" are one name); and the Turkic dotted and dotless I
// (İ, ı), which Kazakh in Latin script uses, fold with I and i, so a search
// finds a word whichever convention a text follows. Kazakh letters (Ә, І,
// Ү, Ұ, Қ, Ө, Ғ, Ң, Һ) stay distinct from the Russian ones they resemble.
//
// Full case folding (golang.org/x/text/cases) is not used: it turns ß into
// ss and İ into two code points, which would break the one-to-one map
// between a match and the text it covers.
func FoldRune(r rune) rune {
	if r >= 0 && r < foldTableSize {
		return runeTable().fold[r]
	}
	return foldRune(r)
}

func foldRune(r rune) rune {
	switch r {
	case 'İ', 'ı':
		return 'I'
	case 'Ё', 'ё':
		r = 'Е'
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

// foldTableSize covers Latin, Greek and Cyrillic, Kazakh letters included.
const foldTableSize = 0x530

// runeProps holds FoldRune and IsWordRune of the runes below foldTableSize.
type runeProps struct {
	fold [foldTableSize]rune
	word [foldTableSize]bool
}

// runeTable returns the runeProps, computed once.
var runeTable = sync.OnceValue(func() *runeProps {
	t := new(runeProps)
	for r := range rune(foldTableSize) {
		t.fold[r] = foldRune(r)
		t.word[r] = isWordRune(r)
	}
	return t
})

// IsWordRune reports whether r belongs to a word for whole-word matching:
// a letter, a number, a combining mark or connector punctuation such as _.
func IsWordRune(r rune) bool {
	if r >= 0 && r < foldTableSize {
		return runeTable().word[r]
	}
	return isWordRune(r)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || unicode.Is(unicode.Pc, r)
}

// A Match is one occurrence found by FindAll.
type Match struct {
	Start, End int // code point offsets into Document.Text, End exclusive

	// Overlaps lists the IDs of the document's spans that share at least
	// one code point with the match, in order of their start. A
	// discontinuous span overlaps when one of its fragments does.
	Overlaps []string
	// Exists reports that a span with FindOptions.Label and exactly this
	// range is already there.
	Exists bool
}

// FindOptions control FindAll.
type FindOptions struct {
	// Label is the label the matches are meant for; it sets Match.Exists.
	Label string
	// IgnoreCase compares runes folded by FoldRune.
	IgnoreCase bool
	// WholeWord keeps only matches that do not start or end inside a word:
	// when the searched text begins (ends) with a word rune, the rune
	// before (after) the match must not be one (see IsWordRune).
	WholeWord bool
}

// FindAll returns every occurrence of text in d.Text, left to right and
// not overlapping each other, as code point ranges; an empty text has none.
// Invalid UTF-8 counts as U+FFFD per byte, as Index does. A match never
// ends just before a combining mark or a zero-width joiner, so it does not
// split a character as people see it ("е" does not match the start of
// "е\u0301"). When IgnoreCase is set, each match folds to the folded text
// and covers exactly as many code points.
func FindAll(d *Document, text string, opts FindOptions) []Match {
	if text == "" {
		return nil
	}
	hay := normalizeRunes(d.Text, opts.IgnoreCase)
	needle := normalizeRunes(text, opts.IgnoreCase)
	n := utf8.RuneCountInString(needle)
	first, _ := utf8.DecodeRuneInString(needle)
	last, _ := utf8.DecodeLastRuneInString(needle)
	checkStart := opts.WholeWord && IsWordRune(first)
	checkEnd := opts.WholeWord && IsWordRune(last)

	var ms []Match
	cp, counted := 0, 0 // cp is the code point offset of byte offset counted
	for from := 0; from < len(hay); {
		i := strings.Index(hay[from:], needle)
		if i < 0 {
			break
		}
		b, e := from+i, from+i+len(needle)
		ok := true
		if checkStart && b > 0 {
			r, _ := utf8.DecodeLastRuneInString(hay[:b])
			ok = !IsWordRune(r)
		}
		if ok && e < len(hay) {
			r, _ := utf8.DecodeRuneInString(hay[e:])
			ok = !attachesToPrevious(r) && !(checkEnd && IsWordRune(r))
		}
		if !ok {
			_, size := utf8.DecodeRuneInString(hay[b:])
			from = b + size
			continue
		}
		cp += utf8.RuneCountInString(hay[counted:b])
		counted = b
		ms = append(ms, Match{Start: cp, End: cp + n})
		from = e
	}
	markOverlaps(d, ms, opts.Label)
	return ms
}

// attachesToPrevious reports whether r attaches to the rune before it, so that a match
// must not end just before it.
func attachesToPrevious(r rune) bool { return r == '\u200d' || unicode.IsMark(r) }

// normalizeRunes returns s as valid UTF-8 with the same code points as
// Index counts (U+FFFD for each invalid byte), folded when fold is set.
func normalizeRunes(s string, fold bool) string {
	if !fold && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if fold {
			r = FoldRune(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// markOverlaps sets Overlaps and Exists of ms, which are sorted and do not
// overlap each other.
func markOverlaps(d *Document, ms []Match, label string) {
	if len(ms) == 0 {
		return
	}
	type interval struct {
		start, end int
		id         string
	}
	var ivs []interval
	exists := map[[2]int]bool{}
	for _, s := range d.Spans {
		if len(s.Fragments) == 0 {
			ivs = append(ivs, interval{s.Start, s.End, s.ID})
		}
		for _, f := range s.Fragments {
			ivs = append(ivs, interval{f.Start, f.End, s.ID})
		}
		if s.Label == label && len(s.Fragments) <= 1 {
			exists[[2]int{s.Start, s.End}] = true
		}
	}
	sort.SliceStable(ivs, func(i, j int) bool { return ivs[i].start < ivs[j].start })
	var active []interval // intervals that start before the match ends and may reach into it
	next := 0
	for k := range ms {
		m := &ms[k]
		for next < len(ivs) && ivs[next].start < m.End {
			active = append(active, ivs[next])
			next++
		}
		// Matches only move right, so an interval that ends before this
		// one starts cannot overlap any later match either.
		active = slices.DeleteFunc(active, func(iv interval) bool { return iv.end <= m.Start })
		for _, iv := range active {
			if !slices.Contains(m.Overlaps, iv.id) {
				m.Overlaps = append(m.Overlaps, iv.id)
			}
		}
		m.Exists = exists[[2]int{m.Start, m.End}]
	}
}

// AddAll returns the operation that gives every match the label: one
// OpAddSpans holding a span per match, in order, each with a fresh ID
// ("T<n>", past every numbered T ID of d) and its text; nil when there is
// nothing to add. It skips matches that already have a span with this
// label and range, repeats of a range, and ranges outside d's text.
func AddAll(d *Document, label string, matches []Match) []Op {
	x := d.Index()
	have := map[[2]int]bool{}
	for _, s := range d.Spans {
		if s.Label == label && len(s.Fragments) <= 1 {
			have[[2]int{s.Start, s.End}] = true
		}
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(d.NextID("T"), "T"))
	var spans []Span
	for _, m := range matches {
		r := [2]int{m.Start, m.End}
		if have[r] || checkRange(m.Start, m.End, x.Len()) != nil {
			continue
		}
		have[r] = true
		spans = append(spans, Span{
			ID:    "T" + strconv.Itoa(n),
			Label: label,
			Start: m.Start,
			End:   m.End,
			Text:  x.Slice(m.Start, m.End),
		})
		n++
	}
	if len(spans) == 0 {
		return nil
	}
	// One batch op: adding spans one by one copies the span list each time.
	return []Op{{Kind: OpAddSpans, Doc: d.ID, Spans: spans}}
}
