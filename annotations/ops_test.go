package annotations

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// opsWorkspace holds a cleaned document d1 with a span, an event, a
// relation, an attribute, a note and a normalization, and a plain d2.
func opsWorkspace(t *testing.T) *Workspace {
	t.Helper()
	d, err := NewCleanedDocument("d1", "t", "", dump, false)
	if err != nil {
		t.Fatal(err)
	}
	d.Paragraphs = []ParagraphLanguage{{Start: 0, End: 5, Language: "kk", Source: "auto", Confidence: 0.9}}
	w := NewWorkspace(DefaultSchema())
	at := func(sub string) (int, int) {
		i := strings.Index(d.Text, sub)
		s := len([]rune(d.Text[:i]))
		return s, s + len([]rune(sub))
	}
	a, b := at("Полиция")
	c, e := at("ұстады")
	f, g := at("«Ақ жол»")
	h, i := at("Белсенділер")
	for _, op := range []Op{
		{Kind: OpAddDocument, Document: d},
		{Kind: OpAddDocument, Document: NewDocument("d2", "", "", "Алматы")},
		{Kind: OpAddSpans, Doc: "d1", Spans: []Span{{ID: "T1", Label: "ORG", Start: a, End: b}, {ID: "T2", Label: "Arrest", Start: c, End: e}, {ID: "T3", Label: "ORG", Start: f, End: g}, {ID: "T4", Label: "GROUP", Start: h, End: i}}},
		{Kind: OpPut, Doc: "d1", Event: &Event{ID: "E1", Type: "Arrest", Trigger: "T2", Arguments: []Argument{{Role: "Agent", Ref: "T1"}}}},
		{Kind: OpPut, Doc: "d1", Relation: &Relation{ID: "R1", Type: "Related", Arguments: []Argument{{Role: "Arg1", Ref: "T1"}, {Role: "Arg2", Ref: "T3"}}}},
		{Kind: OpPut, Doc: "d1", Attribute: &Attribute{ID: "A1", Name: "Negated", Target: "E1"}},
		{Kind: OpPut, Doc: "d1", Note: &Note{ID: "#1", Target: "R1", Text: "check"}},
		{Kind: OpPut, Doc: "d1", Normalization: &Normalization{ID: "N1", Type: "Reference", Target: "T1", Resource: "Wikidata", Entry: "Q1"}},
	} {
		if _, err := w.Apply(op); err != nil {
			t.Fatalf("%s: %v", op.Kind, err)
		}
	}
	return w
}

func snapshot(t *testing.T, w *Workspace) []byte {
	t.Helper()
	b, err := Marshal(NewFile(w.Schema, w.Documents...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEveryKind applies one operation of every kind, undoes and redoes it,
// sends it through JSON as the journal does, and checks that the same
// operation with a payload too many, or none, is refused untouched.
func TestEveryKind(t *testing.T) {
	ops := map[OpKind]Op{
		OpAddDocument:     {Kind: OpAddDocument, Document: NewDocument("d3", "", "", "Астана")},
		OpRemoveDocument:  {Kind: OpRemoveDocument, Doc: "d2"},
		OpReplaceDocument: {Kind: OpReplaceDocument, Document: NewDocument("d2", "", "", "Шымкент")},
		OpSetSchema:       {Kind: OpSetSchema, Schema: &Schema{Name: "s", Entities: []EntityType{{Type: "ORG"}}}},
		OpAddSpan:         {Kind: OpAddSpan, Doc: "d2", Span: &Span{Label: "GPE", Start: 0, End: 6}},
		OpDeleteSpan:      {Kind: OpDeleteSpan, Doc: "d1", ID: "T4"},
		OpAddSpans:        {Kind: OpAddSpans, Doc: "d2", Spans: []Span{{ID: "T1", Label: "GPE", Start: 0, End: 6}}},
		OpDeleteSpans:     {Kind: OpDeleteSpans, Doc: "d1", IDs: []string{"T4"}},
		OpPut:             {Kind: OpPut, Doc: "d1", Note: &Note{ID: "#2", Target: "E1", Text: "same day"}},
		OpRemove:          {Kind: OpRemove, Doc: "d1", ID: "N1"},
		OpSetLabels:       {Kind: OpSetLabels, Doc: "d1", Labels: []string{"relevant"}},
		OpSetLanguage:     {Kind: OpSetLanguage, Doc: "d1", Language: &LanguageTag{Para: 0, Tag: "ru", Source: "manual"}},
		OpReclean:         {Kind: OpReclean, Doc: "d1", Reclean: &Recleaning{Lines: []LineKeep{{Line: 0, Keep: true}}, Language: "kk", LanguageSource: "auto"}},
	}
	for _, k := range Kinds() {
		op, ok := ops[k]
		if !ok {
			t.Errorf("no test operation of kind %q", k)
			continue
		}
		t.Run(string(k), func(t *testing.T) {
			w := opsWorkspace(t)
			before := snapshot(t, w)
			// A second payload, or none, is refused.
			extra := op
			if op.Event == nil {
				extra.Event = &Event{ID: "E9", Type: "Arrest", Trigger: "T2"}
			} else {
				extra.Span = &Span{Label: "ORG", Start: 0, End: 1}
			}
			if _, err := w.Apply(extra); !errors.Is(err, ErrPayload) {
				t.Errorf("with a second payload: err = %v, want ErrPayload", err)
			}
			if k != OpRemoveDocument && k != OpSetLabels { // their payload is none, or may be
				if _, err := w.Apply(Op{Kind: op.Kind, Doc: op.Doc}); !errors.Is(err, ErrPayload) {
					t.Errorf("with no payload: err = %v, want ErrPayload", err)
				}
			}
			if !bytes.Equal(snapshot(t, w), before) {
				t.Fatal("a refused operation changed the workspace")
			}

			// The journal stores ops as JSON: what is read back applies.
			data, err := json.Marshal(op)
			if err != nil {
				t.Fatal(err)
			}
			var read Op
			if err := json.Unmarshal(data, &read); err != nil {
				t.Fatal(err)
			}
			inv, err := w.Apply(read)
			if err != nil {
				t.Fatal(err)
			}
			after := snapshot(t, w)
			if bytes.Equal(after, before) {
				t.Fatal("the operation changed nothing")
			}
			data, _ = json.Marshal(inv)
			var back Op
			json.Unmarshal(data, &back)
			redo, err := w.Apply(back)
			if err != nil {
				t.Fatalf("undo: %v", err)
			}
			if !bytes.Equal(snapshot(t, w), before) {
				t.Fatal("undo did not restore the workspace")
			}
			if _, err := w.Apply(redo); err != nil {
				t.Fatalf("redo: %v", err)
			}
			if !bytes.Equal(snapshot(t, w), after) {
				t.Fatal("redo did not restore the change")
			}
		})
	}
}

func TestOpErrors(t *testing.T) {
	w := opsWorkspace(t)
	_, err := w.Apply(Op{Kind: OpDeleteSpan, Doc: "d1", ID: "T1"})
	var oe *OpError
	if !errors.As(err, &oe) || oe.Op != OpDeleteSpan || oe.Doc != "d1" || oe.ID != "T1" || !errors.Is(err, ErrInUse) {
		t.Fatalf("deleting a span in use: %#v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `document "d1"`) || !strings.Contains(msg, "used by") {
		t.Errorf("message %q does not say what and where", msg)
	}
	if _, err := w.Apply(Op{Kind: OpAddSpan, Doc: "d9", Span: &Span{Label: "ORG", Start: 0, End: 1}}); !errors.Is(err, ErrNotFound) {
		t.Errorf("no such document: %v", err)
	}
	bad := NewDocument("d5", "", "", "abc")
	bad.Spans = []Span{{ID: "T1", Label: "ORG", Start: 0, End: 9}}
	_, err = w.Apply(Op{Kind: OpAddDocument, Document: bad})
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.As(err, &oe) || len(ve.Problems) == 0 {
		t.Errorf("an invalid document: %#v", err)
	}
}

// TestRemoveOps deletes a span that much hangs on: what goes with it is
// what re-cleaning its line away takes, and one undo brings it all back.
func TestRemoveOps(t *testing.T) {
	w := opsWorkspace(t)
	d := w.Document("d1")
	before := snapshot(t, w)
	ops := d.RemoveOps("T1")
	var undo []Op
	for _, op := range ops {
		inv, err := w.Apply(op)
		if err != nil {
			t.Fatalf("%s %s: %v", op.Kind, op.ID, err)
		}
		undo = append([]Op{inv}, undo...)
	}
	d = w.Document("d1")
	ids := d.ids()
	for _, id := range []string{"T1", "R1", "#1", "N1"} {
		if ids[id] {
			t.Errorf("%s is still there", id)
		}
	}
	for _, id := range []string{"T2", "T3", "T4", "E1", "A1"} {
		if !ids[id] {
			t.Errorf("%s went too", id)
		}
	}
	if e := d.Events[0]; len(e.Arguments) != 0 {
		t.Errorf("E1 keeps its argument on T1: %+v", e)
	}
	for _, op := range undo {
		if _, err := w.Apply(op); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(snapshot(t, w), before) {
		t.Fatal("undo did not bring everything back")
	}

	// Re-cleaning T1's line away drops the same annotations.
	d = w.Document("d1")
	lines := append(d.Cleaning.Lines[:0:0], d.Cleaning.Lines...)
	line := -1
	for i, l := range lines {
		if l.Keep && strings.HasPrefix(string([]rune(d.Cleaning.Input)[l.Start:]), "Полиция") {
			lines[i].Keep, line = false, i
		}
	}
	nd, lost, err := d.Reclean(lines)
	if err != nil || len(lost) != 3 {
		t.Fatalf("re-cleaning lost %v, %v", lost, err)
	}
	if len(nd.Relations)+len(nd.Notes)+len(nd.Normalizations)+len(nd.Events)+len(nd.Attributes) != 0 || len(nd.Spans) != 1 {
		t.Errorf("re-cleaning kept annotations on the removed line: %+v", nd)
	}

	// OpReclean refuses to lose spans: they go by RemoveOps first.
	rc := &Recleaning{Lines: []LineKeep{{Line: line, Keep: false}}, Language: "kk"}
	if _, err := w.Apply(Op{Kind: OpReclean, Doc: "d1", Reclean: rc}); !errors.Is(err, ErrInUse) {
		t.Fatalf("reclean over spans: err = %v, want ErrInUse", err)
	}
	ops = append(d.RemoveOps("T1", "T2", "T3"), Op{Kind: OpReclean, Doc: "d1", Reclean: rc})
	undo = nil
	for _, op := range ops {
		inv, err := w.Apply(op)
		if err != nil {
			t.Fatalf("%s: %v", op.Kind, err)
		}
		undo = append([]Op{inv}, undo...)
	}
	if strings.Contains(w.Document("d1").Text, "Полиция") {
		t.Error("the line is still in the text")
	}
	for _, op := range undo {
		if _, err := w.Apply(op); err != nil {
			t.Fatalf("undo %s: %v", op.Kind, err)
		}
	}
	if !bytes.Equal(snapshot(t, w), before) {
		t.Fatal("undoing the re-cleaning did not restore the document")
	}
}

func TestSetLanguage(t *testing.T) {
	w := opsWorkspace(t)
	for _, c := range []struct {
		l    LanguageTag
		want error
	}{
		{LanguageTag{Para: -1, Tag: "ru", Source: "manual"}, nil},
		{LanguageTag{Para: 0, Tag: "kk-Latn", Source: "manual"}, nil},
		{LanguageTag{Para: 7, Tag: "ru", Source: "manual"}, ErrNotFound},
		{LanguageTag{Para: -1, Tag: "not a tag!", Source: "manual"}, ErrInvalid},
		{LanguageTag{Para: 0, Tag: "ru", Source: "guess"}, ErrInvalid},
	} {
		_, err := w.Apply(Op{Kind: OpSetLanguage, Doc: "d1", Language: &c.l})
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%+v: err = %v, want %v", c.l, err, c.want)
		}
	}
	d := w.Document("d1")
	if d.Language != "ru" || d.LanguageSource != "manual" || d.Paragraphs[0].Language != "kk-Latn" || d.Paragraphs[0].Confidence != 0 {
		t.Errorf("languages: %s %s %+v", d.Language, d.LanguageSource, d.Paragraphs)
	}
}
