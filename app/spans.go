package app

import (
	"errors"
	"fmt"
	"strings"

	"belgi/annotations"
)

// span returns the span with the given ID in the open document.
func (s *State) span(id string) (annotations.Span, bool) {
	d := s.Doc()
	if d == nil {
		return annotations.Span{}, false
	}
	return d.Span(id)
}

// Relabel gives span id a new label. A trigger keeps its event, which takes
// the new type; a span cannot become a trigger, or stop being one, this way.
func (s *State) Relabel(id, label string) error {
	sp, ok := s.span(id)
	if !ok {
		return fmt.Errorf("no span %q", id)
	}
	if sp.Label == label {
		return nil
	}
	_, toEvent := s.eventType(label)
	ev, isTrigger := s.event(s.triggered(id))
	switch {
	case isTrigger && !toEvent:
		return fmt.Errorf("%s triggers event %s: delete the event to make it an entity", id, ev.ID)
	case !isTrigger && toEvent:
		return fmt.Errorf("%s is not a trigger: select its text and press the %s key to make an event", id, label)
	}
	if _, ok := s.WS.Schema.Entity(label); !ok && !toEvent {
		return fmt.Errorf("no label %q in the schema", label)
	}
	sp.Label = label
	ops := []annotations.Op{{Kind: annotations.OpPut, Doc: s.Current, Span: &sp}}
	if isTrigger {
		ev.Type = label
		ops = append(ops, annotations.Op{Kind: annotations.OpPut, Doc: s.Current, Event: &ev})
	}
	return s.Do(ops...)
}

// pieces returns the ranges a span covers: its fragments, or its extent.
func pieces(sp annotations.Span) []annotations.Fragment {
	if len(sp.Fragments) > 0 {
		return append([]annotations.Fragment(nil), sp.Fragments...)
	}
	return []annotations.Fragment{{Start: sp.Start, End: sp.End}}
}

// AddFragment adds [start, end) to span id, making it discontinuous, as
// brat does for "Polish … and Russian … sides".
func (s *State) AddFragment(id string, start, end int) error {
	sp, ok := s.span(id)
	if !ok {
		return fmt.Errorf("no span %q", id)
	}
	for _, f := range pieces(sp) {
		if start < f.End && f.Start < end {
			return fmt.Errorf("the new piece overlaps “%s” (%s) already", clipText(s.Doc().Index().Slice(f.Start, f.End)), id)
		}
	}
	sp.Fragments = append(pieces(sp), annotations.Fragment{Start: start, End: end})
	return s.Do(annotations.Op{Kind: annotations.OpPut, Doc: s.Current, Span: &sp})
}

// RemoveFragment removes the i-th piece of a discontinuous span.
func (s *State) RemoveFragment(id string, i int) error {
	sp, ok := s.span(id)
	if !ok {
		return fmt.Errorf("no span %q", id)
	}
	if len(sp.Fragments) < 2 || i < 0 || i >= len(sp.Fragments) {
		return errors.New("a span keeps at least one piece: delete the span instead")
	}
	sp.Fragments = append(append([]annotations.Fragment(nil), sp.Fragments[:i]...), sp.Fragments[i+1:]...)
	return s.Do(annotations.Op{Kind: annotations.OpPut, Doc: s.Current, Span: &sp})
}

// SetNote sets the note on an annotation; empty text removes it.
func (s *State) SetNote(target, text string) error {
	d := s.Doc()
	if d == nil {
		return errNoDocument
	}
	text = strings.TrimSpace(text)
	for _, n := range d.Notes {
		if n.Target != target {
			continue
		}
		switch {
		case n.Text == text:
			return nil
		case text == "":
			return s.Do(annotations.Op{Kind: annotations.OpRemove, Doc: d.ID, ID: n.ID})
		}
		n.Text = text
		return s.Do(annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Note: &n})
	}
	if text == "" {
		return nil
	}
	n := annotations.Note{ID: d.NextID("#"), Target: target, Text: text}
	return s.Do(annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Note: &n})
}

// note returns the note on an annotation, or "".
func (s *State) note(target string) string {
	if d := s.Doc(); d != nil {
		for _, n := range d.Notes {
			if n.Target == target {
				return n.Text
			}
		}
	}
	return ""
}

// typeOf returns the label of a span or the type of an event.
func (s *State) typeOf(id string) string {
	if sp, ok := s.span(id); ok {
		return sp.Label
	}
	if e, ok := s.event(id); ok {
		return e.Type
	}
	return ""
}

// accepts reports whether a list of allowed types (a role's fillers, a
// relation's argument, an attribute's targets) admits type t.
func (s *State) accepts(types []string, t string) bool {
	_, isEvent := s.eventType(t)
	for _, x := range types {
		switch {
		case x == t, x == annotations.AnyType,
			x == annotations.AnyEvent && isEvent,
			x == annotations.AnyEntity && !isEvent:
			return true
		}
	}
	return false
}

// relTypesFrom lists the relation types whose first argument admits
// annotation id.
func (s *State) relTypesFrom(id string) []string {
	t := s.typeOf(id)
	var out []string
	for _, r := range s.WS.Schema.Relations {
		if len(r.Args) == 2 && s.accepts(r.Args[0].Types, t) {
			out = append(out, r.Type)
		}
	}
	return out
}

// relationRef returns what ref stands for as argument i of relation type
// t: a trigger stands for its event when the argument admits the event
// and not the trigger's own label.
func (s *State) relationRef(t string, i int, ref string) string {
	ev := s.triggered(ref)
	if ev == "" {
		return ref
	}
	for _, r := range s.WS.Schema.Relations {
		if r.Type == t && i < len(r.Args) {
			if !s.accepts(r.Args[i].Types, s.typeOf(ref)) || s.accepts(r.Args[i].Types, s.typeOf(ev)) {
				return ev
			}
		}
	}
	return ref
}

// LinkArmed completes the armed relation with ref as its second argument.
func (s *State) LinkArmed(a Arm, ref string) error {
	ref = s.relationRef(a.Relation, 1, ref)
	if ref == a.Event {
		return errors.New("a relation needs two different annotations")
	}
	if d := s.Doc(); d != nil {
		for _, r := range d.Relations {
			if r.Type == a.Relation && len(r.Arguments) == 2 && r.Arguments[0].Ref == a.Event && r.Arguments[1].Ref == ref {
				return fmt.Errorf("%s already links %s to %s", a.Relation, a.Event, ref)
			}
		}
	}
	return s.Link(a.Relation, a.Event, ref)
}
