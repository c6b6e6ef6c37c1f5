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
// long lines keep their own language. A line with no letters gets
// language.Und.
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
			j := m.table.Judge(body, m.domain, params)
			if j.Class >= 0 {
				letters[j.Class] += float64(j.Letters) * j.Confidence
			}
			total += float64(j.Letters)
			lines = append(lines, line{body, pos, pos + utf8.RuneCountInString(body), j})
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
