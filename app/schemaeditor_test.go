package app

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func TestSetSchema(t *testing.T) {
	for _, tc := range []struct {
		name   string
		edit   func(sc *annotations.Schema)
		errMsg string   // the error names this; "" for none
		msg    []string // the message says these
	}{
		{
			name: "add a type",
			edit: func(sc *annotations.Schema) {
				sc.Entities = append(sc.Entities, annotations.EntityType{Type: "BANNER", Name: "Banner", Key: "b"})
			},
			msg: []string{"1 type added", "No annotation lost its label", "Ctrl+Z"},
		},
		{
			name: "rename a type in use",
			edit: func(sc *annotations.Schema) { sc.Entities[0].Type = "PERSON" },
			msg:  []string{"1 type renamed", "1 annotation whose label the schema no longer has is kept and flagged"},
		},
		{
			name: "remove a type in use, change another, add an attribute",
			edit: func(sc *annotations.Schema) {
				sc.Entities = sc.Entities[1:]
				sc.Events[0].Roles = sc.Events[0].Roles[:1]
				sc.Attributes = append(sc.Attributes, annotations.AttributeDef{Name: "Quoted", On: []string{"PER"}})
			},
			msg: []string{"1 type changed, 1 removed", "1 attribute added", "kept and flagged"},
		},
		{
			name: "warnings do not refuse",
			edit: func(sc *annotations.Schema) { sc.Attributes[0].On = []string{"NOSUCH"} },
			msg:  []string{"1 attribute changed"},
		},
		{
			name: "document labels and name",
			edit: func(sc *annotations.Schema) { sc.DocLabels = []string{"yes", "no"}; sc.Name = "mine" },
			msg:  []string{"document labels changed", `name changed to "mine"`},
		},
		{
			name:   "duplicate type",
			edit:   func(sc *annotations.Schema) { sc.Entities[1].Type = sc.Entities[0].Type },
			errMsg: `entity type "PER" is defined twice`,
		},
		{
			name:   "key bound twice",
			edit:   func(sc *annotations.Schema) { sc.Events[0].Key = "1" },
			errMsg: `key "1" is bound to both PER and Demonstrate`,
		},
		{
			name:   "bad cardinality",
			edit:   func(sc *annotations.Schema) { sc.Events[0].Roles[0].Card = "0" },
			errMsg: "cardinality",
		},
		{
			name:   "no types",
			edit:   func(sc *annotations.Schema) { sc.Entities, sc.Events, sc.Relations, sc.Attributes = nil, nil, nil, nil },
			errMsg: "at least one entity or event type",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState()
			if err := st.Label("PER", 0, 6); err != nil {
				t.Fatal(err)
			}
			orig := st.WS.Schema // shares its lists with the workspace
			saved := orig.Clone()
			before := mustExport(t, st)
			sc := orig.Clone()
			tc.edit(&sc)
			passed := sc.Clone()

			msg, err := st.SetSchema(sc)
			if !reflect.DeepEqual(sc.Clone(), passed) {
				t.Error("SetSchema changed the schema passed in")
			}
			if !reflect.DeepEqual(orig, saved) {
				t.Error("SetSchema changed the old schema's lists")
			}
			if tc.errMsg != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errMsg) {
					t.Fatalf("error %v, want one saying %q", err, tc.errMsg)
				}
				if string(mustExport(t, st)) != string(before) || st.Undo() && st.Undo() {
					t.Error("a refused schema changed the workspace or its history")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tc.msg {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not say %q", msg, want)
				}
			}
			if !reflect.DeepEqual(st.WS.Schema, passed) {
				t.Errorf("schema in force differs from the one set")
			}
			// The workspace has its own copy.
			sc.Entities[0].Type = "CHANGED"
			if st.WS.Schema.Entities[0].Type == "CHANGED" {
				t.Error("the workspace shares its schema with the caller")
			}
			// Spans are kept whatever their label.
			if d := st.Doc(); len(d.Spans) != 1 || d.Spans[0].Label != "PER" {
				t.Errorf("spans after the change: %+v", d.Spans)
			}
			if !st.Undo() {
				t.Fatal("nothing to undo")
			}
			if !reflect.DeepEqual(st.WS.Schema, orig) {
				t.Error("undo did not bring the old schema back")
			}
			if string(mustExport(t, st)) != string(before) {
				t.Error("undo did not bring the workspace back")
			}
		})
	}
}

func TestSetSchemaFlagsLostLabels(t *testing.T) {
	st := NewState()
	if err := st.Label("PER", 0, 6); err != nil {
		t.Fatal(err)
	}
	sc := st.WS.Schema.Clone()
	sc.Entities = sc.Entities[1:]
	if _, err := st.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	probs := annotations.CheckDocument(st.Doc(), &st.WS.Schema)
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, `label "PER" is not in the schema`) {
		t.Errorf("the span whose label went is flagged with %v", probs)
	}
}

func TestSetSchemaUnchanged(t *testing.T) {
	st := NewState()
	msg, err := st.SetSchema(st.WS.Schema.Clone())
	if err != nil || !strings.Contains(msg, "unchanged") {
		t.Errorf("same schema: %q, %v", msg, err)
	}
	if st.Undo() {
		t.Error("an unchanged schema made an undo step")
	}
}

func TestSetSchemaReadOnly(t *testing.T) {
	st := NewState()
	st.ReadOnly = true
	sc := st.WS.Schema.Clone()
	sc.Name = "other"
	if _, err := st.SetSchema(sc); err != ErrReadOnly {
		t.Errorf("read-only tab: %v", err)
	}
}

func TestEditDraft(t *testing.T) {
	for _, tc := range []struct {
		ed   schemaEdit
		ok   bool
		want func(sc *annotations.Schema) any
		is   any
	}{
		{schemaEdit{Field: "name", I: -1, J: -1, Value: "mine"}, true, func(sc *annotations.Schema) any { return sc.Name }, "mine"},
		{schemaEdit{Field: "doc-labels", I: -1, J: -1, Value: " a, b ,, c d"}, true, func(sc *annotations.Schema) any { return sc.DocLabels }, []string{"a", "b", "c d"}},
		{schemaEdit{Field: "doc-labels", I: -1, J: -1, Value: " "}, true, func(sc *annotations.Schema) any { return sc.DocLabels }, []string(nil)},
		{schemaEdit{Field: "entity-type", I: 1, J: -1, Value: "B2"}, true, func(sc *annotations.Schema) any { return sc.Entities[1].Type }, "B2"},
		{schemaEdit{Field: "entity-key", I: 0, J: -1, Value: " k "}, true, func(sc *annotations.Schema) any { return sc.Entities[0].Key }, "k"},
		{schemaEdit{Field: "entity-rare", I: 0, J: -1, On: true}, true, func(sc *annotations.Schema) any { return sc.Entities[0].Rare }, true},
		{schemaEdit{Field: "entity-color", I: 0, J: -1, Value: "#abc"}, true, func(sc *annotations.Schema) any { return sc.Entities[0].Color }, "#abc"},
		{schemaEdit{Field: "entity-type", I: 2, J: -1, Value: "X"}, false, nil, nil},
		{schemaEdit{Field: "entity-bogus", I: 0, J: -1, Value: "X"}, false, nil, nil},
		{schemaEdit{Field: "event-group", I: 0, J: -1, Value: "G"}, true, func(sc *annotations.Schema) any { return sc.Events[0].Group }, "G"},
		{schemaEdit{Field: "role-name", I: 0, J: 1, Value: "Where"}, true, func(sc *annotations.Schema) any { return sc.Events[0].Roles[1].Role }, "Where"},
		{schemaEdit{Field: "role-types", I: 0, J: 0, Value: "A, B  <ENTITY>"}, true, func(sc *annotations.Schema) any { return sc.Events[0].Roles[0].Types }, []string{"A", "B", "<ENTITY>"}},
		{schemaEdit{Field: "role-card", I: 0, J: 0, Value: "+"}, true, func(sc *annotations.Schema) any { return sc.Events[0].Roles[0].Card }, "+"},
		{schemaEdit{Field: "role-name", I: 0, J: 2, Value: "X"}, false, nil, nil},
		{schemaEdit{Field: "relation-symmetric", I: 0, J: -1, On: true}, true, func(sc *annotations.Schema) any { return sc.Relations[0].Symmetric }, true},
		{schemaEdit{Field: "arg-types", I: 0, J: 1, Value: "B"}, true, func(sc *annotations.Schema) any { return sc.Relations[0].Args[1].Types }, []string{"B"}},
		{schemaEdit{Field: "attribute-values", I: 0, J: -1, Value: "Yes, No"}, true, func(sc *annotations.Schema) any { return sc.Attributes[0].Values }, []string{"Yes", "No"}},
		{schemaEdit{Field: "attribute-values", I: 0, J: -1, Value: ""}, true, func(sc *annotations.Schema) any { return sc.Attributes[0].Values }, []string(nil)},
		{schemaEdit{Field: "attribute-on", I: 0, J: -1, Value: "A,E"}, true, func(sc *annotations.Schema) any { return sc.Attributes[0].On }, []string{"A", "E"}},
		{schemaEdit{Field: "nothing", I: 0, J: -1}, false, nil, nil},
	} {
		sc := tinySchema()
		ok := editDraft(&sc, tc.ed)
		if ok != tc.ok {
			t.Errorf("%+v: ok = %v", tc.ed, ok)
			continue
		}
		if !ok {
			if !reflect.DeepEqual(sc, tinySchema()) {
				t.Errorf("%+v changed the draft though it failed", tc.ed)
			}
			continue
		}
		if got := tc.want(&sc); !reflect.DeepEqual(got, tc.is) {
			t.Errorf("%+v: got %#v, want %#v", tc.ed, got, tc.is)
		}
	}
}

// tinySchema has two entity types, an event type with two roles, a
// relation and an attribute.
func tinySchema() annotations.Schema {
	return annotations.Schema{
		Name:     "tiny",
		Entities: []annotations.EntityType{{Type: "A", Key: "1"}, {Type: "B"}},
		Events: []annotations.EventType{{Type: "E", Key: "e", Roles: []annotations.RoleDef{
			{Role: "Who", Types: []string{"A"}, Card: "*"}, {Role: "Where", Types: []string{"B"}},
		}}},
		Relations:  []annotations.RelationType{{Type: "R", Args: []annotations.RoleDef{{Role: "From", Types: []string{"A"}}, {Role: "To", Types: []string{"A"}}}}},
		Attributes: []annotations.AttributeDef{{Name: "Neg", On: []string{"E"}}},
	}
}

func TestAddRemoveItems(t *testing.T) {
	sc := tinySchema()
	for _, tc := range []struct {
		kind string
		i    int
		want int
	}{
		{"entity", -1, 2}, {"event", -1, 1}, {"role", 0, 2}, {"role", 5, -1},
		{"relation", -1, 1}, {"attribute", -1, 1}, {"bogus", -1, -1},
	} {
		if got := addItem(&sc, tc.kind, tc.i); got != tc.want {
			t.Errorf("addItem(%s, %d) = %d, want %d", tc.kind, tc.i, got, tc.want)
		}
	}
	if r := sc.Relations[1]; len(r.Args) != 2 {
		t.Errorf("a new relation has arguments %+v, want two", r.Args)
	}
	// The new, empty items are errors until named.
	if !hasErrors(draftProblems(&sc)) {
		t.Error("empty new items raise no error")
	}
	for _, tc := range []struct {
		kind string
		i, j int
		ok   bool
	}{
		{"entity", 2, -1, true}, {"entity", 2, -1, false}, {"event", 1, -1, true},
		{"role", 0, 2, true}, {"role", 0, 2, false}, {"relation", 1, -1, true},
		{"attribute", 1, -1, true}, {"attribute", -1, -1, false},
	} {
		if got := removeItem(&sc, tc.kind, tc.i, tc.j); got != tc.ok {
			t.Errorf("removeItem(%s, %d, %d) = %v, want %v", tc.kind, tc.i, tc.j, got, tc.ok)
		}
	}
	if !reflect.DeepEqual(sc, tinySchema()) {
		t.Errorf("adding and removing the same items left %+v", sc)
	}
	if !removeItem(&sc, "role", 0, 0) || len(sc.Events[0].Roles) != 1 || sc.Events[0].Roles[0].Role != "Where" {
		t.Errorf("removing the first role left %+v", sc.Events[0].Roles)
	}
}

func hasErrors(probs []annotations.Problem) bool {
	return slices.ContainsFunc(probs, func(p annotations.Problem) bool { return !p.Warning })
}

func TestBadNames(t *testing.T) {
	sc := tinySchema()
	sc.Entities[1].Type = "A"
	sc.Events[0].Key = "1"
	sc.Relations[0].Type = "has space"
	bad := badNames(&sc)
	for name, want := range map[string]bool{"A": true, "E": false, "has space": true, "key:1": true, "key:e": false} {
		if bad[name] != want {
			t.Errorf("bad[%q] = %v, want %v", name, bad[name], want)
		}
	}
}

func TestSchemaEditorRenders(t *testing.T) {
	e := &SchemaEditor{Schema: annotations.DefaultSchema()}
	disp := app.NewClientTester(e)
	defer disp.Close()
	html := app.HTMLString(e)
	for _, want := range []string{
		`role="dialog"`, `aria-modal`, `aria-labelledby="schema-editor-title"`,
		`data-testid="schema-apply"`, `data-testid="schema-cancel"`, `data-testid="entity-add"`,
		`data-testid="entity-type-0"`, `data-testid="entity-key-0"`, `data-testid="event-add"`,
		`data-testid="role-add-0"`, `data-testid="role-types-0-0"`, `data-testid="role-card-0-0"`,
		`data-testid="relation-type-0"`, `data-testid="arg-types-0-1"`, `data-testid="attribute-on-0"`,
		`data-testid="schema-doc-labels"`, `data-testid="schema-name"`, `No problems.`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the editor lacks %s", want)
		}
	}
	applyOff := func(html string) bool {
		tag := regexp.MustCompile(`<button[^>]*data-testid="schema-apply"[^>]*>`).FindString(html)
		return strings.Contains(tag, "disabled") && !strings.Contains(tag, `disabled="false"`)
	}
	if applyOff(html) {
		t.Error("Apply is disabled for the default schema")
	}

	// Edits go to the draft only, and an error turns Apply off.
	orig := e.Schema.Clone()
	editDraft(&e.draft, schemaEdit{Field: "entity-type", I: 1, J: -1, Value: "PER"})
	e.dirty = true
	e.Update()
	disp.Consume()
	html = app.HTMLString(e)
	if !applyOff(html) || !strings.Contains(html, "entity type &#34;PER&#34; is defined twice") {
		t.Errorf("an error leaves Apply on or is not shown")
	}
	if !reflect.DeepEqual(e.Schema, orig) {
		t.Error("editing the draft changed the Schema prop")
	}

	// A new schema in force replaces the draft only when nothing is edited.
	e.Schema = tinySchema()
	e.OnUpdate(nil)
	if e.draft.Name == "tiny" {
		t.Error("a new schema threw the edits away")
	}
	e.dirty = false
	e.OnUpdate(nil)
	if e.draft.Name != "tiny" {
		t.Error("a new schema did not replace an unedited draft")
	}
}
