package conll

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// A Reader reads documents from a token-per-line file, one at a time, so a
// file larger than memory can be converted as long as each document fits.
type Reader struct {
	r    *bufio.Reader
	name string
	opt  Options
	rep  *loss.Report

	line    int    // lines read so far
	pending string // a line read but not yet used
	docs    int    // documents returned
	ids     map[string]bool
	err     error
}

// NewReader returns a reader of the file r, called name in document IDs and
// messages. Tags that break the scheme and lines that cannot be read are
// reported to rep with their line numbers.
func NewReader(r io.Reader, name string, opt Options, rep *loss.Report) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, 64<<10), name: name, opt: opt, rep: rep, ids: map[string]bool{}}
}

// Read returns the next document, or io.EOF after the last. A document's ID
// is its sentence ID when each sentence is a document and it has one, the
// file name when the file holds one document, and otherwise the file name
// followed by "#" and the document's number.
func (r *Reader) Read() (*annotations.Document, error) {
	if r.err != nil {
		return nil, r.err
	}
	lines, first, err := r.next()
	if err != nil {
		r.err = err
		return nil, err
	}
	return r.document(lines, first)
}

// next returns the lines of the next document.
func (r *Reader) next() ([]string, int, error) {
	var lines []string
	first := r.line + 1
	if r.pending != "" {
		first = r.line
	}
	hasContent := false // a marker or token line is in lines
	sentDone := false   // a sentence has ended in lines
	for {
		l := r.pending
		r.pending = ""
		if l == "" {
			var err error
			l, err = r.r.ReadString('\n')
			if err != nil && err != io.EOF {
				return nil, 0, fmt.Errorf("%s: line %d: %v", r.name, r.line+1, err)
			}
			if l == "" {
				if len(lines) == 0 {
					return nil, 0, io.EOF
				}
				return lines, first, nil
			}
			r.line++
			if !utf8.ValidString(l) {
				return nil, 0, fmt.Errorf("%s: line %d: not valid UTF-8", r.name, r.line)
			}
		}
		raw, _ := cutEOL(l)
		blank := isBlank(raw)
		f := ""
		if !blank {
			f = firstField(raw, &r.opt)
		}
		marker := !blank && slices.Contains(r.opt.DocStart, f)
		brk := !blank && slices.Contains(r.opt.SentenceBreak, f)
		if hasContent && (marker || r.opt.SentencePerDocument && sentDone && !blank && !brk) {
			r.pending = l
			return lines, first, nil
		}
		lines = append(lines, l)
		switch {
		case marker:
			hasContent = true
		case blank || brk:
			if hasContent {
				sentDone = true
			}
		default:
			hasContent = true
		}
	}
}

// document makes the document of lines, the first of which is line first.
func (r *Reader) document(lines []string, first int) (*annotations.Document, error) {
	c := parseChunk(lines, &r.opt)
	r.docs++
	id := r.name
	if r.opt.SentencePerDocument && len(c.ids) > 0 {
		id = c.ids[0]
	} else if r.docs > 1 || r.pending != "" {
		id = r.name + "#" + strconv.Itoa(r.docs)
	}
	for n := 2; r.ids[id]; n++ {
		id = r.name + "#" + strconv.Itoa(r.docs) + "-" + strconv.Itoa(n)
	}
	r.ids[id] = true
	d := annotations.NewDocument(id, id, r.name, c.text)
	tags, sents := make([]string, len(c.tokens)), make([]int, len(c.tokens))
	for k, i := range c.tokens {
		tags[k], sents[k] = c.lines[i].tagValue(), c.lines[i].sent
	}
	for i, l := range c.lines {
		if l.kind == lineBad {
			r.rep.Add(r.name, "", first+i, "line kept verbatim, not read: it has no token, or no column %d for the tag: %q", r.opt.TagColumn, clip(l.raw))
		}
	}
	ents, probs := decode(tags, sents, r.opt.scheme())
	for _, p := range probs {
		r.rep.Add(r.name, "", first+c.tokens[p.tok], "%s", p.msg)
	}
	x := d.Index()
	for k, e := range ents {
		s, t := c.lines[c.tokens[e.first]].start, c.lines[c.tokens[e.last]].end
		d.Spans = append(d.Spans, annotations.Span{ID: "T" + strconv.Itoa(k+1), Label: e.typ, Start: s, End: t, Text: x.Slice(s, t)})
	}
	d.Origin = &annotations.Origin{Format: OriginFormat, Data: originData(strings.Join(lines, ""), &r.opt)}
	return d, nil
}

func originData(lines string, opt *Options) map[string]string {
	m := map[string]string{
		keyRaw:       lines,
		keyScheme:    string(opt.scheme()),
		keyTagColumn: strconv.Itoa(opt.TagColumn),
		keyDocStart:  strings.Join(opt.DocStart, "\n"),
		keyBreak:     strings.Join(opt.SentenceBreak, "\n"),
		"sep":        opt.Sep,
	}
	if opt.SentenceID != nil {
		m[keyID] = opt.SentenceID.String()
	}
	return m
}

// clip shortens s for a message.
func clip(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
