package annotations

// This file holds the one dependency walk over a document's annotations:
// what removing some of them takes with it. Deleting a span in the app
// (Document.RemoveOps) and removing text by re-cleaning (Reclean) both use
// it, so the two can never disagree about what hangs on what.

// A removal is what removing some annotations of a document takes with it.
type removal struct {
	// gone holds the IDs removed, those asked for included; order lists
	// them with each one after everything that depends on it.
	gone  map[string]bool
	order []string
	// trimmed holds the events that stay but lose the arguments that
	// referred to removed annotations, by ID.
	trimmed map[string]Event
}

// cascade returns what removing ids takes with it: an event goes with its
// trigger; a relation with any of its arguments; an attribute, note or
// normalization with its target; and an event that stays loses the
// arguments that referred to what goes.
func (d *Document) cascade(ids ...string) removal {
	// dependents[id] are the annotations that go when id goes; argOf[id]
	// the events that lose an argument.
	dependents := map[string][]string{}
	argOf := map[string][]string{}
	for _, e := range d.Events {
		dependents[e.Trigger] = append(dependents[e.Trigger], e.ID)
		for _, a := range e.Arguments {
			argOf[a.Ref] = append(argOf[a.Ref], e.ID)
		}
	}
	for _, r := range d.Relations {
		for _, a := range r.Arguments {
			dependents[a.Ref] = append(dependents[a.Ref], r.ID)
		}
	}
	for _, a := range d.Attributes {
		dependents[a.Target] = append(dependents[a.Target], a.ID)
	}
	for _, n := range d.Notes {
		dependents[n.Target] = append(dependents[n.Target], n.ID)
	}
	for _, n := range d.Normalizations {
		dependents[n.Target] = append(dependents[n.Target], n.ID)
	}

	rm := removal{gone: map[string]bool{}, trimmed: map[string]Event{}}
	var visit func(id string)
	visit = func(id string) {
		if rm.gone[id] {
			return
		}
		rm.gone[id] = true
		for _, dep := range dependents[id] {
			visit(dep)
		}
		rm.order = append(rm.order, id)
	}
	for _, id := range ids {
		visit(id)
	}
	for _, e := range d.Events {
		if rm.gone[e.ID] {
			continue
		}
		var keep []Argument
		for _, a := range e.Arguments {
			if !rm.gone[a.Ref] {
				keep = append(keep, a)
			}
		}
		if len(keep) != len(e.Arguments) {
			e.Arguments = keep
			rm.trimmed[e.ID] = e
		}
	}
	return rm
}

// RemoveOps returns the operations that remove the annotations ids of d and
// everything that depends on them (see cascade): first the events that stay
// lose their arguments, then every annotation goes after those that refer
// to it, so that no operation leaves a dangling reference. Applied as one
// step, they undo as one.
func (d *Document) RemoveOps(ids ...string) []Op {
	rm := d.cascade(ids...)
	var ops []Op
	for _, e := range d.Events {
		if t, ok := rm.trimmed[e.ID]; ok {
			ops = append(ops, Op{Kind: OpPut, Doc: d.ID, Event: &t})
		}
	}
	var spans []string
	for _, id := range rm.order {
		if _, ok := d.Span(id); ok {
			spans = append(spans, id)
			continue
		}
		ops = append(ops, Op{Kind: OpRemove, Doc: d.ID, ID: id})
	}
	// Spans come last: nothing that refers to them is left by then.
	switch len(spans) {
	case 0:
	case 1:
		ops = append(ops, Op{Kind: OpDeleteSpan, Doc: d.ID, ID: spans[0]})
	default:
		ops = append(ops, Op{Kind: OpDeleteSpans, Doc: d.ID, IDs: spans})
	}
	return ops
}

// drop removes from d's lists what rm removes, replacing each list.
func (d *Document) drop(rm removal) {
	keep := func(id string) bool { return !rm.gone[id] }
	d.Spans = filter(d.Spans, func(s Span) bool { return keep(s.ID) })
	d.Events = filter(d.Events, func(e Event) bool { return keep(e.ID) })
	for i, e := range d.Events {
		if t, ok := rm.trimmed[e.ID]; ok {
			d.Events[i] = t
		}
	}
	d.Relations = filter(d.Relations, func(r Relation) bool { return keep(r.ID) })
	d.Attributes = filter(d.Attributes, func(a Attribute) bool { return keep(a.ID) })
	d.Notes = filter(d.Notes, func(n Note) bool { return keep(n.ID) })
	d.Normalizations = filter(d.Normalizations, func(n Normalization) bool { return keep(n.ID) })
}

// filter returns a new list of the items of list that ok accepts; nil
// stays nil.
func filter[T any](list []T, ok func(T) bool) []T {
	if list == nil {
		return nil
	}
	out := make([]T, 0, len(list))
	for _, v := range list {
		if ok(v) {
			out = append(out, v)
		}
	}
	return out
}
