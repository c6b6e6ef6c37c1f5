// Package core holds what the langid runtime, its trainer and its evaluator
// must agree on: how text becomes character n-grams, the model file format,
// and how a model scores text.
package core

import "unicode"

// MaxOrder is the longest n-gram, in runes, counting the space that pads
// each word on both sides. A word longer than MaxOrder-2 letters is also a
// feature of its own, its padded whole (a "word gram").
const MaxOrder = 5

// MaxGram is the longest gram, a padded word of maxWord letters.
const MaxGram = maxWord + 2

// maxWord caps the runes kept of one word; the rest of a longer word is
// ignored, since such "words" are URLs, hashes or glued text.
const maxWord = 40

// A Script is the writing system of a letter, a word or a text.
type Script uint8

const (
	NoScript Script = iota
	Cyrillic
	Latin
	Other // letters of scripts that no class is written in
)

// Letters counts the letters of each script in text.
func Letters(text string) (n [4]int) {
	for _, r := range text {
		if _, k := classify(r); k < kindSep {
			n[k]++
		}
	}
	return n
}

// Pick returns the script a text with letter counts n is judged in: the more
// frequent of Cyrillic and Latin, or NoScript when it has neither or when
// letters of other scripts outnumber them.
func Pick(n [4]int) Script {
	c, l := n[Cyrillic], n[Latin]
	switch {
	case c+l == 0 || n[Other] > c+l:
		return NoScript
	case c >= l:
		return Cyrillic
	}
	return Latin
}

// Kinds of rune besides letters, which use their Script as kind.
const (
	kindSep  = 4 + iota // ends a word
	kindApos            // apostrophe: part of a word when inside it
	kindMark            // combining mark: composed with the letter before or dropped
)

// classify returns the lower-case form of r and its kind: a letter's script,
// or one of the kinds above.
func classify(r rune) (rune, uint8) {
	switch {
	case r < 0x80:
		switch {
		case 'a' <= r && r <= 'z':
			return r, uint8(Latin)
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A', uint8(Latin)
		case r == '\'' || r == '`':
			return '\'', kindApos
		}
		return r, kindSep
	case 0x400 <= r && r <= 0x52f: // Cyrillic and Cyrillic Supplement
		if r >= 0x483 && r <= 0x489 {
			return r, kindMark
		}
		return unicode.ToLower(r), uint8(Cyrillic)
	case r == 0x2019 || r == 0x2bc || r == 0x2bb || r == 0x2018:
		return '\'', kindApos
	case unicode.Is(unicode.Mn, r):
		return r, kindMark
	case unicode.IsLetter(r):
		lr := unicode.ToLower(r)
		switch {
		case unicode.Is(unicode.Latin, r):
			return lr, uint8(Latin)
		case unicode.Is(unicode.Cyrillic, r):
			return lr, uint8(Cyrillic)
		}
		return lr, uint8(Other)
	}
	return r, kindSep
}

// compose joins a lower-case letter and a combining mark that follows it,
// for the pairs that matter here (decomposed й, ё, ї, ў and the Latin
// Kazakh letters). ok is false for other pairs, whose mark is dropped.
func compose(r, mark rune) (rune, bool) {
	c, ok := composed[[2]rune{r, mark}]
	return c, ok
}

var composed = map[[2]rune]rune{
	{'и', 0x306}: 'й', {'у', 0x306}: 'ў', {'е', 0x308}: 'ё', {'і', 0x308}: 'ї',
	{'г', 0x301}: 'ѓ', {'к', 0x301}: 'ќ', {'е', 0x300}: 'ѐ', {'и', 0x300}: 'ѝ',
	{'a', 0x308}: 'ä', {'o', 0x308}: 'ö', {'u', 0x308}: 'ü', {'u', 0x304}: 'ū',
	{'n', 0x303}: 'ñ', {'g', 0x306}: 'ğ', {'s', 0x327}: 'ş', {'c', 0x327}: 'ç',
	{'a', 0x301}: 'á', {'o', 0x301}: 'ó', {'u', 0x301}: 'ú', {'y', 0x301}: 'ý',
	{'n', 0x301}: 'ń', {'g', 0x301}: 'ǵ', {'i', 0x307}: 'i',
}

// Homoglyphs that stray into words of the other script, as in Kazakh typed
// with a Latin i for і: a word takes the script of most of its letters and
// these letters are read in that script.
var (
	latinToCyrillic = map[rune]rune{'a': 'а', 'e': 'е', 'o': 'о', 'p': 'р', 'c': 'с', 'x': 'х', 'y': 'у', 'k': 'к', 'i': 'і', 'h': 'һ', 'j': 'ј'}
	cyrillicToLatin = map[rune]rune{'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'х': 'x', 'у': 'y', 'к': 'k', 'і': 'i', 'һ': 'h', 'ј': 'j'}
)

// Hash constants (FNV-1a, fed one rune at a time from the last rune of the
// gram back to its first, so that every order ending at one place comes from
// one loop).
const (
	hashOffset = 2166136261
	hashPrime  = 16777619
	orderShift = 29
)

// wordOrder marks the key of a word gram.
const wordOrder = 7

// Key returns the table key of an n-gram or a word gram.
func Key(gram []rune) uint32 {
	h := uint32(hashOffset)
	for i := len(gram) - 1; i >= 0; i-- {
		h = (h ^ uint32(gram[i])) * hashPrime
	}
	o := uint32(len(gram))
	if o > MaxOrder {
		o = wordOrder
	}
	return h&(1<<orderShift-1) | o<<orderShift
}

// Grams calls fn with every n-gram, of orders 1 to MaxOrder, of the words of
// text written in script s, and with its Key, and with the word gram of each
// word longer than MaxOrder-2 letters, after its n-grams. A word is a run of
// letters, with apostrophes inside it, lower-cased and padded with a space on
// each side; the lone space is not a gram. gram is valid only during the
// call.
func Grams(text string, s Script, fn func(gram []rune, key uint32)) {
	var w word
	w.buf[0] = ' '
	for _, r := range text {
		lr, k := classify(r)
		switch {
		case k < kindSep:
			if w.n < maxWord {
				w.n++
				w.buf[w.n] = lr
				w.count[k]++
			}
		case k == kindApos:
			if w.n > 0 && w.n < maxWord && w.buf[w.n] != '\'' {
				w.n++
				w.buf[w.n] = '\''
			}
		case k == kindMark:
			if w.n > 0 {
				if c, ok := compose(w.buf[w.n], r); ok {
					w.buf[w.n] = c
				}
			}
		default:
			w.emit(s, fn)
		}
	}
	w.emit(s, fn)
}

// word is the word being read; buf[0] is the padding space, buf[1:n+1] the
// word, and count tallies its letters by script.
type word struct {
	buf   [maxWord + 2]rune
	n     int
	count [4]int
}

func (w *word) emit(s Script, fn func([]rune, uint32)) {
	n, count := w.n, w.count
	w.n, w.count = 0, [4]int{}
	for n > 0 && w.buf[n] == '\'' { // a trailing apostrophe is a quote mark
		n--
	}
	if n == 0 {
		return
	}
	ws := Cyrillic
	if count[Latin] > count[Cyrillic] {
		ws = Latin
	}
	if ws != s || count[Other] >= count[ws] {
		return
	}
	if count[Other] > 0 || count[Cyrillic] > 0 && count[Latin] > 0 {
		if n = w.fold(n, ws); n == 0 {
			return
		}
	}
	w.buf[n+1] = ' '
	seq := w.buf[:n+2]
	for i := 1; i < len(seq); i++ {
		h := uint32(hashOffset)
		for o := 1; o <= MaxOrder && o <= i+1; o++ {
			r := seq[i-o+1]
			h = (h ^ uint32(r)) * hashPrime
			if o == 1 && r == ' ' {
				continue
			}
			fn(seq[i-o+1:i+1], h&(1<<orderShift-1)|uint32(o)<<orderShift)
		}
	}
	if len(seq) > MaxOrder {
		h := uint32(hashOffset)
		for i := len(seq) - 1; i >= 0; i-- {
			h = (h ^ uint32(seq[i])) * hashPrime
		}
		fn(seq, h&(1<<orderShift-1)|wordOrder<<orderShift)
	}
}

// fold reads the stray letters of a mixed word of n runes in script ws:
// homoglyphs become their twins and other letters are dropped. It returns
// the new length.
func (w *word) fold(n int, ws Script) int {
	to := latinToCyrillic
	if ws == Latin {
		to = cyrillicToLatin
	}
	j := 0
	for i := 1; i <= n; i++ {
		r := w.buf[i]
		if _, k := classify(r); k < kindSep && Script(k) != ws {
			t, ok := to[r]
			if !ok {
				continue
			}
			r = t
		}
		j++
		w.buf[j] = r
	}
	return j
}
