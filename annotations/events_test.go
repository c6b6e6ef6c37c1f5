package annotations

import (
	"bytes"

	"github.com/santhosh-tekuri/jsonschema/v6"
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
		// Replacing a span: "Полиция белсенділерді" as one discontinuous
		// GROUP made of two pieces, then back to a plain ORG.
		{Kind: OpPut, Doc: "d1", Span: &Span{ID: "T7", Label: "GROUP", Fragments: []Fragment{
			{span("", "", "белсенділерді").Start, span("", "", "белсенділерді").End}, {span("", "", "жоспарлап").Start, span("", "", "жоспарлап").End}}}},
		{Kind: OpPut, Doc: "d1", Span: &Span{ID: "T7", Label: "PER", Start: span("", "", "белсенділерді").Start, End: span("", "", "белсенділерді").End}},
		// A discontinuous span stays in the final file.
		{Kind: OpAddSpan, Doc: "d1", Span: &Span{ID: "T8", Label: "GROUP", Fragments: []Fragment{
			{span("", "", "Полиция").Start, span("", "", "Полиция").End}, {span("", "", "ұстады").Start, span("", "", "ұстады").End}}}},
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
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(final))
	if err != nil {
		t.Fatal(err)
	}
	if err := compileSchema(t).Validate(v); err != nil {
		t.Errorf("events, relations, attributes, notes and labels do not match gold.schema.json: %v", err)
	}
	if probs := CheckDocument(f.Documents[0], &f.Schema); len(probs) != 0 {
		t.Errorf("schema check flags %v", probs)
	}
	d := w.Document("d1")
	if len(d.Events) != 2 || len(d.Events[0].Arguments) != 5 || d.Attributes[0].Value != "Planned" || d.Relations[0].Arguments[1].Ref != "E1" {
		t.Errorf("structure: %+v", d)
	}
	// Referenced annotations cannot be removed from under their users.
	for _, c := range []struct {
		op   Op
		want error
	}{
		{Op{Kind: OpDeleteSpan, Doc: "d1", ID: "T2"}, ErrInUse},
		{Op{Kind: OpRemove, Doc: "d1", ID: "E1"}, ErrInUse},
		{Op{Kind: OpDeleteSpans, Doc: "d1", IDs: []string{"T5"}}, ErrInUse},
		{Op{Kind: OpPut, Doc: "d1", Event: &Event{ID: "E3", Type: "Arrest", Trigger: "T99"}}, ErrInvalid},
		{Op{Kind: OpPut, Doc: "d1", Event: &Event{ID: "T1", Type: "Arrest", Trigger: "T5"}}, ErrExists},
		{Op{Kind: OpPut, Doc: "d1", Attribute: &Attribute{ID: "A2", Name: "Negated", Target: "E9"}}, ErrInvalid},
	} {
		if _, err := w.Apply(c.op); !isOpError(err, c.want) {
			t.Errorf("%s %s: err = %v, want %v", c.op.Kind, c.op.ID, err, c.want)
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

// TestPutSpan checks replacing a span: fragments are sorted and joined, a
// single fragment becomes a plain span, and bad input leaves d unchanged.
func TestPutSpan(t *testing.T) {
	text := "He 👨‍👩‍👧 gave\r\nup the fight."
	w := NewWorkspace(DefaultSchema())
	w.Apply(Op{Kind: OpAddDocument, Document: NewDocument("d1", "", "", text)})
	if _, err := w.Apply(Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{ID: "T1", Label: "PER", Start: 0, End: 2}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		span     Span
		wantText string
		wantErr  error
	}{
		{"relabel", Span{ID: "T1", Label: "ORG", Start: 0, End: 2}, "He", nil},
		{"fragments out of order", Span{ID: "T1", Label: "PER", Fragments: []Fragment{{15, 17}, {9, 13}}}, "gave up", nil},
		{"one fragment", Span{ID: "T1", Label: "PER", Fragments: []Fragment{{3, 8}}}, "👨‍👩‍👧", nil},
		{"overlap", Span{ID: "T1", Label: "PER", Fragments: []Fragment{{0, 5}, {3, 8}}}, "", ErrInvalid},
		{"out of range", Span{ID: "T1", Label: "PER", Fragments: []Fragment{{0, 2}, {20, 40}}}, "", ErrInvalid},
		{"no label", Span{ID: "T1", Start: 0, End: 2}, "", ErrInvalid},
		{"unknown span", Span{ID: "T9", Label: "PER", Start: 0, End: 2}, "", ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := w.Document("d1").Span("T1")
			inv, err := w.Apply(Op{Kind: OpPut, Doc: "d1", Span: &tt.span})
			after, _ := w.Document("d1").Span(tt.span.ID)
			if tt.wantErr != nil {
				if !isOpError(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if now, _ := w.Document("d1").Span("T1"); now.Text != before.Text || len(now.Fragments) != len(before.Fragments) {
					t.Fatalf("failed put changed the span: %+v", now)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if after.Text != tt.wantText {
				t.Errorf("text = %q, want %q", after.Text, tt.wantText)
			}
			if len(after.Fragments) == 1 {
				t.Errorf("a single fragment was kept: %+v", after)
			}
			if _, err := w.Apply(inv); err != nil {
				t.Fatal(err)
			}
			if back, _ := w.Document("d1").Span("T1"); back.Text != before.Text || back.Label != before.Label {
				t.Errorf("undo gave %+v, want %+v", back, before)
			}
		})
	}
}
