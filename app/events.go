package app

import (
	"errors"
	"fmt"
	"strings"

	"belgi/annotations"
)

// An Arm is a role waiting for a filler: the next span clicked, or the next
// text selected and labelled, fills it. With Relation set it is instead a
// relation of that type from annotation Event, waiting for its other end.
type Arm struct {
	Event    string
	Role     string
	Relation string
}

// eventType returns the schema's event type t.
func (s *State) eventType(t string) (annotations.EventType, bool) {
	for _, e := range s.WS.Schema.Events {
		if e.Type == t {
			return e, true
		}
	}
	return annotations.EventType{}, false
}

// event returns the event with the given ID in the open document.
func (s *State) event(id string) (annotations.Event, bool) {
	d := s.Doc()
	if d == nil {
		return annotations.Event{}, false
	}
	for _, e := range d.Events {
		if e.ID == id {
			return e, true
		}
	}
	return annotations.Event{}, false
}

// AddEvent makes [start, end) the trigger of a new event of type t, as one
// step, and selects the event.
func (s *State) AddEvent(t string, start, end int) error {
	d := s.Doc()
	if d == nil {
		return errNoDocument
	}
	if _, ok := s.eventType(t); !ok {
		return fmt.Errorf("no event type %q in the schema", t)
	}
	trigger := annotations.Span{ID: d.NextID("T"), Label: t, Start: start, End: end}
	ev := annotations.Event{ID: d.NextID("E"), Type: t, Trigger: trigger.ID}
	if err := s.Do(
		annotations.Op{Kind: annotations.OpAddSpan, Doc: d.ID, Span: &trigger},
		annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Event: &ev},
	); err != nil {
		return err
	}
	s.Selected, s.SelectedEvent = trigger.ID, ev.ID
	return nil
}

// Fill adds ref (a span or event ID) to the armed role, or completes the
// armed relation.
func (s *State) Fill(a Arm, ref string) error {
	if a.Relation != "" {
		return s.LinkArmed(a, ref)
	}
	e, ok := s.event(a.Event)
	if !ok {
		return fmt.Errorf("no event %q", a.Event)
	}
	// A trigger clicked as a filler stands for its event when the role
	// wants an event.
	if ev := s.triggered(ref); ev != "" && s.roleWantsEvent(e.Type, a.Role) {
		ref = ev
	}
	if ref == e.ID || ref == e.Trigger {
		return errors.New("an event cannot fill its own role")
	}
	for _, arg := range e.Arguments {
		if arg.Role == a.Role && arg.Ref == ref {
			return fmt.Errorf("%s already fills %s", ref, a.Role)
		}
	}
	e.Arguments = append(append([]annotations.Argument(nil), e.Arguments...), annotations.Argument{Role: a.Role, Ref: ref})
	return s.Do(annotations.Op{Kind: annotations.OpPut, Doc: s.Current, Event: &e})
}

// triggered returns the event that span id triggers, or "".
func (s *State) triggered(id string) string {
	if d := s.Doc(); d != nil {
		for _, e := range d.Events {
			if e.Trigger == id {
				return e.ID
			}
		}
	}
	return ""
}

func (s *State) roleWantsEvent(eventType, role string) bool {
	et, ok := s.eventType(eventType)
	if !ok {
		return false
	}
	for _, r := range et.Roles {
		if r.Role != role {
			continue
		}
		for _, t := range r.Types {
			if _, ok := s.eventType(t); ok || t == annotations.AnyEvent {
				return true
			}
		}
	}
	return false
}

// Unfill removes the i-th argument of an event.
func (s *State) Unfill(event string, i int) error {
	e, ok := s.event(event)
	if !ok || i < 0 || i >= len(e.Arguments) {
		return fmt.Errorf("event %q has no argument %d", event, i)
	}
	args := append([]annotations.Argument(nil), e.Arguments[:i]...)
	e.Arguments = append(args, e.Arguments[i+1:]...)
	return s.Do(annotations.Op{Kind: annotations.OpPut, Doc: s.Current, Event: &e})
}

// SetAttribute sets attribute name on target to value ("" removes it; a
// binary attribute is "true" when present).
func (s *State) SetAttribute(target, name, value string) error {
	d := s.Doc()
	if d == nil {
		return errNoDocument
	}
	for _, a := range d.Attributes {
		if a.Target == target && a.Name == name {
			if value == "" {
				return s.Do(annotations.Op{Kind: annotations.OpRemove, Doc: d.ID, ID: a.ID})
			}
			a.Value = strings.TrimPrefix(value, "true")
			return s.Do(annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Attribute: &a})
		}
	}
	if value == "" {
		return nil
	}
	a := annotations.Attribute{ID: d.NextID("A"), Name: name, Target: target, Value: strings.TrimPrefix(value, "true")}
	return s.Do(annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Attribute: &a})
}

// Link adds a relation of type t from one annotation to another, using the
// schema's argument roles in order.
func (s *State) Link(t, from, to string) error {
	d := s.Doc()
	if d == nil {
		return errNoDocument
	}
	rel := s.newRelation(t, from, to)
	return s.Do(annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Relation: &rel})
}

// newRelation returns a relation of type t from one annotation of the open
// document to another, with a fresh ID.
func (s *State) newRelation(t, from, to string) annotations.Relation {
	roles := [2]string{"Arg1", "Arg2"}
	for _, r := range s.WS.Schema.Relations {
		if r.Type == t && len(r.Args) == 2 {
			roles = [2]string{r.Args[0].Role, r.Args[1].Role}
		}
	}
	return annotations.Relation{ID: s.Doc().NextID("R"), Type: t, Arguments: []annotations.Argument{{Role: roles[0], Ref: from}, {Role: roles[1], Ref: to}}}
}

// Remove deletes an annotation of the open document and everything that
// hangs on it, as one step (annotations.Document.RemoveOps): an event's
// attributes, notes and relations, the roles it fills in other events; a
// span's event when it is a trigger.
func (s *State) Remove(id string) error {
	d := s.Doc()
	if d == nil {
		return errNoDocument
	}
	if err := s.Do(d.RemoveOps(id)...); err != nil {
		return err
	}
	if s.Selected == id {
		s.Selected = ""
	}
	if s.SelectedEvent == id || s.triggered(id) == "" && s.SelectedEvent != "" {
		if _, ok := s.event(s.SelectedEvent); !ok {
			s.SelectedEvent = ""
		}
	}
	return nil
}
