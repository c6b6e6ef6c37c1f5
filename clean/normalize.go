package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A src is one code point of text to normalise, with the original run it
// stands for: usually one code point, more for an HTML entity, none for the
// second code point an entity decodes to.
type src struct {
	r    rune
	o, n int
}

// builder assembles a cleaned text and its Map, one line at a time.
// Normalisation of a line: invisible format characters (BOM, zero-width
// space, word joiner, soft hyphen) are removed; every run of white space or
// control characters becomes one space; leading and trailing white space is
// trimmed; the result is put in NFC. Lines are joined by "\n".
type builder struct {
	sb    strings.Builder
	m     Map
	lines int // non-empty lines written

	mid  []src
	tmp  []byte
	outs []chunk
}

// A chunk is a piece of normalised output and the original run it came from.
type chunk struct {
	r     rune   // the code point, when s is empty
	s     string // the text, when it is not a single code point
	n     int    // code points in the text
	o, on int
}

// isFormat reports invisible characters that carry no meaning in Russian,
// Kazakh or English text and only break tokens and searches.
func isFormat(r rune) bool {
	switch r {
	case '\uFEFF', '\u200B', '\u2060', '\u00AD':
		return true
	}
	return false
}

// isSpace reports characters that normalisation turns into a plain space.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r < 0x20 || (r >= 0x7f && r < 0xa0)
}

// normalise turns in into chunks in b.outs and reports whether any text
// remains.
func (b *builder) normalise(in []src) bool {
	mid := b.mid[:0]
	spaceStart, spaceEnd := -1, -1
	for _, c := range in {
		switch {
		case isFormat(c.r):
		case isSpace(c.r):
			if len(mid) == 0 {
				continue // leading white space is trimmed
			}
			if spaceStart < 0 {
				spaceStart = c.o
			}
			spaceEnd = c.o + c.n
		default:
			if spaceStart >= 0 {
				mid = append(mid, src{' ', spaceStart, spaceEnd - spaceStart})
				spaceStart = -1
			}
			mid = append(mid, c)
		}
	}
	b.mid = mid
	b.outs = b.outs[:0]
	if len(mid) == 0 {
		return false
	}
	tmp := b.tmp[:0]
	simple := true
	for _, c := range mid {
		tmp = utf8.AppendRune(tmp, c.r)
		simple = simple && nfcStable(c.r)
	}
	b.tmp = tmp
	if simple || norm.NFC.IsNormal(tmp) {
		for _, c := range mid {
			b.outs = append(b.outs, chunk{c.r, "", 1, c.o, c.n})
		}
		return true
	}
	var it norm.Iter
	it.Init(norm.NFC, tmp)
	i, pos := 0, 0
	for !it.Done() {
		out := it.Next()
		end := it.Pos()
		j := i
		for p := pos; p < end && j < len(mid); j++ {
			p += utf8.RuneLen(mid[j].r)
		}
		if j == i { // cannot happen with valid input; never loop forever
			break
		}
		if string(out) == string(tmp[pos:end]) {
			for _, c := range mid[i:j] {
				b.outs = append(b.outs, chunk{c.r, "", 1, c.o, c.n})
			}
		} else {
			first, last := mid[i], mid[j-1]
			b.outs = append(b.outs, chunk{0, string(out), utf8.RuneCount(out), first.o, last.o + last.n - first.o})
		}
		i, pos = j, end
	}
	return true
}

// line normalises in and appends it as a new line. sepO and sepN give the
// original run the joining "\n" stands for (the previous line's terminator).
// It reports whether the line was written (it is skipped when it normalises
// to nothing).
func (b *builder) line(in []src, sepO, sepN int) bool {
	if !b.normalise(in) {
		return false
	}
	if b.lines > 0 {
		b.sb.WriteByte('\n')
		b.m.add(1, sepO, sepN)
	}
	b.lines++
	for _, c := range b.outs {
		if c.s == "" {
			b.sb.WriteRune(c.r)
		} else {
			b.sb.WriteString(c.s)
		}
		b.m.add(c.n, c.o, c.on)
	}
	return true
}

// srcOf appends the code points of s, the first of which is original code
// point o, to buf.
func srcOf(s string, o int, buf []src) []src {
	for _, r := range s {
		buf = append(buf, src{r, o, 1})
		o++
	}
	return buf
}

// nfcStable reports code points that NFC leaves alone whatever surrounds
// them: no decomposition, and never composing with a neighbour. It covers
// the Latin, Cyrillic and punctuation of Russian, Kazakh and English text, so
// that the common case skips the normalisation tables.
func nfcStable(r rune) bool {
	switch {
	case r < 0x300:
		return true
	case r >= 0x400 && r <= 0x482, r >= 0x48A && r <= 0x52F:
		return true
	case r >= 0x2010 && r <= 0x205F:
		return true
	}
	return false
}
