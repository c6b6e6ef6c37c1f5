// Package spacy reads and writes the JSON Lines that Prodigy writes and
// spaCy trains from:
//
//	{"text":"…","tokens":[{"text":"5","start":0,"end":1,"id":0,"ws":true},…],
//	 "spans":[{"start":0,"end":8,"token_start":0,"token_end":1,"label":"DATE"}],
//	 "relations":[{"head":0,"child":3,"head_span":{…},"child_span":{…},"label":"in"}],
//	 "cats":{"relevant":1.0},"answer":"accept"}
//
// Offsets are Python string indices, that is code points, as in the model;
// token_end is inclusive. spaCy's older "entities":[[start,end,label]] is read
// too. A relation's head and child are the last tokens of its spans, as in
// Prodigy's and spaCy's relation recipes. "cats"
// with a score of at least 0.5 are document labels.
//
// On export, a document read from this format keeps its tokens; any other is
// tokenised with package tokenize by its language. spaCy's Doc.char_span
// silently returns None for a span that does not start and end on token
// boundaries, so such spans are reported and written without token_start and
// token_end. Discontinuous spans are written fragment by fragment; events,
// attributes, notes and normalizations, which the format has no place for,
// are reported.
package spacy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"belgi/annotations"
	"belgi/annotations/internal/jsonio"
	"belgi/annotations/loss"
	"belgi/annotations/tokenize"
)

// OriginFormat is the Origin.Format of documents read by this package.
const OriginFormat = "spacy"

// Origin.Data keys.
const (
	keyTokens = "tokens" // the tokens as read, JSON
	keyFields = "fields" // other fields, JSON
	keySpan   = "span:"  // + span ID: the span's other fields, JSON
)

// A Reader reads documents from Prodigy or spaCy JSON Lines, one at a time.
type Reader struct {
	in   *jsonio.Reader
	name string
	rep  *loss.Report
	n    int
	ids  jsonio.IDs
}

// NewReader returns a reader of r, called name in messages.
func NewReader(r io.Reader, name string, rep *loss.Report) *Reader {
	return &Reader{in: jsonio.NewReader(r, name), name: name, rep: rep, ids: jsonio.IDs{}}
}

type token struct{ start, end int }

// unique returns id, or id#line when an earlier record has it, and
// reports the renaming.
func (r *Reader) unique(id string, line int) string {
	nid, renamed := r.ids.Unique(id, line)
	if renamed {
		r.rep.Add(r.name, "", line, "id %s is used by an earlier record: this one is called %s", id, nid)
	}
	return nid
}

// Read returns the next document, or io.EOF. Its ID is meta.id or the
// record's "id" when there is one, and its line number otherwise.
func (r *Reader) Read() (*annotations.Document, error) {
	raw, line, err := r.in.Next()
	if err != nil {
		return nil, err
	}
	r.n++
	rec, err := jsonio.ParseObject(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: line %d: not a JSON object", r.name, line)
	}
	var text string
	if _, ok := rec["paragraphs"]; ok && rec["text"] == nil {
		return r.v2(rec, line)
	}
	if !rec.Get("text", &text) {
		return nil, fmt.Errorf("%s: line %d: no \"text\" string", r.name, line)
	}
	id := jsonio.ID(rec["id"])
	if m, err := jsonio.ParseObject(rec["meta"]); err == nil && id == "" {
		id = jsonio.ID(m["id"])
	}
	if id == "" {
		id = strconv.Itoa(r.n)
	}
	id = r.unique(id, line)
	d := annotations.NewDocument(id, "", r.name, text)
	x := d.Index()
	warn := func(format string, args ...any) {
		r.rep.Add(r.name, "", line, "document %s: %s", id, fmt.Sprintf(format, args...))
	}
	origin := map[string]string{}
	var toks []token
	if raw, ok := rec["tokens"]; ok {
		toks = r.tokens(raw, x.Len(), warn)
		if toks != nil {
			origin[keyTokens] = string(compact(raw))
		}
	}
	add := func(s, e int, label, what string) string {
		if s < 0 || e > x.Len() || s >= e {
			warn("%s [%d, %d) %s not read: outside the text (%d code points) or empty", what, s, e, label, x.Len())
			return ""
		}
		id := "T" + strconv.Itoa(len(d.Spans)+1)
		d.Spans = append(d.Spans, annotations.Span{ID: id, Label: label, Start: s, End: e, Text: x.Slice(s, e)})
		return id
	}
	type key struct {
		s, e  int
		label string
	}
	byKey := map[key]string{}
	var spans []json.RawMessage
	rec.Get("spans", &spans)
	for i, raw := range spans {
		sp, err := jsonio.ParseObject(raw)
		s, ok1 := sp.Int("start")
		e, ok2 := sp.Int("end")
		if err != nil || !ok1 || !ok2 {
			warn("span %d not read: no start and end", i+1)
			continue
		}
		label := sp.Str("label")
		if ts, ok := sp.Int("token_start"); ok && toks != nil {
			te, _ := sp.Int("token_end")
			if ts < 0 || te >= len(toks) || ts > te || toks[ts].start != s || toks[te].end != e {
				warn("span %d [%d, %d): token_start %d and token_end %d do not match its offsets; the offsets are kept", i+1, s, e, ts, te)
			}
		}
		if id := add(s, e, label, "span "+strconv.Itoa(i+1)); id != "" {
			byKey[key{s, e, label}] = id
			// Prodigy's text, source, input_hash, score, rank, type…
			if rest := sp.Without("start", "end", "token_start", "token_end", "label"); len(rest) > 0 {
				b, _ := jsonio.Marshal(rest)
				origin[keySpan+id] = string(b)
			}
		}
	}
	var ents [][]json.RawMessage
	rec.Get("entities", &ents)
	for i, ent := range ents {
		var s, e int
		var label string
		if len(ent) != 3 || json.Unmarshal(ent[0], &s) != nil || json.Unmarshal(ent[1], &e) != nil || json.Unmarshal(ent[2], &label) != nil {
			warn("entity %d not read: not [start, end, label]", i+1)
			continue
		}
		add(s, e, label, "entity "+strconv.Itoa(i+1))
	}
	var rels []json.RawMessage
	rec.Get("relations", &rels)
	for i, raw := range rels {
		rel, err := jsonio.ParseObject(raw)
		if err != nil {
			warn("relation %d not read: not an object", i+1)
			continue
		}
		end := func(k string) string {
			o, err := jsonio.ParseObject(rel[k])
			if err != nil {
				return ""
			}
			s, _ := o.Int("start")
			e, _ := o.Int("end")
			return byKey[key{s, e, o.Str("label")}]
		}
		head, child := end("head_span"), end("child_span")
		if head == "" || child == "" {
			warn("relation %d not read: its head_span or child_span is not one of the spans", i+1)
			continue
		}
		d.Relations = append(d.Relations, annotations.Relation{ID: "R" + strconv.Itoa(len(d.Relations)+1), Type: rel.Str("label"),
			Arguments: []annotations.Argument{{Role: "Arg1", Ref: head}, {Role: "Arg2", Ref: child}}})
	}
	var cats map[string]float64
	if rec.Get("cats", &cats) {
		var labels []string
		for l, v := range cats {
			if v >= 0.5 {
				labels = append(labels, l)
			}
		}
		slices.Sort(labels)
		d.Labels = labels
	}
	if rest := rec.Without("text", "tokens", "spans", "entities", "relations", "cats"); len(rest) > 0 {
		b, _ := jsonio.Marshal(rest)
		origin[keyFields] = string(b)
	}
	d.Origin = &annotations.Origin{Format: OriginFormat, Data: origin}
	return d, nil
}

// tokens reads a token list, or reports why it cannot be used.
func (r *Reader) tokens(raw json.RawMessage, n int, warn func(string, ...any)) []token {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		warn("tokens not read: not a list")
		return nil
	}
	toks := make([]token, 0, len(list))
	for i, t := range list {
		o, err := jsonio.ParseObject(t)
		s, ok1 := o.Int("start")
		e, ok2 := o.Int("end")
		if err != nil || !ok1 || !ok2 || s < 0 || e > n || s > e || len(toks) > 0 && s < toks[len(toks)-1].end {
			warn("tokens not read: token %d has no start and end in order inside the text", i+1)
			return nil
		}
		toks = append(toks, token{s, e})
	}
	return toks
}

func compact(raw []byte) []byte {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}

// A Writer writes documents as JSON Lines, one line each.
type Writer struct {
	w    *bufio.Writer
	lang string
	rep  *loss.Report
}

// NewWriter returns a writer to w. lang tokenises documents whose language
// is "und". What the format cannot hold is reported to rep.
func NewWriter(w io.Writer, lang string, rep *loss.Report) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), lang: lang, rep: rep}
}

// Close writes any buffered data. It does not close the underlying writer.
func (w *Writer) Close() error { return w.w.Flush() }

// Write writes d as one line.
func (w *Writer) Write(d *annotations.Document) error {
	x := d.Index()
	o := map[string]string{}
	if d.Origin != nil && d.Origin.Format == OriginFormat {
		o = d.Origin.Data
	}
	var b bytes.Buffer
	b.WriteString(`{"text":` + jsonio.String(d.Text))
	// Tokens: the document's own, or fresh ones.
	var toks []token
	if raw := o[keyTokens]; raw != "" {
		toks = (&Reader{}).tokens(json.RawMessage(raw), x.Len(), func(string, ...any) {})
		if toks != nil {
			b.WriteString(`,"tokens":` + raw)
		}
	}
	if toks == nil {
		lang := d.Language
		if lang == "" || lang == "und" {
			lang = w.lang
		}
		b.WriteString(`,"tokens":[`)
		ts := tokenize.Tokens(d.Text, lang)
		for i, t := range ts {
			if i > 0 {
				b.WriteByte(',')
			}
			ws := i+1 < len(ts) && ts[i+1].Start > t.End && x.Slice(t.End, t.End+1) == " "
			fmt.Fprintf(&b, `{"text":%s,"start":%d,"end":%d,"id":%d,"ws":%t}`, jsonio.String(x.Slice(t.Start, t.End)), t.Start, t.End, i, ws)
			toks = append(toks, token{t.Start, t.End})
		}
		b.WriteString("]")
	}
	starts := map[int]int{}
	ends := map[int]int{}
	for i, t := range toks {
		starts[t.start], ends[t.end] = i, i
	}
	type piece struct {
		span       string
		start, end int
		label      string
	}
	var pieces []piece
	for _, s := range d.Spans {
		frags := s.Fragments
		if len(frags) == 0 {
			frags = []annotations.Fragment{{Start: s.Start, End: s.End}}
		} else {
			w.rep.Add(d.ID, s.ID, 0, "discontinuous span: its %d fragments are written as separate %s spans", len(frags), s.Label)
		}
		for _, f := range frags {
			pieces = append(pieces, piece{s.ID, f.Start, f.End, s.Label})
		}
	}
	sort.SliceStable(pieces, func(i, j int) bool {
		if pieces[i].start != pieces[j].start {
			return pieces[i].start < pieces[j].start
		}
		return pieces[i].end > pieces[j].end
	})
	spanJSON := map[string]string{} // span ID → its first piece as JSON
	b.WriteString(`,"spans":[`)
	for i, p := range pieces {
		if i > 0 {
			b.WriteByte(',')
		}
		js := fmt.Sprintf(`{"start":%d,"end":%d`, p.start, p.end)
		ts, ok1 := starts[p.start]
		te, ok2 := ends[p.end]
		if ok1 && ok2 {
			js += fmt.Sprintf(`,"token_start":%d,"token_end":%d`, ts, te)
		} else {
			w.rep.Add(d.ID, p.span, 0, "span %q does not start and end on token boundaries: written without token_start and token_end (spaCy's char_span would drop it)", x.Slice(p.start, p.end))
		}
		js += `,"label":` + jsonio.String(p.label)
		if f := o[keySpan+p.span]; f != "" {
			var fb bytes.Buffer
			writeFields(&fb, f)
			js += fb.String()
		}
		js += "}"
		if _, ok := spanJSON[p.span]; !ok {
			spanJSON[p.span] = js
		}
		b.WriteString(js)
	}
	b.WriteString("]")
	first := true
	for _, r := range d.Relations {
		if len(r.Arguments) != 2 || spanJSON[r.Arguments[0].Ref] == "" || spanJSON[r.Arguments[1].Ref] == "" {
			w.rep.Add(d.ID, r.ID, 0, "relation %s not written: relations here link two spans", r.Type)
			continue
		}
		hs, _ := d.Span(r.Arguments[0].Ref)
		cs, _ := d.Span(r.Arguments[1].Ref)
		// Prodigy and spaCy's relation recipes take a span's last token.
		head, ok1 := ends[lastEnd(hs)]
		child, ok2 := ends[lastEnd(cs)]
		if !ok1 || !ok2 {
			w.rep.Add(d.ID, r.ID, 0, "relation %s not written: a span it links ends inside a token", r.Type)
			continue
		}
		if r.Arguments[0].Role != "Arg1" || r.Arguments[1].Role != "Arg2" {
			w.rep.Add(d.ID, r.ID, 0, "roles %s and %s written as head and child: relations here have no role names", r.Arguments[0].Role, r.Arguments[1].Role)
		}
		if first {
			b.WriteString(`,"relations":[`)
		} else {
			b.WriteByte(',')
		}
		first = false
		fmt.Fprintf(&b, `{"head":%d,"child":%d,"head_span":%s,"child_span":%s,"label":%s}`, head, child, spanJSON[r.Arguments[0].Ref], spanJSON[r.Arguments[1].Ref], jsonio.String(r.Type))
	}
	if !first {
		b.WriteString("]")
	}
	if len(d.Labels) > 0 {
		b.WriteString(`,"cats":{`)
		for i, l := range d.Labels {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonio.String(l) + ":1.0")
		}
		b.WriteString("}")
	}
	for _, e := range d.Events {
		w.rep.Add(d.ID, e.ID, 0, "event %s not written: the format has no events (its trigger and arguments stay as spans)", e.Type)
	}
	for _, a := range d.Attributes {
		w.rep.Add(d.ID, a.ID, 0, "attribute %s not written: the format has no attributes", a.Name)
	}
	for _, n := range d.Notes {
		w.rep.Add(d.ID, n.ID, 0, "note not written: the format has no notes")
	}
	for _, n := range d.Normalizations {
		w.rep.Add(d.ID, n.ID, 0, "normalization %s:%s not written: the format has no normalizations", n.Resource, n.Entry)
	}
	if f := o[keyFields]; f != "" {
		writeFields(&b, f)
	} else {
		b.WriteString(`,"answer":"accept","meta":{"id":` + jsonio.String(d.ID) + `}`)
	}
	b.WriteString("}\n")
	_, err := w.w.Write(b.Bytes())
	return err
}

// lastEnd returns the end of the first fragment of s, the piece of it that
// is written.
func lastEnd(s annotations.Span) int {
	if len(s.Fragments) > 0 {
		return s.Fragments[0].End
	}
	return s.End
}

func writeFields(b *bytes.Buffer, obj string) {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(obj), &m) != nil {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b.WriteString("," + jsonio.String(k) + ":")
		if json.Compact(b, m[k]) != nil {
			b.WriteString("null")
		}
	}
}

// v2 reads a document of spaCy v2's JSON training format:
//
//	{"id":0,"paragraphs":[{"raw":"…","sentences":[{"tokens":[{"id":0,"orth":"Алматы","ner":"U-LOC"},…]}]}]}
//
// The text is each paragraph's "raw" when its tokens are found in it in
// order, and otherwise the tokens joined by spaces, a sentence per line
// (reported); paragraphs are joined by a blank line. The "ner" tags are
// BILUO, "-" meaning unknown, as spaCy reads them.
func (r *Reader) v2(rec jsonio.Object, line int) (*annotations.Document, error) {
	var doc struct {
		ID         json.RawMessage `json:"id"`
		Paragraphs []struct {
			Raw       string `json:"raw"`
			Sentences []struct {
				Tokens []struct {
					Orth string `json:"orth"`
					NER  string `json:"ner"`
				} `json:"tokens"`
			} `json:"sentences"`
		} `json:"paragraphs"`
	}
	raw, _ := jsonio.Marshal(rec)
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: line %d: spaCy v2 JSON training format, but not as spaCy writes it: %v", r.name, line, err)
	}
	id := jsonio.ID(doc.ID)
	if id == "" {
		id = strconv.Itoa(r.n)
	}
	id = r.unique(id, line)
	var text strings.Builder
	type tagged struct {
		start, end int // code points
		ner        string
	}
	var toks []tagged
	rebuilt, runes := false, 0
	for pi, p := range doc.Paragraphs {
		if pi > 0 {
			text.WriteString("\n\n")
			runes += 2
		}
		base := runes
		var ptoks []tagged
		var words []string
		for _, s := range p.Sentences {
			for _, t := range s.Tokens {
				words = append(words, t.Orth)
				ptoks = append(ptoks, tagged{ner: t.NER})
			}
		}
		// Find the tokens in raw, in order; else rebuild the text.
		at, rawRunes, ok := 0, 0, p.Raw != ""
		for i, w := range words {
			j := strings.Index(p.Raw[at:], w)
			if !ok || j < 0 || strings.TrimSpace(p.Raw[at:at+j]) != "" {
				ok = false
				break
			}
			ptoks[i].start = base + rawRunes + utf8.RuneCountInString(p.Raw[at:at+j])
			ptoks[i].end = ptoks[i].start + utf8.RuneCountInString(w)
			rawRunes = ptoks[i].end - base
			at += j + len(w)
		}
		if ok {
			text.WriteString(p.Raw)
			runes += utf8.RuneCountInString(p.Raw)
		} else {
			rebuilt = true
			k, n := 0, base
			put := func(s string) {
				text.WriteString(s)
				n += utf8.RuneCountInString(s)
			}
			for si, s := range p.Sentences {
				if si > 0 {
					put("\n")
				}
				for ti, t := range s.Tokens {
					if ti > 0 {
						put(" ")
					}
					ptoks[k].start = n
					put(t.Orth)
					ptoks[k].end = n
					k++
				}
			}
			runes = n
		}
		toks = append(toks, ptoks...)
	}
	d := annotations.NewDocument(id, "", r.name, text.String())
	if rebuilt {
		r.rep.Add(r.name, "", line, "document %s: spaCy v2 JSON without a \"raw\" text that holds its tokens: the text is its tokens joined by spaces, a sentence per line", id)
	}
	x := d.Index()
	start := -1
	label := ""
	open := func(i int, l string) { start, label = i, l }
	closeAt := func(i int) {
		if start >= 0 {
			s, e := toks[start].start, toks[i].end
			if s >= e {
				r.rep.Add(r.name, "", line, "document %s: token %d: entity %s covers no text (empty tokens): not read", id, start, label)
				start = -1
				return
			}
			d.Spans = append(d.Spans, annotations.Span{ID: "T" + strconv.Itoa(len(d.Spans)+1), Label: label, Start: s, End: e, Text: x.Slice(s, e)})
		}
		start = -1
	}
	for i, t := range toks {
		prefix, l, _ := strings.Cut(t.ner, "-")
		if l == "" && prefix != "O" && prefix != "-" && prefix != "" {
			r.rep.Add(r.name, "", line, "document %s: token %d: tag %q has no label: read as O", id, i, t.ner)
			prefix = "O"
		}
		switch {
		case prefix == "U":
			closeAt(i - 1)
			open(i, l)
			closeAt(i)
		case prefix == "B":
			closeAt(i - 1)
			open(i, l)
		case (prefix == "I" || prefix == "L") && start >= 0 && l == label:
			if prefix == "L" {
				closeAt(i)
			}
		case prefix == "I" || prefix == "L":
			r.rep.Add(r.name, "", line, "document %s: token %d: tag %s does not continue an entity: read as starting one", id, i, t.ner)
			closeAt(i - 1)
			open(i, l)
			if prefix == "L" {
				closeAt(i)
			}
		default: // "O", "-" and ""
			closeAt(i - 1)
		}
	}
	closeAt(len(toks) - 1)
	d.Origin = &annotations.Origin{Format: OriginFormat, Data: map[string]string{}}
	return d, nil
}
