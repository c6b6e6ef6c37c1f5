package annotations

import (
	"fmt"
	"sort"
)

// ids returns the IDs of every annotation of d.
func (d *Document) ids() map[string]bool {
	ids := map[string]bool{}
	for _, s := range d.Spans {
		ids[s.ID] = true
	}
	for _, e := range d.Events {
		ids[e.ID] = true
	}
	for _, r := range d.Relations {
		ids[r.ID] = true
	}
	for _, a := range d.Attributes {
		ids[a.ID] = true
	}
	for _, n := range d.Notes {
		ids[n.ID] = true
	}
	for _, n := range d.Normalizations {
		ids[n.ID] = true
	}
	return ids
}

// referrer returns the ID of an annotation that refers to id, or "".
func (d *Document) referrer(id string) string {
	for _, e := range d.Events {
		if e.Trigger == id {
			return e.ID
		}
		for _, a := range e.Arguments {
			if a.Ref == id {
				return e.ID
			}
		}
	}
	for _, r := range d.Relations {
		for _, a := range r.Arguments {
			if a.Ref == id {
				return r.ID
			}
		}
	}
	for _, a := range d.Attributes {
		if a.Target == id {
			return a.ID
		}
	}
	for _, n := range d.Notes {
		if n.Target == id {
			return n.ID
		}
	}
	for _, n := range d.Normalizations {
		if n.Target == id {
			return n.ID
		}
	}
	return ""
}

// kindOf returns what id names in d: "span", "event", "relation",
// "attribute", "note", "normalization", or "" for nothing.
func (d *Document) kindOf(id string) string {
	for _, s := range d.Spans {
		if s.ID == id {
			return "span"
		}
	}
	for _, e := range d.Events {
		if e.ID == id {
			return "event"
		}
	}
	for _, r := range d.Relations {
		if r.ID == id {
			return "relation"
		}
	}
	for _, a := range d.Attributes {
		if a.ID == id {
			return "attribute"
		}
	}
	for _, n := range d.Notes {
		if n.ID == id {
			return "note"
		}
	}
	for _, n := range d.Normalizations {
		if n.ID == id {
			return "normalization"
		}
	}
	return ""
}

// refOK reports whether id may be referred to as want: "span", "event",
// "" for either, or "any" for a span, event or relation.
func (d *Document) refOK(id, want string) bool {
	switch k := d.kindOf(id); want {
	case "span", "event":
		return k == want
	case "any":
		return k == "span" || k == "event" || k == "relation"
	default:
		return k == "span" || k == "event"
	}
}

// put adds or replaces the event, relation, attribute or note of op, after
// checking that what it refers to exists. Replacing keeps its place. A span
// can only be replaced: its label or fragments change, its ID stays, so
// what refers to it stays valid.
func (d *Document) put(op Op) (Op, error) {
	n := 0
	for _, set := range []bool{op.Event != nil, op.Relation != nil, op.Attribute != nil, op.Note != nil, op.Span != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return Op{}, fmt.Errorf("put: document %q: give exactly one annotation, not %d", d.ID, n)
	}
	inverse := func(id string, old any, found bool) Op {
		if !found {
			return Op{Kind: OpRemove, Doc: d.ID, ID: id}
		}
		back := Op{Kind: OpPut, Doc: d.ID}
		switch v := old.(type) {
		case Event:
			back.Event = &v
		case Relation:
			back.Relation = &v
		case Attribute:
			back.Attribute = &v
		case Note:
			back.Note = &v
		}
		return back
	}
	switch {
	case op.Span != nil:
		return d.putSpan(*op.Span)
	case op.Event != nil:
		e := *op.Event
		e.Arguments = append([]Argument(nil), e.Arguments...)
		if e.ID == "" || e.Type == "" {
			return Op{}, fmt.Errorf("put: document %q: an event needs an id and a type", d.ID)
		}
		if !d.refOK(e.Trigger, "span") {
			return Op{}, fmt.Errorf("put: document %q: event %q: trigger %q is not a span", d.ID, e.ID, e.Trigger)
		}
		for _, a := range e.Arguments {
			if a.Ref == e.ID || !d.refOK(a.Ref, "") || a.Role == "" {
				return Op{}, fmt.Errorf("put: document %q: event %q: role %q: %q is not a span or another event", d.ID, e.ID, a.Role, a.Ref)
			}
		}
		if err := d.checkNewID(e.ID, "event"); err != nil {
			return Op{}, err
		}
		events := append([]Event(nil), d.Events...)
		for i, old := range events {
			if old.ID == e.ID {
				events[i] = e
				d.Events = events
				return inverse(e.ID, old, true), nil
			}
		}
		d.Events = insertAt(events, e, op.At)
		return inverse(e.ID, nil, false), nil
	case op.Relation != nil:
		r := *op.Relation
		r.Arguments = append([]Argument(nil), r.Arguments...)
		if r.ID == "" || r.Type == "" || len(r.Arguments) == 0 {
			return Op{}, fmt.Errorf("put: document %q: a relation needs an id, a type and arguments", d.ID)
		}
		for _, a := range r.Arguments {
			if !d.refOK(a.Ref, "") {
				return Op{}, fmt.Errorf("put: document %q: relation %q: %q is not a span or event", d.ID, r.ID, a.Ref)
			}
		}
		if err := d.checkNewID(r.ID, "relation"); err != nil {
			return Op{}, err
		}
		rels := append([]Relation(nil), d.Relations...)
		for i, old := range rels {
			if old.ID == r.ID {
				rels[i] = r
				d.Relations = rels
				return inverse(r.ID, old, true), nil
			}
		}
		d.Relations = insertAt(rels, r, op.At)
		return inverse(r.ID, nil, false), nil
	case op.Attribute != nil:
		a := *op.Attribute
		if a.ID == "" || a.Name == "" || !d.refOK(a.Target, "any") {
			return Op{}, fmt.Errorf("put: document %q: attribute %q needs a name and a target that exists", d.ID, a.ID)
		}
		if err := d.checkNewID(a.ID, "attribute"); err != nil {
			return Op{}, err
		}
		attrs := append([]Attribute(nil), d.Attributes...)
		for i, old := range attrs {
			if old.ID == a.ID {
				attrs[i] = a
				d.Attributes = attrs
				return inverse(a.ID, old, true), nil
			}
		}
		d.Attributes = insertAt(attrs, a, op.At)
		return inverse(a.ID, nil, false), nil
	default:
		nt := *op.Note
		if nt.ID == "" || !d.refOK(nt.Target, "any") {
			return Op{}, fmt.Errorf("put: document %q: note %q needs a target that exists", d.ID, nt.ID)
		}
		if err := d.checkNewID(nt.ID, "note"); err != nil {
			return Op{}, err
		}
		notes := append([]Note(nil), d.Notes...)
		for i, old := range notes {
			if old.ID == nt.ID {
				notes[i] = nt
				d.Notes = notes
				return inverse(nt.ID, old, true), nil
			}
		}
		d.Notes = insertAt(notes, nt, op.At)
		return inverse(nt.ID, nil, false), nil
	}
}

// putSpan replaces the span with sp's ID by sp.
func (d *Document) putSpan(sp Span) (Op, error) {
	if sp.Label == "" {
		return Op{}, fmt.Errorf("put: document %q: span %q needs a label", d.ID, sp.ID)
	}
	sp.Fragments = append([]Fragment(nil), sp.Fragments...)
	sort.Slice(sp.Fragments, func(i, j int) bool { return sp.Fragments[i].Start < sp.Fragments[j].Start })
	for i := 1; i < len(sp.Fragments); i++ {
		if sp.Fragments[i].Start < sp.Fragments[i-1].End {
			return Op{}, fmt.Errorf("put: document %q: span %q: fragments %d and %d overlap", d.ID, sp.ID, i, i+1)
		}
	}
	if len(sp.Fragments) == 1 {
		sp.Start, sp.End, sp.Fragments = sp.Fragments[0].Start, sp.Fragments[0].End, nil
	}
	if err := d.fill(&sp); err != nil {
		return Op{}, fmt.Errorf("put: document %q: %v", d.ID, err)
	}
	for i, old := range d.Spans {
		if old.ID != sp.ID {
			continue
		}
		spans := make([]Span, 0, len(d.Spans))
		spans = append(spans, d.Spans[:i]...)
		spans = append(spans, d.Spans[i+1:]...)
		j := sort.Search(len(spans), func(j int) bool { return spanLess(sp, spans[j]) })
		spans = append(spans, Span{})
		copy(spans[j+1:], spans[j:])
		spans[j] = sp
		d.Spans = spans
		return Op{Kind: OpPut, Doc: d.ID, Span: &old}, nil
	}
	return Op{}, fmt.Errorf("put: document %q has no span %q", d.ID, sp.ID)
}

// checkNewID refuses an ID that another kind of annotation has.
func (d *Document) checkNewID(id, kind string) error {
	if k := d.kindOf(id); k != "" && k != kind {
		return fmt.Errorf("put: document %q: id %q is a %s's, not a new %s's", d.ID, id, k, kind)
	}
	return nil
}

// remove deletes the event, relation, attribute or note with the given ID,
// refusing while another annotation refers to it.
func (d *Document) remove(id string) (Op, error) {
	if by := d.referrer(id); by != "" {
		return Op{}, fmt.Errorf("remove: document %q: %q is used by %q; remove that first", d.ID, id, by)
	}
	for i, e := range d.Events {
		if e.ID == id {
			d.Events = append(append([]Event(nil), d.Events[:i]...), d.Events[i+1:]...)
			return Op{Kind: OpPut, Doc: d.ID, Event: &e, At: i + 1}, nil
		}
	}
	for i, r := range d.Relations {
		if r.ID == id {
			d.Relations = append(append([]Relation(nil), d.Relations[:i]...), d.Relations[i+1:]...)
			return Op{Kind: OpPut, Doc: d.ID, Relation: &r, At: i + 1}, nil
		}
	}
	for i, a := range d.Attributes {
		if a.ID == id {
			d.Attributes = append(append([]Attribute(nil), d.Attributes[:i]...), d.Attributes[i+1:]...)
			return Op{Kind: OpPut, Doc: d.ID, Attribute: &a, At: i + 1}, nil
		}
	}
	for i, n := range d.Notes {
		if n.ID == id {
			d.Notes = append(append([]Note(nil), d.Notes[:i]...), d.Notes[i+1:]...)
			return Op{Kind: OpPut, Doc: d.ID, Note: &n, At: i + 1}, nil
		}
	}
	return Op{}, fmt.Errorf("remove: document %q has no event, relation, attribute or note %q", d.ID, id)
}

// insertAt inserts v before the 1-based position at, or appends it when at
// is 0 or past the end. s is a fresh copy the caller owns.
func insertAt[T any](s []T, v T, at int) []T {
	if at <= 0 || at > len(s) {
		return append(s, v)
	}
	s = append(s, v)
	copy(s[at:], s[at-1:])
	s[at-1] = v
	return s
}
