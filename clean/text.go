package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is the coarse type of a line, judged on the line alone.
type kind uint8

const (
	kBlank    kind = iota // no letters or digits
	kBody                 // running prose: a sentence or a long line
	kHead                 // headline-like: several words, no sentence end
	kShort                // one or two words: a menu item, a name, a button
	kDate                 // a date or time, perhaps with a few words around it
	kMeta                 // byline, credit, views, reading time
	kBoiler               // footer, share buttons, cookie notice, ads, tags, navigation
	kTelegram             // Telegram web preview chrome
	kStop                 // heading of a related-news feed or of the comments
	kInline               // an inline "Read more: …" link line
)

// feat holds what the classifier knows about one line.
type feat struct {
	text   string   // white space collapsed
	fold   string   // see fold
	fwords []string // the words of fold
	kind   kind
	reason string // why a line of a dropped kind is dropped

	words, runes, letters, fw int
	sents                     int  // sentence ends inside or at the end
	end                       bool // ends like a sentence
	lower                     bool // starts with a lower-case letter
	capsWords                 bool // every word starts with a capital or a non-letter
	comments                  bool // for kStop: the comments, not a feed
	teaser                    bool // a one-sentence teaser inside a list
	score                     float64
}

// analyse computes the features of one line from its raw text.
func analyse(raw string) feat {
	var f feat
	var b strings.Builder
	b.Grow(len(raw))
	space, inWord := false, false
	digits := 0
	prevEnd := false
	first := true
	f.capsWords = true
	for _, r := range raw {
		if isFormat(r) {
			continue
		}
		if isSpace(r) {
			space = b.Len() > 0
			inWord = false
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		f.runes++
		if !inWord {
			f.words++
			inWord = true
			if unicode.IsLower(r) {
				f.capsWords = false
			}
		}
		switch {
		case unicode.IsLetter(r):
			if first {
				f.lower = unicode.IsLower(r)
				first = false
			}
			if prevEnd && unicode.IsUpper(r) {
				f.sents++
			}
			f.letters++
			prevEnd = false
		case unicode.IsDigit(r):
			digits++
			first = false
			prevEnd = false
		case r == '.' || r == '!' || r == '?' || r == '…':
			prevEnd = true
		case isQuote(r):
		default:
			prevEnd = false
		}
	}
	f.text = b.String()
	f.capsWords = f.capsWords && f.words > 0
	if f.letters == 0 && digits == 0 {
		f.kind = kBlank
		return f
	}
	f.fold = fold(f.text)
	f.fwords = foldWords(f.fold)
	for _, w := range f.fwords {
		if functionWords[w] {
			f.fw++
		}
	}
	switch lastMeaningful(f.text) {
	case '.', '…', '!', '?':
		f.end = true
		f.sents++
	case ':', ';':
		f.end = f.words >= 5
	}
	f.kind, f.reason = kindOf(&f)
	f.comments = f.kind == kStop && f.reason == "comments"
	return f
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '«', '»', '“', '”', '„', '‘', '’', ')', ']', '(':
		return true
	}
	return false
}

// lastMeaningful returns the last rune of t that is not a closing quote,
// bracket, space or emoji.
func lastMeaningful(t string) rune {
	for len(t) > 0 {
		r, w := utf8.DecodeLastRuneInString(t)
		t = t[:len(t)-w]
		if isQuote(r) || r == ' ' || r > 0x2000 && !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '…' {
			continue
		}
		return r
	}
	return 0
}

// hasHeadAfterMarker reports an inline related link: a marker such as
// "Читайте также:" followed by a headline on the same line.
func hasHeadAfterMarker(t string) bool {
	i := strings.IndexAny(t, ":—–-|»>")
	if i < 0 {
		return false
	}
	rest := strings.Fields(t[i+1:])
	return len(rest) >= 2
}

func hasDigit(s string) bool {
	return strings.IndexAny(s, "0123456789") >= 0
}

// isDate reports a line made of a date or time and date words only (at most
// one other word).
func isDate(toks []string) bool {
	if len(toks) == 0 || len(toks) > 12 {
		return false
	}
	anchor, other := false, 0
	for _, t := range toks {
		switch {
		case hasDigit(t):
			anchor = true
		case isMonth(t):
			anchor = true
		case dateWords[t]:
		default:
			other++
		}
	}
	return anchor && other <= 1 && other*4 < len(toks)
}

// hasDate reports a line that may carry a date: a month name or a number.
func hasDate(fw string) bool {
	if hasDigit(fw) {
		return true
	}
	for _, t := range foldWords(fw) {
		if isMonth(t) {
			return true
		}
	}
	return false
}

func isMonth(t string) bool {
	for _, m := range monthStems {
		if strings.HasPrefix(t, m) && utf8.RuneCountInString(t) <= utf8.RuneCountInString(m)+3 {
			return true
		}
	}
	return false
}

// isContact reports an address, phone or e-mail line.
func isContact(f *feat) bool {
	t, first := f.text, ""
	if len(f.fwords) > 0 {
		first = f.fwords[0]
	}
	switch first {
	case "тел", "tel", "телефон", "phone", "факс", "fax", "email", "e", "адрес", "address",
		"мекенжайы", "мекенжай", "почта", "телефоны", "контакты", "contacts", "whatsapp":
		return true
	}
	if at := strings.IndexByte(t, '@'); at > 0 && strings.IndexByte(t[at:], '.') > 0 {
		return true
	}
	// A phone number: many digits with the usual separators.
	digits, seps := 0, 0
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' || r == '(' || r == ')' || r == '-':
			seps++
		}
	}
	return digits >= 9 && seps >= 2 && digits*2 >= utf8.RuneCountInString(t)-strings.Count(t, " ")
}

// isBreadcrumb reports navigation such as "Главная > Новости > Политика" or
// "Қаз | Рус | Eng": two or more short items between spaced separators,
// without a sentence end.
func isBreadcrumb(t string) bool {
	for _, sep := range []string{" / ", " » ", " > ", " › ", " → ", " | ", " • ", " · ", " \\ "} {
		t = strings.ReplaceAll(t, sep, "\x00")
	}
	items := strings.Split(t, "\x00")
	if len(items) < 2 {
		return false
	}
	for _, it := range items {
		n := len(strings.Fields(it))
		if n == 0 || n > 4 {
			return false
		}
	}
	return !strings.HasSuffix(strings.TrimSpace(t), ".")
}
