package app

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions the schema editor raises.
const (
	// actionSetSchema carries the edited annotations.Schema to the shell.
	actionSetSchema = "belgi/set-schema"
	// actionCloseSchema closes the editor without applying.
	actionCloseSchema = "belgi/close-schema"
)

// SchemaEditor edits a draft copy of the workspace's schema in a modal
// dialog. Schema is the schema in force; the editor never modifies it, as
// it is the workspace's own.
//
// Every control carries what it edits in data-field, data-i and data-j
// (the item and its role or argument), and one handler per kind of control
// reads them: go-app reuses DOM nodes between renders and compares handlers
// by identity, so closures over loop variables would act on stale rows.
type SchemaEditor struct {
	app.Compo

	Schema annotations.Schema

	draft annotations.Schema
	dirty bool     // the draft has edits Schema lacks
	keys  app.Func // the dialog's own keydown listener
}

// OnInit makes the draft before the first render.
func (e *SchemaEditor) OnInit() { e.reset() }

// OnUpdate follows a new schema in force, such as after an undo, as long
// as nothing was edited: edits are never thrown away.
func (e *SchemaEditor) OnUpdate(ctx app.Context) {
	if !e.dirty {
		e.reset()
	}
}

func (e *SchemaEditor) reset() {
	e.draft = e.Schema.Clone()
	e.dirty = false
}

// OnMount opens the dialog as a modal, so the page behind is inert, and
// keeps the keys typed in it from the page's shortcuts: a letter typed on
// a focused checkbox must not label the text selected behind the dialog.
// The listener is a plain one because go-app handlers run after the event
// has finished dispatching, too late to stop it.
func (e *SchemaEditor) OnMount(ctx app.Context) {
	e.keys = app.FuncOf(func(this app.Value, args []app.Value) any {
		ev := args[0]
		ev.Call("stopPropagation")
		if ev.Get("key").String() == "Escape" {
			ev.Call("preventDefault") // onKeyDown closes it, through the shell
		}
		return nil
	})
	e.JSValue().Call("addEventListener", "keydown", e.keys)
	e.show(ctx, true)
}

// show opens the dialog once it is in the document; retry allows one more
// try after the next frame.
func (e *SchemaEditor) show(ctx app.Context, retry bool) {
	dlg := e.JSValue()
	switch {
	case dlg.Get("open").Bool():
	case dlg.Get("isConnected").Bool():
		dlg.Call("showModal")
	case retry:
		ctx.Defer(func(ctx app.Context) { e.show(ctx, false) })
	default:
		dlg.Set("open", true) // shown, if not modal
	}
}

// OnDismount removes the keydown listener.
func (e *SchemaEditor) OnDismount() {
	if e.keys != nil {
		e.JSValue().Call("removeEventListener", "keydown", e.keys)
		e.keys.Release()
		e.keys = nil
	}
}

// Render draws the editor: one section per kind of schema item, the
// problems of the draft, and Apply and Cancel.
func (e *SchemaEditor) Render() app.UI {
	d := &e.draft
	probs := draftProblems(d)
	errs := 0
	for _, p := range probs {
		if !p.Warning {
			errs++
		}
	}
	bad := badNames(d)
	gs := groups(d)
	return app.Dialog().
		Class("schema-editor").
		Role("dialog").
		Aria("modal", "true").
		Aria("labelledby", "schema-editor-title").
		DataSet("testid", "schema-editor").
		OnKeyDown(e.onKeyDown).
		On("close", e.onCancel).
		Body(
			app.Div().Class("se-head").Body(
				app.H2().ID("schema-editor-title").Text("Edit schema"),
				app.Label().Class("se-name").Body(
					app.Span().Text("Name"),
					e.input("name", -1, -1, d.Name, "Schema name"),
				),
			),
			app.Div().Class("se-body").Body(
				e.renderEntities(bad),
				e.renderEvents(bad),
				e.renderRelations(bad),
				e.renderAttributes(),
				app.Details().Class("se-section").Open(true).Body(
					app.Summary().Text("Document labels"),
					app.Label().Class("se-doclabels").Body(
						app.Span().Class("hint").Text("Labels for a whole document, separated by commas"),
						e.list("doc-labels", -1, -1, strings.Join(d.DocLabels, ", "), "Document labels, separated by commas"),
					),
				),
				app.DataList().ID("se-groups").Body(app.Range(gs).Slice(func(i int) app.UI {
					return app.Option().Value(gs[i])
				})),
			),
			app.Div().Class("se-foot").Body(
				renderProblems(probs, errs),
				app.Div().Class("se-buttons").Body(
					app.Span().Class("hint").Text("Labels the schema loses stay on their annotations, flagged. Ctrl+Z undoes Apply."),
					app.Button().DataSet("testid", "schema-cancel").OnClick(e.onCancel).Text("Cancel"),
					app.Button().Class("primary").DataSet("testid", "schema-apply").Disabled(errs > 0).OnClick(e.onApply).Text("Apply"),
				),
			),
		)
}

// typeHead is the header of the entity and event tables.
func typeHead() app.UI {
	return app.THead().Body(app.Tr().Body(
		th("type", "Type"), th("name", "Name"), th("key", "Key"), th("group", "Group"), th("colour", "Colour"), th("check", "Rare"), removeHead(),
	))
}

// th is a column header; its class sets the column's width.
func th(col, text string) app.UI { return app.Th().Scope("col").Class("se-c-" + col).Text(text) }

func removeHead() app.UI {
	return app.Th().Class("se-c-remove").Body(app.Span().Class("visually-hidden").Text("Remove"))
}

func (e *SchemaEditor) renderEntities(bad map[string]bool) app.UI {
	ents := e.draft.Entities
	return app.Details().Class("se-section").Open(true).Body(
		app.Summary().Body(app.Text("Entity types "), app.Span().Class("se-count").Text(len(ents))),
		app.Table().Class("se-table").Body(
			typeHead(),
			app.TBody().Body(app.Range(ents).Slice(func(i int) app.UI {
				t := ents[i]
				return app.Tr().Body(e.typeCells("entity", i, t.Type, t.Name, t.Key, t.Group, t.Color, t.Rare, i%PaletteSize, bad)...)
			})),
		),
		e.addButton("entity", -1, "Add entity type"),
	)
}

func (e *SchemaEditor) renderEvents(bad map[string]bool) app.UI {
	evs := e.draft.Events
	return app.Details().Class("se-section").Open(true).Body(
		app.Summary().Body(app.Text("Event types "), app.Span().Class("se-count").Text(len(evs))),
		app.P().Class("hint").Text("Each role lists the types that may fill it, separated by spaces; "+
			annotations.AnyEntity+", "+annotations.AnyEvent+" and "+annotations.AnyType+" stand for any entity, event or annotation."),
		app.Table().Class("se-table").Body(
			typeHead(),
			app.Range(evs).Slice(func(i int) app.UI {
				t := evs[i]
				rows := []app.UI{app.Tr().Class("se-main").Body(e.typeCells("event", i, t.Type, t.Name, t.Key, t.Group, t.Color, t.Rare, (i+3)%PaletteSize, bad)...)}
				for j, r := range t.Roles {
					rows = append(rows, app.Tr().Class("se-sub").Body(
						app.Td().Body(e.input("role-name", i, j, r.Role, "Event "+t.Type+": role "+itoa(j+1)).Placeholder("role")),
						app.Td().ColSpan(3).Body(e.list("role-types", i, j, strings.Join(r.Types, " "), "Event "+t.Type+": types that fill "+r.Role).Placeholder("filler types")),
						app.Td().ColSpan(2).Body(e.cardSelect(i, j, r.Card, "Event "+t.Type+": how many fill "+r.Role)),
						app.Td().Body(e.removeButton("role", i, j, "Remove role "+r.Role+" of "+t.Type)),
					))
				}
				rows = append(rows, app.Tr().Class("se-sub").Body(
					app.Td().ColSpan(7).Body(e.addButton("role", i, "Add role to "+t.Type)),
				))
				return app.TBody().Class("se-group").Body(rows...)
			}),
		),
		e.addButton("event", -1, "Add event type"),
	)
}

func (e *SchemaEditor) renderRelations(bad map[string]bool) app.UI {
	rels := e.draft.Relations
	return app.Details().Class("se-section").Open(true).Body(
		app.Summary().Body(app.Text("Relation types "), app.Span().Class("se-count").Text(len(rels))),
		app.Table().Class("se-table").Body(
			app.THead().Body(app.Tr().Body(
				th("type", "Type"), th("name", "Name"), th("", "Arguments: role and types"), th("flag", "Symmetric"), th("flag", "Transitive"), removeHead(),
			)),
			app.Range(rels).Slice(func(i int) app.UI {
				r := rels[i]
				rows := []app.UI{app.Tr().Class("se-main").Body(
					app.Td().Body(e.input("relation-type", i, -1, r.Type, "Relation "+itoa(i+1)+" type").Aria("invalid", bad[r.Type])),
					app.Td().Body(e.input("relation-name", i, -1, r.Name, "Relation "+r.Type+" name")),
					app.Td(),
					app.Td().Class("se-check").Body(e.check("relation-symmetric", i, r.Symmetric, "Relation "+r.Type+" is symmetric")),
					app.Td().Class("se-check").Body(e.check("relation-transitive", i, r.Transitive, "Relation "+r.Type+" is transitive")),
					app.Td().Body(e.removeButton("relation", i, -1, "Remove relation type "+r.Type)),
				)}
				for j, a := range r.Args {
					rows = append(rows, app.Tr().Class("se-sub").Body(
						app.Td().Body(e.input("arg-name", i, j, a.Role, "Relation "+r.Type+": argument "+itoa(j+1)).Placeholder("argument")),
						app.Td().ColSpan(2).Body(e.list("arg-types", i, j, strings.Join(a.Types, " "), "Relation "+r.Type+": types of "+a.Role).Placeholder("types")),
						app.Td().ColSpan(3),
					))
				}
				return app.TBody().Class("se-group").Body(rows...)
			}),
		),
		e.addButton("relation", -1, "Add relation type"),
	)
}

func (e *SchemaEditor) renderAttributes() app.UI {
	attrs := e.draft.Attributes
	return app.Details().Class("se-section").Open(true).Body(
		app.Summary().Body(app.Text("Attributes "), app.Span().Class("se-count").Text(len(attrs))),
		app.Table().Class("se-table").Body(
			app.THead().Body(app.Tr().Body(
				th("type", "Name"), th("values", "Values (commas; none: yes/no)"), th("", "On types"), removeHead(),
			)),
			app.TBody().Body(app.Range(attrs).Slice(func(i int) app.UI {
				a := attrs[i]
				return app.Tr().Body(
					app.Td().Body(e.input("attribute-name", i, -1, a.Name, "Attribute "+itoa(i+1)+" name")),
					app.Td().Body(e.list("attribute-values", i, -1, strings.Join(a.Values, ", "), "Attribute "+a.Name+" values, separated by commas; none for a yes/no attribute").Placeholder("yes/no")),
					app.Td().Body(e.list("attribute-on", i, -1, strings.Join(a.On, " "), "Attribute "+a.Name+" applies to these types")),
					app.Td().Body(e.removeButton("attribute", i, -1, "Remove attribute "+a.Name)),
				)
			})),
		),
		e.addButton("attribute", -1, "Add attribute"),
	)
}

// typeCells are the cells of an entity or event type's row; slot is its
// palette colour.
func (e *SchemaEditor) typeCells(kind string, i int, typ, name, key, group, colour string, rare bool, slot int, bad map[string]bool) []app.UI {
	what := strings.ToUpper(kind[:1]) + kind[1:] + " " + itoa(i+1)
	if typ != "" {
		what = strings.ToUpper(kind[:1]) + kind[1:] + " " + typ
	}
	swatch := app.Span().Class("se-swatch c"+itoa(slot)).Aria("hidden", true)
	if annotations.ValidColor(colour) {
		swatch = swatch.Style("background", colour)
	}
	return []app.UI{
		app.Td().Body(e.input(kind+"-type", i, -1, typ, kind+" type "+itoa(i+1)+" ID").Aria("invalid", bad[typ]).Spellcheck(false)),
		app.Td().Body(e.input(kind+"-name", i, -1, name, what+" display name")),
		app.Td().Body(e.input(kind+"-key", i, -1, key, what+" key").Class("se-key").MaxLength(1).Aria("invalid", bad["key:"+strings.ToLower(key)])),
		app.Td().Body(e.input(kind+"-group", i, -1, group, what+" group").List("se-groups")),
		app.Td().Body(app.Div().Class("se-colour").Body(swatch, e.input(kind+"-color", i, -1, colour, what+" colour, #rgb or #rrggbb; empty picks from the colour-blind-safe palette").Placeholder("auto"))),
		app.Td().Class("se-check").Body(e.check(kind+"-rare", i, rare, what+" is rare (shown under More)")),
		app.Td().Body(e.removeButton(kind, i, -1, "Remove "+strings.ToLower(what))),
	}
}

// ctlID names a control: its data-testid, and with "se-" its element ID.
func ctlID(field string, i, j int) string {
	switch {
	case i < 0:
		return "schema-" + field
	case j < 0:
		return field + "-" + itoa(i)
	}
	return field + "-" + itoa(i) + "-" + itoa(j)
}

// input is a text field that edits the draft as the person types.
func (e *SchemaEditor) input(field string, i, j int, value, label string) app.HTMLInput {
	return app.Input().Type("text").
		ID("se-"+ctlID(field, i, j)).
		DataSet("testid", ctlID(field, i, j)).
		DataSet("field", field).DataSet("i", i).DataSet("j", j).
		Aria("label", label).
		AutoComplete(false).
		Value(value).
		OnInput(e.onEdit)
}

// list is a text field holding a list. It edits the draft when the person
// leaves it or presses Enter: rewriting it while they type would drop the
// separator they just typed.
func (e *SchemaEditor) list(field string, i, j int, value, label string) app.HTMLInput {
	return app.Input().Type("text").
		ID("se-"+ctlID(field, i, j)).
		DataSet("testid", ctlID(field, i, j)).
		DataSet("field", field).DataSet("i", i).DataSet("j", j).
		Aria("label", label).
		AutoComplete(false).
		Spellcheck(false).
		Value(value).
		OnChange(e.onEdit)
}

func (e *SchemaEditor) check(field string, i int, on bool, label string) app.UI {
	return app.Input().Type("checkbox").
		ID("se-"+ctlID(field, i, -1)).
		DataSet("testid", ctlID(field, i, -1)).
		DataSet("field", field).DataSet("i", i).DataSet("j", -1).
		Aria("label", label).
		Checked(on).
		OnChange(e.onEdit)
}

// cards are the cardinalities offered; a schema's other ones are added.
var cards = []struct{ value, text string }{
	{"?", "? at most one"}, {"*", "* any number"}, {"+", "+ one or more"}, {"1", "1 exactly one"}, {"2", "2 exactly two"},
}

func (e *SchemaEditor) cardSelect(i, j int, card, label string) app.UI {
	if card == "" {
		card = "?"
	}
	opts := make([]app.UI, 0, len(cards)+1)
	known := false
	for _, c := range cards {
		known = known || c.value == card
		opts = append(opts, app.Option().Value(c.value).Selected(c.value == card).Text(c.text))
	}
	if !known {
		opts = append(opts, app.Option().Value(card).Selected(true).Text(card))
	}
	return app.Select().
		ID("se-"+ctlID("role-card", i, j)).
		DataSet("testid", ctlID("role-card", i, j)).
		DataSet("field", "role-card").DataSet("i", i).DataSet("j", j).
		Aria("label", label).
		OnChange(e.onEdit).
		Body(opts...)
}

func (e *SchemaEditor) addButton(kind string, i int, label string) app.UI {
	id := kind + "-add"
	if i >= 0 {
		id = ctlID(kind+"-add", i, -1)
	}
	return app.Button().Class("se-add").
		ID("se-"+id).
		DataSet("testid", id).
		DataSet("kind", kind).DataSet("i", i).
		OnClick(e.onAdd).
		Text("+ " + label)
}

func (e *SchemaEditor) removeButton(kind string, i, j int, label string) app.UI {
	return app.Button().Class("se-remove").
		DataSet("testid", ctlID(kind+"-remove", i, j)).
		DataSet("kind", kind).DataSet("i", i).DataSet("j", j).
		Aria("label", label).
		Title(label).
		OnClick(e.onRemove).
		Text("✕")
}

// renderProblems lists the draft's errors, then its warnings.
func renderProblems(probs []annotations.Problem, errs int) app.UI {
	head := "No problems."
	switch warns := len(probs) - errs; {
	case errs > 0:
		head = plural(errs, "error", "errors") + " to fix before applying"
		if warns > 0 {
			head += ", " + plural(warns, "warning", "warnings")
		}
		head += ":"
	case warns > 0:
		head = plural(warns, "warning", "warnings") + ": the schema can be applied, but some references resolve to nothing."
	}
	sorted := slices.Clone(probs)
	slices.SortStableFunc(sorted, func(a, b annotations.Problem) int {
		switch {
		case a.Warning == b.Warning:
			return 0
		case b.Warning:
			return -1
		}
		return 1
	})
	return app.Div().Class("se-problems").Role("status").DataSet("testid", "schema-problems").DataSet("errors", errs).Body(
		app.P().Class(map[bool]string{true: "se-problem-head error", false: "se-problem-head"}[errs > 0]).Text(head),
		app.Ul().Body(app.Range(sorted).Slice(func(i int) app.UI {
			p := sorted[i]
			return app.Li().Class(map[bool]string{true: "warning", false: "error"}[p.Warning]).Text(problemText(p))
		})),
	)
}

// draftProblems are the problems of a draft: those of ValidateSchema and
// those SetSchema refuses.
func draftProblems(d *annotations.Schema) []annotations.Problem {
	probs := annotations.ValidateSchema(d)
	if len(d.Entities)+len(d.Events) == 0 {
		probs = append(probs, annotations.Problem{Msg: "schema: it needs at least one entity or event type"})
	}
	return probs
}

// badNames returns the type IDs that are malformed or defined twice, and
// as "key:k" the keys bound twice, for marking their fields.
func badNames(d *annotations.Schema) map[string]bool {
	n := map[string]int{}
	add := func(t, key string) {
		n[t]++
		if key != "" {
			n["key:"+strings.ToLower(key)]++
		}
	}
	for _, t := range d.Entities {
		add(t.Type, t.Key)
	}
	for _, t := range d.Events {
		add(t.Type, t.Key)
	}
	for _, t := range d.Relations {
		add(t.Type, "")
	}
	bad := map[string]bool{}
	for name, count := range n {
		if key, ok := strings.CutPrefix(name, "key:"); ok {
			bad[name] = count > 1 || len(key) != 1 || !isKeyChar(key[0])
			continue
		}
		bad[name] = count > 1 || !isTypeName(name)
	}
	return bad
}

func isKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isTypeName reports whether t is a valid type ID: letters, digits, _ or -.
func isTypeName(t string) bool {
	return t != "" && strings.IndexFunc(t, func(r rune) bool {
		return !(r < 128 && (isKeyChar(byte(r)) || r == '_' || r == '-'))
	}) < 0
}

// groups lists the palette groups the draft uses, for the group fields'
// suggestions.
func groups(d *annotations.Schema) []string {
	var gs []string
	for _, t := range d.Entities {
		gs = append(gs, t.Group)
	}
	for _, t := range d.Events {
		gs = append(gs, t.Group)
	}
	slices.Sort(gs)
	gs = slices.Compact(gs)
	if len(gs) > 0 && gs[0] == "" {
		gs = gs[1:]
	}
	return gs
}

// data reads a control's data-field, data-i and data-j.
func data(ctx app.Context, name string) (field string, i, j int) {
	ds := ctx.JSSrc().Get("dataset")
	i, _ = strconv.Atoi(ds.Get("i").String())
	j, err := strconv.Atoi(ds.Get("j").String())
	if err != nil {
		j = -1
	}
	return ds.Get(name).String(), i, j
}

func (e *SchemaEditor) onEdit(ctx app.Context, ev app.Event) {
	field, i, j := data(ctx, "field")
	src := ctx.JSSrc()
	if editDraft(&e.draft, schemaEdit{Field: field, I: i, J: j, Value: src.Get("value").String(), On: src.Get("checked").Bool()}) {
		e.dirty = true
	}
}

func (e *SchemaEditor) onAdd(ctx app.Context, ev app.Event) {
	kind, i, _ := data(ctx, "kind")
	n := addItem(&e.draft, kind, i)
	if n < 0 {
		return
	}
	e.dirty = true
	first := map[string]string{"entity": "entity-type", "event": "event-type", "relation": "relation-type", "attribute": "attribute-name"}[kind]
	id := ctlID(first, n, -1)
	if kind == "role" {
		id = ctlID("role-name", i, n)
	}
	focus(ctx, "se-"+id)
}

func (e *SchemaEditor) onRemove(ctx app.Context, ev app.Event) {
	kind, i, j := data(ctx, "kind")
	if !removeItem(&e.draft, kind, i, j) {
		return
	}
	e.dirty = true
	// Focus stays in the section: on its add button.
	id := kind + "-add"
	if kind == "role" {
		id = ctlID("role-add", i, -1)
	}
	focus(ctx, "se-"+id)
}

// focus moves the focus to the element with the given ID once the update
// under way has rendered.
func focus(ctx app.Context, id string) {
	ctx.Defer(func(ctx app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (e *SchemaEditor) onApply(ctx app.Context, ev app.Event) {
	for _, p := range draftProblems(&e.draft) {
		if !p.Warning {
			return
		}
	}
	ctx.NewActionWithValue(actionSetSchema, e.draft.Clone())
}

func (e *SchemaEditor) onCancel(ctx app.Context, ev app.Event) {
	ctx.NewAction(actionCloseSchema)
}

func (e *SchemaEditor) onKeyDown(ctx app.Context, ev app.Event) {
	if ev.Get("key").String() == "Escape" {
		ctx.NewAction(actionCloseSchema)
	}
}

// A schemaEdit is one change to a draft schema, as a control describes
// it: the field it edits, the item (I) and the role or argument of it (J)
// it is in, and its new value or checkbox state.
type schemaEdit struct {
	Field string
	I, J  int
	Value string
	On    bool
}

// editDraft applies ed to the draft d and reports whether it named a
// field and an item that exist.
func editDraft(d *annotations.Schema, ed schemaEdit) bool {
	v := ed.Value
	kind, field, _ := strings.Cut(ed.Field, "-")
	switch kind {
	case "name":
		d.Name = v
		return true
	case "doc":
		d.DocLabels = splitValues(v)
		return true
	case "entity":
		if ed.I < 0 || ed.I >= len(d.Entities) {
			return false
		}
		t := &d.Entities[ed.I]
		return editType(field, v, ed.On, &t.Type, &t.Name, &t.Key, &t.Group, &t.Color, &t.Rare)
	case "event":
		if ed.I < 0 || ed.I >= len(d.Events) {
			return false
		}
		t := &d.Events[ed.I]
		return editType(field, v, ed.On, &t.Type, &t.Name, &t.Key, &t.Group, &t.Color, &t.Rare)
	case "role":
		if ed.I < 0 || ed.I >= len(d.Events) || ed.J < 0 || ed.J >= len(d.Events[ed.I].Roles) {
			return false
		}
		return editRole(&d.Events[ed.I].Roles[ed.J], field, v)
	case "relation":
		if ed.I < 0 || ed.I >= len(d.Relations) {
			return false
		}
		r := &d.Relations[ed.I]
		switch field {
		case "type":
			r.Type = v
		case "name":
			r.Name = v
		case "symmetric":
			r.Symmetric = ed.On
		case "transitive":
			r.Transitive = ed.On
		default:
			return false
		}
		return true
	case "arg":
		if ed.I < 0 || ed.I >= len(d.Relations) || ed.J < 0 || ed.J >= len(d.Relations[ed.I].Args) {
			return false
		}
		return editRole(&d.Relations[ed.I].Args[ed.J], field, v)
	case "attribute":
		if ed.I < 0 || ed.I >= len(d.Attributes) {
			return false
		}
		a := &d.Attributes[ed.I]
		switch field {
		case "name":
			a.Name = v
		case "values":
			a.Values = splitValues(v)
		case "on":
			a.On = splitTypes(v)
		default:
			return false
		}
		return true
	}
	return false
}

// editType sets one field of an entity or event type.
func editType(field, v string, on bool, typ, name, key, group, colour *string, rare *bool) bool {
	switch field {
	case "type":
		*typ = v
	case "name":
		*name = v
	case "key":
		*key = strings.TrimSpace(v)
	case "group":
		*group = v
	case "color":
		*colour = strings.TrimSpace(v)
	case "rare":
		*rare = on
	default:
		return false
	}
	return true
}

// editRole sets one field of an event role or a relation argument.
func editRole(r *annotations.RoleDef, field, v string) bool {
	switch field {
	case "name":
		r.Role = v
	case "types":
		r.Types = splitTypes(v)
	case "card":
		r.Card = v
	default:
		return false
	}
	return true
}

// addItem adds an empty item of a kind ("entity", "event", "relation",
// "attribute", or "role" of event i) to the draft and returns its index,
// or -1 when there is no such kind or event. A new relation has the two
// arguments most relations need.
func addItem(d *annotations.Schema, kind string, i int) int {
	switch kind {
	case "entity":
		d.Entities = append(d.Entities, annotations.EntityType{})
		return len(d.Entities) - 1
	case "event":
		d.Events = append(d.Events, annotations.EventType{})
		return len(d.Events) - 1
	case "role":
		if i < 0 || i >= len(d.Events) {
			return -1
		}
		d.Events[i].Roles = append(d.Events[i].Roles, annotations.RoleDef{Types: []string{}})
		return len(d.Events[i].Roles) - 1
	case "relation":
		d.Relations = append(d.Relations, annotations.RelationType{Args: []annotations.RoleDef{
			{Role: "From", Types: []string{}}, {Role: "To", Types: []string{}},
		}})
		return len(d.Relations) - 1
	case "attribute":
		d.Attributes = append(d.Attributes, annotations.AttributeDef{On: []string{}})
		return len(d.Attributes) - 1
	}
	return -1
}

// removeItem removes item i of a kind, or role j of event i, from the
// draft and reports whether it was there.
func removeItem(d *annotations.Schema, kind string, i, j int) bool {
	in := func(n int) bool { return i >= 0 && i < n }
	switch {
	case kind == "entity" && in(len(d.Entities)):
		d.Entities = slices.Delete(d.Entities, i, i+1)
	case kind == "event" && in(len(d.Events)):
		d.Events = slices.Delete(d.Events, i, i+1)
	case kind == "role" && in(len(d.Events)) && j >= 0 && j < len(d.Events[i].Roles):
		d.Events[i].Roles = slices.Delete(d.Events[i].Roles, j, j+1)
	case kind == "relation" && in(len(d.Relations)):
		d.Relations = slices.Delete(d.Relations, i, i+1)
	case kind == "attribute" && in(len(d.Attributes)):
		d.Attributes = slices.Delete(d.Attributes, i, i+1)
	default:
		return false
	}
	return true
}

// splitTypes reads type names separated by spaces or commas.
func splitTypes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

// splitValues reads a comma-separated list, trimming each item and
// dropping empty ones; nothing gives nil.
func splitValues(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
