package annotations

import (
	"bytes"
	"strings"
	"testing"
)

// TestEventOps builds the rally of the issue: a Demonstrate event with
// Organizer, Participant, Place and Time, marked Planned, linked to a later
// Arrest; then checks that every step undoes exactly.
func TestEventOps(t *testing.T) {
	text := "«Жаңа толқын» тобы 21 наурызда Алматыда митинг өткізуді жоспарлап отыр. Полиция белсенділерді ұстады."
	w := NewWorkspace(DefaultSchema())
	w.Apply(Op{Kind: OpAddDocument, Document: NewDocument("d1", "", "", text)})
	span := func(id, label, sub string) Span {
		i := strings.Index(text, sub)
		s := len([]rune(text[:i]))
		return Span{ID: id, Label: label, Start: s, End: s + len([]rune(sub))}
	}
	steps := []Op{
		{Kind: OpAddSpans, Doc: "d1", Spans: []Span{
			span("T1", "Demonstrate", "митинг"),
			span("T2", "ORG", "«Жаңа толқын» тобы"),
			span("T3", "TIME", "21 наурызда"),
			span("T4", "GPE", "Алматыда"),
			span("T5", "Arrest", "ұстады"),
			span("T6", "ORG", "Полиция"),
			span("T7", "GROUP", "белсенділерді"),
		}},
		{Kind: OpPut, Doc: "d1", Event: &Event{ID: "E1", Type: "Demonstrate", Trigger: "T1", Arguments: []Argument{
			{Role: "Organizer", Ref: "T2"}, {Role: "Participant", Ref: "T2"}, {Role: "Place", Ref: "T4"}, {Role: "Time", Ref: "T3"}}}},
		{Kind: OpPut, Doc: "d1", Event: &Event{ID: "E2", Type: "Arrest", Trigger: "T5", Arguments: []Argument{
			{Role: "Agent", Ref: "T6"}, {Role: "Person", Ref: "T7"}}}},
		{Kind: OpPut, Doc: "d1", Attribute: &Attribute{ID: "A1", Name: "Realis", Target: "E1", Value: "Planned"}},
		{Kind: OpPut, Doc: "d1", Relation: &Relation{ID: "R1", Type: "Subevent", Arguments: []Argument{{Role: "Part", Ref: "E2"}, {Role: "Whole", Ref: "E1"}}}},
		{Kind: OpPut, Doc: "d1", Note: &Note{ID: "#1", Target: "E2", Text: "later, same day"}},
		{Kind: OpSetLabels, Doc: "d1", Labels: []string{"relevant"}},
		// Replacing an event: a second Participant.
		{Kind: OpPut, Doc: "d1", Event: &Event{ID: "E1", Type: "Demonstrate", Trigger: "T1", Arguments: []Argument{
			{Role: "Organizer", Ref: "T2"}, {Role: "Participant", Ref: "T2"}, {Role: "Participant", Ref: "T7"}, {Role: "Place", Ref: "T4"}, {Role: "Time", Ref: "T3"}}}},
	}
	var undo []Op
	var states [][]byte
	snap := func() []byte {
		b, err := Marshal(NewFile(w.Schema, w.Documents...))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for i, op := range steps {
		states = append(states, snap())
		inv, err := w.Apply(op)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		undo = append(undo, inv)
	}
	final := snap()
	f, err := Decode(final)
	if err != nil {
		t.Fatalf("the result does not validate: %v", err)
	}
	if probs := CheckDocument(f.Documents[0], &f.Schema); len(probs) != 0 {
		t.Errorf("schema check flags %v", probs)
	}
	d := w.Document("d1")
	if len(d.Events) != 2 || len(d.Events[0].Arguments) != 5 || d.Attributes[0].Value != "Planned" || d.Relations[0].Arguments[1].Ref != "E1" {
		t.Errorf("structure: %+v", d)
	}
	// Referenced annotations cannot be removed from under their users.
	for _, op := range []Op{
		{Kind: OpDeleteSpan, Doc: "d1", ID: "T2"},
		{Kind: OpRemove, Doc: "d1", ID: "E1"},
		{Kind: OpDeleteSpans, Doc: "d1", IDs: []string{"T5"}},
		{Kind: OpPut, Doc: "d1", Event: &Event{ID: "E3", Type: "Arrest", Trigger: "T99"}},
		{Kind: OpPut, Doc: "d1", Event: &Event{ID: "T1", Type: "Arrest", Trigger: "T5"}},
		{Kind: OpPut, Doc: "d1", Attribute: &Attribute{ID: "A2", Name: "Negated", Target: "E9"}},
	} {
		if _, err := w.Apply(op); err == nil {
			t.Errorf("%s %s: no error", op.Kind, op.ID)
		}
	}
	if !bytes.Equal(snap(), final) {
		t.Fatal("a refused operation changed the workspace")
	}
	for i := len(undo) - 1; i >= 0; i-- {
		if _, err := w.Apply(undo[i]); err != nil {
			t.Fatalf("undo %d: %v", i, err)
		}
		if !bytes.Equal(snap(), states[i]) {
			t.Fatalf("undo of step %d does not restore the state before it", i)
		}
	}
}

func TestRemoveThenUndoKeepsOrder(t *testing.T) {
	w := NewWorkspace(DefaultSchema())
	for _, id := range []string{"a", "b", "c"} {
		w.Apply(Op{Kind: OpAddDocument, Document: NewDocument(id, "", "", "x")})
	}
	inv, err := w.Apply(Op{Kind: OpRemoveDocument, Doc: "a"})
	if err != nil {
		t.Fatal(err)
	}
	w.Apply(inv)
	if w.Documents[0].ID != "a" {
		t.Errorf("undoing the removal of the first document put it at %v", w.Documents)
	}
}
