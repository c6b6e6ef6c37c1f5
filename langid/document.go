package langid

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"belgi/langid/internal/core"
)

// Paragraph is the judgement of one line of a document.
type Paragraph struct {
	// Start and End are offsets in Unicode code points into the text, End
	// exclusive. They span the line without its line break.
	Start, End int
	Result     Result
}

// Document splits text into paragraphs at line breaks ("\n" or "\r\n"),
// judges each, and returns the dominant language of the document plus one
// Paragraph per non-blank line, in order.
//
// The dominant language is the one that most of the judged letters are in,
// each line judged alone; its Confidence is the share of the document's
// letters judged in it, weighted by their lines' confidence. Every line is then
// judged again with the document language as prior (see DetectPrior), so that
// short lines such as headlines, bylines and captions lean towards it while
// long lines keep their own language. Web and e-mail addresses
// ("newtimes.kz") are not evidence of a line's language and are left out of
// its judgement. A line with no letters, or too short to tell even with the
// document's prior, gets language.Und.
//
// Document is the one per-line decision of Belgi: the app's paragraph
// languages and "belgi langid --lines" both come from it.
func Document(text string) (doc Result, paras []Paragraph) {
	m := loaded()
	type line struct {
		text       string
		start, end int
		j          core.Judgement
	}
	var lines []line
	var letters [core.MaxClasses]float64
	total := 0.0
	pos := 0 // code points before the current line
	for rest := text; ; {
		l, tail, more := strings.Cut(rest, "\n")
		n := utf8.RuneCountInString(l)
		body := strings.TrimSuffix(l, "\r")
		if strings.TrimFunc(body, unicode.IsSpace) != "" {
			judged := withoutAddresses(body)
			j := m.table.Judge(judged, m.domain, params)
			if j.Class >= 0 {
				letters[j.Class] += float64(j.Letters) * j.Confidence
			}
			total += float64(j.Letters)
			lines = append(lines, line{judged, pos, pos + utf8.RuneCountInString(body), j})
		}
		pos += n + 1
		if !more {
			break
		}
		rest = tail
	}
	best := -1
	for c := range m.tags {
		if letters[c] > 0 && (best < 0 || letters[c] > letters[best]) {
			best = c
		}
	}
	boost := m.domain
	if best >= 0 {
		doc = Result{Tag: m.tags[best], Confidence: letters[best] / total}
		boost = m.boost(doc.Tag)
	} else {
		doc = Result{Tag: language.Und}
	}
	paras = make([]Paragraph, len(lines))
	for i, l := range lines {
		j := l.j
		if best >= 0 && j.Class >= 0 {
			j = m.table.Judge(l.text, boost, params)
		}
		paras[i] = Paragraph{Start: l.start, End: l.end, Result: m.result(j)}
	}
	return doc, paras
}

// withoutAddresses returns line without its words that are web or e-mail
// addresses, or line itself when nothing else would be left.
func withoutAddresses(line string) string {
	fields := strings.Fields(line)
	kept := fields[:0:0]
	for _, f := range fields {
		if !isAddress(f) {
			kept = append(kept, f)
		}
	}
	if len(kept) == len(fields) || len(kept) == 0 {
		return line
	}
	return strings.Join(kept, " ")
}

// isAddress reports whether a word is a URL, an e-mail address or a domain
// name such as newtimes.kz: ASCII, with a top-level part of 2 to 6 letters.
func isAddress(w string) bool {
	if strings.Contains(w, "://") || strings.Contains(w, "@") || strings.HasPrefix(w, "www.") {
		return true
	}
	w = strings.TrimRight(w, ".,;:!?)»\"'")
	dot := strings.LastIndexByte(w, '.')
	if dot <= 0 {
		return false
	}
	tld := w[dot+1:]
	if len(tld) < 2 || len(tld) > 6 {
		return false
	}
	for _, r := range w {
		if r >= utf8.RuneSelf {
			return false
		}
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
