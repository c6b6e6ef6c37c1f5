package app

import (
	"errors"
	"fmt"
	"strconv"

	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A Preview holds the other occurrences of a span's text, before the
// person accepts them as spans of the same label.
type Preview struct {
	Doc, Label, Text string
	Matches          []PreviewMatch
}

// A PreviewMatch is one occurrence with a little context.
type PreviewMatch struct {
	Start, End    int
	Before, After string
	Exists, Clash bool // already labelled so; overlaps another span
	Checked       bool
}

// PreviewAll finds the other occurrences of the selected span's text:
// whole words, compared as search compares (annotations.FoldRune).
// Matches already labelled so are left out.
func (s *State) PreviewAll() (*Preview, error) {
	d := s.Doc()
	if d == nil {
		return nil, errNoDocument
	}
	sp, ok := d.Span(s.Selected)
	if !ok {
		return nil, errors.New("select a span first: its text is what is looked for")
	}
	ms := annotations.FindAll(d, sp.Text, annotations.FindOptions{Label: sp.Label, IgnoreCase: true, WholeWord: true})
	x := d.Index()
	p := &Preview{Doc: d.ID, Label: sp.Label, Text: sp.Text}
	for _, m := range ms {
		if m.Exists {
			continue
		}
		pm := PreviewMatch{Start: m.Start, End: m.End, Clash: len(m.Overlaps) > 0, Checked: len(m.Overlaps) == 0}
		pm.Before = x.Slice(max(0, m.Start-30), m.Start)
		pm.After = x.Slice(m.End, min(x.Len(), m.End+30))
		p.Matches = append(p.Matches, pm)
	}
	if len(p.Matches) == 0 {
		return nil, fmt.Errorf("no other occurrence of “%s” to label", clipText(sp.Text))
	}
	return p, nil
}

// AcceptAll labels the checked matches of p, as one step.
func (s *State) AcceptAll(p *Preview) (int, error) {
	d := s.WS.Document(p.Doc)
	if d == nil {
		return 0, fmt.Errorf("no document %q", p.Doc)
	}
	var ms []annotations.Match
	for _, m := range p.Matches {
		if m.Checked {
			ms = append(ms, annotations.Match{Start: m.Start, End: m.End})
		}
	}
	ops := annotations.AddAll(d, p.Label, ms)
	if len(ops) == 0 {
		return 0, nil
	}
	if err := s.Do(ops...); err != nil {
		return 0, err
	}
	return len(ops[0].Spans), nil
}

// annotateAll is the part of the shell that labels every other
// occurrence of the selected span's text: its preview lives from the
// click on Annotate all to Accept or Cancel.
type annotateAll struct {
	sh      *Shell
	preview *Preview // occurrences awaiting acceptance, nil when none
}

// render shows the occurrences with a box each, and Accept.
func (a *annotateAll) render() app.UI {
	p := a.preview
	if p == nil {
		return nil
	}
	n := 0
	for _, m := range p.Matches {
		if m.Checked {
			n++
		}
	}
	const shown = 30 // the rest are accepted or not with the same boxes' default
	list := p.Matches
	if len(list) > shown {
		list = list[:shown]
	}
	return app.Section().Class("batch preview").Aria("label", "Annotate all occurrences").DataSet("testid", "annotate-all-panel").OnChange(a.onCheck).Body(
		app.Div().Class("batch-head").Body(
			app.Strong().Text(fmt.Sprintf("%s of “%s” as %s", plural(len(p.Matches), "more occurrence", "more occurrences"), clipText(p.Text), p.Label)),
			app.Button().Class("primary").DataSet("testid", "annotate-all-accept").OnClick(a.onAccept).Text(fmt.Sprintf("Label %d", n)),
			app.Button().OnClick(a.onCancel).Text("Cancel"),
		),
		app.Ul().Body(app.Range(list).Slice(func(i int) app.UI {
			m := list[i]
			note := ""
			if m.Clash {
				note = " (overlaps a span)"
			}
			return app.Li().Body(app.Label().Body(
				app.Input().Type("checkbox").Checked(m.Checked).DataSet("match", i).DataSet("testid", "annotate-all-match"),
				app.Text(" …"+m.Before), app.Strong().Text(p.Text), app.Text(m.After+"…"+note),
			))
		})),
		app.If(len(p.Matches) > shown, app.P().Class("hint").Text(fmt.Sprintf("and %d more, as checked by default", len(p.Matches)-shown))),
	)
}

func (a *annotateAll) onOpen(ctx app.Context, e app.Event) {
	p, err := a.sh.st.PreviewAll()
	if err != nil {
		a.sh.say("", err)
		return
	}
	a.preview = p
	a.sh.say("", nil)
}

func (a *annotateAll) onCheck(ctx app.Context, e app.Event) {
	t := e.Get("target")
	i, err := strconv.Atoi(str(t.Get("dataset").Get("match")))
	if err != nil || a.preview == nil || i >= len(a.preview.Matches) {
		return
	}
	a.preview.Matches[i].Checked = t.Get("checked").Bool()
}

func (a *annotateAll) onAccept(ctx app.Context, e app.Event) {
	p := a.preview
	a.preview = nil
	n, err := a.sh.st.AcceptAll(p)
	if err != nil {
		a.sh.say("", err)
		return
	}
	a.sh.say(fmt.Sprintf("Labelled %s as %s. One Ctrl+Z takes them all back.", plural(n, "occurrence", "occurrences"), p.Label), nil)
}

func (a *annotateAll) onCancel(ctx app.Context, e app.Event) { a.preview = nil }
