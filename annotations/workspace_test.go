package annotations

import (
	"errors"
	"reflect"
	"testing"
)

func testWorkspace(t *testing.T) *Workspace {
	t.Helper()
	w := NewWorkspace(DefaultSchema())
	d := NewDocument("d1", "Митинг", "", "\ufeffАқтөбе 👍 қаласында\r\nмитинг өтті.")
	if _, err := w.Apply(Op{Kind: OpAddDocument, Document: d}); err != nil {
		t.Fatal(err)
	}
	return w
}

// errValidation stands for a *ValidationError in tables of wanted errors.
var errValidation = errors.New("validation error")

// isOpError reports whether err is an *OpError that wraps want (or a
// *ValidationError, for errValidation).
func isOpError(err, want error) bool {
	var oe *OpError
	if !errors.As(err, &oe) {
		return false
	}
	if want == errValidation {
		var ve *ValidationError
		return errors.As(err, &ve)
	}
	return errors.Is(err, want)
}

func TestApplyAndUndo(t *testing.T) {
	tests := []struct {
		name    string
		op      Op
		wantErr error
	}{
		{"span over emoji", Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "GPE", Start: 1, End: 9}}, nil},
		{"span across CRLF", Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "TIME", Start: 10, End: 25}}, nil},
		{"span with fragments", Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "GPE", Fragments: []Fragment{{1, 7}, {10, 19}}}}, nil},
		{"end past text", Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "PER", Start: 3, End: 99}}, ErrInvalid},
		{"empty span", Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "PER", Start: 3, End: 3}}, ErrInvalid},
		{"negative start", Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "PER", Start: -1, End: 3}}, ErrInvalid},
		{"unknown document", Op{Kind: OpAddSpan, Doc: "nope", Span: &Span{Label: "PER", Start: 0, End: 3}}, ErrNotFound},
		{"delete missing span", Op{Kind: OpDeleteSpan, Doc: "d1", ID: "T9"}, ErrNotFound},
		{"remove missing document", Op{Kind: OpRemoveDocument, Doc: "d9"}, ErrNotFound},
		{"duplicate document", Op{Kind: OpAddDocument, Document: NewDocument("d1", "", "", "x")}, ErrExists},
		{"document with bad span", Op{Kind: OpAddDocument, Document: &Document{ID: "d2", Language: "und", Text: "abc", Spans: []Span{{ID: "T1", Label: "PER", Start: 0, End: 9}}}}, errValidation},
		{"unknown op", Op{Kind: "explode"}, ErrUnknownOp},
		{"replace document", Op{Kind: OpReplaceDocument, Document: NewDocument("d1", "New", "", "other text")}, nil},
		{"replace missing document", Op{Kind: OpReplaceDocument, Document: NewDocument("d7", "New", "", "x")}, ErrNotFound},
		{"set schema", Op{Kind: OpSetSchema, Schema: &Schema{Name: "tiny", Entities: []EntityType{{Type: "X"}}}}, nil},
		{"set bad schema", Op{Kind: OpSetSchema, Schema: &Schema{Name: "bad", Entities: []EntityType{{Type: "a b"}}}}, errValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := testWorkspace(t)
			before, _ := Marshal(NewFile(w.Schema, w.Documents...))
			inv, err := w.Apply(tt.op)
			after, _ := Marshal(NewFile(w.Schema, w.Documents...))
			if tt.wantErr != nil {
				if !isOpError(err, tt.wantErr) {
					t.Fatalf("err = %v, want an *OpError wrapping %v", err, tt.wantErr)
				}
				if string(before) != string(after) {
					t.Fatal("a failed operation changed the workspace")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(before) == string(after) {
				t.Fatal("operation changed nothing")
			}
			redo, err := w.Apply(inv)
			if err != nil {
				t.Fatalf("undo: %v", err)
			}
			undone, _ := Marshal(NewFile(w.Schema, w.Documents...))
			if string(undone) != string(before) {
				t.Fatalf("undo did not restore the workspace:\n%s\nwant\n%s", undone, before)
			}
			if _, err := w.Apply(redo); err != nil {
				t.Fatalf("redo: %v", err)
			}
			redone, _ := Marshal(NewFile(w.Schema, w.Documents...))
			if string(redone) != string(after) {
				t.Fatal("redo did not restore the change")
			}
		})
	}
}

func TestAddSpanFillsTextAndKeepsOrder(t *testing.T) {
	w := testWorkspace(t)
	for _, s := range []Span{{Label: "GPE", Start: 10, End: 12}, {Label: "GPE", Start: 1, End: 9}, {Label: "PER", Start: 1, End: 7}} {
		s := s
		if _, err := w.Apply(Op{Kind: OpAddSpan, Doc: "d1", Span: &s}); err != nil {
			t.Fatal(err)
		}
	}
	d := w.Document("d1")
	var got []string
	for _, s := range d.Spans {
		got = append(got, s.ID+"="+s.Text)
	}
	want := []string{"T2=Ақтөбе 👍", "T3=Ақтөбе", "T1=қа"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans = %q, want %q", got, want)
	}
}

func TestApplyCopiesOnWrite(t *testing.T) {
	w := testWorkspace(t)
	w.Apply(Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "GPE", Start: 1, End: 7}})
	held := w.Document("d1").Spans
	w.Apply(Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "PER", Start: 0, End: 1}})
	w.Apply(Op{Kind: OpDeleteSpan, Doc: "d1", ID: "T1"})
	if len(held) != 1 || held[0].ID != "T1" {
		t.Errorf("a slice handed out earlier was modified: %+v", held)
	}
}
