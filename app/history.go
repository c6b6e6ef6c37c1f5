package app

import (
	"fmt"

	"belgi/annotations"
)

// A Change is one step applied to the workspace, by Do, Undo or Redo:
// the operations applied, in order. A subscriber learns from it what
// changed (Op.Target names the document) and reads the rest from the
// workspace, which it may not change.
type Change struct {
	Ops []annotations.Op
}

// history is the undo and redo of a State, and who is told of changes.
type history struct {
	undo, redo []step
	subs       []*func(Change)
	dirty      bool // changed since the last export
}

// A step is one user action: the ops that undo it, in the order to apply
// them, and the document it happened in, so undo can bring it back into view.
type step struct {
	doc string
	ops []annotations.Op
}

// Subscribe has f called after every change, on the goroutine that made
// it, once the change is complete (the view moved to its document, for
// an undo). Subscribers are called in the order they subscribed. The
// returned func unsubscribes f.
func (s *State) Subscribe(f func(Change)) (cancel func()) {
	p := &f
	s.subs = append(s.subs, p)
	return func() {
		for i, q := range s.subs {
			if q == p {
				s.subs = append(s.subs[:i:i], s.subs[i+1:]...)
				return
			}
		}
	}
}

// announce tells the subscribers of a change.
func (s *State) announce(ops []annotations.Op) {
	s.dirty = true
	c := Change{Ops: ops}
	for _, f := range s.subs {
		(*f)(c)
	}
}

// Dirty reports whether anything changed since the last export.
func (s *State) Dirty() bool { return s.dirty }

// Do applies ops as one undoable step. If any op fails, those already
// applied are undone, the workspace is as it was and no one is told.
func (s *State) Do(ops ...annotations.Op) error {
	if s.ReadOnly {
		return ErrReadOnly
	}
	var inv []annotations.Op
	for _, op := range ops {
		in, err := s.WS.Apply(op)
		if err != nil {
			s.rollback(inv)
			return err
		}
		inv = append([]annotations.Op{in}, inv...)
	}
	s.undo = append(s.undo, step{doc: s.Current, ops: inv})
	s.redo = nil
	s.announce(ops)
	return nil
}

func (s *State) rollback(inv []annotations.Op) {
	for _, op := range inv {
		if _, err := s.WS.Apply(op); err != nil {
			panic(fmt.Sprintf("belgi: undoing a failed step: %v", err)) // inverses of applied ops always apply
		}
	}
}

// Undo reverts the last step; Redo applies it again. Both report whether
// there was a step, and bring its document back into view.
func (s *State) Undo() bool { return s.swap(&s.undo, &s.redo) }

// Redo re-applies the last undone step.
func (s *State) Redo() bool { return s.swap(&s.redo, &s.undo) }

func (s *State) swap(from, to *[]step) bool {
	if len(*from) == 0 || s.ReadOnly {
		return false
	}
	st := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	var inv []annotations.Op
	for _, op := range st.ops {
		in, err := s.WS.Apply(op)
		if err != nil {
			panic(fmt.Sprintf("belgi: replaying history: %v", err))
		}
		inv = append([]annotations.Op{in}, inv...)
	}
	*to = append(*to, step{doc: st.doc, ops: inv})
	if s.WS.Document(st.doc) != nil {
		s.Current = st.doc
	} else if s.WS.Document(s.Current) == nil {
		s.Current = ""
		if len(s.WS.Documents) > 0 {
			s.Current = s.WS.Documents[0].ID
		}
	}
	s.Selected, s.Armed = "", nil
	if _, ok := s.event(s.SelectedEvent); !ok {
		s.SelectedEvent = ""
	}
	s.announce(st.ops)
	return true
}
