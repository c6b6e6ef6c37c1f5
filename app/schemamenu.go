package app

import (
	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// schemaMenu is the part of the shell behind the Schema menu: saving the
// schema, loading one, and the schema editor, open from Edit schema… to
// Apply or Cancel.
type schemaMenu struct {
	sh      *Shell
	editing bool // the editor is open
}

// render draws the toolbar's Schema menu.
func (m *schemaMenu) render() app.UI {
	return app.Details().Class("menu").Body(
		app.Summary().Class("button").DataSet("testid", "schema-menu").Text("Schema"),
		app.Div().Class("menu-items").Body(
			app.Button().DataSet("testid", "schema-edit").OnClick(m.onEdit).Text("Edit schema…"),
			app.Button().DataSet("testid", "schema-save").OnClick(m.onSave).Text("Save schema as JSON"),
			app.Label().Class("button").Title("A schema saved by Belgi, a gold file, or a brat annotation.conf").Body(
				app.Text("Load schema…"),
				app.Input().Type("file").Accept(".json,.conf,application/json,text/plain").DataSet("testid", "schema-input").OnChange(m.onLoad),
			),
		),
	)
}

// renderEditor draws the editor while it is open.
func (m *schemaMenu) renderEditor() app.UI {
	if !m.editing {
		return nil
	}
	return &SchemaEditor{Schema: m.sh.st.WS.Schema}
}

func (m *schemaMenu) onSave(ctx app.Context, e app.Event) {
	data, err := m.sh.st.SchemaJSON()
	if err != nil {
		m.sh.say("", err)
		return
	}
	m.sh.browser.Download("belgi-schema.json", "application/json", data)
	m.sh.say("Saved the schema as belgi-schema.json.", nil)
}

func (m *schemaMenu) onLoad(ctx app.Context, e app.Event) {
	m.sh.readChosen(ctx, func(f File) {
		m.sh.say(m.sh.st.LoadSchema(f.Name, f.Data))
	})
}

func (m *schemaMenu) onEdit(ctx app.Context, e app.Event) {
	m.editing = true
	if d := ctx.JSSrc().Call("closest", "details"); d.Truthy() {
		d.Set("open", false)
	}
}

func (m *schemaMenu) handleClose(ctx app.Context, a app.Action) {
	m.editing = false
	m.sh.Update()
}

// handleSet applies the schema the editor made, as one undoable step.
func (m *schemaMenu) handleSet(ctx app.Context, a app.Action) {
	sc, ok := a.Value.(annotations.Schema)
	if !ok {
		return
	}
	msg, err := m.sh.st.SetSchema(sc)
	m.sh.say(msg, err)
	if err == nil {
		m.editing = false
	}
	m.sh.Update()
}
