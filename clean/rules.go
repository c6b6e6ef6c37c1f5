package clean

import (
	"strings"

	"belgi/clean/internal/ablate"
)

// A rule is one named test on a line alone. The rules are tried in order
// and the first that matches gives the line its kind; a line no rule takes
// is kShort. Each rule can be switched off by name (see clean/internal/
// ablate), so that the eval can measure what it is worth.
type rule struct {
	name   string
	kind   kind
	reason string
	max    int                // at most this many words; 0: any number
	pats   *patterns          // the folded line contains one of these, if set
	first  map[string]bool    // its first folded word is one of these, if set
	test   func(f *feat) bool // and this holds, if set
}

// rules decide a line's kind from patterns first, then from its shape.
var rules = []rule{
	{name: "telegram", kind: kTelegram, reason: "telegram", max: 14, pats: telegramPats},
	{name: "views", kind: kTelegram, reason: "telegram", max: 6, test: isViews},
	{name: "cookie", kind: kBoiler, reason: "cookie", max: 60, pats: cookiePats, test: not(sentenceAbout)},
	{name: "copyright", kind: kBoiler, reason: "footer", max: 30, test: copyright},
	{name: "footer", kind: kBoiler, reason: "footer", max: 30, pats: footerPats},
	{name: "age-mark", kind: kBoiler, reason: "footer", max: 2, test: func(f *feat) bool { return strings.Contains(f.text, "18+") }},
	{name: "related-inline-head", kind: kInline, reason: "related", max: 7, pats: relatedHeads, test: func(f *feat) bool {
		return f.runes <= 70 && !f.end && f.words >= 5 && inlineLink(f)
	}},
	{name: "related-head", kind: kStop, reason: "related", max: 7, pats: relatedHeads, test: heading},
	{name: "comments-head", kind: kStop, reason: "comments", max: 7, pats: commentHeads, test: func(f *feat) bool {
		return heading(f) && !hasAny(f.fold, commentUIPats)
	}},
	{name: "related-inline", kind: kInline, reason: "related", test: inlineLink},
	{name: "tags", kind: kBoiler, reason: "tags", max: 15, first: tagFirst, test: func(f *feat) bool {
		return f.words <= 3 || strings.ContainsAny(f.text, ":,")
	}},
	{name: "filed-under", kind: kBoiler, reason: "tags", max: 10, test: func(f *feat) bool { return startsAny(f.fold, filedPats) }},
	{name: "contact", kind: kBoiler, reason: "footer", max: 15, test: isContact},
	{name: "legal", kind: kBoiler, reason: "footer", max: 6, pats: legalPats},
	{name: "share", kind: kBoiler, reason: "share", max: 6, pats: sharePats},
	{name: "subscribe", kind: kBoiler, reason: "subscribe", max: 10, pats: subscribePats, test: func(f *feat) bool {
		return !(f.end && f.words > 8)
	}},
	{name: "ads", kind: kBoiler, reason: "ads", max: 4, pats: adPats},
	{name: "nav", kind: kBoiler, reason: "menu", max: 6, pats: navPats},
	{name: "comment-ui", kind: kBoiler, reason: "comments", max: 12, pats: commentUIPats, test: func(f *feat) bool { return !f.end }},
	{name: "date", kind: kDate, reason: "date", test: func(f *feat) bool { return isDate(f.fwords) }},
	{name: "breadcrumb-date", kind: kMeta, reason: "meta", max: 14, test: func(f *feat) bool { // "12 марта 2023 · Имя Автора"
		return isBreadcrumb(f.text) && hasDate(f.fold)
	}},
	{name: "breadcrumb", kind: kBoiler, reason: "menu", max: 14, test: func(f *feat) bool { return isBreadcrumb(f.text) }},
	{name: "credit", kind: kMeta, reason: "credit", max: 8, first: creditFirst, test: func(f *feat) bool {
		return f.words <= 5 || strings.ContainsAny(f.text, ":/|©")
	}},
	{name: "byline-date", kind: kMeta, reason: "meta", max: 12, first: bylineFirst, test: func(f *feat) bool { return hasDate(f.fold) }},
	{name: "counter", kind: kMeta, reason: "meta", max: 5, pats: metaPats, test: func(f *feat) bool { return hasDigit(f.fold) }},
	{name: "number", kind: kMeta, reason: "short", test: func(f *feat) bool { return f.letters == 0 }},
	// Shape.
	{name: "sentence", kind: kBody, reason: "body", test: func(f *feat) bool {
		last := lastMeaningful(f.text)
		return f.end && f.words >= 3 && (f.sents >= 2 || last != '?' && last != '!' || f.words > 14)
	}},
	{name: "long", kind: kBody, reason: "body", test: func(f *feat) bool { return f.runes >= 150 || f.words >= 8 && f.sents >= 2 }},
	{name: "headline", kind: kHead, reason: "body", test: func(f *feat) bool { return f.words >= 3 && f.runes >= 12 }},
}

func init() {
	for _, r := range rules {
		ablate.Names = append(ablate.Names, "line/"+r.name)
	}
}

// on reports whether the named rule or pass is switched on.
func on(name string) bool { return len(ablate.Off) == 0 || !ablate.Off[name] }

// kindOf returns the kind and reason of the first rule that matches f.
func kindOf(f *feat) (kind, string) {
	var first string
	if len(f.fwords) > 0 {
		first = f.fwords[0]
	}
	for i := range rules {
		r := &rules[i]
		if r.max > 0 && f.words > r.max || r.first != nil && !r.first[first] ||
			r.pats != nil && !hasAny(f.fold, r.pats) || r.test != nil && !r.test(f) {
			continue
		}
		if len(ablate.Off) > 0 && ablate.Off["line/"+r.name] {
			continue
		}
		return r.kind, r.reason
	}
	return kShort, "short"
}

func not(t func(*feat) bool) func(*feat) bool { return func(f *feat) bool { return !t(f) } }

// sentenceAbout reports a long prose sentence that merely mentions a
// pattern word, such as an article about cookies.
func sentenceAbout(f *feat) bool { return f.words > 25 && f.sents >= 2 }

// heading reports a line short enough to head a block, without a sentence
// end.
func heading(f *feat) bool { return f.runes <= 70 && !f.end }

// inlineLink reports an inline related link: a marker such as "Читайте
// также:" followed by a headline on the same line.
func inlineLink(f *feat) bool { return startsAny(f.fold, inlineRelated) && hasHeadAfterMarker(f.text) }

func copyright(f *feat) bool {
	return strings.Contains(f.text, "©") || f.words <= 12 && strings.Contains(f.fold, " c 20")
}

func isViews(f *feat) bool {
	fw := f.fold
	return hasDigit(fw) && (strings.Contains(fw, " views ") || strings.Contains(fw, " subscribers ") ||
		strings.Contains(fw, " edited ") || strings.Contains(fw, " members "))
}
