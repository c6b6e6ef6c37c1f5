package conll

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A lineKind says what a line of a token-per-line file is.
type lineKind uint8

const (
	lineBlank  lineKind = iota // ends a sentence
	lineToken                  // a token and its tag
	lineMarker                 // starts a document (-DOCSTART-)
	lineBreak                  // ends a sentence ([SEP])
	lineID                     // names the sentence that follows
	lineBad                    // cannot be read: kept verbatim
)

// A cline is one line of a document.
type cline struct {
	raw  string // without its terminator
	eol  string // "\n", "\r\n" or ""
	kind lineKind
	sep  string   // the column separator of the line
	cols []string // its columns, for token lines
	tag  int      // index of the tag column in cols, -1 when there is none
	sent int      // sentence number, for token lines

	start, end int // code point offsets of the token in the text
}

func (l *cline) tagValue() string {
	if l.tag < 0 {
		return "O"
	}
	return l.cols[l.tag]
}

// A chunk is the lines of one document, with the text they make.
type chunk struct {
	lines  []cline
	text   string
	tokens []int    // indices of the token lines, in order
	ids    []string // sentence IDs, in order of appearance
}

// splitKeep splits s into lines, each with its terminator.
func splitKeep(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// cutEOL splits a line from its terminator.
func cutEOL(l string) (raw, eol string) {
	switch {
	case strings.HasSuffix(l, "\r\n"):
		return l[:len(l)-2], "\r\n"
	case strings.HasSuffix(l, "\n"):
		return l[:len(l)-1], "\n"
	case strings.HasSuffix(l, "\r"): // a last line ending in a lone CR
		return l[:len(l)-1], "\r"
	}
	return l, ""
}

// lineSep returns the separator of a line under opt.
func lineSep(raw string, opt *Options) string {
	if opt.Sep != "" {
		return opt.Sep
	}
	if strings.Contains(raw, "\t") {
		return "\t"
	}
	return " "
}

// firstField returns the first column of a non-blank line.
func firstField(raw string, opt *Options) string {
	f, _, _ := strings.Cut(raw, lineSep(raw, opt))
	return f
}

func isBlank(raw string) bool { return strings.TrimSpace(raw) == "" }

// parseChunk classifies the lines of one document and builds its text:
// tokens joined by one space, sentences by a line break.
func parseChunk(lines []string, opt *Options) *chunk {
	c := &chunk{lines: make([]cline, len(lines))}
	var text strings.Builder
	cp := 0         // code points written to text
	sent := -1      // current sentence
	inSent := false // a token of the current sentence has been seen
	atStart := true // the next line may be a sentence ID
	for i, l := range lines {
		raw, eol := cutEOL(l)
		cl := &c.lines[i]
		cl.raw, cl.eol, cl.tag = raw, eol, -1
		if isBlank(raw) {
			cl.kind = lineBlank
			inSent, atStart = false, true
			continue
		}
		cl.sep = lineSep(raw, opt)
		cols := strings.Split(raw, cl.sep)
		first := cols[0]
		if i == 0 {
			first = strings.TrimPrefix(first, "\ufeff") // a BOM is not part of the token
		}
		switch {
		case slices.Contains(opt.DocStart, first):
			cl.kind = lineMarker
			inSent, atStart = false, true
			continue
		case slices.Contains(opt.SentenceBreak, first):
			cl.kind = lineBreak
			inSent, atStart = false, true
			continue
		case first == "":
			cl.kind = lineBad
			continue
		}
		cl.cols = cols
		if len(cols) > 1 {
			cl.tag = len(cols) - 1
			if opt.TagColumn > 0 {
				cl.tag = opt.TagColumn - 1
				if cl.tag >= len(cols) || cl.tag == 0 {
					cl.kind, cl.cols, cl.tag = lineBad, nil, -1
					continue
				}
			}
		}
		if atStart && !inSent && opt.SentenceID != nil && opt.SentenceID.MatchString(first) && cl.tagValue() == "O" {
			cl.kind = lineID
			c.ids = append(c.ids, first)
			atStart = false
			continue
		}
		cl.kind = lineToken
		if !inSent {
			sent++
			inSent = true
			if sent > 0 {
				text.WriteByte('\n')
				cp++
			}
		} else {
			text.WriteByte(' ')
			cp++
		}
		atStart = false
		cl.sent = sent
		cl.start = cp
		text.WriteString(first)
		cp += utf8.RuneCountInString(first)
		cl.end = cp
		c.tokens = append(c.tokens, i)
	}
	c.text = text.String()
	return c
}
