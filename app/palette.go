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
	Rare   bool // shown under "More"
}

// Palette shows the entity labels. Clicking one labels the current text
// selection; the keys shown do the same from the keyboard.
type Palette struct {
	app.Compo

	Labels []LabelItem // entity types
	Events []LabelItem // event types: labelling a trigger makes an event
	Armed  string      // the role waiting for a filler, if any
}

// Render draws one button per label; rare labels sit one level down.
func (p *Palette) Render() app.UI {
	var common, rare []app.UI
	for _, l := range p.Labels {
		if l.Rare {
			rare = append(rare, p.button(l))
		} else {
			common = append(common, p.button(l))
		}
	}
	if len(p.Events) > 0 {
		common = append(common, app.Span().Class("palette-sep").Aria("hidden", true).Text("Events:"))
		for _, l := range p.Events {
			if l.Rare {
				rare = append(rare, p.button(l))
			} else {
				common = append(common, p.button(l))
			}
		}
	}
	if len(rare) > 0 {
		common = append(common, app.Details().Class("more").Body(
			app.Summary().DataSet("testid", "more-labels").Text("More…"),
			app.Div().Class("more-labels").Body(rare...),
		))
	}
	if p.Armed != "" {
		common = append(common, app.Span().Class("armed").Role("status").DataSet("testid", "armed").Text("Filling "+p.Armed+" — Esc cancels"))
	}
	return app.Div().
		Class("palette").
		Role("toolbar").
		Aria("label", "Labels").
		DataSet("testid", "label-palette").
		Body(common...)
}

func (p *Palette) button(l LabelItem) app.UI {
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
}

func (p *Palette) onLabel(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionLabel, ctx.JSSrc().Get("dataset").Get("label").String())
}
