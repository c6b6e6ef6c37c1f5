package app

import (
	"strconv"
	"strings"

	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// An EventView is one event as the panel shows it: a structured record.
type EventView struct {
	ID, Type, Name string
	Trigger        string // trigger span text
	Colour         int
	Open           bool
	Roles          []RoleView
	Attrs          []AttrView
	Links          []LinkView
	Note           string
	Problems       []string
}

// A RoleView is one role of an event and its fillers.
type RoleView struct {
	Role, Card string
	Types      []string
	Fillers    []FillerView
	Armed      bool
}

// A FillerView is one argument filling a role.
type FillerView struct {
	Index      int // in the event's argument list
	Ref, Label string
	Text       string
	Colour     int
}

// An AttrView is one attribute the event's type may carry.
type AttrView struct {
	Name   string
	Values []string // none for a binary attribute
	Value  string   // "" unset; "true" for a binary one that is set
}

// A LinkView is a relation the event takes part in.
type LinkView struct {
	ID, Type, Other string
	Out             bool
	Note            string
}

// EventPanel lists the events of the open document, each as a record whose
// roles, attributes and links can be edited with mouse or keyboard. Its
// controls carry what they act on in data-* attributes.
type EventPanel struct {
	app.Compo

	Events   []EventView
	RelTypes []string
	Targets  []string // event IDs and types, "E2 Arrest", for links
}

// Render draws the records.
func (p *EventPanel) Render() app.UI {
	return app.Section().
		Class("events").
		Aria("label", "Events").
		OnClick(p.onClick).
		OnChange(p.onChange).
		Body(
			app.H2().Text("Events"),
			app.If(len(p.Events) == 0, app.P().Class("hint").Text("Select a trigger word and press an event key (d demonstration, w strike, a arrest…).")),
			app.Ul().DataSet("testid", "event-list").Body(app.Range(p.Events).Slice(func(i int) app.UI {
				return p.record(p.Events[i])
			})),
		)
}

func (p *EventPanel) record(e EventView) app.UI {
	head := app.Div().Class("event-head").Body(
		app.Button().
			Class("event-title").
			DataSet("cmd", "open").
			DataSet("event", e.ID).
			Aria("expanded", e.Open).
			Body(
				app.Span().Class("label c"+itoa(e.Colour)).Text(e.Type),
				app.Span().Class("span-text").Text(" “"+e.Trigger+"” "),
				app.Small().Text(e.ID),
			),
		app.Button().Class("link").DataSet("cmd", "remove").DataSet("ref", e.ID).Aria("label", "Delete event "+e.ID).Title("Delete this event").Text("×"),
	)
	li := app.Li().Class("event").DataSet("testid", "event").DataSet("event", e.ID)
	if !e.Open {
		var warn app.UI
		if len(e.Problems) > 0 {
			warn = app.Span().Class("problem-count").Title(strings.Join(e.Problems, "\n")).Text("⚠ " + itoa(len(e.Problems)))
		}
		return li.Body(head, warn)
	}
	return li.Class("event open").Body(
		head,
		app.Dl().Class("roles").Body(app.Range(e.Roles).Slice(func(i int) app.UI {
			r := e.Roles[i]
			return app.Div().Class("role").DataSet("testid", "role").DataSet("role", r.Role).Body(
				app.Dt().Body(app.Text(r.Role+" "), app.Small().Text(strings.Join(r.Types, "|")+" "+r.Card)),
				app.Dd().Body(
					app.Range(r.Fillers).Slice(func(j int) app.UI {
						f := r.Fillers[j]
						return app.Span().Class("filler").DataSet("testid", "filler").Body(
							app.Span().Class("label c"+itoa(f.Colour)).Text(f.Label),
							app.Text(" "+f.Text+" "),
							app.Button().Class("link").DataSet("cmd", "unfill").DataSet("event", e.ID).DataSet("index", f.Index).Aria("label", "Remove "+f.Text+" from "+r.Role).Text("×"),
						)
					}),
					app.Button().
						Class("arm").
						DataSet("testid", "arm-role").
						DataSet("cmd", "arm").
						DataSet("event", e.ID).
						DataSet("role", r.Role).
						Aria("pressed", r.Armed).
						Title("Then click a span, or select text and press its label key").
						Text(map[bool]string{true: "choose…", false: "+"}[r.Armed]),
				),
			)
		})),
		app.Div().Class("attrs").Body(app.Range(e.Attrs).Slice(func(i int) app.UI { return attrControl(e.ID, e.Attrs[i]) })),
		app.Ul().Class("links").Aria("label", "Links").Body(app.Range(e.Links).Slice(func(i int) app.UI { return linkRow(e.Links[i]) })),
		app.If(len(p.Targets) > 1 && len(p.RelTypes) > 0, app.Div().Class("link-add").Body(
			app.Select().DataSet("testid", "link-type").DataSet("link", "type").Aria("label", "Link type").Body(app.Range(p.RelTypes).Slice(func(i int) app.UI {
				return app.Option().Value(p.RelTypes[i]).Text(p.RelTypes[i])
			})),
			app.Select().DataSet("testid", "link-to").DataSet("link", "to").Aria("label", "Link to").Body(app.Range(p.Targets).Slice(func(i int) app.UI {
				id, _, _ := strings.Cut(p.Targets[i], " ")
				if id == e.ID {
					return nil
				}
				return app.Option().Value(id).Text(p.Targets[i])
			})),
			app.Button().DataSet("testid", "link-add").DataSet("cmd", "link").DataSet("event", e.ID).Text("Link"),
		)),
		noteInput(e.ID, e.Note),
		app.If(len(e.Problems) > 0, app.Ul().Class("problems").Role("list").Aria("label", "Schema problems").Body(app.Range(e.Problems).Slice(func(i int) app.UI {
			return app.Li().DataSet("testid", "problem").Text("⚠ " + e.Problems[i])
		}))),
	)
}

// An eventCmd is what a control of the panel asks for.
type eventCmd struct {
	Cmd, Event, Role, Ref, Attr, Value, Type string
	Index                                    int
}

func (p *EventPanel) onClick(ctx app.Context, e app.Event) {
	b := e.Get("target").Call("closest", "[data-cmd]")
	if !b.Truthy() {
		return
	}
	ds := b.Get("dataset")
	c := eventCmd{Cmd: ds.Get("cmd").String(), Event: str(ds.Get("event")), Role: str(ds.Get("role")), Ref: str(ds.Get("ref"))}
	c.Index, _ = strconv.Atoi(str(ds.Get("index")))
	if c.Cmd == "link" {
		box := b.Call("closest", ".link-add")
		c.Type = box.Call("querySelector", "[data-link=type]").Get("value").String()
		c.Ref = box.Call("querySelector", "[data-link=to]").Get("value").String()
	}
	ctx.NewActionWithValue(actionEvent, c)
}

func (p *EventPanel) onChange(ctx app.Context, e app.Event) { onRecordChange(ctx, e) }

// problems returns the schema check's warnings on the open document, by
// annotation ID.
func (s *State) problems() map[string][]string {
	d := s.Doc()
	if d == nil {
		return nil
	}
	out := map[string][]string{}
	for _, p := range annotations.CheckDocument(d, &s.WS.Schema) {
		out[p.Item] = append(out[p.Item], p.Msg)
	}
	return out
}

// str reads a JS string that may be undefined.
func str(v app.Value) string {
	if v == nil || !v.Truthy() {
		return ""
	}
	return v.String()
}

// eventViews builds the panel's records for d.
func (s *State) eventViews(colour func(string) int, problems map[string][]string) (views []EventView, targets []string) {
	d := s.Doc()
	if d == nil {
		return nil, nil
	}
	text := map[string]string{}
	label := map[string]string{}
	for _, sp := range d.Spans {
		text[sp.ID], label[sp.ID] = sp.Text, sp.Label
	}
	for _, e := range d.Events {
		text[e.ID], label[e.ID] = text[e.Trigger], e.Type
		targets = append(targets, e.ID+" "+e.Type+" “"+clipText(text[e.Trigger])+"”")
	}
	for _, e := range d.Events {
		v := EventView{ID: e.ID, Type: e.Type, Trigger: clipText(text[e.Trigger]), Colour: colour(e.Type), Open: e.ID == s.SelectedEvent, Problems: problems[e.ID]}
		et, _ := s.eventType(e.Type)
		v.Name = et.Name
		seen := map[string]bool{}
		addRole := func(role, card string, types []string) {
			rv := RoleView{Role: role, Card: card, Types: types, Armed: s.Armed != nil && s.Armed.Event == e.ID && s.Armed.Role == role}
			for i, a := range e.Arguments {
				if a.Role == role {
					rv.Fillers = append(rv.Fillers, FillerView{Index: i, Ref: a.Ref, Label: label[a.Ref], Text: clipText(text[a.Ref]), Colour: colour(label[a.Ref])})
				}
			}
			v.Roles = append(v.Roles, rv)
			seen[role] = true
		}
		for _, r := range et.Roles {
			addRole(r.Role, r.Card, r.Types)
		}
		for _, a := range e.Arguments {
			if !seen[a.Role] {
				addRole(a.Role, "", nil) // not in the schema: still shown
			}
		}
		v.Attrs = s.attrViews(e.ID, e.Type)
		v.Links = s.linkViews(e.ID)
		v.Note = s.note(e.ID)
		views = append(views, v)
	}
	return views, targets
}

// eventRelTypes lists the relation types that can link two events.
func (s *State) eventRelTypes() []string {
	var out []string
	for _, r := range s.WS.Schema.Relations {
		if len(r.Args) != 2 {
			continue
		}
		ok := true
		for _, a := range r.Args {
			any := false
			for _, t := range a.Types {
				if _, isEvent := s.eventType(t); isEvent || t == annotations.AnyEvent || t == annotations.AnyType {
					any = true
				}
			}
			ok = ok && any
		}
		if ok {
			out = append(out, r.Type)
		}
	}
	return out
}
