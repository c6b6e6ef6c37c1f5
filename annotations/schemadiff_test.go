package annotations

import (
	"reflect"
	"testing"
)

// tinySchema has one of each kind of item.
func tinySchema() Schema {
	return Schema{
		Name:     "tiny",
		Entities: []EntityType{{Type: "A", Key: "1"}, {Type: "B"}},
		Events: []EventType{{Type: "E", Key: "e", Roles: []RoleDef{
			{Role: "Who", Types: []string{"A"}, Card: "*"}, {Role: "Where", Types: []string{"B"}},
		}}},
		Relations:  []RelationType{{Type: "R", Args: []RoleDef{{Role: "From", Types: []string{"A"}}, {Role: "To", Types: []string{"A"}}}}},
		Attributes: []AttributeDef{{Name: "Neg", On: []string{"E"}}},
	}
}

func TestSchemaClone(t *testing.T) {
	sc := DefaultSchema()
	c := sc.Clone()
	if !reflect.DeepEqual(sc, c) {
		t.Fatal("the clone differs")
	}
	c.Entities[0].Maps["ace"] = "X"
	c.Events[0].Roles[0].Types[0] = "X"
	c.Relations[0].Args[0].Types[0] = "X"
	c.Attributes[0].On[0] = "X"
	c.Attributes[0].Values[0] = "X"
	c.DocLabels[0] = "X"
	if !reflect.DeepEqual(sc, DefaultSchema()) {
		t.Error("changing the clone changed the original")
	}
	// Lists the gold format requires are never null.
	empty := Schema{
		Events:     []EventType{{Type: "E", Roles: []RoleDef{{Role: "R"}}}},
		Relations:  []RelationType{{Type: "R"}},
		Attributes: []AttributeDef{{Name: "A"}},
	}.Clone()
	if empty.Entities == nil || empty.Events[0].Roles[0].Types == nil || empty.Relations[0].Args == nil || empty.Attributes[0].On == nil {
		t.Errorf("nil lists in %+v", empty)
	}
}

func TestDiffSchemas(t *testing.T) {
	for _, tc := range []struct {
		edit func(sc *Schema)
		want string
	}{
		{func(sc *Schema) { sc.Entities[0].Type = "AA" }, "1 type renamed"},
		{func(sc *Schema) {
			sc.Entities = append(sc.Entities, EntityType{Type: "C"}, EntityType{Type: "D"})
		}, "2 types added"},
		// Removed above, renamed below: the display name pairs them.
		{func(sc *Schema) {
			sc.Entities[1].Name = "Bee"
			sc.Entities = sc.Entities[1:]
		}, "1 type changed, 1 removed"},
		{func(sc *Schema) {
			sc.Relations[0].Symmetric = true
			sc.Attributes = nil
		}, "1 type changed; 1 attribute removed"},
		{func(sc *Schema) { sc.Events[0].Description = "what" }, "1 type changed"},
		{func(sc *Schema) {}, "details changed"},
	} {
		a, b := tinySchema(), tinySchema()
		tc.edit(&b)
		if got := DiffSchemas(&a, &b).String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestUnlabelled(t *testing.T) {
	a, b := tinySchema(), tinySchema()
	b.Entities = b.Entities[:1] // B goes
	b.Attributes = nil          // and Neg
	d := NewDocument("d1", "", "", "abc")
	d.Spans = []Span{{ID: "T1", Label: "A"}, {ID: "T2", Label: "B"}, {ID: "T3", Label: "B"}}
	d.Attributes = []Attribute{{ID: "A1", Name: "Neg", Target: "T1"}}
	if n := Unlabelled(&a, &b, []*Document{d}); n != 3 {
		t.Errorf("Unlabelled = %d, want 3 (two B spans and a Neg)", n)
	}
	if n := Unlabelled(&b, &a, []*Document{d}); n != 0 {
		t.Errorf("adding types unlabels %d", n)
	}
}
