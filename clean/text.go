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

// kindOf decides a line's kind from patterns first, then from its shape.
func kindOf(f *feat) (kind, string) {
	fw := f.fold
	n := f.words
	first := ""
	if len(f.fwords) > 0 {
		first = f.fwords[0]
	}
	switch {
	case n <= 14 && hasAny(fw, telegramPats) || isViews(fw, n):
		return kTelegram, "telegram"
	case n <= 60 && hasAny(fw, cookiePats) && !f.sentenceAbout():
		return kBoiler, "cookie"
	case n <= 30 && (strings.Contains(f.text, "©") || strings.Contains(fw, " c 20") && n <= 12 || hasAny(fw, footerPats)):
		return kBoiler, "footer"
	case n <= 2 && strings.Contains(f.text, "18+"):
		return kBoiler, "footer"
	case n <= 7 && f.runes <= 70 && hasAny(fw, relatedHeads) && !f.end:
		if startsAny(fw, inlineRelated) && n >= 5 && hasHeadAfterMarker(f.text) {
			return kInline, "related"
		}
		return kStop, "related"
	case n <= 7 && f.runes <= 70 && hasAny(fw, commentHeads) && !f.end && !hasAny(fw, commentUIPats):
		f.comments = true
		return kStop, "comments"
	case startsAny(fw, inlineRelated) && hasHeadAfterMarker(f.text):
		return kInline, "related"
	case n <= 15 && tagFirst[first] && strings.ContainsAny(f.text, ":,") || n <= 3 && tagFirst[first] ||
		n <= 10 && (strings.HasPrefix(fw, " posted in ") || strings.HasPrefix(fw, " filed under ") ||
			strings.HasPrefix(fw, " опубликовано в рубрике ") || strings.HasPrefix(fw, " рубрика ")):
		return kBoiler, "tags"
	case n <= 15 && isContact(f.text, first):
		return kBoiler, "footer"
	case n <= 6 && hasAny(fw, legalPats):
		return kBoiler, "footer"
	case n <= 6 && hasAny(fw, sharePats):
		return kBoiler, "share"
	case n <= 10 && hasAny(fw, subscribePats) && !(f.end && n > 8):
		return kBoiler, "subscribe"
	case n <= 4 && hasAny(fw, adPats):
		return kBoiler, "ads"
	case n <= 6 && hasAny(fw, navPats):
		return kBoiler, "menu"
	case n <= 12 && hasAny(fw, commentUIPats) && !f.end:
		return kBoiler, "comments"
	case isDate(f.fwords):
		return kDate, "date"
	case n <= 14 && isBreadcrumb(f.text):
		if hasDate(fw) {
			return kMeta, "meta" // "12 марта 2023 · Имя Автора"
		}
		return kBoiler, "menu"
	case n <= 8 && creditFirst[first] && (n <= 5 || strings.ContainsAny(f.text, ":/|©")):
		return kMeta, "credit"
	case n <= 12 && bylineFirst[first] && hasDate(fw):
		return kMeta, "meta"
	case n <= 5 && hasAny(fw, metaPats) && hasDigit(fw):
		return kMeta, "meta"
	case f.letters == 0:
		return kMeta, "short" // a number alone: a counter, a rank, a page
	}
	// Shape.
	long := f.runes >= 150
	switch {
	case f.end && n >= 3 && (f.sents >= 2 || lastMeaningful(f.text) != '?' && lastMeaningful(f.text) != '!' || n > 14):
		return kBody, "body"
	case long || n >= 8 && f.sents >= 2:
		return kBody, "body"
	case n >= 3 && f.runes >= 12:
		return kHead, "body"
	}
	return kShort, "short"
}

// sentenceAbout reports a long prose sentence that merely mentions a
// pattern word, such as an article about cookies.
func (f *feat) sentenceAbout() bool {
	return f.words > 25 && f.sents >= 2
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

func isViews(fw string, n int) bool {
	return n <= 6 && hasDigit(fw) && (strings.Contains(fw, " views ") || strings.Contains(fw, " subscribers ") ||
		strings.Contains(fw, " edited ") || strings.Contains(fw, " members "))
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
func isContact(t, first string) bool {
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
