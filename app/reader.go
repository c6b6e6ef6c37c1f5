package app

import (
	"strings"

	"belgi/annotations"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Reader shows the open document: its header and one Paragraph component
// per line.
type Reader struct {
	app.Compo

	ID       string
	Title    string
	Source   string
	Language string
	Text     string
	Spans    []annotations.Span // replaced, never modified, on every change
	Colours  map[string]int
	Selected string
}

// Render lays out the document. Paragraph props are recomputed here, but
// only paragraphs whose props differ re-render.
func (r *Reader) Render() app.UI {
	if r.ID == "" {
		return app.Main().Class("reader empty").Body(
			app.P().Text("No document is open. Paste text, open .txt files, or drop them here."),
		)
	}
	paras := Paragraphs(r.Text)
	views := SpansByParagraph(paras, r.Spans, func(l string) int {
		if c, ok := r.Colours[l]; ok {
			return c
		}
		return PaletteSize
	})
	return app.Main().
		Class("reader").
		Aria("label", "Document").
		Body(
			app.Header().Class("doc-head").Body(
				app.H1().DataSet("testid", "document-title").Text(r.Title),
				app.P().Class("meta").Body(
					app.Span().DataSet("testid", "document-language").Text(languageName(r.Language)),
					app.If(r.Source != "", app.Span().Text(" · "+r.Source)),
					app.Span().Text(" · "+plural(len(r.Spans), "span", "spans")),
				),
			),
			app.Article().
				Class("doc").
				ID("document-text").
				DataSet("testid", "document-text").
				DataSet("doc", r.ID).
				Lang(r.Language).
				Aria("label", "Document text: select text, then press a label key 1–9").
				TabIndex(0).
				OnClick(r.onClick).
				Body(app.Range(paras).Slice(func(i int) app.UI {
					sel := ""
					for _, v := range views[i] {
						if v.ID == r.Selected {
							sel = r.Selected
						}
					}
					return &Paragraph{Para: paras[i], Spans: views[i], Selected: sel}
				})),
		)
}

// onClick selects the innermost span under the pointer, unless the click
// ended a text selection.
func (r *Reader) onClick(ctx app.Context, e app.Event) {
	if _, _, ok := browser.Selection(); ok {
		return
	}
	seg := e.Get("target").Call("closest", "[data-spans]")
	if !seg.Truthy() {
		ctx.NewActionWithValue(actionSelect, "")
		return
	}
	ids := strings.Fields(seg.Get("dataset").Get("spans").String())
	if len(ids) == 0 {
		return
	}
	// Repeated clicks walk outwards through nested spans.
	next := ids[len(ids)-1]
	for i, id := range ids {
		if id == r.Selected && i > 0 {
			next = ids[i-1]
		}
	}
	ctx.NewActionWithValue(actionSelect, next)
}

// languageName shows a tag in English and in the language itself.
func languageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return "Language unknown"
	}
	en := display.English.Tags().Name(t)
	self := display.Self.Name(t)
	if self == "" || self == en {
		return en
	}
	return en + " (" + self + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}
