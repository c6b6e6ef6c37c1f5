// Package tokenize splits text into tokens and sentences for the formats that
// need them, CoNLL and spaCy, when a document has no tokenisation of its own.
// Offsets are code points into the text, end exclusive, as in the model.
//
// The rules, for Russian (ru), Kazakh (kk), English (en) and, without the
// language-specific parts, any other language:
//
//   - Whitespace separates tokens and is never part of one; so are the
//     zero-width space U+200B, the BOM U+FEFF and other format characters
//     that stand alone.
//   - A word is a run of letters, digits and combining marks (so a stress
//     mark U+0301 stays in its word), with a hyphen, a non-breaking hyphen or
//     an apostrophe kept inside when letters or digits follow it:
//     "кое-что", "Алма-Ата", "1995-інші", "д’Артаньян". A number keeps a
//     decimal point, comma or colon between digits: "8,5", "3.14", "12:05".
//   - Kazakh case endings after a number or a percent sign stay with it, as
//     KazNERD tokenises them: "%-ке", "1-інші".
//   - English clitics are split off as the Penn Treebank does: "do n't",
//     "John 's", "we 're".
//   - A URL or e-mail address is one token, without a closing punctuation
//     mark.
//   - An emoji with its modifiers, variation selectors and ZWJ sequence, or a
//     flag (a pair of regional indicators), is one token: "👩‍⚖️", "🇰🇿".
//   - Any other character is a token of its own, except that a run of the
//     same punctuation mark is one token: "...", "!!", "--".
//
// Sentences end at a line break, and after ".", "!", "?", "…" or a run of
// them (with any closing quotes or brackets) when the next token begins with
// an upper-case letter, a digit or an opening quote or bracket, unless the
// full stop ends a known abbreviation of the language ("г.", "т.", "ж.",
// "Mr.") or a single capital letter (an initial: "Н. Назарбаев").
package tokenize

import (
	"strings"
	"unicode"
)

// A Token is a stretch of text, in code points, end exclusive.
type Token struct {
	Start, End int
}

// Tokens returns the tokens of text for the language lang (a BCP 47 tag;
// only its primary subtag is used).
func Tokens(text, lang string) []Token {
	var toks []Token
	for _, s := range Sentences(text, lang) {
		toks = append(toks, s...)
	}
	return toks
}

// Sentences returns the tokens of text grouped into sentences.
func Sentences(text, lang string) [][]Token {
	lang = primary(lang)
	rs := []rune(text)
	var sents [][]Token
	var cur []Token
	flush := func() {
		if len(cur) > 0 {
			sents = append(sents, cur)
			cur = nil
		}
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f' || r == '\u0085' {
			flush()
			i++
			continue
		}
		if isSpace(r) {
			i++
			continue
		}
		end := scan(rs, i, lang)
		cur = appendToken(cur, rs, Token{i, end}, lang)
		i = end
	}
	flush()
	// Split each line's tokens at sentence ends.
	var out [][]Token
	for _, s := range sents {
		start := 0
		for k := 0; k < len(s); k++ {
			if !isTerminal(rs, s[k]) {
				continue
			}
			j := k + 1
			for j < len(s) && isCloser(rs, s[j]) {
				j++
			}
			if j >= len(s) {
				break
			}
			if !startsSentence(rs, s[j]) || abbreviation(rs, s, k, lang) {
				continue
			}
			out = append(out, s[start:j])
			start = j
			k = j - 1
		}
		out = append(out, s[start:])
	}
	return out
}

func primary(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u2060' || r == '\u200e' || r == '\u200f' || r == '\u00ad'
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

func isDigit(r rune) bool { return unicode.IsDigit(r) }

// scan returns the end of the token starting at rs[i].
func scan(rs []rune, i int, lang string) int {
	r := rs[i]
	if end := scanURL(rs, i); end > i {
		return end
	}
	switch {
	case isWord(r):
		return scanWord(rs, i)
	case r == '%' && i+2 < len(rs) && isHyphen(rs[i+1]) && unicode.IsLetter(rs[i+2]):
		j := i + 2
		for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.Is(unicode.M, rs[j])) {
			j++
		}
		return j
	case isRegional(r):
		if i+1 < len(rs) && isRegional(rs[i+1]) {
			return i + 2
		}
		return i + 1
	case isEmoji(r):
		return scanEmoji(rs, i)
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		j := i + 1
		for j < len(rs) && rs[j] == r {
			j++
		}
		// Marks after a symbol (a keycap, a variation selector) stay with it.
		for j < len(rs) && (unicode.Is(unicode.M, rs[j]) || isVariation(rs[j])) {
			j++
		}
		return j
	}
	j := i + 1
	for j < len(rs) && unicode.Is(unicode.M, rs[j]) {
		j++
	}
	return j
}

func scanWord(rs []rune, i int) int {
	j := i
	for j < len(rs) {
		r := rs[j]
		switch {
		case isWord(r):
			j++
		case (isHyphen(r) || isApostrophe(r)) && j+1 < len(rs) && isWord(rs[j+1]) && !unicode.Is(unicode.M, rs[j+1]):
			j++
		case (r == '.' || r == ',' || r == ':') && j > i && isDigit(rs[j-1]) && j+1 < len(rs) && isDigit(rs[j+1]):
			j++
		default:
			return j
		}
	}
	return j
}

func isHyphen(r rune) bool     { return r == '-' || r == '\u2011' }
func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

// scanURL returns the end of a URL or e-mail address starting at rs[i], or i.
func scanURL(rs []rune, i int) int {
	j := i
	switch {
	case hasPrefixFold(rs[i:], "https://"), hasPrefixFold(rs[i:], "http://"), hasPrefixFold(rs[i:], "www."):
	default:
		// user@host.tld
		k := i
		for k < len(rs) && (isWord(rs[k]) || rs[k] == '.' || rs[k] == '_' || rs[k] == '-' || rs[k] == '+') {
			k++
		}
		if k == i || k >= len(rs) || rs[k] != '@' || k+1 >= len(rs) || !isWord(rs[k+1]) {
			return i
		}
		j = k + 1
	}
	for j < len(rs) && !isSpace(rs[j]) && rs[j] != '\n' && rs[j] != '\r' && !strings.ContainsRune("«»\"<>“”", rs[j]) {
		j++
	}
	for j > i && strings.ContainsRune(".,;:!?)]}'’", rs[j-1]) {
		j--
	}
	if j-i < 4 {
		return i
	}
	return j
}

// hasPrefixFold reports whether rs starts with the ASCII prefix, in any case.
func hasPrefixFold(rs []rune, prefix string) bool {
	if len(rs) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		r := rs[k]
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		if r != rune(prefix[k]) {
			return false
		}
	}
	return true
}

func isRegional(r rune) bool  { return r >= 0x1F1E6 && r <= 0x1F1FF }
func isVariation(r rune) bool { return r >= 0xFE00 && r <= 0xFE0F }
func isSkinTone(r rune) bool  { return r >= 0x1F3FB && r <= 0x1F3FF }

func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x2B00 && r <= 0x2BFF || r >= 0x1F900 && r <= 0x1F9FF
}

// scanEmoji returns the end of an emoji sequence: modifiers, variation
// selectors, tags and ZWJ-joined emoji stay together.
func scanEmoji(rs []rune, i int) int {
	j := i + 1
	for j < len(rs) {
		r := rs[j]
		switch {
		case isVariation(r) || isSkinTone(r) || unicode.Is(unicode.M, r) || r >= 0xE0020 && r <= 0xE007F:
			j++
		case r == '\u200d' && j+1 < len(rs) && !isSpace(rs[j+1]):
			j += 2
		default:
			return j
		}
	}
	return j
}

// appendToken appends t to toks, splitting off English clitics.
func appendToken(toks []Token, rs []rune, t Token, lang string) []Token {
	if lang == "en" && t.End-t.Start > 2 {
		w := strings.ToLower(strings.Map(func(r rune) rune {
			if isApostrophe(r) {
				return '\''
			}
			return r
		}, string(rs[t.Start:t.End])))
		for _, c := range []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"} {
			n := len([]rune(c))
			if strings.HasSuffix(w, c) && t.End-t.Start > n {
				return append(toks, Token{t.Start, t.End - n}, Token{t.End - n, t.End})
			}
		}
	}
	return append(toks, t)
}

func text(rs []rune, t Token) string { return string(rs[t.Start:t.End]) }

func isTerminal(rs []rune, t Token) bool {
	s := text(rs, t)
	return strings.Trim(s, ".!?…") == "" && s != ""
}

func isCloser(rs []rune, t Token) bool {
	return strings.Trim(text(rs, t), "»”’\")]}") == ""
}

func startsSentence(rs []rune, t Token) bool {
	r := rs[t.Start]
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("«“„\"([—–-", r) || unicode.IsTitle(r)
}

// abbreviation reports whether the full stop s[k] ends an abbreviation.
func abbreviation(rs []rune, s []Token, k int, lang string) bool {
	if text(rs, s[k]) != "." || k == 0 {
		return false
	}
	prev := s[k-1]
	if prev.End != s[k].Start {
		return false
	}
	w := text(rs, prev)
	if n := []rune(w); len(n) == 1 && unicode.IsUpper(n[0]) {
		return true // an initial
	}
	return abbrevs[lang][strings.ToLower(w)]
}

var abbrevs = map[string]map[string]bool{
	"ru": set("г", "гг", "т", "е", "д", "др", "пр", "им", "ул", "пл", "просп", "пер", "обл", "р", "руб", "коп", "тыс", "млн", "млрд", "см", "стр", "ст", "гл", "н", "э", "в", "вв", "напр", "проф", "акад", "доц", "чел", "мин", "сек", "ч", "кв", "корп", "англ", "рус", "каз"),
	"kk": set("ж", "жж", "т", "б", "г", "м", "мыс", "ғ", "ғғ", "көш", "обл", "ауд", "млн", "млрд", "мың", "тг", "бб", "проф", "акад", "қ", "с"),
	"en": set("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen", "gov", "sen", "rep", "u.s", "e.g", "i.e"),
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
