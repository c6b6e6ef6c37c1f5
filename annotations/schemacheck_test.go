package annotations

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func checkSchema() Schema {
	return Schema{
		Name: "test",
		Entities: []EntityType{
			{Type: "PER", Key: "1"}, {Type: "ORG", Key: "2"}, {Type: "GPE"}, {Type: "CRIME"}, {Type: "LOC"},
		},
		Events: []EventType{
			{Type: "Arrest", Key: "a", Roles: []RoleDef{
				{Role: "Agent", Types: []string{"ORG", "PER"}, Card: "?"},
				{Role: "Person", Types: []string{"PER"}, Card: "+"},
				{Role: "Place", Types: []string{"GPE"}, Card: "*"},
				{Role: "Crime", Types: []string{"CRIME"}},
			}},
			{Type: "Marry", Roles: []RoleDef{{Role: "Person", Types: []string{"PER"}, Card: "2"}}},
			{Type: "Report", Roles: []RoleDef{{Role: "Event", Types: []string{AnyEvent}, Card: "1"}}},
		},
		Relations: []RelationType{
			{Type: "Affiliation", Args: []RoleDef{{Role: "Member", Types: []string{"PER"}}, {Role: "Org", Types: []string{"ORG"}}}},
			{Type: "Coref", Symmetric: true, Transitive: true, Args: []RoleDef{{Role: "Anaphor", Types: []string{AnyEntity}}, {Role: "Antecedent", Types: []string{AnyEntity}}}},
		},
		Attributes: []AttributeDef{
			{Name: "Negated", On: []string{AnyEvent}},
			{Name: "Realis", On: []string{AnyEvent}, Values: []string{"Actual", "Planned"}},
			{Name: "ActorType", On: []string{"ORG"}, Values: []string{"Police", "Court"}},
			{Name: "Checked", On: []string{AnyType}},
		},
		DocLabels: []string{"relevant", "not-relevant"},
	}
}

func TestValidateSchema(t *testing.T) {
	type want struct {
		msg     string
		warning bool
	}
	tests := []struct {
		name   string
		change func(s *Schema)
		want   []want
	}{
		{"valid", func(s *Schema) {}, nil},
		{"cardinalities", func(s *Schema) {
			for i, c := range []string{"", "?", "*", "+"} {
				s.Events[0].Roles[i].Card = c
			}
			s.Events[1].Roles[0].Card = "12"
		}, nil},
		{"colours", func(s *Schema) { s.Entities[0].Color, s.Events[0].Color = "#abc", "#A0B1C2" }, nil},
		{"colour that is CSS", func(s *Schema) { s.Entities[0].Color = "red;background:url(x)" }, []want{{`must be #rgb or #rrggbb`, false}}},
		{"named colour", func(s *Schema) { s.Events[0].Color = "red" }, []want{{`colour "red" must be`, false}}},
		{"bad type name", func(s *Schema) { s.Entities[4].Type = "L O C" }, []want{{`entity type "L O C" must be letters`, false}}},
		{"empty type name", func(s *Schema) { s.Events[1].Type = "" }, []want{{`event type "" must be letters`, false}}},
		{"special as a type", func(s *Schema) { s.Entities[4].Type = "<EVENT>" }, []want{{`entity type "<EVENT>" must be letters`, false}}},
		{"entity twice", func(s *Schema) { s.Entities[4].Type = "PER" }, []want{{`entity type "PER" is defined twice`, false}}},
		{"entity and event", func(s *Schema) { s.Events[1].Type = "ORG" }, []want{{`"ORG" is both an entity type and an event type`, false}}},
		{"relation twice", func(s *Schema) { s.Relations[1].Type = "Affiliation" }, []want{{`relation type "Affiliation" is defined twice`, false}}},
		{"role ends in a digit", func(s *Schema) { s.Events[0].Roles[1].Role = "Person2" }, []want{{`role "Person2" ends in a digit`, false}}},
		{"argument ends in a digit", func(s *Schema) { s.Relations[0].Args[0].Role = "Arg1" }, nil}, // brat names relation arguments so
		{"bad role name", func(s *Schema) { s.Events[0].Roles[0].Role = "Agent?" }, []want{{`role "Agent?" must be letters`, false}}},
		{"role twice", func(s *Schema) { s.Events[0].Roles[2].Role = "Person" }, []want{{`event Arrest: role "Person" is defined twice`, false}}},
		{"brat range", func(s *Schema) { s.Events[0].Roles[0].Card = "{1-2}" }, []want{{`cardinality "{1-2}"`, false}}},
		{"zero", func(s *Schema) { s.Events[1].Roles[0].Card = "0" }, []want{{`cardinality "0"`, false}}},
		{"negative", func(s *Schema) { s.Events[1].Roles[0].Card = "-1" }, []want{{`cardinality "-1"`, false}}},
		{"huge", func(s *Schema) { s.Events[1].Roles[0].Card = "99999999999999999999" }, []want{{`cardinality "99999999999999999999"`, false}}},
		{"undefined filler", func(s *Schema) { s.Events[0].Roles[2].Types = []string{"GPE", "FAC"} }, []want{{`role Place: type "FAC" is not defined`, true}}},
		{"relation as filler", func(s *Schema) { s.Events[0].Roles[2].Types = []string{"Coref"} }, []want{{`Coref is a relation type`, true}}},
		{"no filler types", func(s *Schema) { s.Events[0].Roles[2].Types = nil }, []want{{`role Place allows no types`, true}}},
		{"event as filler", func(s *Schema) { s.Events[2].Roles[0].Types = []string{"Arrest", "Marry"} }, nil},
		{"attribute target undefined", func(s *Schema) { s.Attributes[2].On = []string{"ORG", "ORGG"} }, []want{{`attribute ActorType: type "ORGG" is not defined`, true}}},
		{"attribute on a relation", func(s *Schema) { s.Attributes[2].On = []string{"Coref"} }, nil},
		{"attribute on nothing", func(s *Schema) { s.Attributes[0].On = nil }, []want{{`attribute Negated applies to no types`, true}}},
		{"attribute twice", func(s *Schema) { s.Attributes[1].Name = "Negated" }, []want{{`attribute "Negated" is defined twice`, false}}},
		{"attribute values", func(s *Schema) { s.Attributes[1].Values = []string{"Actual", "", "Actual"} }, []want{
			{`attribute Realis has an empty value`, false}, {`attribute Realis: value "Actual" is listed twice`, false}}},
		{"key twice", func(s *Schema) { s.Entities[2].Key = "1" }, []want{{`key "1" is bound to both PER and GPE`, false}}},
		{"key twice across kinds and case", func(s *Schema) { s.Events[1].Key = "A" }, []want{{`key "A" is bound to both Arrest and Marry`, false}}},
		{"key too long", func(s *Schema) { s.Entities[2].Key = "F1" }, []want{{`GPE: key "F1" must be one letter or digit`, false}}},
		{"non-ASCII key", func(s *Schema) { s.Entities[2].Key = "ә" }, []want{{`GPE: key "ә" must be one letter or digit`, false}}},
		{"document labels", func(s *Schema) { s.DocLabels = []string{"relevant", " ", "relevant"} }, []want{
			{`document label " " is blank`, false}, {`document label "relevant" is listed twice`, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := checkSchema()
			tt.change(&s)
			probs := ValidateSchema(&s)
			if len(probs) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(probs), len(tt.want), problemList(probs))
			}
			for i, w := range tt.want {
				if p := probs[i]; !strings.Contains(p.Msg, w.msg) || p.Warning != w.warning || p.Doc != "" {
					t.Errorf("problem %d = %v (warning %v), want %q (warning %v)", i, p, p.Warning, w.msg, w.warning)
				}
			}
		})
	}
}

func problemList(probs []Problem) string {
	var b strings.Builder
	for _, p := range probs {
		fmt.Fprintf(&b, "\t%v\n", p)
	}
	return b.String()
}

// checkDoc returns a document that satisfies checkSchema:
// "Полиция задержала Ивана и Марата в Алматы за хулиганство."
func checkDoc() *Document {
	d := NewDocument("d1", "", "", "Полиция задержала Ивана и Марата в Алматы за хулиганство.")
	for _, s := range []Span{
		{ID: "T1", Label: "ORG", Start: 0, End: 7},
		{ID: "T2", Label: "Arrest", Start: 8, End: 17},
		{ID: "T3", Label: "PER", Start: 18, End: 23},
		{ID: "T4", Label: "PER", Start: 26, End: 32},
		{ID: "T5", Label: "GPE", Start: 35, End: 41},
		{ID: "T6", Label: "CRIME", Start: 45, End: 56},
	} {
		if err := d.fill(&s); err != nil {
			panic(err)
		}
		d.Spans = append(d.Spans, s)
	}
	d.Events = []Event{{ID: "E1", Type: "Arrest", Trigger: "T2", Arguments: []Argument{
		{Role: "Agent", Ref: "T1"}, {Role: "Person", Ref: "T3"}, {Role: "Person", Ref: "T4"}, {Role: "Place", Ref: "T5"}, {Role: "Crime", Ref: "T6"},
	}}}
	d.Relations = []Relation{
		{ID: "R1", Type: "Coref", Arguments: []Argument{{Role: "Anaphor", Ref: "T3"}, {Role: "Antecedent", Ref: "T4"}}},
	}
	d.Attributes = []Attribute{
		{ID: "A1", Name: "Realis", Target: "E1", Value: "Actual"},
		{ID: "A2", Name: "ActorType", Target: "T1", Value: "Police"},
		{ID: "A3", Name: "Checked", Target: "R1"},
	}
	d.Labels = []string{"relevant"}
	return d
}

func TestCheckDocument(t *testing.T) {
	type want struct{ item, msg string }
	tests := []struct {
		name   string
		change func(d *Document)
		want   []want
	}{
		{"valid", func(d *Document) {}, nil},
		{"unknown span label", func(d *Document) { d.Spans[4].Label = "FAC" }, []want{
			{"T5", `label "FAC" is not in the schema`},
			{"E1", `role Place: T5 is a FAC span; Place takes GPE`},
		}},
		{"unknown event type", func(d *Document) { d.Events[0].Type = "Detain" }, []want{{"E1", `event type "Detain" is not in the schema`}}},
		{"trigger label", func(d *Document) { d.Spans[1].Label = "Marry" }, []want{{"E1", "trigger T2 is labelled Marry, not Arrest"}}},
		{"missing required role", func(d *Document) { d.Events[0].Arguments = d.Events[0].Arguments[:1] }, []want{{"E1", "role Person of Arrest is missing (cardinality +)"}}},
		{"optional role twice", func(d *Document) {
			d.Events[0].Arguments = append(d.Events[0].Arguments, Argument{Role: "Agent", Ref: "T3"})
		}, []want{{"E1", "role Agent of Arrest has 2 fillers, allows 1"}}},
		{"role without cardinality twice", func(d *Document) {
			d.Events[0].Arguments = append(d.Events[0].Arguments, Argument{Role: "Crime", Ref: "T6"})
		}, []want{{"E1", "role Crime of Arrest has 2 fillers, allows 1"}}},
		{"exactly n, too few", func(d *Document) {
			d.Events = append(d.Events, Event{ID: "E2", Type: "Marry", Trigger: "T2", Arguments: []Argument{{Role: "Person", Ref: "T3"}}})
		}, []want{{"E2", "trigger T2 is labelled Arrest, not Marry"}, {"E2", "role Person of Marry has 1 fillers, needs 2"}}},
		{"exactly n, too many", func(d *Document) {
			d.Spans[1].Label = "Marry"
			d.Events[0] = Event{ID: "E1", Type: "Marry", Trigger: "T2", Arguments: []Argument{{Role: "Person", Ref: "T3"}, {Role: "Person", Ref: "T4"}, {Role: "Person", Ref: "T3"}}}
		}, []want{{"E1", "role Person of Marry has 3 fillers, allows 2"}}},
		{"unknown role", func(d *Document) {
			d.Events[0].Arguments = append(d.Events[0].Arguments, Argument{Role: "Time", Ref: "T5"}, Argument{Role: "Time", Ref: "T5"})
		}, []want{{"E1", `Arrest has no role "Time"`}}},
		{"wrong filler type", func(d *Document) { d.Events[0].Arguments[1].Ref = "T1" }, []want{{"E1", "role Person: T1 is an ORG span; Person takes PER"}}},
		{"event filler", func(d *Document) {
			d.Spans = append(d.Spans, Span{ID: "T7", Label: "Report", Start: 0, End: 7, Text: "Полиция"})
			d.Events = append(d.Events, Event{ID: "E2", Type: "Report", Trigger: "T7", Arguments: []Argument{{Role: "Event", Ref: "E1"}}})
		}, nil},
		{"span where an event is wanted", func(d *Document) {
			d.Spans = append(d.Spans, Span{ID: "T7", Label: "Report", Start: 0, End: 7, Text: "Полиция"})
			d.Events = append(d.Events, Event{ID: "E2", Type: "Report", Trigger: "T7", Arguments: []Argument{{Role: "Event", Ref: "T2"}}})
		}, []want{{"E2", "role Event: T2 is an Arrest span; Event takes <EVENT>"}}},
		{"dangling reference left to Validate", func(d *Document) { d.Events[0].Arguments[0].Ref = "T99" }, nil},
		{"unknown relation", func(d *Document) { d.Relations[0].Type = "Same" }, []want{{"R1", `relation type "Same" is not in the schema`}}},
		{"relation argument missing", func(d *Document) {
			d.Relations = append(d.Relations, Relation{ID: "R2", Type: "Affiliation", Arguments: []Argument{{Role: "Member", Ref: "T3"}}})
		}, []want{{"R2", "argument Org of Affiliation is missing (cardinality 1)"}}},
		{"relation argument type", func(d *Document) {
			d.Relations = append(d.Relations, Relation{ID: "R2", Type: "Affiliation", Arguments: []Argument{{Role: "Member", Ref: "T3"}, {Role: "Org", Ref: "T5"}}})
		}, []want{{"R2", "argument Org: T5 is a GPE span; Org takes ORG"}}},
		{"entity-only relation on an event", func(d *Document) { d.Relations[0].Arguments[1].Ref = "E1" }, []want{{"R1", "argument Antecedent: E1 is an Arrest event; Antecedent takes <ENTITY>"}}},
		{"trigger is not an entity", func(d *Document) { d.Relations[0].Arguments[1].Ref = "T2" }, []want{{"R1", "argument Antecedent: T2 is an Arrest span"}}},
		{"unknown attribute", func(d *Document) { d.Attributes[0].Name = "Polarity" }, []want{{"A1", `attribute "Polarity" is not in the schema`}}},
		{"attribute on the wrong type", func(d *Document) { d.Attributes[1].Target = "T3" }, []want{{"A2", "ActorType does not apply to T3 (PER); it applies to ORG"}}},
		{"event attribute on a span", func(d *Document) { d.Attributes[0].Target = "T2" }, []want{{"A1", "Realis does not apply to T2 (Arrest); it applies to <EVENT>"}}},
		{"binary with a value", func(d *Document) {
			d.Attributes = append(d.Attributes, Attribute{ID: "A4", Name: "Negated", Target: "E1", Value: "true"})
		}, []want{{"A4", `Negated is binary but has the value "true"`}}},
		{"value not listed", func(d *Document) { d.Attributes[0].Value = "Hypothetical" }, []want{{"A1", `Realis: value "Hypothetical" is not Actual or Planned`}}},
		{"value missing", func(d *Document) { d.Attributes[0].Value = "" }, []want{{"A1", "Realis has no value; it takes Actual or Planned"}}},
		{"attribute twice", func(d *Document) {
			d.Attributes = append(d.Attributes, Attribute{ID: "A4", Name: "Realis", Target: "E1", Value: "Planned"})
		}, []want{{"A4", "Realis is set twice on E1 (also by A1)"}}},
		{"document label", func(d *Document) { d.Labels = []string{"relevant", "maybe"} }, []want{{"", `document label "maybe" is not in the schema`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := checkDoc()
			s := checkSchema()
			tt.change(d)
			before := len(d.Spans) + len(d.Events) + len(d.Relations) + len(d.Attributes)
			probs := CheckDocument(d, &s)
			if len(probs) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(probs), len(tt.want), problemList(probs))
			}
			for i, w := range tt.want {
				p := probs[i]
				if p.Item != w.item || !strings.Contains(p.Msg, w.msg) || !p.Warning || p.Doc != "d1" {
					t.Errorf("problem %d = %v, want a warning on %q containing %q", i, p, w.item, w.msg)
				}
			}
			if after := len(d.Spans) + len(d.Events) + len(d.Relations) + len(d.Attributes); after != before {
				t.Errorf("CheckDocument changed the document: %d annotations, then %d", before, after)
			}
		})
	}
}

func TestCheckDocumentDefaultSchema(t *testing.T) {
	s := DefaultSchema()
	d := checkDoc()
	d.Relations = nil
	d.Attributes = []Attribute{{ID: "A1", Name: "Realis", Target: "E1", Value: "Actual"}, {ID: "A2", Name: "ActorType", Target: "T1", Value: "StateForces"}}
	if probs := CheckDocument(d, &s); len(probs) != 0 {
		t.Errorf("problems with the default schema:\n%s", problemList(probs))
	}
}

func TestSchemaUnion(t *testing.T) {
	a := Schema{Name: "a",
		Entities: []EntityType{{Type: "PER", Key: "p"}},
		Events:   []EventType{{Type: "Protest", Key: "1"}},
	}
	b := Schema{Name: "b",
		Entities:   []EntityType{{Type: "PER", Name: "theirs"}, {Type: "LOC", Key: "P"}, {Type: "Protest"}},
		Events:     []EventType{{Type: "Arrest", Key: "2", Roles: []RoleDef{{Role: "Person", Types: []string{"PER"}}}}},
		Relations:  []RelationType{{Type: "in", Args: []RoleDef{{Role: "Arg1", Types: []string{"PER"}}, {Role: "Arg2", Types: []string{"LOC"}}}}},
		Attributes: []AttributeDef{{Name: "Negated", On: []string{"Arrest"}}},
		DocLabels:  []string{"relevant"},
	}
	got := a.Union(b)
	want := Schema{Name: "a",
		Entities:   []EntityType{{Type: "PER", Key: "p"}, {Type: "LOC"}}, // P is taken: p
		Events:     []EventType{{Type: "Protest", Key: "1"}, b.Events[0]},
		Relations:  b.Relations,
		Attributes: b.Attributes,
		DocLabels:  b.DocLabels,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("union\n got %+v\nwant %+v", got, want)
	}
	if len(a.Entities) != 1 || len(a.Events) != 1 {
		t.Errorf("a modified: %+v", a)
	}
	for _, p := range ValidateSchema(&got) {
		if !p.Warning {
			t.Errorf("union is not valid: %v", p)
		}
	}
}

func TestValidateRefusesBadSchema(t *testing.T) {
	for name, s := range map[string]Schema{
		"two types on one key": {Entities: []EntityType{{Type: "A", Key: "a"}, {Type: "B", Key: "A"}}},
		"CSS colour":           {Entities: []EntityType{{Type: "A", Color: "red;}"}}},
		"event role type":      {Events: []EventType{{Type: "E", Roles: []RoleDef{{Role: "Theme2", Types: []string{AnyEntity}}}}}},
	} {
		f := NewFile(s)
		data, err := Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(data); err == nil {
			t.Errorf("%s: Decode accepts it", name)
		}
		ws := NewWorkspace(Schema{})
		if _, err := ws.Apply(Op{Kind: OpSetSchema, Schema: &s}); err == nil {
			t.Errorf("%s: OpSetSchema accepts it", name)
		}
	}
}
