package recommend

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit FNV-1a hashes of a kind byte and the strings the
// feature is made of; the model keeps weights only for the hashes it has
// seen. At 2^64 the chance that two of a million features collide is about
// one in 10^7.
type hash uint64

const (
	fnvOffset hash = 14695981039346656037
	fnvPrime  hash = 1099511628211
)

func newHash(kind byte) hash { return (fnvOffset ^ hash(kind)) * fnvPrime }

func (h hash) byte(b byte) hash { return (h ^ hash(b)) * fnvPrime }

func (h hash) str(s string) hash {
	for i := 0; i < len(s); i++ {
		h = (h ^ hash(s[i])) * fnvPrime
	}
	return h
}

// Feature kinds.
const (
	fBias byte = iota + 1
	fWord
	fPrefix
	fSuffix
	fShape
	fFlag
	fPrev
	fNext
	fPrev2
	fNext2
	fPrevSuffix
	fNextSuffix
	fPrevShape
	fNextShape
	fPrevWord
	fWordNext
	fShapes
	fGaz
	fGazStem
	fParent
)

// Word flags.
const (
	flagFirst byte = iota + 1
	flagCap
	flagAllCaps
	flagDigit
	flagAllDigits
	flagHyphen
	flagPunct
	flagCyrillic
	flagLatin
	flagMixed
	flagKazakh
	flagLen1
	flagLen2
	flagLen3
	flagLen6
	flagLong
)

// A word is what the features look at in one token.
type word struct {
	norm  string // lower case, without combining marks, ё as е
	shape string // X for upper case, x lower case, d digit, runs collapsed
	cuts  []int  // byte offsets of the rune boundaries of norm, 0 first
	flags []byte
}

// kazakh holds the letters of the Kazakh Cyrillic alphabet that Russian
// does not have.
const kazakh = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

// newWord returns the features of token text w, the first of its sentence
// when first is set.
func newWord(w string, first bool) word {
	var norm, shape strings.Builder
	norm.Grow(len(w))
	var x word
	var last byte
	letters, upper, digits, cyr, lat, n := 0, 0, 0, 0, 0, 0
	hyphen, punct, kk := false, true, false
	for _, r := range w {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		n++
		var s byte
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			s = 'X'
			upper++
		case unicode.IsLetter(r):
			s = 'x'
		case unicode.IsDigit(r):
			s = 'd'
			digits++
		case r < utf8.RuneSelf:
			s = byte(r)
		default:
			s = '*'
		}
		if unicode.IsLetter(r) {
			letters++
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Latin, r):
				lat++
			}
			kk = kk || strings.ContainsRune(kazakh, r)
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			punct = false
		}
		hyphen = hyphen || r == '-' || r == '\u2011'
		if s != last {
			shape.WriteByte(s)
			last = s
		}
		switch r = unicode.ToLower(r); r {
		case 'ё':
			r = 'е'
		case 0: // NUL joins words in gazetteer keys
			r = utf8.RuneError
		}
		x.cuts = append(x.cuts, norm.Len())
		norm.WriteRune(r)
	}
	x.cuts = append(x.cuts, norm.Len())
	x.norm, x.shape = norm.String(), shape.String()
	flag := func(ok bool, f byte) {
		if ok {
			x.flags = append(x.flags, f)
		}
	}
	flag(first, flagFirst)
	flag(upper > 0 && upper < letters && shape.Len() > 0 && x.shape[0] == 'X', flagCap)
	flag(letters > 1 && upper == letters, flagAllCaps)
	flag(digits > 0, flagDigit)
	flag(digits > 0 && digits == n, flagAllDigits)
	flag(hyphen, flagHyphen)
	flag(punct && n > 0, flagPunct)
	flag(cyr > 0 && lat == 0, flagCyrillic)
	flag(lat > 0 && cyr == 0, flagLatin)
	flag(lat > 0 && cyr > 0, flagMixed)
	flag(kk, flagKazakh)
	switch {
	case n <= 1:
		x.flags = append(x.flags, flagLen1)
	case n == 2:
		x.flags = append(x.flags, flagLen2)
	case n <= 5:
		x.flags = append(x.flags, flagLen3)
	case n <= 10:
		x.flags = append(x.flags, flagLen6)
	default:
		x.flags = append(x.flags, flagLong)
	}
	return x
}

// runes returns the number of code points of x.norm.
func (x *word) runes() int { return len(x.cuts) - 1 }

// suffix returns the last n code points of x.norm.
func (x *word) suffix(n int) string { return x.norm[x.cuts[x.runes()-n]:] }

// prefix returns the first n code points of x.norm.
func (x *word) prefix(n int) string { return x.norm[:x.cuts[n]] }

// maxAffix is the longest prefix and suffix the features use.
const maxAffix = 5

// boundary stands for the word before the first and after the last.
var boundary = word{norm: "\x00", shape: "\x00", cuts: []int{0, 1}}

// tokenFeatures appends the hashes of the features of token i of ws that
// do not depend on the gazetteer or the layer.
func tokenFeatures(dst []hash, ws []word, i int) []hash {
	at := func(k int) *word {
		if k < 0 || k >= len(ws) {
			return &boundary
		}
		return &ws[k]
	}
	w, prev, next := at(i), at(i-1), at(i+1)
	dst = append(dst,
		newHash(fBias),
		newHash(fWord).str(w.norm),
		newHash(fShape).str(w.shape),
		newHash(fPrev).str(prev.norm),
		newHash(fNext).str(next.norm),
		newHash(fPrev2).str(at(i-2).norm),
		newHash(fNext2).str(at(i+2).norm),
		newHash(fPrevShape).str(prev.shape),
		newHash(fNextShape).str(next.shape),
		newHash(fPrevWord).str(prev.norm).byte(0xff).str(w.norm),
		newHash(fWordNext).str(w.norm).byte(0xff).str(next.norm),
		newHash(fShapes).str(prev.shape).byte(0xff).str(w.shape).byte(0xff).str(next.shape),
		newHash(fPrevSuffix).str(prev.suffix(min(3, prev.runes()))),
		newHash(fNextSuffix).str(next.suffix(min(3, next.runes()))),
	)
	n := w.runes()
	for k := 1; k <= maxAffix && k < n; k++ {
		dst = append(dst, newHash(fPrefix).byte(byte(k)).str(w.prefix(k)), newHash(fSuffix).byte(byte(k)).str(w.suffix(k)))
	}
	for _, f := range w.flags {
		dst = append(dst, newHash(fFlag).byte(f))
	}
	return dst
}

// words returns the features of the tokens of a sentence.
func words(ws []string) []word {
	out := make([]word, len(ws))
	for i, w := range ws {
		out[i] = newWord(w, i == 0)
	}
	return out
}

// Features of the nested layer: the label of the enclosing span, alone and
// with the token's place in it.
const (
	placeAny byte = iota
	placeFirst
	placeInside
	placeLast
)

func parentFeature(label string, place byte) hash {
	return newHash(fParent).str(label).byte(0xff).byte(place)
}

// place returns where token i is in a span of tokens first..last.
func place(i, first, last int) byte {
	switch i {
	case first:
		return placeFirst
	case last:
		return placeLast
	}
	return placeInside
}
