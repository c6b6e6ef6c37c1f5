package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A DocItem is one entry of the document library.
type DocItem struct {
	ID       string
	Title    string
	Language string
	Spans    int
}

// Library lists the documents of the workspace.
type Library struct {
	app.Compo

	Docs    []DocItem
	Current string
}

// Render lists the documents; the open one is marked aria-current.
func (l *Library) Render() app.UI {
	return app.Nav().
		Class("library").
		Aria("label", "Documents").
		Body(
			app.H2().Text("Documents"),
			app.Ul().
				DataSet("testid", "document-list").
				Body(app.Range(l.Docs).Slice(func(i int) app.UI {
					d := l.Docs[i]
					return app.Li().Body(
						app.Button().
							Class("doc-item").
							DataSet("testid", "document-item").
							DataSet("doc", d.ID).
							Aria("current", d.ID == l.Current).
							OnClick(l.onOpen).
							Body(
								app.Span().Class("doc-title").Text(d.Title),
								app.Span().Class("doc-meta").Text(d.Language+" · "+plural(d.Spans, "span", "spans")),
							),
					)
				})),
		)
}

func (l *Library) onOpen(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionOpen, ctx.JSSrc().Get("dataset").Get("doc").String())
}
