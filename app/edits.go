package app

import (
	"errors"
	"strings"

	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// This file holds the shell's handlers for what the reader, the palette,
// the library and the record panels ask: open a document, select, label,
// keep or remove lines, correct a language, edit events and relations.
// Each changes the state; the state tells its subscribers (the saver, the
// suggestions), so no handler saves anything itself.

func (s *Shell) handleOpen(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	s.st.Open(id)
	s.status, s.editLang = "", -1
	s.Update()
}

func (s *Shell) handleSelect(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	s.keys.ghost.Store(isGhost(id))
	if arm := s.st.Armed; arm != nil && id != "" {
		if err := s.st.Fill(*arm, id); err != nil {
			s.say("", err)
		} else {
			s.say("Filled "+arm.Role+".", nil)
			s.st.Armed = nil
		}
		s.Update()
		return
	}
	s.st.Selected = id
	if ev := s.st.triggered(id); ev != "" {
		s.st.SelectedEvent = ev
	}
	s.Update()
}

// handleTextClick selects what a click in the document text hit, unless
// the click ended a text selection: that is the person's, to label.
func (s *Shell) handleTextClick(ctx app.Context, a app.Action) {
	if _, _, ok := s.browser.Selection(); ok {
		return
	}
	s.handleSelect(ctx, a)
}

func (s *Shell) handleKeep(ctx app.Context, a app.Action) {
	c, _ := a.Value.(keepChange)
	defer s.Update()
	n, err := s.st.SetKeep(s.st.Current, c.Lines, c.Keep, func(lost []annotations.Span) bool {
		var names []string
		for i, sp := range lost {
			if i == 5 {
				names = append(names, "…")
				break
			}
			names = append(names, sp.Label+" “"+clipText(sp.Text)+"”")
		}
		return s.browser.Confirm("Removing this text deletes " + plural(len(lost), "span", "spans") + ": " + strings.Join(names, ", ") + ". Undo brings them back. Continue?")
	})
	switch {
	case errors.Is(err, errCancelled):
		s.say("Nothing changed.", nil)
	case err != nil:
		s.say("", err)
	case c.Keep:
		s.say("Restored "+plural(len(c.Lines), "line", "lines")+".", nil)
	default:
		msg := "Removed " + plural(len(c.Lines), "line", "lines") + "."
		if n > 0 {
			msg += " " + plural(n, "span was", "spans were") + " deleted with it; Ctrl+Z brings everything back."
		}
		s.say(msg, nil)
	}
}

func (s *Shell) handleLanguage(ctx app.Context, a app.Action) {
	c, _ := a.Value.(langChange)
	s.editLang = -1
	if err := s.st.SetLanguage(s.st.Current, c.Para, c.Tag); err != nil {
		s.say("", err)
	} else {
		s.say("Language set to "+languageName(c.Tag)+".", nil)
	}
	s.Update()
}

func (s *Shell) handleEditLang(ctx app.Context, a app.Action) {
	s.editLang, _ = a.Value.(int)
	s.Update()
}

func (s *Shell) handleLabel(ctx app.Context, a app.Action) {
	label, _ := a.Value.(string)
	s.labelSelection(label)
	s.Update()
}

// labelSelection labels the browser's current text selection.
func (s *Shell) labelSelection(label string) {
	d := s.st.Doc()
	if d == nil {
		s.say("", errNoDocument)
		return
	}
	a, b, ok := s.browser.Selection()
	if !ok {
		s.say("", errNoSelection)
		return
	}
	start, end, err := SelectionRange(d, a, b)
	if err == nil {
		err = s.st.Label(label, start, end)
	}
	if err != nil {
		s.say("", err)
		return
	}
	s.browser.ClearSelection()
	sp, _ := d.Span(s.st.Selected)
	if arm := s.st.Armed; arm != nil {
		s.st.Armed = nil
		s.say("“"+clipText(sp.Text)+"” ("+label+") fills "+arm.Role+".", nil)
		return
	}
	s.say("Labelled “"+clipText(sp.Text)+"” as "+label+".", nil)
}

// handleDocLabel turns a document-level label on or off.
func (s *Shell) handleDocLabel(ctx app.Context, a app.Action) {
	l, _ := a.Value.(string)
	d := s.st.Doc()
	if d == nil {
		return
	}
	var labels []string
	on := true
	for _, x := range d.Labels {
		if x == l {
			on = false
			continue
		}
		labels = append(labels, x)
	}
	if on {
		labels = append(labels, l)
	}
	if err := s.st.Do(annotations.Op{Kind: annotations.OpSetLabels, Doc: d.ID, Labels: labels}); err != nil {
		s.say("", err)
	}
	s.Update()
}

func (s *Shell) onUndo(ctx app.Context, e app.Event) { s.undo() }
func (s *Shell) onRedo(ctx app.Context, e app.Event) { s.redo() }

func (s *Shell) undo() {
	if s.st.Undo() {
		s.say("Undone.", nil)
	}
}

func (s *Shell) redo() {
	if s.st.Redo() {
		s.say("Redone.", nil)
	}
}

// armedText says what the waiting role or relation is.
func armedText(a *Arm) string {
	switch {
	case a == nil:
		return ""
	case a.Relation != "":
		return "the other end of " + a.Relation + " from " + a.Event
	}
	return a.Role + " of " + a.Event
}

// handleEvent carries out what a control of the event panel asks.
func (s *Shell) handleEvent(ctx app.Context, a app.Action) {
	c, _ := a.Value.(eventCmd)
	st := s.st
	var err error
	switch c.Cmd {
	case "open":
		if st.SelectedEvent == c.Event {
			st.SelectedEvent = ""
		} else {
			st.SelectedEvent = c.Event
		}
	case "arm":
		if st.Armed != nil && st.Armed.Event == c.Event && st.Armed.Role == c.Role {
			st.Armed = nil
			s.say("", nil)
		} else {
			st.Armed = &Arm{Event: c.Event, Role: c.Role}
			s.say("Click a span to fill "+c.Role+", or select text and press its label key. Escape cancels.", nil)
		}
	case "arm-rel":
		from := st.relationRef(c.Type, 0, c.Event)
		if a := st.Armed; a != nil && a.Relation == c.Type && a.Event == from {
			st.Armed = nil
			s.say("", nil)
		} else {
			st.Armed = &Arm{Event: from, Relation: c.Type}
			s.say("Click the other span of "+c.Type+", or select text and press its label key, or move to it with ] and [ and press Enter. Escape cancels.", nil)
		}
	case "relabel":
		err = st.Relabel(c.Event, c.Value)
	case "piece":
		err = s.addPiece(c.Event)
	case "unpiece":
		err = st.RemoveFragment(c.Event, c.Index)
	case "note":
		err = st.SetNote(c.Ref, c.Value)
	case "unfill":
		err = st.Unfill(c.Event, c.Index)
	case "attr":
		err = st.SetAttribute(c.Event, c.Attr, c.Value)
	case "link":
		err = st.Link(c.Type, c.Event, c.Ref)
	case "remove":
		err = st.Remove(c.Ref)
	}
	if err != nil {
		s.say("", err)
	}
	s.Update()
}
