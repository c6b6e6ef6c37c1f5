// Package doccano reads and writes doccano's JSON Lines, in both variants:
//
//	flat:      {"id":1,"text":"…","label":[[0,8,"DATE"],[11,17,"LOC"]]}
//	relations: {"id":1,"text":"…","entities":[{"id":0,"label":"DATE","start_offset":0,"end_offset":8}],
//	            "relations":[{"id":0,"from_id":0,"to_id":1,"type":"in"}]}
//	intent:    {"id":1,"text":"…","entities":[[0,8,"DATE"]],"cats":["news"]}
//
// The intent-detection variant keeps its "cats" as they are and writes its
// entities back as lists. A file exported with other column names (doccano's
// column_data and column_label) is read with a Reader's Columns.
//
// doccano counts offsets in UTF-16 code units, as JavaScript does; they are
// converted exactly to and from the model's code points with
// annotations.Index, so text after an emoji or a CRLF keeps its place. An
// offset that splits a surrogate pair or lies outside the text is reported,
// never moved.
//
// A text-classification "label" (a list of strings) is read as document
// labels. Fields other than id, text and the annotations are kept in the
// document's Origin and written back. Entity n becomes span "T<n>" and
// relation n relation "R<n>" with roles Arg1 (from) and Arg2 (to); in the
// flat variant spans are numbered from 1.
package doccano

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

	"belgi/annotations"
	"belgi/annotations/internal/jsonio"
	"belgi/annotations/loss"
)

// A Variant is one of doccano's JSONL layouts.
type Variant string

// The variants: Flat holds spans only; Relations holds spans with IDs and
// the relations between them. Auto, for a Writer, is the variant the first
// document was read in, or else Relations when it has relations and Flat
// when it has none.
const (
	Auto      Variant = ""
	Flat      Variant = "label"
	Relations Variant = "entities"
	Intent    Variant = "intent" // entities as [start, end, label] lists
)

// ParseVariant returns the variant named s: "label" or "flat", "entities"
// or "relations", "" or "auto".
func ParseVariant(s string) (Variant, error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return Auto, nil
	case "label", "flat":
		return Flat, nil
	case "entities", "relations", "relation":
		return Relations, nil
	case "intent":
		return Intent, nil
	}
	return "", fmt.Errorf("unknown doccano variant %q (want label, entities or intent)", s)
}

// OriginFormat is the Origin.Format of documents read by this package.
const OriginFormat = "doccano"

// Origin.Data keys.
const (
	keyVariant = "variant" // the variant the document was read from
	keyFields  = "fields"  // other top-level fields, as a JSON object
)

// A Reader reads documents from doccano JSONL (or a JSON array of the same
// records), one at a time.
type Reader struct {
	in      *jsonio.Reader
	name    string
	rep     *loss.Report
	ids     jsonio.IDs
	n       int
	good    int   // documents returned
	skipped error // the first record skipped
	cols    Columns
}

// Columns names the fields of the text and of the labels, as doccano's
// column_data and column_label do; empty means "text" (or "data", as
// doccano before 1.0 wrote) and "label".
type Columns struct{ Text, Label string }

// Columns sets the column names the reader reads and returns r.
func (r *Reader) Columns(c Columns) *Reader {
	r.cols = c
	return r
}

// NewReader returns a reader of r, called name in messages. Offsets and
// references that cannot be read are reported to rep with their line.
func NewReader(r io.Reader, name string, rep *loss.Report) *Reader {
	return &Reader{in: jsonio.NewReader(r, name), name: name, rep: rep, ids: jsonio.IDs{}}
}

// Read returns the next document, or io.EOF. In JSON Lines, as doccano
// does, a line that cannot be read (broken JSON, not an object, no "text"
// string) is reported with its number and skipped; only when no line at
// all can be read is the first such problem the error. In a JSON array a
// bad record is an error naming its line.
func (r *Reader) Read() (*annotations.Document, error) {
	for {
		raw, line, err := r.in.Next()
		if err == nil {
			var d *annotations.Document
			if d, err = r.record(raw, line); err == nil {
				r.good++
				return d, nil
			}
		}
		switch {
		case err == io.EOF && r.good == 0 && r.skipped != nil:
			return nil, r.skipped
		case err == io.EOF || line == 0 || !r.in.Lines():
			return nil, err
		}
		if r.skipped == nil {
			r.skipped = err
		}
		r.rep.Add(r.name, "", line, "record skipped: %s", strings.TrimPrefix(err.Error(), fmt.Sprintf("%s: line %d: ", r.name, line)))
	}
}

func (r *Reader) record(raw json.RawMessage, line int) (*annotations.Document, error) {
	r.n++
	var rec map[string]json.RawMessage
	if err := json.Unmarshal(raw, &rec); err != nil {
		return nil, fmt.Errorf("%s: line %d: not a JSON object: %v", r.name, line, err)
	}
	var text string
	textKey, labelKey := r.cols.Text, r.cols.Label
	if textKey == "" {
		textKey = "text"
		if _, ok := rec["text"]; !ok {
			textKey = "data" // doccano before 1.0
		}
	}
	if labelKey == "" {
		labelKey = "label"
	}
	if err := json.Unmarshal(rec[textKey], &text); err != nil || rec[textKey] == nil {
		return nil, fmt.Errorf("%s: line %d: no %q string", r.name, line, textKey)
	}
	id := jsonio.ID(rec["id"])
	if id == "" {
		id = strconv.Itoa(r.n)
	}
	if nid, renamed := r.ids.Unique(id, line); renamed {
		r.rep.Add(r.name, "", line, "id %s is used by an earlier record: this one is called %s", id, nid)
		id = nid
	}
	d := annotations.NewDocument(id, "", r.name, text)
	x := d.Index()
	warn := func(format string, args ...any) {
		r.rep.Add(r.name, "", line, "document %s: "+format, append([]any{id}, args...)...)
	}
	span := func(sid string, s, e int, label string) bool {
		cs, err1 := x.FromUTF16(s)
		ce, err2 := x.FromUTF16(e)
		switch {
		case err1 != nil:
			warn("span %s [%d, %d) %s not read: %v", sid, s, e, label, err1)
		case err2 != nil:
			warn("span %s [%d, %d) %s not read: %v", sid, s, e, label, err2)
		case cs >= ce:
			warn("span %s [%d, %d) %s not read: it is empty or reversed", sid, s, e, label)
		default:
			d.Spans = append(d.Spans, annotations.Span{ID: sid, Label: label, Start: cs, End: ce, Text: x.Slice(cs, ce)})
			return true
		}
		return false
	}
	variant := Flat
	delete(rec, textKey)
	delete(rec, "id")
	if l, ok := rec[labelKey]; ok {
		delete(rec, labelKey)
		var items []json.RawMessage
		if err := json.Unmarshal(l, &items); err != nil {
			return nil, fmt.Errorf("%s: line %d: %q is not a list", r.name, line, labelKey)
		}
		for i, it := range items {
			var cat string
			if json.Unmarshal(it, &cat) == nil {
				d.Labels = append(d.Labels, cat)
				continue
			}
			s, e, lab, ok := triple(it)
			if !ok {
				warn("label %d not read: %s is not [start, end, \"label\"] or a category", i+1, it)
				continue
			}
			span("T"+strconv.Itoa(len(d.Spans)+1), s, e, lab)
		}
	}
	if ents, ok := rec["entities"]; ok {
		variant = Relations
		delete(rec, "entities")
		var es []json.RawMessage
		if err := json.Unmarshal(ents, &es); err != nil {
			return nil, fmt.Errorf("%s: line %d: \"entities\" is not a list", r.name, line)
		}
		for i, raw := range es {
			if s, e, lab, ok := triple(raw); ok {
				variant = Intent
				span("T"+strconv.Itoa(len(d.Spans)+1), s, e, lab)
				continue
			}
			e, err := jsonio.ParseObject(raw)
			if err != nil {
				warn("entity %d not read: neither an object nor [start, end, \"label\"]", i+1)
				continue
			}
			eid := jsonio.ID(e["id"])
			if eid == "" {
				eid = strconv.Itoa(i)
			}
			start, ok1 := e.Int("start_offset")
			end, ok2 := e.Int("end_offset")
			if !ok1 || !ok2 {
				warn("entity %s not read: no start_offset or end_offset", eid)
				continue
			}
			if _, dup := d.Span("T" + eid); dup {
				warn("entity %s not read: its id is used by an earlier entity", eid)
				continue
			}
			span("T"+eid, start, end, e.Str("label"))
		}
	}
	if rels, ok := rec["relations"]; ok {
		variant = Relations
		delete(rec, "relations")
		var rs []json.RawMessage
		if err := json.Unmarshal(rels, &rs); err != nil {
			return nil, fmt.Errorf("%s: line %d: \"relations\" is not a list", r.name, line)
		}
		seen := map[string]bool{}
		for i, raw := range rs {
			rel, err := jsonio.ParseObject(raw)
			if err != nil {
				warn("relation %d not read: not an object", i+1)
				continue
			}
			rid := jsonio.ID(rel["id"])
			if rid == "" {
				rid = strconv.Itoa(i)
			}
			fromID, toID := jsonio.ID(rel["from_id"]), jsonio.ID(rel["to_id"])
			from, to := "T"+fromID, "T"+toID
			_, okFrom := d.Span(from)
			_, okTo := d.Span(to)
			switch {
			case seen[rid]:
				warn("relation %s not read: its id is used by an earlier relation", rid)
			case !okFrom || !okTo:
				warn("relation %s not read: entity %s or %s is not in the record", rid, fromID, toID)
			default:
				seen[rid] = true
				d.Relations = append(d.Relations, annotations.Relation{ID: "R" + rid, Type: rel.Str("type"),
					Arguments: []annotations.Argument{{Role: "Arg1", Ref: from}, {Role: "Arg2", Ref: to}}})
			}
		}
	}
	d.Origin = &annotations.Origin{Format: OriginFormat, Data: map[string]string{keyVariant: string(variant)}}
	if len(rec) > 0 {
		b, _ := jsonio.Marshal(rec)
		d.Origin.Data[keyFields] = string(b)
	}
	return d, nil
}

// triple reads [start, end, "label"].
func triple(raw json.RawMessage) (s, e int, label string, ok bool) {
	var t []json.RawMessage
	if json.Unmarshal(raw, &t) != nil || len(t) != 3 || json.Unmarshal(t[0], &s) != nil || json.Unmarshal(t[1], &e) != nil || json.Unmarshal(t[2], &label) != nil {
		return 0, 0, "", false
	}
	return s, e, label, true
}

// A Writer writes documents as doccano JSONL, one line each.
type Writer struct {
	w       *bufio.Writer
	variant Variant
	rep     *loss.Report
}

// NewWriter returns a writer of the given variant to w. What the variant
// cannot hold is reported to rep.
func NewWriter(w io.Writer, v Variant, rep *loss.Report) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), variant: v, rep: rep}
}

// Close writes any buffered data. It does not close the underlying writer.
func (w *Writer) Close() error { return w.w.Flush() }

// variantOf returns the variant d was read in, or the one that holds it.
func variantOf(d *annotations.Document) Variant {
	if d.Origin != nil && d.Origin.Format == OriginFormat {
		if v := Variant(d.Origin.Data[keyVariant]); v == Flat || v == Relations || v == Intent {
			return v
		}
	}
	if len(d.Relations) > 0 {
		return Relations
	}
	return Flat
}

// A piece is one span, or one fragment of a discontinuous span, to write.
type piece struct {
	id         int
	span       string
	start, end int // UTF-16
	label      string
}

// Write writes d as one line. Discontinuous spans are written fragment by
// fragment; events, attributes, notes and normalizations, relations in the
// flat variant and relations that do not link two spans are reported.
// Document labels are written only in the flat variant of a document
// without spans, as doccano's text classification does.
func (w *Writer) Write(d *annotations.Document) error {
	if w.variant == Auto {
		w.variant = variantOf(d)
	}
	x := d.Index()
	var b bytes.Buffer
	b.WriteString(`{"id":` + jsonio.IDValue(d.ID) + `,"text":` + jsonio.String(d.Text))
	var pieces []piece
	spanID := map[string]int{} // span → id of its first piece
	used := map[int]bool{}
	for _, s := range d.Spans {
		if n, err := strconv.Atoi(strings.TrimPrefix(s.ID, "T")); err == nil && strings.HasPrefix(s.ID, "T") && n >= 0 && len(s.Fragments) == 0 && !used[n] {
			used[n] = true
			spanID[s.ID] = n
		}
	}
	next := 0
	alloc := func() int {
		for used[next] {
			next++
		}
		used[next] = true
		return next
	}
	for _, s := range d.Spans {
		frags := s.Fragments
		if len(frags) == 0 {
			frags = []annotations.Fragment{{Start: s.Start, End: s.End}}
		} else {
			w.rep.Add(d.ID, s.ID, 0, "discontinuous span: its %d fragments are written as separate %s spans", len(frags), s.Label)
		}
		for i, f := range frags {
			id, ok := spanID[s.ID]
			if !ok || i > 0 {
				id = alloc()
				if i == 0 {
					spanID[s.ID] = id
				}
			}
			pieces = append(pieces, piece{id, s.ID, x.UTF16(f.Start), x.UTF16(f.End), s.Label})
		}
	}
	sort.SliceStable(pieces, func(i, j int) bool {
		if pieces[i].start != pieces[j].start {
			return pieces[i].start < pieces[j].start
		}
		return pieces[i].end > pieces[j].end
	})
	switch w.variant {
	case Intent:
		b.WriteString(`,"entities":[`)
		for i, p := range pieces {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `[%d,%d,%s]`, p.start, p.end, jsonio.String(p.label))
		}
		b.WriteString("]")
		for _, r := range d.Relations {
			w.rep.Add(d.ID, r.ID, 0, "relation %s not written: the intent variant holds no relations (use the entities variant)", r.Type)
		}
	case Relations:
		b.WriteString(`,"entities":[`)
		for i, p := range pieces {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":%d,"label":%s,"start_offset":%d,"end_offset":%d}`, p.id, jsonio.String(p.label), p.start, p.end)
		}
		b.WriteString(`],"relations":[`)
		w.writeRelations(&b, d, spanID)
		b.WriteString("]")
	default:
		b.WriteString(`,"label":[`)
		for i, p := range pieces {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `[%d,%d,%s]`, p.start, p.end, jsonio.String(p.label))
		}
		if len(pieces) == 0 {
			for i, l := range d.Labels {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(jsonio.String(l))
			}
		}
		b.WriteString("]")
		for _, r := range d.Relations {
			w.rep.Add(d.ID, r.ID, 0, "relation %s not written: the flat variant holds no relations (use the entities variant)", r.Type)
		}
	}
	if w.variant != Flat || len(pieces) > 0 {
		for _, l := range d.Labels {
			w.rep.Add(d.ID, "", 0, "document label %q not written: doccano holds categories only beside no spans, in the flat variant", l)
		}
	}
	for _, e := range d.Events {
		w.rep.Add(d.ID, e.ID, 0, "event %s not written: doccano has no events (its trigger and arguments stay as spans)", e.Type)
	}
	for _, a := range d.Attributes {
		w.rep.Add(d.ID, a.ID, 0, "attribute %s not written: doccano has no attributes", a.Name)
	}
	for _, n := range d.Notes {
		w.rep.Add(d.ID, n.ID, 0, "note not written: doccano has no notes on annotations")
	}
	for _, n := range d.Normalizations {
		w.rep.Add(d.ID, n.ID, 0, "normalization %s:%s not written: doccano has no normalizations", n.Resource, n.Entry)
	}
	w.writeFields(&b, d)
	b.WriteString("}\n")
	_, err := w.w.Write(b.Bytes())
	return err
}

func (w *Writer) writeRelations(b *bytes.Buffer, d *annotations.Document, spanID map[string]int) {
	used := map[int]bool{}
	for _, r := range d.Relations {
		if n, err := strconv.Atoi(strings.TrimPrefix(r.ID, "R")); err == nil && strings.HasPrefix(r.ID, "R") && n >= 0 {
			used[n] = true
		}
	}
	next, first := 0, true
	for _, r := range d.Relations {
		if len(r.Arguments) != 2 {
			w.rep.Add(d.ID, r.ID, 0, "relation %s not written: doccano relations link two spans; it has %d arguments", r.Type, len(r.Arguments))
			continue
		}
		from, ok1 := spanID[r.Arguments[0].Ref]
		to, ok2 := spanID[r.Arguments[1].Ref]
		if !ok1 || !ok2 {
			w.rep.Add(d.ID, r.ID, 0, "relation %s not written: doccano relations link spans, not events or relations", r.Type)
			continue
		}
		if r.Arguments[0].Role != "Arg1" || r.Arguments[1].Role != "Arg2" {
			w.rep.Add(d.ID, r.ID, 0, "roles %s and %s written as from and to: doccano relations have no role names", r.Arguments[0].Role, r.Arguments[1].Role)
		}
		n, err := strconv.Atoi(strings.TrimPrefix(r.ID, "R"))
		if err != nil || !strings.HasPrefix(r.ID, "R") || n < 0 {
			for used[next] {
				next++
			}
			n = next
			used[n] = true
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		fmt.Fprintf(b, `{"id":%d,"from_id":%d,"to_id":%d,"type":%s}`, n, from, to, jsonio.String(r.Type))
	}
}

// writeFields writes the other fields a document read from doccano had.
func (w *Writer) writeFields(b *bytes.Buffer, d *annotations.Document) {
	if d.Origin == nil || d.Origin.Format != OriginFormat || d.Origin.Data[keyFields] == "" {
		return
	}
	var rec map[string]json.RawMessage
	if err := json.Unmarshal([]byte(d.Origin.Data[keyFields]), &rec); err != nil {
		w.rep.Add(d.ID, "", 0, "origin fields are not a JSON object: not written")
		return
	}
	keys := make([]string, 0, len(rec))
	for k := range rec {
		switch k {
		case "id", "text", "label", "entities", "relations":
			w.rep.Add(d.ID, "", 0, "field %q read beside other columns not written: Belgi writes its own %q", k, k)
			continue
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b.WriteString("," + jsonio.String(k) + ":")
		if err := json.Compact(b, rec[k]); err != nil {
			b.WriteString("null")
		}
	}
}
