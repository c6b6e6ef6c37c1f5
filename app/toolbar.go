package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// renderToolbar draws the bar at the top: bringing text and files in, the
// Schema menu, whether the work is saved, Annotate all, Undo and Redo, and
// Export. Each control's handler belongs to the part it acts for.
func (s *Shell) renderToolbar() app.UI {
	st := s.st
	return app.Header().Class("bar").Body(
		app.Span().Class("brand").Body(app.Img().Src("/web/icon.svg").Alt(""), app.Text("Belgi")),
		app.Button().DataSet("testid", "paste-button").Aria("expanded", s.paste.open).OnClick(s.paste.toggle).Title("Paste text as a new document (Ctrl+V outside a field does it too)").Text("Paste"),
		app.Label().Class("button").DataSet("testid", "open-files").Body(
			app.Text("Open files"),
			app.Input().Type("file").Multiple(true).Accept(".txt,.text,text/plain,.json,.zip,.html,.htm").
				DataSet("testid", "file-input").OnChange(s.files.onFiles),
		),
		app.Label().Class("button").DataSet("testid", "open-folder").Title("Open every file of a folder, such as a brat corpus").Body(
			app.Text("Folder"),
			app.Input().Type("file").Multiple(true).Attr("webkitdirectory", true).
				DataSet("testid", "folder-input").OnChange(s.files.onFiles),
		),
		app.Label().Class("button").DataSet("testid", "import").Body(
			app.Text("Import"),
			app.Input().Type("file").Accept(".json,application/json").
				DataSet("testid", "import-input").OnChange(s.files.onFiles),
		),
		app.Label().Class("button").DataSet("testid", "restore").Title("Replace the workspace with a backup made by Export all").Body(
			app.Text("Restore"),
			app.Input().Type("file").Accept(".json,application/json").
				DataSet("testid", "restore-input").OnChange(s.files.onRestore),
		),
		s.schema.render(),
		app.Span().Class("spacer"),
		s.persist.renderSaveState(),
		app.Button().DataSet("testid", "annotate-all").Disabled(st.Selected == "").OnClick(s.all.onOpen).Title("Label every other occurrence of the selected span's text, after a preview").Text("Annotate all"),
		app.Button().DataSet("testid", "undo").Disabled(len(st.undo) == 0).OnClick(s.onUndo).Title("Undo (Ctrl+Z)").Text("Undo"),
		app.Button().DataSet("testid", "redo").Disabled(len(st.redo) == 0).OnClick(s.onRedo).Title("Redo (Ctrl+Shift+Z)").Text("Redo"),
		s.export.renderFormat(),
		app.Button().DataSet("testid", "export-document").Disabled(st.Doc() == nil).OnClick(s.export.onExportDoc).Title("Export the open document").Text("Export doc"),
		app.Button().Class("primary").DataSet("testid", "export").OnClick(s.export.onExportAll).Text("Export all"),
	)
}
