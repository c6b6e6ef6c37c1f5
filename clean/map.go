package clean

import "sort"

// A Segment ties a run of the cleaned text to a run of the original input.
// Offsets and lengths are in code points.
//
// When Len == OrigLen the two runs correspond one to one: cleaned code point
// Clean+i stands for original code point Orig+i. Otherwise the segment is an
// indivisible chunk that normalisation rewrote (an NFC composition, a
// collapsed run of white space, CRLF turned into LF, an HTML entity): every
// cleaned code point in it maps to Orig, and every original code point in it
// maps to Clean.
type Segment struct {
	Clean   int `json:"c"`
	Orig    int `json:"o"`
	Len     int `json:"n"`
	OrigLen int `json:"on"`
}

// Map records where each code point of a cleaned text came from in the
// original input. Segments are sorted by Clean and by Orig alike (cleaning
// keeps input order), cover the cleaned text without gaps, and never overlap
// in the original. Original code points in no segment were removed.
type Map struct {
	Segments []Segment `json:"segments"`
	CleanLen int       `json:"clean_len"` // code points in the cleaned text
	OrigLen  int       `json:"orig_len"`  // code points in the original input
}

// ToOriginal returns the original offset of the cleaned code point at
// cleanOffset. An offset at or past the end of the cleaned text maps to the
// end of the last original run that was kept, so an exclusive span end maps
// to an exclusive end; a negative offset maps to the first kept code point.
func (m Map) ToOriginal(cleanOffset int) int {
	segs := m.Segments
	if len(segs) == 0 {
		return 0
	}
	if cleanOffset >= m.CleanLen {
		last := segs[len(segs)-1]
		return last.Orig + last.OrigLen
	}
	if cleanOffset < 0 {
		cleanOffset = 0
	}
	// The last segment starting at or before cleanOffset holds it, because
	// segments cover the cleaned text without gaps.
	i := sort.Search(len(segs), func(i int) bool { return segs[i].Clean > cleanOffset }) - 1
	if i < 0 {
		i = 0
	}
	s := segs[i]
	if s.Len == s.OrigLen {
		return s.Orig + cleanOffset - s.Clean
	}
	return s.Orig
}

// FromOriginal returns the cleaned offset of the original code point at
// origOffset and true, or, when cleaning removed that code point, the offset
// of the next cleaned code point that survived (the place where the removed
// text would have been) and false.
func (m Map) FromOriginal(origOffset int) (int, bool) {
	segs := m.Segments
	// The first segment ending after origOffset either holds it or follows it.
	i := sort.Search(len(segs), func(i int) bool { return segs[i].Orig+segs[i].OrigLen > origOffset })
	if i == len(segs) {
		return m.CleanLen, false
	}
	s := segs[i]
	if origOffset < s.Orig {
		return s.Clean, false
	}
	if s.Len == s.OrigLen {
		return s.Clean + origOffset - s.Orig, true
	}
	return s.Clean, true
}

// OriginalSpan maps the cleaned span [start, end) to the smallest original
// span that covers every code point the cleaned span came from. An empty
// span maps to an empty span at ToOriginal(start).
func (m Map) OriginalSpan(start, end int) (int, int) {
	if start < 0 {
		start = 0
	}
	if end > m.CleanLen {
		end = m.CleanLen
	}
	os := m.ToOriginal(start)
	if end <= start {
		return os, os
	}
	// The end is the end of the chunk that holds the last cleaned code point.
	last := end - 1
	segs := m.Segments
	i := sort.Search(len(segs), func(i int) bool { return segs[i].Clean > last }) - 1
	if i < 0 {
		return os, os
	}
	s := segs[i]
	if s.Len == s.OrigLen {
		return os, s.Orig + last - s.Clean + 1
	}
	return os, s.Orig + s.OrigLen
}

// add appends a chunk of n cleaned code points standing for the original
// code points [orig, orig+on), merging it into the previous segment when
// both are one-to-one and adjacent on both sides.
func (m *Map) add(n, orig, on int) {
	if n == 0 {
		return
	}
	if k := len(m.Segments); k > 0 && n == on {
		p := &m.Segments[k-1]
		if p.Len == p.OrigLen && p.Clean+p.Len == m.CleanLen && p.Orig+p.OrigLen == orig {
			p.Len += n
			p.OrigLen += on
			m.CleanLen += n
			return
		}
	}
	m.Segments = append(m.Segments, Segment{Clean: m.CleanLen, Orig: orig, Len: n, OrigLen: on})
	m.CleanLen += n
}
