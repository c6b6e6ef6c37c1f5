package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// helpOverlay is the part of the shell that lists the keyboard shortcuts
// (?), the schema's keys included.
type helpOverlay struct {
	sh   *Shell
	open bool
}

func (h *helpOverlay) onClose(ctx app.Context, e app.Event) { h.open = false }

// render draws the list while it is open.
func (h *helpOverlay) render() app.UI {
	if !h.open {
		return nil
	}
	row := func(keys, what string) app.UI {
		return app.Tr().Body(app.Td().Body(app.Kbd().Text(keys)), app.Td().Text(what))
	}
	rows := []app.UI{
		row("1–9, letters", "label the selected text with the entity or event type bound to the key (by the key's place, on any layout)"),
		row("/ or Ctrl+F", "find in the document; Enter selects the next match in the text, ready for a label key; Shift+Enter the previous"),
		row("F3, Ctrl+G", "next match (with Shift: previous), from the text"),
		row("Shift+arrows", "widen or narrow the selected text (Ctrl+Shift+arrows: by word); F7 turns on caret browsing to start a selection anywhere"),
		row("] / [", "select the next / previous span"),
		row("Enter", "on a selected span: go to its record (label, attributes, relations, note); with a role or relation waiting, fill it with the span; on a suggestion: accept it"),
		row("+", "add the selected text to the selected span as another piece (a discontinuous span)"),
		row("Delete", "delete the selected span, with the event it triggers"),
		row("Ctrl+Z / Ctrl+Shift+Z", "undo / redo, across documents"),
		row("Escape", "clear the selection, stop filling a role, close this help"),
		row("Ctrl+V", "outside a text field: add the clipboard text as a document"),
		row("Tab, Enter", "move through controls; in a record, Enter on + arms a role or relation"),
		row("?", "show or hide this help"),
	}
	schema := &h.sh.st.WS.Schema
	for _, e := range schema.Entities {
		if e.Key != "" {
			rows = append(rows, row(e.Key, e.Type+": "+e.Name))
		}
	}
	for _, e := range schema.Events {
		if e.Key != "" {
			rows = append(rows, row(e.Key, "event "+e.Type+": "+e.Name))
		}
	}
	return app.Div().Class("help").Role("dialog").Aria("modal", true).Aria("label", "Keyboard shortcuts").DataSet("testid", "help").Body(
		app.H2().Text("Keyboard shortcuts"),
		app.Table().Body(app.TBody().Body(rows...)),
		app.Button().OnClick(h.onClose).Text("Close"),
	)
}
