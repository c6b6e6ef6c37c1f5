package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A LabelItem is one button of the label palette.
type LabelItem struct {
	Type   string
	Name   string
	Key    string
	Colour int
}

// Palette shows the entity labels. Clicking one labels the current text
// selection; the keys shown do the same from the keyboard.
type Palette struct {
	app.Compo

	Labels []LabelItem
}

// Render draws one button per label.
func (p *Palette) Render() app.UI {
	return app.Div().
		Class("palette").
		Role("toolbar").
		Aria("label", "Labels").
		DataSet("testid", "label-palette").
		Body(app.Range(p.Labels).Slice(func(i int) app.UI {
			l := p.Labels[i]
			b := app.Button().
				Class("label c"+itoa(l.Colour)).
				DataSet("testid", "label-"+l.Type).
				DataSet("label", l.Type).
				Title(l.Name).
				// The bridge keeps the text selection when it is pressed.
				DataSet("keep-selection", true).
				OnClick(p.onLabel)
			if l.Key != "" {
				b = b.Aria("keyshortcuts", l.Key)
			}
			return b.Body(
				app.If(l.Key != "", app.Kbd().Text(l.Key)),
				app.Text(l.Type),
			)
		}))
}

func (p *Palette) onLabel(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionLabel, ctx.JSSrc().Get("dataset").Get("label").String())
}
