// Package translit spells Cyrillic Kazakh in the Latin alphabets that Kazakh
// text is found in, so that the language identifier can learn Latin-script
// Kazakh from Cyrillic training text.
package translit

import (
	"strings"
	"unicode"
)

// A Spelling is one way of writing Kazakh in Latin letters.
type Spelling int

const (
	// Official2021 is the alphabet of the 2021 revision: ä ğ ñ ö ū ü ş ç,
	// dotless ı for І, dotted İ i for И and Й.
	Official2021 Spelling = iota
	// Acute2018 is the alphabet of the February 2018 decree: acute accents
	// (á ǵ ń ó ú ý), digraphs sh and ch, dotless ı for И and Й.
	Acute2018
	// Plain2021 is Official2021 typed without diacritics.
	Plain2021
	// Plain2018 is Acute2018 typed without diacritics.
	Plain2018
)

// Spellings lists every Spelling.
var Spellings = []Spelling{Official2021, Acute2018, Plain2021, Plain2018}

func (s Spelling) String() string {
	switch s {
	case Official2021:
		return "2021"
	case Acute2018:
		return "2018"
	case Plain2021:
		return "2021-plain"
	case Plain2018:
		return "2018-plain"
	}
	return "?"
}

// tables maps lower-case Cyrillic letters to their lower-case spelling; a
// letter that is missing stays as it is. upper holds the capitals that are not
// plain unicode.ToUpper of the spelling's first letter (Turkic dotted and
// dotless i).
var (
	table2021 = map[rune]string{
		'а': "a", 'ә': "ä", 'б': "b", 'в': "v", 'г': "g", 'ғ': "ğ", 'д': "d",
		'е': "e", 'ё': "io", 'ж': "j", 'з': "z", 'и': "i", 'й': "i", 'к': "k",
		'қ': "q", 'л': "l", 'м': "m", 'н': "n", 'ң': "ñ", 'о': "o", 'ө': "ö",
		'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ұ': "ū", 'ү': "ü",
		'ф': "f", 'х': "h", 'һ': "h", 'ц': "ts", 'ч': "ç", 'ш': "ş", 'щ': "şş",
		'ъ': "", 'ы': "y", 'і': "ı", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
	}
	upper2021 = map[rune]string{'и': "İ", 'й': "İ", 'і': "I", 'ё': "İo", 'ю': "İu", 'я': "İa"}

	table2018 = map[rune]string{
		'а': "a", 'ә': "á", 'б': "b", 'в': "v", 'г': "g", 'ғ': "ǵ", 'д': "d",
		'е': "e", 'ё': "ıo", 'ж': "j", 'з': "z", 'и': "ı", 'й': "ı", 'к': "k",
		'қ': "q", 'л': "l", 'м': "m", 'н': "n", 'ң': "ń", 'о': "o", 'ө': "ó",
		'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "ý", 'ұ': "u", 'ү': "ú",
		'ф': "f", 'х': "h", 'һ': "h", 'ц': "c", 'ч': "ch", 'ш': "sh", 'щ': "shsh",
		'ъ': "", 'ы': "y", 'і': "i", 'ь': "", 'э': "e", 'ю': "ıý", 'я': "ıa",
	}
	upper2018 = map[rune]string{'и': "I", 'й': "I", 'і': "I", 'ё': "Io", 'ю': "Iý", 'я': "Ia"}

	// plain drops the diacritics of both alphabets.
	plain = strings.NewReplacer(
		"ä", "a", "ğ", "g", "ñ", "n", "ö", "o", "ū", "u", "ü", "u", "ş", "s", "ç", "c", "ı", "i", "İ", "I",
		"Ä", "A", "Ğ", "G", "Ñ", "N", "Ö", "O", "Ū", "U", "Ü", "U", "Ş", "S", "Ç", "C",
		"á", "a", "ǵ", "g", "ń", "n", "ó", "o", "ú", "u", "ý", "y",
		"Á", "A", "Ǵ", "G", "Ń", "N", "Ó", "O", "Ú", "U", "Ý", "Y",
	)
)

// Latin spells Cyrillic Kazakh text s in Latin letters. Characters that are
// not Cyrillic letters of the Kazakh alphabet are copied unchanged. A capital
// becomes a capital initial (Ш → Ş or Sh), or all capitals when the next
// letter is a capital too (ШЫМ → ŞYM, SHYM).
func Latin(s string, sp Spelling) string {
	table, upper := table2021, upper2021
	if sp == Acute2018 || sp == Plain2018 {
		table, upper = table2018, upper2018
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		lr := unicode.ToLower(r)
		lat, ok := table[lr]
		if !ok {
			b.WriteRune(r)
			continue
		}
		if lr == r || lat == "" {
			b.WriteString(lat)
			continue
		}
		if u, ok := upper[lr]; ok {
			lat = u
		} else {
			first := []rune(lat)
			first[0] = unicode.ToUpper(first[0])
			lat = string(first)
		}
		if i+1 < len(rs) && unicode.IsUpper(rs[i+1]) {
			lat = strings.ToUpper(lat)
			if lr == 'и' || lr == 'й' {
				lat = upper[lr] // strings.ToUpper would keep İ but turn ı into I, which is right too
			}
		}
		b.WriteString(lat)
	}
	out := b.String()
	if sp == Plain2021 || sp == Plain2018 {
		out = plain.Replace(out)
	}
	return out
}
