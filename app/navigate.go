package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// This file holds the shell's keyboard navigation in the open document:
// bringing a place into view, moving between spans, and acting on the
// selected span.

// later runs f once go-app has drawn the pending update, so that what f
// asks of the page (scrolling, selecting, focusing) finds it drawn.
func (s *Shell) later(f func()) {
	if s.ctx == nil {
		f()
		return
	}
	s.ctx.Defer(func(app.Context) { f() })
}

// reveal and focusOn are Browser.Reveal and Browser.Focus, after the render.
func (s *Shell) reveal(start, end int, selectText bool) {
	s.later(func() { s.browser.Reveal(start, end, selectText) })
}

func (s *Shell) focusOn(selector string) { s.later(func() { s.browser.Focus(selector) }) }

// show asks the reader to draw code point cp in full.
func (s *Shell) show(cp int) {
	s.focus = cp
	s.focusSeq++
}

// stepSpan selects the next (+1) or previous (-1) span in text order and
// brings it into view. With a role or relation waiting, it only points at
// the span: Enter then fills.
func (s *Shell) stepSpan(dir int) {
	d := s.st.Doc()
	if d == nil || len(d.Spans) == 0 {
		return
	}
	i := -1
	for j, sp := range d.Spans {
		if sp.ID == s.st.Selected {
			i = j
		}
	}
	switch {
	case i < 0 && dir > 0:
		i = 0
	case i < 0:
		i = len(d.Spans) - 1
	default:
		i = (i + dir + len(d.Spans)) % len(d.Spans)
	}
	sp := d.Spans[i]
	s.st.Selected = sp.ID
	s.keys.ghost.Store(false)
	if ev := s.st.triggered(sp.ID); ev != "" && s.st.Armed == nil {
		s.st.SelectedEvent = ev
	}
	s.show(sp.Start)
	s.reveal(sp.Start, sp.End, false)
	msg := sp.Label + " “" + clipText(sp.Text) + "” (" + itoa(i+1) + " of " + itoa(len(d.Spans)) + ")"
	if s.st.Armed != nil {
		msg += ": Enter makes it " + armedText(s.st.Armed)
	} else {
		msg += ": Enter opens its record"
	}
	s.say(msg+".", nil)
}

// enter acts on the selected span: it fills the waiting role or relation,
// or moves the focus to the span's record.
func (s *Shell) enter() {
	id := s.st.Selected
	if id == "" {
		return
	}
	if arm := s.st.Armed; arm != nil {
		if err := s.st.Fill(*arm, id); err != nil {
			s.say("", err)
			return
		}
		s.st.Armed = nil
		s.say("Done: "+id+" is "+armedText(arm)+".", nil)
		return
	}
	s.focusOn("#span-label")
}

// addPiece adds the selected text to the selected span as another piece.
func (s *Shell) addPiece(id string) error {
	d := s.st.Doc()
	if d == nil {
		return errNoDocument
	}
	a, b, ok := s.browser.Selection()
	if !ok {
		return errNoPiece
	}
	start, end, err := SelectionRange(d, a, b)
	if err != nil {
		return err
	}
	if err := s.st.AddFragment(id, start, end); err != nil {
		return err
	}
	s.browser.ClearSelection()
	s.st.Selected = id
	sp, _ := d.Span(id)
	s.say(id+" is now “"+clipText(sp.Text)+"”, in "+itoa(len(sp.Fragments))+" pieces.", nil)
	return nil
}
