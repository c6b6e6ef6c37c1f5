package annotations

import (
	"fmt"
	"unicode/utf8"
)

// stride is how many code points lie between two checkpoints of an Index.
// Conversions scan at most stride code points after a binary search.
const stride = 32

// An Index converts between code point offsets, UTF-8 byte offsets and UTF-16
// code unit offsets of one string. Conversions cost O(log n + stride).
// The zero Index is the index of the empty string.
type Index struct {
	s     string
	n     int   // code points
	n16   int   // UTF-16 code units
	ascii bool  // every offset unit is the same
	bytes []int // bytes[i] is the byte offset of code point i*stride
	units []int // units[i] is the UTF-16 offset of code point i*stride
}

// NewIndex returns an index of s. Invalid UTF-8 bytes count as one code
// point (U+FFFD) each, as Go's range loop decodes them.
func NewIndex(s string) *Index {
	x := &Index{s: s, ascii: true}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			x.ascii = false
			break
		}
	}
	if x.ascii {
		x.n, x.n16 = len(s), len(s)
		return x
	}
	u := 0
	for b, r := range s {
		if x.n%stride == 0 {
			x.bytes = append(x.bytes, b)
			x.units = append(x.units, u)
		}
		x.n++
		u += utf16Len(r)
	}
	x.n16 = u
	return x
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// String returns the indexed string.
func (x *Index) String() string { return x.s }

// Len returns the length of the string in code points.
func (x *Index) Len() int { return x.n }

// Len16 returns the length of the string in UTF-16 code units.
func (x *Index) Len16() int { return x.n16 }

// Byte returns the UTF-8 byte offset of code point offset cp.
// It panics if cp is outside [0, Len()].
func (x *Index) Byte(cp int) int {
	x.check(cp)
	if x.ascii {
		return cp
	}
	if cp == x.n {
		return len(x.s)
	}
	b := x.bytes[cp/stride]
	for k := cp % stride; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(x.s[b:])
		b += size
	}
	return b
}

// UTF16 returns the UTF-16 offset of code point offset cp.
// It panics if cp is outside [0, Len()].
func (x *Index) UTF16(cp int) int {
	x.check(cp)
	if x.ascii {
		return cp
	}
	if cp == x.n {
		return x.n16
	}
	i := cp / stride
	b, u := x.bytes[i], x.units[i]
	for k := cp % stride; k > 0; k-- {
		r, size := utf8.DecodeRuneInString(x.s[b:])
		b += size
		u += utf16Len(r)
	}
	return u
}

// FromByte returns the code point offset of byte offset b. It fails when b is
// outside the string or inside the encoding of a code point.
func (x *Index) FromByte(b int) (int, error) {
	if b < 0 || b > len(x.s) {
		return 0, fmt.Errorf("byte offset %d outside [0, %d]", b, len(x.s))
	}
	if x.ascii {
		return b, nil
	}
	if b == len(x.s) {
		return x.n, nil
	}
	i := search(x.bytes, b)
	cp, at := i*stride, x.bytes[i]
	for at < b {
		_, size := utf8.DecodeRuneInString(x.s[at:])
		at += size
		cp++
	}
	if at != b {
		return 0, fmt.Errorf("byte offset %d is inside a UTF-8 sequence", b)
	}
	return cp, nil
}

// FromUTF16 returns the code point offset of UTF-16 offset u. It fails when u
// is outside the string or between the two halves of a surrogate pair.
func (x *Index) FromUTF16(u int) (int, error) {
	if u < 0 || u > x.n16 {
		return 0, fmt.Errorf("UTF-16 offset %d outside [0, %d]", u, x.n16)
	}
	if x.ascii {
		return u, nil
	}
	if u == x.n16 {
		return x.n, nil
	}
	i := search(x.units, u)
	cp, b, at := i*stride, x.bytes[i], x.units[i]
	for at < u {
		r, size := utf8.DecodeRuneInString(x.s[b:])
		b += size
		at += utf16Len(r)
		cp++
	}
	if at != u {
		return 0, fmt.Errorf("UTF-16 offset %d splits a surrogate pair", u)
	}
	return cp, nil
}

// Slice returns the text between code point offsets start and end.
// It panics if the range is not within [0, Len()] or start > end.
func (x *Index) Slice(start, end int) string {
	if start > end {
		panic(fmt.Sprintf("annotations: slice [%d:%d] is reversed", start, end))
	}
	return x.s[x.Byte(start):x.Byte(end)]
}

func (x *Index) check(cp int) {
	if cp < 0 || cp > x.n {
		panic(fmt.Sprintf("annotations: code point offset %d outside [0, %d]", cp, x.n))
	}
}

// search returns the largest i with a[i] <= v; a is sorted and a[0] == 0.
func search(a []int, v int) int {
	lo, hi := 0, len(a)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if a[m] <= v {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}
