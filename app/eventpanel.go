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
		app.Div().Class("attrs").Body(app.Range(e.Attrs).Slice(func(i int) app.UI {
			a := e.Attrs[i]
			if len(a.Values) == 0 {
				return app.Label().Class("attr").Body(
					app.Input().Type("checkbox").Checked(a.Value != "").DataSet("testid", "attr-"+a.Name).DataSet("event", e.ID).DataSet("attr", a.Name),
					app.Text(" "+a.Name),
				)
			}
			opts := []app.UI{app.Option().Value("").Selected(a.Value == "").Text("—")}
			for _, v := range a.Values {
				opts = append(opts, app.Option().Value(v).Selected(v == a.Value).Text(v))
			}
			return app.Label().Class("attr").Body(
				app.Text(a.Name+" "),
				app.Select().DataSet("testid", "attr-"+a.Name).DataSet("event", e.ID).DataSet("attr", a.Name).Body(opts...),
			)
		})),
		app.Ul().Class("links").Body(app.Range(e.Links).Slice(func(i int) app.UI {
			l := e.Links[i]
			arrow := map[bool]string{true: " → ", false: " ← "}[l.Out]
			return app.Li().DataSet("testid", "link").Body(
				app.Text(l.Type+arrow+l.Other+" "),
				app.Button().Class("link").DataSet("cmd", "remove").DataSet("ref", l.ID).Aria("label", "Delete link "+l.ID).Text("×"),
			)
		})),
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

func (p *EventPanel) onChange(ctx app.Context, e app.Event) {
	t := e.Get("target")
	ds := t.Get("dataset")
	if str(ds.Get("attr")) == "" {
		return
	}
	v := t.Get("value").String()
	if t.Get("type").String() == "checkbox" {
		v = map[bool]string{true: "true", false: ""}[t.Get("checked").Bool()]
	}
	ctx.NewActionWithValue(actionEvent, eventCmd{Cmd: "attr", Event: str(ds.Get("event")), Attr: str(ds.Get("attr")), Value: v})
}

// str reads a JS string that may be undefined.
func str(v app.Value) string {
	if v == nil || !v.Truthy() {
		return ""
	}
	return v.String()
}

// eventViews builds the panel's records for d.
func (s *State) eventViews(colour func(string) int) (views []EventView, targets []string) {
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
	problems := map[string][]string{}
	for _, p := range annotations.CheckDocument(d, &s.WS.Schema) {
		problems[p.Item] = append(problems[p.Item], p.Msg)
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
		for _, ad := range s.WS.Schema.Attributes {
			if !appliesTo(ad.On, e.Type) {
				continue
			}
			av := AttrView{Name: ad.Name, Values: ad.Values}
			for _, a := range d.Attributes {
				if a.Target == e.ID && a.Name == ad.Name {
					av.Value = a.Value
					if len(ad.Values) == 0 {
						av.Value = "true"
					}
				}
			}
			v.Attrs = append(v.Attrs, av)
		}
		for _, r := range d.Relations {
			if len(r.Arguments) != 2 {
				continue
			}
			switch e.ID {
			case r.Arguments[0].Ref:
				v.Links = append(v.Links, LinkView{ID: r.ID, Type: r.Type, Other: r.Arguments[1].Ref + " " + label[r.Arguments[1].Ref], Out: true})
			case r.Arguments[1].Ref:
				v.Links = append(v.Links, LinkView{ID: r.ID, Type: r.Type, Other: r.Arguments[0].Ref + " " + label[r.Arguments[0].Ref]})
			}
		}
		views = append(views, v)
	}
	return views, targets
}

func appliesTo(on []string, eventType string) bool {
	for _, t := range on {
		if t == eventType || t == annotations.AnyEvent || t == annotations.AnyType {
			return true
		}
	}
	return false
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
