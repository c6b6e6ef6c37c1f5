package app

import (
	"errors"
	"strings"
	"sync/atomic"
)

// This file holds the keyboard: which keys Belgi takes from the browser
// (claims, asked outside the UI goroutine) and what each does (Shell.key).

// claims is what the page's key handler needs to know to decide, while a
// key event dispatches, whether Belgi acts on it. The shell sets it on the
// UI goroutine; the bridge reads it from the browser's, hence atomics.
type claims struct {
	bound atomic.Pointer[map[string]bool] // the keys the schema binds
	// ghost says that Enter accepts a suggestion; span that it opens the
	// selected span's record or fills the waiting role with it.
	ghost, span atomic.Bool
}

// bind records the keys the state's schema binds.
func (c *claims) bind(st *State) {
	keys := st.boundKeys()
	c.bound.Store(&keys)
}

// Claims reports whether Belgi acts on k, so that the browser's own action
// for it must be prevented.
func (c *claims) Claims(k KeyPress) bool {
	if k.Alt {
		return false
	}
	if k.Ctrl {
		switch k.Key {
		case "z", "Z", "y", "Y", "f", "F", "g", "G":
			return true
		}
		return false
	}
	switch k.Key {
	case "Delete", "Backspace", "Escape", "?", "/", "F3":
		return true
	case "Enter":
		return !k.OnControl && (c.ghost.Load() || c.span.Load())
	}
	switch k.Code {
	case "BracketLeft", "BracketRight", "Equal", "NumpadAdd":
		return true
	}
	b := k.Binding()
	if len(b) == 1 && b[0] >= '1' && b[0] <= '9' {
		return true
	}
	if m := c.bound.Load(); m != nil && (*m)[b] {
		return true
	}
	return false
}

// key acts on a key pressed outside a text field.
func (s *Shell) key(k KeyPress) {
	if s.st == nil {
		return
	}
	st := s.st
	switch {
	case k.Ctrl && (k.Key == "y" || k.Key == "Y" || (k.Shift && (k.Key == "z" || k.Key == "Z"))):
		s.redo()
	case k.Ctrl && (k.Key == "z" || k.Key == "Z"):
		s.undo()
	case k.Ctrl && (k.Key == "f" || k.Key == "F"):
		s.focusOn("#search")
	case k.Ctrl && (k.Key == "g" || k.Key == "G"), k.Key == "F3":
		dir := 1
		if k.Shift {
			dir = -1
		}
		s.search.step(s.search.query, dir)
	case k.Ctrl || k.Alt:
	case k.Key == "Delete" || k.Key == "Backspace":
		if st.Selected == "" {
			return
		}
		sp, _ := st.Doc().Span(st.Selected)
		if err := st.DeleteSelected(); err != nil {
			s.say("", err)
		} else {
			s.say("Deleted "+sp.Label+" “"+clipText(sp.Text)+"”. Ctrl+Z brings it back.", nil)
		}
	case k.Key == "?":
		s.help.open = !s.help.open
	case k.Key == "/":
		s.focusOn("#search")
	case k.Code == "BracketRight" || k.Code == "BracketLeft":
		s.stepSpan(map[bool]int{true: 1, false: -1}[k.Code == "BracketRight"])
	case k.Code == "Equal" || k.Code == "NumpadAdd":
		if st.Selected == "" || isGhost(st.Selected) {
			s.say("", errors.New("select a span first (click it, or press ] or [), then the text of its next piece, then press +"))
		} else if err := s.addPiece(st.Selected); err != nil {
			s.say("", err)
		}
	case k.Key == "Enter":
		if isGhost(st.Selected) {
			id := st.Selected
			st.Selected = ""
			s.keys.ghost.Store(false)
			s.ghosts.accept(id)
		} else {
			s.enter()
		}
	case k.Key == "Escape":
		s.help.open = false
		st.Selected, st.Armed = "", nil
		s.paste.open = false
		s.editLang = -1
	default:
		if label, ok := st.LabelForKey(k.Binding()); ok {
			s.labelSelection(label)
		}
	}
}

// isGhost reports whether a selected ID names a suggestion ("g<n>").
func isGhost(id string) bool { return strings.HasPrefix(id, "g") }
