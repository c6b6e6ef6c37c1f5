package annotations

import (
	"fmt"
	"sort"
)

// A Workspace is the set of documents a person works on and the schema they
// use. It changes only through Apply, so every change can be undone,
// journaled and replayed.
type Workspace struct {
	Schema    Schema
	Documents []*Document
}

// NewWorkspace returns an empty workspace with the given schema.
func NewWorkspace(s Schema) *Workspace { return &Workspace{Schema: s} }

// Document returns the document with the given ID, or nil.
func (w *Workspace) Document(id string) *Document {
	for _, d := range w.Documents {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// NextDocumentID returns an unused document ID of the form "d<n>".
func (w *Workspace) NextDocumentID() string {
	for n := len(w.Documents) + 1; ; n++ {
		id := fmt.Sprintf("d%d", n)
		if w.Document(id) == nil {
			return id
		}
	}
}

// OpKind names an operation.
type OpKind string

// The operations. Each has an inverse among them.
const (
	OpAddDocument    OpKind = "addDocument"
	OpRemoveDocument OpKind = "removeDocument"
	OpAddSpan        OpKind = "addSpan"
	OpDeleteSpan     OpKind = "deleteSpan"
	// OpReplaceDocument swaps a whole document for another with the same
	// ID: for changes that move offsets, such as re-cleaning its text.
	OpReplaceDocument OpKind = "replaceDocument"
	OpSetSchema       OpKind = "setSchema"
	// OpAddSpans adds many spans at once (annotate all occurrences);
	// OpDeleteSpans removes them.
	OpAddSpans    OpKind = "addSpans"
	OpDeleteSpans OpKind = "deleteSpans"
	// OpPut adds or replaces one event, relation, attribute or note (by
	// its ID), or replaces a span (a new label or fragments); OpRemove
	// removes one. Their inverse is each other, or an OpPut of the old value.
	OpPut    OpKind = "put"
	OpRemove OpKind = "remove"
	// OpSetLabels sets the document-level labels.
	OpSetLabels OpKind = "setLabels"
)

// An Op is one change to a workspace. Ops are plain values so they can be
// stored in a journal and sent between components.
type Op struct {
	Kind     OpKind    `json:"op"`
	Doc      string    `json:"doc,omitempty"`      // target document ID
	Document *Document `json:"document,omitempty"` // OpAddDocument
	Span     *Span     `json:"span,omitempty"`     // OpAddSpan, OpPut
	ID       string    `json:"id,omitempty"`       // OpDeleteSpan: span ID
	At       int       `json:"at,omitempty"`       // OpAddDocument, OpPut: 1-based position, used by undo
	Schema   *Schema   `json:"schema,omitempty"`   // OpSetSchema
	Spans    []Span    `json:"spans,omitempty"`    // OpAddSpans
	IDs      []string  `json:"ids,omitempty"`      // OpDeleteSpans
	Labels   []string  `json:"labels,omitempty"`   // OpSetLabels

	// OpPut: exactly one of these.
	Event     *Event     `json:"event,omitempty"`
	Relation  *Relation  `json:"relation,omitempty"`
	Attribute *Attribute `json:"attribute,omitempty"`
	Note      *Note      `json:"note,omitempty"`
}

// Apply carries out op and returns the op that undoes it. On error the
// workspace is unchanged. Apply never modifies a slice it has handed out:
// it replaces it, so values held by the UI stay valid.
func (w *Workspace) Apply(op Op) (inverse Op, err error) {
	switch op.Kind {
	case OpAddDocument:
		d := op.Document
		if d == nil {
			return Op{}, fmt.Errorf("addDocument: no document")
		}
		if d.ID == "" {
			return Op{}, fmt.Errorf("addDocument: document has no id")
		}
		if w.Document(d.ID) != nil {
			return Op{}, fmt.Errorf("addDocument: document %q already exists", d.ID)
		}
		if probs := validateDocument(d, &w.Schema); hasError(probs) {
			return Op{}, &ValidationError{Problems: probs}
		}
		d = d.clone()
		d.seal()
		at := op.At - 1 // 1-based; 0 appends
		if at < 0 || at > len(w.Documents) {
			at = len(w.Documents)
		}
		docs := make([]*Document, 0, len(w.Documents)+1)
		docs = append(docs, w.Documents[:at]...)
		docs = append(docs, d)
		w.Documents = append(docs, w.Documents[at:]...)
		return Op{Kind: OpRemoveDocument, Doc: d.ID}, nil

	case OpRemoveDocument:
		for i, d := range w.Documents {
			if d.ID == op.Doc {
				docs := make([]*Document, 0, len(w.Documents)-1)
				docs = append(docs, w.Documents[:i]...)
				w.Documents = append(docs, w.Documents[i+1:]...)
				return Op{Kind: OpAddDocument, Document: d, At: i + 1}, nil
			}
		}
		return Op{}, fmt.Errorf("removeDocument: no document %q", op.Doc)

	case OpReplaceDocument:
		d := op.Document
		if d == nil {
			return Op{}, fmt.Errorf("replaceDocument: no document")
		}
		for i, old := range w.Documents {
			if old.ID != d.ID {
				continue
			}
			if probs := validateDocument(d, &w.Schema); hasError(probs) {
				return Op{}, &ValidationError{Problems: probs}
			}
			d = d.clone()
			d.seal()
			docs := append([]*Document(nil), w.Documents...)
			docs[i] = d
			w.Documents = docs
			return Op{Kind: OpReplaceDocument, Document: old}, nil
		}
		return Op{}, fmt.Errorf("replaceDocument: no document %q", d.ID)

	case OpSetSchema:
		if op.Schema == nil {
			return Op{}, fmt.Errorf("setSchema: no schema")
		}
		if probs := validateSchema(op.Schema); hasError(probs) {
			return Op{}, &ValidationError{Problems: probs}
		}
		old := w.Schema
		w.Schema = *op.Schema
		return Op{Kind: OpSetSchema, Schema: &old}, nil

	case OpAddSpan:
		d := w.Document(op.Doc)
		if d == nil {
			return Op{}, fmt.Errorf("addSpan: no document %q", op.Doc)
		}
		if op.Span == nil {
			return Op{}, fmt.Errorf("addSpan: no span")
		}
		s := *op.Span
		if s.ID == "" {
			s.ID = d.NextID("T")
		}
		if _, dup := d.Span(s.ID); dup {
			return Op{}, fmt.Errorf("addSpan: document %q already has span %q", d.ID, s.ID)
		}
		if err := d.fill(&s); err != nil {
			return Op{}, fmt.Errorf("addSpan: document %q: %v", d.ID, err)
		}
		spans := make([]Span, len(d.Spans), len(d.Spans)+1)
		copy(spans, d.Spans)
		i := sort.Search(len(spans), func(i int) bool { return spanLess(s, spans[i]) })
		spans = append(spans, Span{})
		copy(spans[i+1:], spans[i:])
		spans[i] = s
		d.Spans = spans
		return Op{Kind: OpDeleteSpan, Doc: d.ID, ID: s.ID}, nil

	case OpDeleteSpan:
		d := w.Document(op.Doc)
		if d == nil {
			return Op{}, fmt.Errorf("deleteSpan: no document %q", op.Doc)
		}
		if by := d.referrer(op.ID); by != "" {
			return Op{}, fmt.Errorf("deleteSpan: document %q: span %q is used by %q; remove that first", d.ID, op.ID, by)
		}
		for i, s := range d.Spans {
			if s.ID == op.ID {
				spans := make([]Span, 0, len(d.Spans)-1)
				spans = append(spans, d.Spans[:i]...)
				d.Spans = append(spans, d.Spans[i+1:]...)
				return Op{Kind: OpAddSpan, Doc: d.ID, Span: &s}, nil
			}
		}
		return Op{}, fmt.Errorf("deleteSpan: document %q has no span %q", d.ID, op.ID)

	case OpAddSpans:
		d := w.Document(op.Doc)
		if d == nil {
			return Op{}, fmt.Errorf("addSpans: no document %q", op.Doc)
		}
		taken := d.ids()
		added := make([]Span, 0, len(op.Spans))
		ids := make([]string, 0, len(op.Spans))
		for _, s := range op.Spans {
			if s.ID == "" || taken[s.ID] {
				return Op{}, fmt.Errorf("addSpans: document %q: span id %q is empty or taken", d.ID, s.ID)
			}
			taken[s.ID] = true
			if err := d.fill(&s); err != nil {
				return Op{}, fmt.Errorf("addSpans: document %q: %v", d.ID, err)
			}
			added = append(added, s)
			ids = append(ids, s.ID)
		}
		// One merge of sorted runs: adding n spans costs O(n log n + m).
		sortSpans(added)
		spans := make([]Span, 0, len(d.Spans)+len(added))
		i, j := 0, 0
		for i < len(d.Spans) || j < len(added) {
			if j == len(added) || (i < len(d.Spans) && !spanLess(added[j], d.Spans[i])) {
				spans = append(spans, d.Spans[i])
				i++
			} else {
				spans = append(spans, added[j])
				j++
			}
		}
		d.Spans = spans
		return Op{Kind: OpDeleteSpans, Doc: d.ID, IDs: ids}, nil

	case OpDeleteSpans:
		d := w.Document(op.Doc)
		if d == nil {
			return Op{}, fmt.Errorf("deleteSpans: no document %q", op.Doc)
		}
		drop := map[string]bool{}
		for _, id := range op.IDs {
			drop[id] = true
		}
		var gone []Span
		spans := make([]Span, 0, len(d.Spans))
		for _, s := range d.Spans {
			if drop[s.ID] {
				if by := d.referrer(s.ID); by != "" && !drop[by] {
					return Op{}, fmt.Errorf("deleteSpans: document %q: span %q is used by %q; remove that first", d.ID, s.ID, by)
				}
				gone = append(gone, s)
				continue
			}
			spans = append(spans, s)
		}
		if len(gone) != len(drop) {
			return Op{}, fmt.Errorf("deleteSpans: document %q lacks some of the spans %v", d.ID, op.IDs)
		}
		d.Spans = spans
		return Op{Kind: OpAddSpans, Doc: d.ID, Spans: gone}, nil

	case OpPut:
		d := w.Document(op.Doc)
		if d == nil {
			return Op{}, fmt.Errorf("put: no document %q", op.Doc)
		}
		return d.put(op)

	case OpRemove:
		d := w.Document(op.Doc)
		if d == nil {
			return Op{}, fmt.Errorf("remove: no document %q", op.Doc)
		}
		return d.remove(op.ID)

	case OpSetLabels:
		d := w.Document(op.Doc)
		if d == nil {
			return Op{}, fmt.Errorf("setLabels: no document %q", op.Doc)
		}
		old := d.Labels
		d.Labels = append([]string(nil), op.Labels...)
		return Op{Kind: OpSetLabels, Doc: d.ID, Labels: old}, nil
	}
	return Op{}, fmt.Errorf("unknown operation %q", op.Kind)
}

// fill checks the offsets of s against d and sets its covered text.
func (d *Document) fill(s *Span) error {
	x := d.Index()
	if len(s.Fragments) == 0 {
		if err := checkRange(s.Start, s.End, x.Len()); err != nil {
			return fmt.Errorf("span %q: %v", s.ID, err)
		}
		s.Text = x.Slice(s.Start, s.End)
		return nil
	}
	text := ""
	for i, f := range s.Fragments {
		if err := checkRange(f.Start, f.End, x.Len()); err != nil {
			return fmt.Errorf("span %q fragment %d: %v", s.ID, i+1, err)
		}
		if i > 0 {
			text += " "
		}
		text += x.Slice(f.Start, f.End)
	}
	s.Start, s.End = s.Fragments[0].Start, s.Fragments[0].End
	for _, f := range s.Fragments {
		s.Start, s.End = min(s.Start, f.Start), max(s.End, f.End)
	}
	s.Text = text
	return nil
}

func checkRange(start, end, n int) error {
	switch {
	case start < 0:
		return fmt.Errorf("start %d is negative", start)
	case end > n:
		return fmt.Errorf("end %d is past the end of the text (%d code points)", end, n)
	case start >= end:
		return fmt.Errorf("start %d is not before end %d", start, end)
	}
	return nil
}
