package conll

import (
	"bufio"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"belgi/annotations"
	"belgi/annotations/loss"
	"belgi/annotations/tokenize"
)

// A Writer writes documents to a token-per-line file.
type Writer struct {
	w    *bufio.Writer
	opt  Options
	rep  *loss.Report
	docs int
	open bool // the output does not end with a line terminator
	last bool // the last line written is not blank
}

// NewWriter returns a writer to w. What the format cannot hold is reported to
// rep.
func NewWriter(w io.Writer, opt Options, rep *loss.Report) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), opt: opt, rep: rep}
}

// Close writes any buffered data. It does not close the underlying writer.
func (w *Writer) Close() error { return w.w.Flush() }

// A tok is a token's place in the text, in code points, and its sentence.
type tok struct{ start, end, sent int }

// Write writes one document. A document read by this package is written
// line for line as it was read, its tags recomputed from its spans in the
// writer's scheme, and byte for byte when neither changed. Any other
// document is tokenised, by its language, and written one sentence per
// blank-line-separated block, after a DocStart marker line when the options
// name one.
func (w *Writer) Write(d *annotations.Document) error {
	w.docs++
	w.reportLost(d)
	if c, oopt := w.origin(d); c != nil {
		w.writeOrigin(d, c, oopt)
	} else {
		w.writeFree(d)
	}
	return nil
}

// reportLost reports the annotations the format cannot hold.
func (w *Writer) reportLost(d *annotations.Document) {
	for _, e := range d.Events {
		w.rep.Add(d.ID, e.ID, 0, "event %s not written: the format holds entity tags only (its trigger and arguments stay as entities)", e.Type)
	}
	for _, r := range d.Relations {
		w.rep.Add(d.ID, r.ID, 0, "relation %s not written: the format holds entity tags only", r.Type)
	}
	for _, a := range d.Attributes {
		w.rep.Add(d.ID, a.ID, 0, "attribute %s not written: the format holds entity tags only", a.Name)
	}
	for _, n := range d.Notes {
		w.rep.Add(d.ID, n.ID, 0, "note not written: the format holds entity tags only")
	}
	for _, n := range d.Normalizations {
		w.rep.Add(d.ID, n.ID, 0, "normalization %s:%s not written: the format holds entity tags only", n.Resource, n.Entry)
	}
	for _, l := range d.Labels {
		w.rep.Add(d.ID, "", 0, "document label %q not written: the format holds entity tags only", l)
	}
}

// origin returns the parsed lines d was read from, when they still make its
// text, and the options they were read with.
func (w *Writer) origin(d *annotations.Document) (*chunk, *Options) {
	if d.Origin == nil || d.Origin.Format != OriginFormat {
		return nil, nil
	}
	data := d.Origin.Data
	raw, ok := data[keyRaw]
	if !ok {
		return nil, nil
	}
	oopt := &Options{Sep: data["sep"], Scheme: Scheme(data[keyScheme])}
	oopt.TagColumn, _ = strconv.Atoi(data[keyTagColumn])
	if s := data[keyDocStart]; s != "" {
		oopt.DocStart = strings.Split(s, "\n")
	}
	if s := data[keyBreak]; s != "" {
		oopt.SentenceBreak = strings.Split(s, "\n")
	}
	if s := data[keyID]; s != "" {
		re, err := regexp.Compile(s)
		if err != nil {
			w.rep.Add(d.ID, "", 0, "origin sentence-ID pattern %q is broken (%v): tokenised afresh", s, err)
			return nil, nil
		}
		oopt.SentenceID = re
	}
	c := parseChunk(splitKeep(raw), oopt)
	if c.text != d.Text {
		w.rep.Add(d.ID, "", 0, "the original lines do not make the document's text: tokenised afresh")
		return nil, nil
	}
	return c, oopt
}

func (w *Writer) put(s string) {
	w.w.WriteString(s)
	if s != "" {
		w.open = !strings.HasSuffix(s, "\n")
	}
}

func (w *Writer) writeOrigin(d *annotations.Document, c *chunk, oopt *Options) {
	toks := make([]tok, len(c.tokens))
	oldTags := make([]string, len(c.tokens))
	sents := make([]int, len(c.tokens))
	for k, i := range c.tokens {
		l := &c.lines[i]
		toks[k] = tok{l.start, l.end, l.sent}
		oldTags[k], sents[k] = l.tagValue(), l.sent
	}
	ents := w.entities(d, toks)
	old, _ := decode(oldTags, sents, oopt.scheme())
	for k := range old {
		old[k].typ = cleanType(old[k].typ, w.opt.Sep)
	}
	sep := w.opt.Sep
	if w.open {
		w.put("\n")
	}
	if slices.Equal(old, ents) && w.opt.scheme() == oopt.scheme() && (sep == "" || sep == oopt.Sep) {
		for _, l := range c.lines {
			w.put(l.raw + l.eol)
		}
		w.last = c.lines[len(c.lines)-1].kind != lineBlank
		return
	}
	tags := encode(len(toks), ents, w.opt.scheme())
	k := 0
	for _, l := range c.lines {
		line := l.raw
		lsep := l.sep
		if sep != "" {
			lsep = sep
		}
		switch l.kind {
		case lineToken:
			cols := slices.Clone(l.cols)
			if l.tag >= 0 {
				cols[l.tag] = tags[k]
			} else if tags[k] != "O" {
				cols = append(cols, tags[k])
			}
			k++
			line = strings.Join(cols, lsep)
		case lineMarker, lineBreak, lineID:
			if lsep != l.sep {
				line = strings.Join(strings.Split(l.raw, l.sep), lsep)
			}
		}
		w.put(line + l.eol)
	}
	w.last = c.lines[len(c.lines)-1].kind != lineBlank
}

func (w *Writer) writeFree(d *annotations.Document) {
	lang := d.Language
	if lang == "" || lang == "und" {
		lang = w.opt.Lang
	}
	sentences := tokenize.Sentences(d.Text, lang)
	sentences = joinAcross(d, sentences)
	var toks []tok
	for s, ts := range sentences {
		for _, t := range ts {
			toks = append(toks, tok{t.Start, t.End, s})
		}
	}
	ents := w.entities(d, toks)
	tags := encode(len(toks), ents, w.opt.scheme())
	sep := w.opt.Sep
	if sep == "" {
		sep = " "
	}
	if w.open {
		w.put("\n")
	}
	if w.last {
		w.put("\n")
	}
	extra := ""
	for _, c := range w.opt.Columns {
		extra += sep + c
	}
	if len(w.opt.DocStart) > 0 {
		w.put(w.opt.DocStart[0] + extra + sep + "O\n\n")
	} else if w.docs > 1 {
		w.rep.Add(d.ID, "", 0, "no document marker is written (DocStart is empty), so this document joins the one before on import")
	}
	x := d.Index()
	lines := make([]string, 0, len(toks)+len(sentences))
	for k, t := range toks {
		if k > 0 && t.sent != toks[k-1].sent {
			lines = append(lines, "\n")
		}
		lines = append(lines, x.Slice(t.start, t.end)+extra+sep+cleanType(tags[k], sep)+"\n")
	}
	for _, l := range lines {
		w.put(l)
	}
	w.last = len(toks) > 0
	if w.last {
		w.put("\n")
		w.last = false
	}
	ropt := w.opt
	ropt.Sep = sep
	if c := parseChunk(lines, &ropt); c.text != d.Text {
		w.rep.Add(d.ID, "", 0, "text not kept as it is: CoNLL holds tokens, so it reads back as its tokens joined by spaces, a sentence per line (line breaks, spacing and anything between tokens are not kept)")
	}
}

// joinAcross joins sentences that a span runs across, so that no entity is
// split by a sentence break the tokenizer made.
func joinAcross(d *annotations.Document, sents [][]tokenize.Token) [][]tokenize.Token {
	if len(sents) < 2 || len(d.Spans) == 0 {
		return sents
	}
	out := [][]tokenize.Token{sents[0]}
	for _, s := range sents[1:] {
		prev := out[len(out)-1]
		gapStart, gapEnd := prev[len(prev)-1].End, s[0].Start
		crossed := false
		for _, sp := range d.Spans {
			if sp.Start < gapStart && sp.End > gapEnd {
				crossed = true
				break
			}
		}
		if crossed {
			out[len(out)-1] = append(prev, s...)
		} else {
			out = append(out, s)
		}
	}
	return out
}

// entities maps the spans of d onto toks, reporting what IOB tags cannot
// hold. The result is in token order and has no overlaps.
func (w *Writer) entities(d *annotations.Document, toks []tok) []entity {
	spans := slices.Clone(d.Spans)
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End > spans[j].End
	})
	owner := make([]string, len(toks)) // span ID holding each token
	var ents []entity
	x := d.Index()
	for _, s := range spans {
		pieces := s.Fragments
		if len(pieces) == 0 {
			pieces = []annotations.Fragment{{Start: s.Start, End: s.End}}
		} else {
			w.rep.Add(d.ID, s.ID, 0, "discontinuous span: its %d fragments are written as separate %s entities", len(pieces), s.Label)
		}
		typ := cleanType(s.Label, w.opt.Sep)
		if typ != s.Label {
			w.rep.Add(d.ID, s.ID, 0, "label %q written as %q: a tag holds no spaces", s.Label, typ)
		}
		for _, p := range pieces {
			i := sort.Search(len(toks), func(i int) bool { return toks[i].end > p.Start })
			j := sort.Search(len(toks), func(i int) bool { return toks[i].start >= p.End }) - 1
			if i >= len(toks) || j < i {
				w.rep.Add(d.ID, s.ID, 0, "span %q covers no token: not written", x.Slice(p.Start, p.End))
				continue
			}
			if toks[i].start != p.Start || toks[j].end != p.End {
				w.rep.Add(d.ID, s.ID, 0, "span %q does not start and end at token boundaries: widened to %q", x.Slice(p.Start, p.End), x.Slice(toks[i].start, toks[j].end))
			}
			if other := firstOwner(owner[i : j+1]); other != "" {
				w.rep.Add(d.ID, s.ID, 0, "span %q overlaps span %s: IOB tags hold one entity per token, so it is not written", x.Slice(p.Start, p.End), other)
				continue
			}
			if toks[i].sent != toks[j].sent {
				w.rep.Add(d.ID, s.ID, 0, "span %q crosses a sentence break: written as one entity per sentence", x.Slice(p.Start, p.End))
			}
			for k := i; k <= j; k++ {
				owner[k] = s.ID
			}
			first := i
			for k := i; k <= j; k++ {
				if k == j || toks[k+1].sent != toks[k].sent {
					ents = append(ents, entity{typ, first, k})
					first = k + 1
				}
			}
		}
	}
	sort.Slice(ents, func(a, b int) bool { return ents[a].first < ents[b].first })
	if w.opt.scheme() == IO {
		for k := 1; k < len(ents); k++ {
			if ents[k].first == ents[k-1].last+1 && ents[k].typ == ents[k-1].typ {
				w.rep.Add(d.ID, "", 0, "two %s entities side by side merge into one under IO tagging", ents[k].typ)
			}
		}
	}
	return ents
}

func firstOwner(owners []string) string {
	for _, o := range owners {
		if o != "" {
			return o
		}
	}
	return ""
}
