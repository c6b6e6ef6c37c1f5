package clean

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// checkResult verifies the contracts of a Result for raw: lines in order
// and inside the input, a well-formed map that round-trips, characters that
// map to themselves unless normalisation changed them, and Apply
// reproducing the result.
func checkResult(t testing.TB, raw string, r Result, isHTML bool) {
	t.Helper()
	orig := []rune(raw)
	clean := []rune(r.Text)
	if !utf8.ValidString(r.Text) {
		t.Fatalf("cleaned text is not valid UTF-8: %q", r.Text)
	}
	// Lines.
	prev := 0
	for i, l := range r.Lines {
		if l.Start < prev || l.End < l.Start || l.End > len(orig) {
			t.Fatalf("line %d [%d,%d) out of order or range (prev end %d, input %d)", i, l.Start, l.End, prev, len(orig))
		}
		if !isHTML {
			// Between two lines lies exactly one line terminator.
			gap := string(orig[prev:l.Start])
			if i > 0 && terminatorLen(gap) != len([]rune(gap)) || i == 0 && gap != "" {
				t.Fatalf("line %d: gap %q before it is not one terminator", i, gap)
			}
			if strings.ContainsAny(string(orig[l.Start:l.End]), "\r\n\u2028\u2029") {
				t.Fatalf("line %d contains a terminator", i)
			}
		}
		if l.Reason == "" {
			t.Fatalf("line %d has no reason", i)
		}
		prev = l.End
	}
	if !isHTML && len(r.Lines) > 0 {
		tail := string(orig[prev:])
		if terminatorLen(tail) != len([]rune(tail)) {
			t.Fatalf("input after the last line is %q, not one terminator", tail)
		}
	}
	// Map shape.
	m := r.Map
	if m.CleanLen != len(clean) || m.OrigLen != len(orig) {
		t.Fatalf("map lengths %d/%d, want %d/%d", m.CleanLen, m.OrigLen, len(clean), len(orig))
	}
	c, o := 0, 0
	for i, s := range m.Segments {
		if s.Clean != c || s.Len <= 0 || s.OrigLen < 0 || s.Orig < o || s.Orig+s.OrigLen > len(orig) {
			t.Fatalf("segment %d %+v does not follow clean %d / orig %d", i, s, c, o)
		}
		c, o = s.Clean+s.Len, s.Orig+s.OrigLen
	}
	if c != len(clean) {
		t.Fatalf("segments cover %d of %d cleaned code points", c, len(clean))
	}
	// Round trips and characters.
	for i, s := range m.Segments {
		for k := 0; k < s.Len; k++ {
			ci := s.Clean + k
			oi := m.ToOriginal(ci)
			if s.Len == s.OrigLen {
				if oi != s.Orig+k {
					t.Fatalf("ToOriginal(%d) = %d, want %d (segment %d)", ci, oi, s.Orig+k, i)
				}
			} else if oi != s.Orig {
				t.Fatalf("ToOriginal(%d) = %d, want chunk start %d", ci, oi, s.Orig)
			}
			if s.OrigLen == 0 {
				continue
			}
			back, ok := m.FromOriginal(oi)
			want := ci
			if s.Len != s.OrigLen {
				want = s.Clean
			}
			if !ok || back != want {
				t.Fatalf("FromOriginal(ToOriginal(%d)=%d) = %d, %v; want %d", ci, oi, back, ok, want)
			}
			if s.Len == s.OrigLen && clean[ci] != orig[oi] && !normalised(orig[oi], clean[ci]) {
				t.Fatalf("cleaned %q at %d maps to original %q at %d", clean[ci], ci, orig[oi], oi)
			}
		}
	}
	// Removed original code points say so.
	kept := make([]bool, len(orig))
	for _, s := range m.Segments {
		for k := s.Orig; k < s.Orig+s.OrigLen; k++ {
			kept[k] = true
		}
	}
	for oi := range orig {
		if _, ok := m.FromOriginal(oi); ok != kept[oi] {
			t.Fatalf("FromOriginal(%d) ok = %v, want %v", oi, !kept[oi], kept[oi])
		}
	}
	// Apply reproduces the result.
	var again Result
	if isHTML {
		var err error
		if again, err = ApplyHTML(raw, r.Lines); err != nil {
			t.Fatal(err)
		}
	} else {
		again = Apply(raw, r.Lines)
	}
	if again.Text != r.Text || !reflect.DeepEqual(again.Map, r.Map) {
		t.Fatalf("Apply does not reproduce the result:\n got %q\nwant %q", again.Text, r.Text)
	}
}

// normalised reports a code point that normalisation may rewrite one for
// one: white space and controls become a space, a line terminator becomes
// "\n", NFC maps singletons and reorders combining marks, and invalid
// UTF-8 decodes to U+FFFD.
func normalised(o, c rune) bool {
	switch {
	case isSpace(o) && (c == ' ' || c == '\n'):
		return true
	case o == '\r' || o == '\u2028' || o == '\u2029':
		return true
	case unicode.In(o, unicode.Mn, unicode.Mc, unicode.Me) || unicode.In(c, unicode.Mn, unicode.Mc, unicode.Me):
		return true
	case norm.NFC.String(string(o)) != string(o):
		return true
	case o == utf8.RuneError || c == utf8.RuneError:
		return true
	}
	return false
}
