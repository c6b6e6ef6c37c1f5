package app

import (
	"belgi/annotations"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// SpanList lists the spans of the open document, in text order.
type SpanList struct {
	app.Compo

	Spans    []annotations.Span
	Colours  map[string]int
	Selected string
}

// maxListed bounds the list: drawing thousands of entries would make every
// change slow, and the text shows them all anyway.
const maxListed = 30

// Render lists each span with its label and text.
func (l *SpanList) Render() app.UI {
	shown := l.Spans
	if len(shown) > maxListed {
		shown = shown[:maxListed]
	}
	return app.Section().
		Class("spans").
		Aria("label", "Spans").
		Body(
			app.H2().Text("Spans"),
			app.If(len(l.Spans) == 0, app.P().Class("hint").Text("Select text and press 1–9, or click a label.")),
			app.If(len(l.Spans) > maxListed, app.P().Class("hint").DataSet("testid", "span-count").Text(plural(len(l.Spans), "span", "spans")+"; the first "+itoa(maxListed)+" are listed.")),
			app.Ul().
				DataSet("testid", "span-list").
				Body(app.Range(shown).Slice(func(i int) app.UI {
					s := shown[i]
					c, ok := l.Colours[s.Label]
					if !ok {
						c = PaletteSize
					}
					return app.Li().Body(
						app.Button().
							Class("span-item").
							DataSet("testid", "span").
							DataSet("span", s.ID).
							Aria("pressed", s.ID == l.Selected).
							OnClick(l.onSelect).
							Body(
								app.Span().Class("label c"+itoa(c)).Text(s.Label),
								app.Span().Class("span-text").Text(s.Text),
							),
					)
				})),
		)
}

func (l *SpanList) onSelect(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionSelect, ctx.JSSrc().Get("dataset").Get("span").String())
}
