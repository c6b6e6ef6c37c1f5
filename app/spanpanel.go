package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A SpanRecord is the selected span as the span panel shows it.
type SpanRecord struct {
	ID, Label, Text string
	Colour          int
	Labels          []string // the labels it may be given
	Pieces          []string // the text of each fragment, when discontinuous
	Event           string   // the event it triggers, if any
	Attrs           []AttrView
	Links           []LinkView
	RelTypes        []string // relations it may start
	Armed           string   // the relation type waiting for its other end
	Note            string
	Problems        []string
}

// SpanPanel shows the selected span as a record: its label, pieces,
// attributes, relations and note, all editable from the keyboard. Like
// EventPanel, its controls say what they act on in data-* attributes.
type SpanPanel struct {
	app.Compo

	Span *SpanRecord // nil when no span is selected
}

// Render draws the record.
func (p *SpanPanel) Render() app.UI {
	sec := app.Section().Class("span-record").Aria("label", "Selected span").DataSet("testid", "span-record").
		OnClick(p.onClick).OnChange(p.onChange)
	r := p.Span
	if r == nil {
		return sec.Body(app.H2().Text("Span"), app.P().Class("hint").Text("Click a span, or press ] and [, to see its label, attributes, relations and note."))
	}
	labels := make([]app.UI, len(r.Labels))
	for i, l := range r.Labels {
		labels[i] = app.Option().Value(l).Selected(l == r.Label).Text(l)
	}
	var pieces app.UI
	if len(r.Pieces) > 1 {
		pieces = app.Ul().Class("pieces").Aria("label", "Pieces").Body(app.Range(r.Pieces).Slice(func(i int) app.UI {
			return app.Li().DataSet("testid", "piece").Body(
				app.Text("“"+r.Pieces[i]+"” "),
				app.Button().Class("link").DataSet("cmd", "unpiece").DataSet("event", r.ID).DataSet("index", i).Aria("label", "Remove piece "+strconv.Itoa(i+1)).Text("×"),
			)
		}))
	}
	return sec.Body(
		app.H2().Text("Span"),
		app.Div().Class("event-head").Body(
			app.Label().Class("relabel").Body(
				app.Span().Class("visually-hidden").Text("Label"),
				app.Select().ID("span-label").Class("label c"+itoa(r.Colour)).DataSet("testid", "span-label").DataSet("relabel", r.ID).Body(labels...),
			),
			app.Span().Class("span-text").DataSet("testid", "span-record-text").Text(" “"+r.Text+"” "),
			app.Small().Text(r.ID),
			app.Button().Class("link").DataSet("cmd", "remove").DataSet("ref", r.ID).Aria("label", "Delete span "+r.ID).Title("Delete this span (Delete)").Text("×"),
		),
		app.If(r.Event != "", app.P().Class("hint").Text("Trigger of "+r.Event+": its roles and attributes are in the event's record.")),
		pieces,
		app.Button().Class("link add-piece").DataSet("testid", "add-piece").DataSet("cmd", "piece").DataSet("event", r.ID).DataSet("keep-selection", true).
			Title("Select more text first; + does the same").Text("+ piece from the selected text"),
		app.Div().Class("attrs").Body(app.Range(r.Attrs).Slice(func(i int) app.UI { return attrControl(r.ID, r.Attrs[i]) })),
		app.Ul().Class("links").Aria("label", "Relations").Body(app.Range(r.Links).Slice(func(i int) app.UI { return linkRow(r.Links[i]) })),
		app.If(len(r.RelTypes) > 0, app.Div().Class("link-add").Body(
			app.Select().DataSet("testid", "relation-type").DataSet("link", "type").Aria("label", "Relation type").Body(app.Range(r.RelTypes).Slice(func(i int) app.UI {
				return app.Option().Value(r.RelTypes[i]).Selected(r.RelTypes[i] == r.Armed).Text(r.RelTypes[i])
			})),
			app.Button().Class("arm").DataSet("testid", "relation-arm").DataSet("cmd", "arm-rel").DataSet("event", r.ID).Aria("pressed", r.Armed != "").
				Title("Then click the other span, or move to it with ] and [ and press Enter").
				Text(map[bool]string{true: "choose the other end…", false: "+ relation"}[r.Armed != ""]),
		)),
		noteInput(r.ID, r.Note),
		app.If(len(r.Problems) > 0, app.Ul().Class("problems").Aria("label", "Schema problems").Body(app.Range(r.Problems).Slice(func(i int) app.UI {
			return app.Li().DataSet("testid", "problem").Text("⚠ " + r.Problems[i])
		}))),
	)
}

// attrControl is a checkbox for a binary attribute, a select otherwise.
func attrControl(target string, a AttrView) app.UI {
	if len(a.Values) == 0 {
		return app.Label().Class("attr").Body(
			app.Input().Type("checkbox").Checked(a.Value != "").DataSet("testid", "attr-"+a.Name).DataSet("event", target).DataSet("attr", a.Name),
			app.Text(" "+a.Name),
		)
	}
	opts := []app.UI{app.Option().Value("").Selected(a.Value == "").Text("—")}
	for _, v := range a.Values {
		opts = append(opts, app.Option().Value(v).Selected(v == a.Value).Text(v))
	}
	return app.Label().Class("attr").Body(
		app.Text(a.Name+" "),
		app.Select().DataSet("testid", "attr-"+a.Name).DataSet("event", target).DataSet("attr", a.Name).Body(opts...),
	)
}

// linkRow is one relation, with its note and a delete button.
func linkRow(l LinkView) app.UI {
	arrow := map[bool]string{true: " → ", false: " ← "}[l.Out]
	return app.Li().DataSet("testid", "link").DataSet("relation", l.ID).Body(
		app.Span().Text(l.Type+arrow+l.Other+" "),
		app.Button().Class("link").DataSet("cmd", "remove").DataSet("ref", l.ID).Aria("label", "Delete relation "+l.ID).Text("×"),
		app.Input().Type("text").Class("note small").DataSet("note", l.ID).DataSet("testid", "note-"+l.ID).Value(l.Note).Placeholder("note").Aria("label", "Note on "+l.ID),
	)
}

// noteInput edits the free-text note on an annotation; it is saved when
// the field loses focus or Enter is pressed.
func noteInput(target, note string) app.UI {
	return app.Label().Class("note").Body(
		app.Span().Class("visually-hidden").Text("Note on "+target),
		app.Input().Type("text").DataSet("note", target).DataSet("testid", "note").Value(note).Placeholder("Note…"),
	)
}

func (p *SpanPanel) onClick(ctx app.Context, e app.Event) {
	b := e.Get("target").Call("closest", "[data-cmd]")
	if !b.Truthy() {
		return
	}
	ds := b.Get("dataset")
	c := eventCmd{Cmd: ds.Get("cmd").String(), Event: str(ds.Get("event")), Ref: str(ds.Get("ref"))}
	c.Index, _ = strconv.Atoi(str(ds.Get("index")))
	if c.Cmd == "arm-rel" {
		c.Type = b.Call("closest", ".link-add").Call("querySelector", "[data-link=type]").Get("value").String()
	}
	ctx.NewActionWithValue(actionEvent, c)
}

func (p *SpanPanel) onChange(ctx app.Context, e app.Event) { onRecordChange(ctx, e) }

// onRecordChange turns a change in a record's fields into a command:
// attribute values, notes and labels.
func onRecordChange(ctx app.Context, e app.Event) {
	t := e.Get("target")
	ds := t.Get("dataset")
	v := t.Get("value").String()
	switch {
	case str(ds.Get("attr")) != "":
		if t.Get("type").String() == "checkbox" {
			v = map[bool]string{true: "true", false: ""}[t.Get("checked").Bool()]
		}
		ctx.NewActionWithValue(actionEvent, eventCmd{Cmd: "attr", Event: str(ds.Get("event")), Attr: str(ds.Get("attr")), Value: v})
	case str(ds.Get("note")) != "":
		ctx.NewActionWithValue(actionEvent, eventCmd{Cmd: "note", Ref: str(ds.Get("note")), Value: v})
	case str(ds.Get("relabel")) != "":
		ctx.NewActionWithValue(actionEvent, eventCmd{Cmd: "relabel", Event: str(ds.Get("relabel")), Value: v})
	}
}

// spanRecord builds the panel's record of the selected span.
func (s *State) spanRecord(colour func(string) int, problems map[string][]string) *SpanRecord {
	d := s.Doc()
	sp, ok := s.span(s.Selected)
	if d == nil || !ok {
		return nil
	}
	r := &SpanRecord{ID: sp.ID, Label: sp.Label, Text: clipText(sp.Text), Colour: colour(sp.Label), Event: s.triggered(sp.ID), Note: s.note(sp.ID)}
	if len(sp.Fragments) > 1 {
		for _, f := range sp.Fragments {
			r.Pieces = append(r.Pieces, clipText(d.Index().Slice(f.Start, f.End)))
		}
	}
	if r.Event != "" {
		for _, e := range s.WS.Schema.Events {
			r.Labels = append(r.Labels, e.Type)
		}
	} else {
		for _, e := range s.WS.Schema.Entities {
			r.Labels = append(r.Labels, e.Type)
		}
		r.Attrs = s.attrViews(sp.ID, sp.Label)
	}
	if !contains(r.Labels, sp.Label) {
		r.Labels = append([]string{sp.Label}, r.Labels...) // not in the schema: still shown
	}
	r.Links = s.linkViews(sp.ID)
	if r.Event != "" {
		r.Links = append(r.Links, s.linkViews(r.Event)...)
	}
	r.RelTypes = s.relTypesFrom(sp.ID)
	if r.Event != "" {
		for _, t := range s.relTypesFrom(r.Event) {
			if !contains(r.RelTypes, t) {
				r.RelTypes = append(r.RelTypes, t)
			}
		}
	}
	if a := s.Armed; a != nil && a.Relation != "" && (a.Event == sp.ID || a.Event == r.Event) {
		r.Armed = a.Relation
	}
	r.Problems = problems[sp.ID]
	return r
}

// attrViews lists the attributes the schema allows on an annotation of
// type t, with their values on target.
func (s *State) attrViews(target, t string) []AttrView {
	d := s.Doc()
	var out []AttrView
	for _, ad := range s.WS.Schema.Attributes {
		if !s.accepts(ad.On, t) {
			continue
		}
		av := AttrView{Name: ad.Name, Values: ad.Values}
		for _, a := range d.Attributes {
			if a.Target == target && a.Name == ad.Name {
				av.Value = a.Value
				if len(ad.Values) == 0 {
					av.Value = "true"
				}
			}
		}
		out = append(out, av)
	}
	return out
}

// linkViews lists the binary relations id takes part in.
func (s *State) linkViews(id string) []LinkView {
	d := s.Doc()
	var out []LinkView
	for _, r := range d.Relations {
		if len(r.Arguments) != 2 {
			continue
		}
		a, b := r.Arguments[0].Ref, r.Arguments[1].Ref
		switch id {
		case a:
			out = append(out, LinkView{ID: r.ID, Type: r.Type, Other: s.describe(b), Out: true, Note: s.note(r.ID)})
		case b:
			out = append(out, LinkView{ID: r.ID, Type: r.Type, Other: s.describe(a), Note: s.note(r.ID)})
		}
	}
	return out
}

// describe names an annotation for a person: ID, label and text.
func (s *State) describe(id string) string {
	if sp, ok := s.span(id); ok {
		return id + " " + sp.Label + " “" + clipText(sp.Text) + "”"
	}
	if e, ok := s.event(id); ok {
		t, _ := s.span(e.Trigger)
		return id + " " + e.Type + " “" + clipText(t.Text) + "”"
	}
	return id
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
