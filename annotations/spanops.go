package annotations

import (
	"fmt"
	"sort"
)

// addSpan adds op.Span to d, giving it the next free "T" ID when it has
// none, and sets its text.
func (d *Document) addSpan(op Op) (Op, error) {
	s := *op.Span
	if s.ID == "" {
		s.ID = d.NextID("T")
	}
	if _, dup := d.Span(s.ID); dup {
		return Op{}, refuse(op.Kind, d.ID, s.ID, ErrExists, "it already has span %q", s.ID)
	}
	if err := d.fill(&s); err != nil {
		return Op{}, refuse(op.Kind, d.ID, s.ID, ErrInvalid, "%v", err)
	}
	d.Spans = insertSpan(d.Spans, s)
	return Op{Kind: OpDeleteSpan, Doc: d.ID, ID: s.ID}, nil
}

// insertSpan returns a copy of spans, which are in canonical order, with s
// in its place.
func insertSpan(spans []Span, s Span) []Span {
	out := make([]Span, len(spans), len(spans)+1)
	copy(out, spans)
	i := sort.Search(len(out), func(i int) bool { return spanLess(s, out[i]) })
	out = append(out, Span{})
	copy(out[i+1:], out[i:])
	out[i] = s
	return out
}

// deleteSpan removes span op.ID, refusing while an annotation refers to it.
func (d *Document) deleteSpan(op Op) (Op, error) {
	if by := d.referrer(op.ID); by != "" {
		return Op{}, refuse(op.Kind, d.ID, op.ID, ErrInUse, "span %q is used by %q; remove that first", op.ID, by)
	}
	for i, s := range d.Spans {
		if s.ID == op.ID {
			spans := make([]Span, 0, len(d.Spans)-1)
			spans = append(spans, d.Spans[:i]...)
			d.Spans = append(spans, d.Spans[i+1:]...)
			return Op{Kind: OpAddSpan, Doc: d.ID, Span: &s}, nil
		}
	}
	return Op{}, refuse(op.Kind, d.ID, op.ID, ErrNotFound, "it has no span %q", op.ID)
}

// addSpans adds op.Spans, each with its own new ID, in one merge of sorted
// runs: adding n spans costs O(n log n + m).
func (d *Document) addSpans(op Op) (Op, error) {
	taken := d.ids()
	added := make([]Span, 0, len(op.Spans))
	ids := make([]string, 0, len(op.Spans))
	for _, s := range op.Spans {
		if s.ID == "" || taken[s.ID] {
			return Op{}, refuse(op.Kind, d.ID, s.ID, ErrExists, "span id %q is empty or taken", s.ID)
		}
		taken[s.ID] = true
		if err := d.fill(&s); err != nil {
			return Op{}, refuse(op.Kind, d.ID, s.ID, ErrInvalid, "%v", err)
		}
		added = append(added, s)
		ids = append(ids, s.ID)
	}
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
}

// deleteSpans removes the spans op.IDs, all or none. An annotation may
// refer to one of them only if it is itself among them.
func (d *Document) deleteSpans(op Op) (Op, error) {
	drop := map[string]bool{}
	for _, id := range op.IDs {
		drop[id] = true
	}
	var gone []Span
	spans := make([]Span, 0, len(d.Spans))
	for _, s := range d.Spans {
		if drop[s.ID] {
			if by := d.referrer(s.ID); by != "" && !drop[by] {
				return Op{}, refuse(op.Kind, d.ID, s.ID, ErrInUse, "span %q is used by %q; remove that first", s.ID, by)
			}
			gone = append(gone, s)
			continue
		}
		spans = append(spans, s)
	}
	if len(gone) != len(drop) {
		return Op{}, refuse(op.Kind, d.ID, "", ErrNotFound, "it lacks some of the spans %v", op.IDs)
	}
	d.Spans = spans
	return Op{Kind: OpAddSpans, Doc: d.ID, Spans: gone}, nil
}

// putSpan replaces the span with sp's ID by sp: a new label or new
// fragments. Its ID stays, so what refers to it stays valid.
func (d *Document) putSpan(op Op) (Op, error) {
	sp := *op.Span
	if sp.Label == "" {
		return Op{}, refuse(op.Kind, d.ID, sp.ID, ErrInvalid, "span %q needs a label", sp.ID)
	}
	sp.Fragments = append([]Fragment(nil), sp.Fragments...)
	sort.Slice(sp.Fragments, func(i, j int) bool { return sp.Fragments[i].Start < sp.Fragments[j].Start })
	for i := 1; i < len(sp.Fragments); i++ {
		if sp.Fragments[i].Start < sp.Fragments[i-1].End {
			return Op{}, refuse(op.Kind, d.ID, sp.ID, ErrInvalid, "span %q: fragments %d and %d overlap", sp.ID, i, i+1)
		}
	}
	if len(sp.Fragments) == 1 {
		sp.Start, sp.End, sp.Fragments = sp.Fragments[0].Start, sp.Fragments[0].End, nil
	}
	if err := d.fill(&sp); err != nil {
		return Op{}, refuse(op.Kind, d.ID, sp.ID, ErrInvalid, "%v", err)
	}
	for i, old := range d.Spans {
		if old.ID != sp.ID {
			continue
		}
		spans := make([]Span, 0, len(d.Spans))
		spans = append(spans, d.Spans[:i]...)
		d.Spans = insertSpan(append(spans, d.Spans[i+1:]...), sp)
		return Op{Kind: OpPut, Doc: d.ID, Span: &old}, nil
	}
	return Op{}, refuse(op.Kind, d.ID, sp.ID, ErrNotFound, "it has no span %q", sp.ID)
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
