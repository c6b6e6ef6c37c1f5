package translit

import (
	"strings"
	"unicode"
)

// uzbek maps lower-case Cyrillic Uzbek letters to the Latin alphabet of 1995
// as it is written today (oʻ and gʻ with the turned comma, ʼ for ъ).
// е is ye at the start of a word and after a vowel; ц is ts.
var uzbek = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo",
	'ж': "j", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "x", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'ъ': "ʼ", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya", 'ў': "oʻ", 'қ': "q", 'ғ': "gʻ", 'ҳ': "h",
}

// UzbekLatin spells Cyrillic Uzbek text s in the Latin alphabet. Other
// characters are copied unchanged; capitals become capital initials, or all
// capitals when the next letter is a capital too.
func UzbekLatin(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		lr := unicode.ToLower(r)
		lat, ok := uzbek[lr]
		if !ok {
			b.WriteRune(r)
			continue
		}
		if lr == 'е' && (i == 0 || !unicode.IsLetter(rs[i-1]) || strings.ContainsRune("аеёиоуэюяўАЕЁИОУЭЮЯЎ", rs[i-1])) {
			lat = "ye"
		}
		if lr != r && lat != "" && lat != "ʼ" {
			if i+1 < len(rs) && unicode.IsUpper(rs[i+1]) {
				lat = strings.ToUpper(lat)
			} else {
				first := []rune(lat)
				first[0] = unicode.ToUpper(first[0])
				lat = string(first)
			}
		}
		b.WriteString(lat)
	}
	return b.String()
}
