package app

import (
	"unicode"

	"belgi/annotations"
)

// maxHits bounds the matches a search marks, so that searching for "а" in
// a long document stays quick.
const maxHits = 1000

// FindText returns the code point ranges of text where query occurs,
// ignoring case and treating ё as е, as Russian readers do. Matches do not
// overlap. White space in query matches any run of white space. An empty
// or blank query finds nothing.
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

// fold maps each rune to a comparison form, one rune for one, so offsets
// carry over: lower case, ё as е, any white space as a space. For a query,
// runs of white space shrink to one and the ends are trimmed.
func fold(rs []rune, query bool) []rune {
	out := make([]rune, 0, len(rs))
	for _, r := range rs {
		switch {
		case unicode.IsSpace(r):
			r = ' '
		case r == 'ё' || r == 'Ё':
			r = 'е'
		default:
			r = unicode.ToLower(r)
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
