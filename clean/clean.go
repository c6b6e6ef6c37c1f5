// Package clean removes boilerplate from news pages that users bring into
// Belgi, keeping the article, and records where every kept character came
// from.
//
// Two kinds of input are handled:
//
//   - Text takes the visible text of a page, one block a line, as users copy
//     it from a browser or a Telegram channel: a menu, the title, the article,
//     then related-news feeds, comments and a footer. Each line is classified
//     in context and the best contiguous stretch of article lines is kept
//     (several stretches for a channel dump), with the title.
//   - HTML takes a saved page, drops scripts, styles and hidden elements,
//     finds the article with readability-style scoring and returns it as
//     plain text, one block a line. Nothing from the page is ever rendered.
//
// Kept lines are normalised (NFC, white space runs collapsed, invisible
// format characters such as the BOM removed) and joined by "\n". A Map ties
// every code point of the cleaned text to the input, so that any span can be
// traced back. All offsets in this package are code points (runes), counting
// each invalid UTF-8 byte as one, as ranging over a Go string does.
//
// The package is pure Go: it runs the same natively and in WebAssembly, and
// no input makes it panic.
package clean

import (
	"strings"
	"unicode/utf8"
)

// A Line is one input line (for HTML: one extracted block) and the decision
// taken on it.
type Line struct {
	// Start and End are code point offsets into the original input, End
	// exclusive, not counting the line terminator. For HTML they span the
	// block's text in the source, markup between its text nodes included.
	Start int  `json:"start"`
	End   int  `json:"end"`
	Keep  bool `json:"keep"`
	// Reason says why the line was kept or dropped: "title", "body" (kept);
	// "menu", "related", "duplicate", "footer", "date", "telegram", "short",
	// "blank", "meta", "credit", "share", "cookie", "ads", "comments",
	// "boilerplate", "hidden", "tags", "subscribe" (dropped).
	Reason string `json:"reason"`
}

// A Result is a cleaned text, the decisions that produced it and its offset
// map.
type Result struct {
	Text  string `json:"text"`  // kept lines, normalised, joined by "\n"
	Lines []Line `json:"lines"` // every input line or block, in input order
	Map   Map    `json:"map"`   // Text's code points ↔ the input's

	// Byline is the author line found next to the title ("By Jane Doe",
	// "Арман Ерғалиев"), normalised, or "". It is dropped from Text, with
	// reason "byline", and kept here as metadata the person can see.
	Byline string `json:"byline,omitempty"`
	// Confidence is how sure the cleaner is that Text is the page's one
	// article, from 0 to 1. Below LowConfidence the review should say so
	// and Doubt says why.
	Confidence float64 `json:"confidence"`
	Doubt      string  `json:"doubt,omitempty"`
}

// LowConfidence is the Confidence below which a cut should be checked by
// the person.
const LowConfidence = 0.5

// LowConfidence reports whether r's cut should be checked by the person.
func (r Result) LowConfidence() bool { return r.Confidence < LowConfidence }

// Text cleans a plain-text page dump. Lines end at "\n", "\r\n", "\r",
// U+2028 or U+2029. Every input line appears in Result.Lines, in order.
func Text(raw string) Result {
	lines := splitLines(raw)
	classify(raw, lines)
	out := make([]Line, len(lines))
	for i, l := range lines {
		out[i] = l.Line
	}
	return Apply(raw, out)
}

// Apply rebuilds the cleaned text of a plain-text input from decisions, for
// instance after the user restored or removed lines. lines should come from
// an earlier Text(raw), with Keep possibly flipped; Apply(raw,
// Text(raw).Lines) reproduces Text(raw) exactly. Kept lines are taken in the
// order given; a kept line that normalises to nothing adds no output line;
// a kept line that is out of range, out of order or overlaps the previous
// kept line is ignored. Result.Lines is a copy of lines.
//
// For a Result of HTML, use ApplyHTML.
func Apply(raw string, lines []Line) Result {
	idx := runeIndex(raw)
	n := len(idx) - 1
	var b builder
	b.m.OrigLen = n
	buf := make([]src, 0, 256)
	prevEnd, sepO, sepN := -1, 0, 0
	for _, l := range lines {
		if !l.Keep || l.Start < 0 || l.End > n || l.Start > l.End || l.Start < prevEnd {
			continue
		}
		buf = srcOf(raw[idx[l.Start]:idx[l.End]], l.Start, buf[:0])
		if b.lines > 0 && sepO+sepN > l.Start {
			sepN = l.Start - sepO // never let the joiner overlap this line
		}
		if b.line(buf, sepO, sepN) {
			prevEnd = l.End
			sepO, sepN = l.End, terminatorLen(raw[idx[l.End]:])
		}
	}
	out := make([]Line, len(lines))
	copy(out, lines)
	return Result{Text: b.sb.String(), Lines: out, Map: b.m}
}

// runeIndex returns the byte offset of every code point of s, and len(s)
// last.
func runeIndex(s string) []int {
	idx := make([]int, 0, len(s)+1)
	for i := range s {
		idx = append(idx, i)
	}
	return append(idx, len(s))
}

// terminatorLen returns the length in code points of the line terminator
// that s starts with, or 0.
func terminatorLen(s string) int {
	switch {
	case strings.HasPrefix(s, "\r\n"):
		return 2
	case s == "":
		return 0
	case s[0] == '\n' || s[0] == '\r':
		return 1
	}
	if r, _ := utf8.DecodeRuneInString(s); r == '\u2028' || r == '\u2029' {
		return 1
	}
	return 0
}

// A textLine is an input line with its byte range, for classification.
type textLine struct {
	Line
	bs, be int
}

// splitLines splits raw into lines. The input always has at least one line,
// possibly empty; a final terminator does not start another line.
func splitLines(raw string) []textLine {
	lines := make([]textLine, 0, strings.Count(raw, "\n")+1)
	start, startB, cp := 0, 0, 0
	for i := 0; i < len(raw); {
		r, w := rune(raw[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(raw[i:])
		}
		switch r {
		case '\n', '\r', '\u2028', '\u2029':
			lines = append(lines, textLine{Line{Start: start, End: cp}, startB, i})
			if r == '\r' && i+1 < len(raw) && raw[i+1] == '\n' {
				w++
				cp++
			}
			i += w
			cp++
			start, startB = cp, i
			continue
		}
		i += w
		cp++
	}
	if startB < len(raw) || len(lines) == 0 {
		lines = append(lines, textLine{Line{Start: start, End: cp}, startB, len(raw)})
	}
	return lines
}
