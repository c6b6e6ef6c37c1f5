package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// paster is the part of the shell that adds pasted text as a document:
// the Paste panel, and Ctrl+V outside a text field.
type paster struct {
	sh   *Shell
	open bool
	text string
}

func (p *paster) toggle(ctx app.Context, e app.Event) { p.open = !p.open }

func (p *paster) onInput(ctx app.Context, e app.Event) {
	p.text = ctx.JSSrc().Get("value").String()
}

func (p *paster) onAdd(ctx app.Context, e app.Event) {
	p.add("", p.text)
	if !p.sh.isError {
		p.text, p.open = "", false
	}
}

// add adds text as a document, name being its file's ("" when pasted), and
// says what it holds.
func (p *paster) add(name, text string) {
	sh := p.sh
	if sh.st == nil {
		return
	}
	d, err := sh.st.AddText(name, text)
	if err != nil {
		sh.say("", err)
		return
	}
	sh.say(strings.TrimSpace("Added “"+clipText(d.Title)+"”. "+describeMarkup(d)+" "+describeControls(inputOf(d))), nil)
}

// render draws the Paste panel.
func (p *paster) render() app.UI {
	if !p.open {
		return nil
	}
	return app.Section().Class("paste").Aria("label", "Paste text").Body(
		app.Textarea().
			ID("paste-text").
			DataSet("testid", "paste-text").
			Placeholder("Paste an article here (Ctrl+V anywhere outside a text field also works).").
			Rows(8).
			Text(p.text).
			OnInput(p.onInput),
		app.Div().Body(
			app.Button().Class("primary").DataSet("testid", "paste-add").OnClick(p.onAdd).Text("Add document"),
			app.Button().OnClick(p.toggle).Text("Cancel"),
		),
	)
}
