package app

import (
	"errors"
	"fmt"
	"strings"

	"belgi/annotations"
)

// Label adds a span with the given label over [start, end) of the open
// document and selects it.
func (s *State) Label(label string, start, end int) error {
	d := s.Doc()
	if d == nil {
		return errors.New("open a document first")
	}
	if _, ok := s.eventType(label); ok && s.Armed == nil {
		return s.AddEvent(label, start, end)
	}
	if _, ok := s.WS.Schema.Entity(label); !ok {
		if _, ok := s.eventType(label); !ok {
			return fmt.Errorf("no label %q in the schema", label)
		}
	}
	for _, sp := range d.Spans {
		if sp.Label == label && sp.Start == start && sp.End == end {
			s.Selected = sp.ID
			return fmt.Errorf("%q is already labelled %s", sp.Text, label)
		}
	}
	sp := annotations.Span{ID: d.NextID("T"), Label: label, Start: start, End: end}
	if a := s.Armed; a != nil && a.Relation != "" {
		// The new span is the other end of the armed relation.
		rel := s.newRelation(a.Relation, a.Event, sp.ID)
		if err := s.Do(
			annotations.Op{Kind: annotations.OpAddSpan, Doc: d.ID, Span: &sp},
			annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Relation: &rel},
		); err != nil {
			return err
		}
		s.Selected = sp.ID
		return nil
	}
	if a := s.Armed; a != nil {
		// The new span fills the armed role, in the same step.
		e, ok := s.event(a.Event)
		if !ok {
			s.Armed = nil
			return fmt.Errorf("no event %q", a.Event)
		}
		e.Arguments = append(append([]annotations.Argument(nil), e.Arguments...), annotations.Argument{Role: a.Role, Ref: sp.ID})
		if err := s.Do(
			annotations.Op{Kind: annotations.OpAddSpan, Doc: d.ID, Span: &sp},
			annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Event: &e},
		); err != nil {
			return err
		}
		s.Selected = sp.ID
		return nil
	}
	if err := s.Do(annotations.Op{Kind: annotations.OpAddSpan, Doc: d.ID, Span: &sp}); err != nil {
		return err
	}
	s.Selected = sp.ID
	return nil
}

// DeleteSelected removes the selected span, with the event it triggers and
// its place in other events' roles.
func (s *State) DeleteSelected() error {
	if s.Doc() == nil || s.Selected == "" {
		return errors.New("no span is selected")
	}
	return s.Remove(s.Selected)
}

// LabelForKey returns the entity type bound to a key, such as "1".
func (s *State) LabelForKey(key string) (string, bool) {
	key = strings.ToLower(key)
	for _, e := range s.WS.Schema.Entities {
		if e.Key != "" && strings.ToLower(e.Key) == key {
			return e.Type, true
		}
	}
	for _, e := range s.WS.Schema.Events {
		if e.Key != "" && strings.ToLower(e.Key) == key {
			return e.Type, true
		}
	}
	return "", false
}

// boundKeys returns the keys the schema binds.
func (s *State) boundKeys() map[string]bool {
	keys := map[string]bool{}
	for _, e := range s.WS.Schema.Entities {
		if e.Key != "" {
			keys[strings.ToLower(e.Key)] = true
		}
	}
	for _, e := range s.WS.Schema.Events {
		if e.Key != "" {
			keys[strings.ToLower(e.Key)] = true
		}
	}
	return keys
}
