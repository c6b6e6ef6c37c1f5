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
	switch {
	case op.Span != nil:
		return d.putSpan(op)
	case op.Event != nil:
		e := *op.Event
		e.Arguments = append([]Argument(nil), e.Arguments...)
		if e.ID == "" || e.Type == "" {
			return Op{}, refuse(op.Kind, d.ID, e.ID, ErrInvalid, "an event needs an id and a type")
		}
		if !d.refOK(e.Trigger, "span") {
			return Op{}, refuse(op.Kind, d.ID, e.ID, ErrInvalid, "event %q: trigger %q is not a span", e.ID, e.Trigger)
		}
		for _, a := range e.Arguments {
			if a.Ref == e.ID || !d.refOK(a.Ref, "") || a.Role == "" {
				return Op{}, refuse(op.Kind, d.ID, e.ID, ErrInvalid, "event %q: role %q: %q is not a span or another event", e.ID, a.Role, a.Ref)
			}
		}
		return putItem(d, op, "event", &d.Events, e, e.ID, func(o *Op, v *Event) { o.Event = v })
	case op.Relation != nil:
		r := *op.Relation
		r.Arguments = append([]Argument(nil), r.Arguments...)
		if r.ID == "" || r.Type == "" || len(r.Arguments) == 0 {
			return Op{}, refuse(op.Kind, d.ID, r.ID, ErrInvalid, "a relation needs an id, a type and arguments")
		}
		for _, a := range r.Arguments {
			if !d.refOK(a.Ref, "") {
				return Op{}, refuse(op.Kind, d.ID, r.ID, ErrInvalid, "relation %q: %q is not a span or event", r.ID, a.Ref)
			}
		}
		return putItem(d, op, "relation", &d.Relations, r, r.ID, func(o *Op, v *Relation) { o.Relation = v })
	case op.Attribute != nil:
		a := *op.Attribute
		if a.ID == "" || a.Name == "" || !d.refOK(a.Target, "any") {
			return Op{}, refuse(op.Kind, d.ID, a.ID, ErrInvalid, "attribute %q needs a name and a target that exists", a.ID)
		}
		return putItem(d, op, "attribute", &d.Attributes, a, a.ID, func(o *Op, v *Attribute) { o.Attribute = v })
	case op.Note != nil:
		n := *op.Note
		if n.ID == "" || !d.refOK(n.Target, "any") {
			return Op{}, refuse(op.Kind, d.ID, n.ID, ErrInvalid, "note %q needs a target that exists", n.ID)
		}
		return putItem(d, op, "note", &d.Notes, n, n.ID, func(o *Op, v *Note) { o.Note = v })
	default:
		n := *op.Normalization
		if n.ID == "" || n.Resource == "" || !d.refOK(n.Target, "any") {
			return Op{}, refuse(op.Kind, d.ID, n.ID, ErrInvalid, "normalization %q needs a resource and a target that exists", n.ID)
		}
		return putItem(d, op, "normalization", &d.Normalizations, n, n.ID, func(o *Op, v *Normalization) { o.Normalization = v })
	}
}

// putItem stores v, of the given kind and ID, in *list: in place of the
// item with its ID, or as a new one at op.At. *list is replaced, never
// written into. The inverse puts the old item back or removes the new one;
// set places an item in an Op.
func putItem[T any](d *Document, op Op, kind string, list *[]T, v T, id string, set func(*Op, *T)) (Op, error) {
	if k := d.kindOf(id); k != "" && k != kind {
		return Op{}, refuse(op.Kind, d.ID, id, ErrExists, "id %q is a %s's, not a new %s's", id, k, kind)
	}
	items := append([]T(nil), *list...)
	for i, old := range items {
		if itemID(old) == id {
			items[i] = v
			*list = items
			back := Op{Kind: OpPut, Doc: d.ID}
			set(&back, &old)
			return back, nil
		}
	}
	*list = insertAt(items, v, op.At)
	return Op{Kind: OpRemove, Doc: d.ID, ID: id}, nil
}

// itemID returns the ID of an event, relation, attribute, note or
// normalization.
func itemID(v any) string {
	switch v := v.(type) {
	case Event:
		return v.ID
	case Relation:
		return v.ID
	case Attribute:
		return v.ID
	case Note:
		return v.ID
	case Normalization:
		return v.ID
	}
	return ""
}

// remove deletes the event, relation, attribute, note or normalization
// op.ID, refusing while another annotation refers to it.
func (d *Document) remove(op Op) (Op, error) {
	id := op.ID
	if by := d.referrer(id); by != "" {
		return Op{}, refuse(op.Kind, d.ID, id, ErrInUse, "%q is used by %q; remove that first", id, by)
	}
	back := Op{Kind: OpPut, Doc: d.ID}
	switch {
	case removeItem(&d.Events, id, &back, func(o *Op, v *Event) { o.Event = v }),
		removeItem(&d.Relations, id, &back, func(o *Op, v *Relation) { o.Relation = v }),
		removeItem(&d.Attributes, id, &back, func(o *Op, v *Attribute) { o.Attribute = v }),
		removeItem(&d.Notes, id, &back, func(o *Op, v *Note) { o.Note = v }),
		removeItem(&d.Normalizations, id, &back, func(o *Op, v *Normalization) { o.Normalization = v }):
		return back, nil
	}
	return Op{}, refuse(op.Kind, d.ID, id, ErrNotFound, "it has no event, relation, attribute, note or normalization %q", id)
}

// removeItem takes the item with the given ID out of *list, replacing the
// list, and records it and its place in back. It reports whether it was
// there.
func removeItem[T any](list *[]T, id string, back *Op, set func(*Op, *T)) bool {
	for i, v := range *list {
		if itemID(v) == id {
			*list = append(append([]T(nil), (*list)[:i]...), (*list)[i+1:]...)
			set(back, &v)
			back.At = i + 1
			return true
		}
	}
	return false
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
