package annotations

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

// put adds or replaces the event, relation, attribute, note or
// normalization of op, after checking that what it refers to exists, or
// replaces a span (putSpan). Replacing keeps the item's place.
func (d *Document) put(op Op) (Op, error) {
	var id, kind string
	switch {
	case op.Span != nil:
		return d.putSpan(op)
	case op.Event != nil:
		e := op.Event
		id, kind = e.ID, "event"
		if e.ID == "" || e.Type == "" {
			return Op{}, refuse(op.Kind, d.ID, id, ErrInvalid, "an event needs an id and a type")
		}
		if !d.refOK(e.Trigger, "span") {
			return Op{}, refuse(op.Kind, d.ID, id, ErrInvalid, "event %q: trigger %q is not a span", id, e.Trigger)
		}
		for _, a := range e.Arguments {
			if a.Ref == e.ID || !d.refOK(a.Ref, "") || a.Role == "" {
				return Op{}, refuse(op.Kind, d.ID, id, ErrInvalid, "event %q: role %q: %q is not a span or another event", id, a.Role, a.Ref)
			}
		}
	case op.Relation != nil:
		r := op.Relation
		id, kind = r.ID, "relation"
		if r.ID == "" || r.Type == "" || len(r.Arguments) == 0 {
			return Op{}, refuse(op.Kind, d.ID, id, ErrInvalid, "a relation needs an id, a type and arguments")
		}
		for _, a := range r.Arguments {
			if !d.refOK(a.Ref, "") {
				return Op{}, refuse(op.Kind, d.ID, id, ErrInvalid, "relation %q: %q is not a span or event", id, a.Ref)
			}
		}
	case op.Attribute != nil:
		a := op.Attribute
		id, kind = a.ID, "attribute"
		if a.ID == "" || a.Name == "" || !d.refOK(a.Target, "any") {
			return Op{}, refuse(op.Kind, d.ID, id, ErrInvalid, "attribute %q needs a name and a target that exists", id)
		}
	case op.Note != nil:
		n := op.Note
		id, kind = n.ID, "note"
		if n.ID == "" || !d.refOK(n.Target, "any") {
			return Op{}, refuse(op.Kind, d.ID, id, ErrInvalid, "note %q needs a target that exists", id)
		}
	default:
		n := op.Normalization
		id, kind = n.ID, "normalization"
		if n.ID == "" || n.Resource == "" || !d.refOK(n.Target, "any") {
			return Op{}, refuse(op.Kind, d.ID, id, ErrInvalid, "normalization %q needs a resource and a target that exists", id)
		}
	}
	if k := d.kindOf(id); k != "" && k != kind {
		return Op{}, refuse(op.Kind, d.ID, id, ErrExists, "id %q is a %s's, not a new %s's", id, k, kind)
	}
	// Each list is replaced, never written into; the inverse puts the old
	// item back, or removes the new one.
	i := d.position(id)
	back := Op{Kind: OpPut, Doc: d.ID}
	switch {
	case op.Event != nil:
		e := *op.Event
		e.Arguments = append([]Argument(nil), e.Arguments...)
		if i >= 0 {
			back.Event = &d.Events[i]
		}
		d.Events = place(d.Events, i, e, op.At)
	case op.Relation != nil:
		r := *op.Relation
		r.Arguments = append([]Argument(nil), r.Arguments...)
		if i >= 0 {
			back.Relation = &d.Relations[i]
		}
		d.Relations = place(d.Relations, i, r, op.At)
	case op.Attribute != nil:
		if i >= 0 {
			back.Attribute = &d.Attributes[i]
		}
		d.Attributes = place(d.Attributes, i, *op.Attribute, op.At)
	case op.Note != nil:
		if i >= 0 {
			back.Note = &d.Notes[i]
		}
		d.Notes = place(d.Notes, i, *op.Note, op.At)
	default:
		if i >= 0 {
			back.Normalization = &d.Normalizations[i]
		}
		d.Normalizations = place(d.Normalizations, i, *op.Normalization, op.At)
	}
	if i < 0 {
		return Op{Kind: OpRemove, Doc: d.ID, ID: id}, nil
	}
	return back, nil
}

// position returns the place of event, relation, attribute, note or
// normalization id in its list, or -1.
func (d *Document) position(id string) int {
	for _, i := range []int{
		indexOf(d.Events, id, func(e *Event) string { return e.ID }),
		indexOf(d.Relations, id, func(r *Relation) string { return r.ID }),
		indexOf(d.Attributes, id, func(a *Attribute) string { return a.ID }),
		indexOf(d.Notes, id, func(n *Note) string { return n.ID }),
		indexOf(d.Normalizations, id, func(n *Normalization) string { return n.ID }),
	} {
		if i >= 0 {
			return i
		}
	}
	return -1
}

// indexOf returns the place in list of the item whose ID is id, or -1.
func indexOf[T any](list []T, id string, idOf func(*T) string) int {
	for i := range list {
		if idOf(&list[i]) == id {
			return i
		}
	}
	return -1
}

// place returns a copy of list with v in place of item i, or, when i < 0,
// inserted at the 1-based position at (0 appends).
func place[T any](list []T, i int, v T, at int) []T {
	out := append([]T(nil), list...)
	if i >= 0 {
		out[i] = v
		return out
	}
	return insertAt(out, v, at)
}

// without returns a copy of list without item i.
func without[T any](list []T, i int) []T {
	return append(append([]T(nil), list[:i]...), list[i+1:]...)
}

// remove deletes the event, relation, attribute, note or normalization
// op.ID, refusing while another annotation refers to it. The inverse puts
// it back in its place.
func (d *Document) remove(op Op) (Op, error) {
	id := op.ID
	if by := d.referrer(id); by != "" {
		return Op{}, refuse(op.Kind, d.ID, id, ErrInUse, "%q is used by %q; remove that first", id, by)
	}
	i := d.position(id)
	back := Op{Kind: OpPut, Doc: d.ID, At: i + 1}
	switch d.kindOf(id) {
	case "event":
		back.Event = &d.Events[i]
		d.Events = without(d.Events, i)
	case "relation":
		back.Relation = &d.Relations[i]
		d.Relations = without(d.Relations, i)
	case "attribute":
		back.Attribute = &d.Attributes[i]
		d.Attributes = without(d.Attributes, i)
	case "note":
		back.Note = &d.Notes[i]
		d.Notes = without(d.Notes, i)
	case "normalization":
		back.Normalization = &d.Normalizations[i]
		d.Normalizations = without(d.Normalizations, i)
	default:
		return Op{}, refuse(op.Kind, d.ID, id, ErrNotFound, "it has no event, relation, attribute, note or normalization %q", id)
	}
	return back, nil
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
