package app

import (
	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions the schema editor raises.
const (
	// actionSetSchema carries the edited annotations.Schema to the shell.
	actionSetSchema = "belgi/set-schema"
	// actionCloseSchema closes the editor without applying.
	actionCloseSchema = "belgi/close-schema"
)

// SchemaEditor edits a draft copy of the workspace's schema in a dialog.
// Schema is the schema in force; the editor never modifies it.
type SchemaEditor struct {
	app.Compo

	Schema annotations.Schema
}

// Render draws the editor.
func (e *SchemaEditor) Render() app.UI {
	return app.Div().Class("schema-editor").Role("dialog").Aria("modal", true).Aria("label", "Edit schema").DataSet("testid", "schema-editor").Body(
		app.H2().Text("Edit schema"),
	)
}
