package factrueval

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"belgi/annotations"
	"belgi/annotations/loss"
	"belgi/internal/shared"
)

func TestSharedFixtures(t *testing.T) {
	dir := shared.Dir(t, "fixtures/factrueval-2016")
	var rep loss.Report
	var docs []*annotations.Document
	if err := ReadFS(os.DirFS(dir), &rep, func(d *annotations.Document) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3", len(docs))
	}
	b, err := annotations.Marshal(annotations.NewFile(annotations.Schema{}, docs...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := annotations.Decode(b); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		t.Logf("%s: %d spans, %d events, %d relations, %d normalizations, %d attributes", d.ID, len(d.Spans), len(d.Events), len(d.Relations), len(d.Normalizations), len(d.Attributes))
		for _, e := range d.Events {
			t.Logf("  %s %s %v", e.ID, e.Type, e.Arguments)
		}
	}
	for _, it := range rep.Items {
		t.Logf("report: %s", it)
	}
}

func TestOwnFixture(t *testing.T) {
	var rep loss.Report
	d, err := Read(os.DirFS("testdata"), "doc_1", &rep)
	if err != nil {
		t.Fatal(err)
	}
	text := func(id string) string {
		s, ok := d.Span(id)
		if !ok {
			t.Fatalf("no span %s", id)
		}
		return s.Label + ":" + s.Text
	}
	for id, want := range map[string]string{
		"Ts1": "name:Нурлан", "Ts5": "name:Айгу\u0301ль", "To10": "Person:Нурлан Ахметов",
		"To12": "Person:Айгу\u0301ль Серикова", "To13": "Person:Ахметов", "To11": "Location:Алматы",
	} {
		if got := text(id); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if s, _ := d.Span("To10"); s.Start != 2 || len(s.Fragments) != 0 {
		t.Errorf("To10 = %+v: 📢 and a space come first, and only a space parts its spans", s)
	}
	wantEv := []annotations.Event{
		{ID: "E1-0", Type: "Meeting", Trigger: "To10", Arguments: []annotations.Argument{{Role: "Participant", Ref: "To10"}, {Role: "Participant", Ref: "To12"}}},
		{ID: "E1-1", Type: "Occupation", Trigger: "To10", Arguments: []annotations.Argument{{Role: "Who", Ref: "To10"}, {Role: "Job", Ref: "Ts3"}, {Role: "Where", Ref: "To11"}}},
	}
	if !reflect.DeepEqual(d.Events, wantEv) {
		t.Errorf("events\n%+v\nwant\n%+v", d.Events, wantEv)
	}
	if !reflect.DeepEqual(d.Attributes, []annotations.Attribute{{ID: "A1", Name: "Сложность", Target: "E1-1", Value: "повышенная"}}) {
		t.Errorf("attributes %+v", d.Attributes)
	}
	wantRel := []annotations.Relation{{ID: "*20", Type: "Coref", Arguments: []annotations.Argument{{Role: "Arg", Ref: "To10"}, {Role: "Arg", Ref: "To13"}}}}
	if !reflect.DeepEqual(d.Relations, wantRel) {
		t.Errorf("relations %+v", d.Relations)
	}
	if n := d.Normalizations[0]; n != (annotations.Normalization{ID: "N20", Type: "Coref", Target: "To10", Resource: "FactRuEval", Entry: "20", Text: "firstname=Нурлан; lastname=Ахметов"}) {
		t.Errorf("normalization %+v", n)
	}
	if d.Origin.Data["triggerless"] != "E1-0 E1-1" {
		t.Errorf("origin %v", d.Origin.Data)
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.String())
	}
	want := []string{
		`doc_1.spans:8: span not read: not ID TYPE START LENGTH inside the text: "8 bad x y"`,
		"doc_1.objects:5: object 14 not read: span 99 is not in the .spans file",
		"doc_1.facts:8: fact 1-1: alternative obj99 of role Where is not in the document; left out",
		`doc_1.facts:8: fact 1-1: text-only alternative "город Алматы" of role Where is not kept`,
		`doc_1.facts: 2 facts have no trigger: the span of each one's first argument stands in for it (Origin lists them under "triggerless")`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	b, _ := annotations.Marshal(annotations.NewFile(annotations.Schema{}, d))
	if _, err := annotations.Decode(b); err != nil {
		t.Error(err)
	}
}

// FuzzRead checks that reading never panics and that what is read is a
// valid gold document.
func FuzzRead(f *testing.F) {
	layers := []string{".txt", ".spans", ".objects", ".coref", ".facts"}
	var seed []string
	for _, ext := range layers {
		b, _ := os.ReadFile("testdata/doc_1" + ext)
		seed = append(seed, string(b))
	}
	f.Add(seed[0], seed[1], seed[2], seed[3], seed[4])
	f.Fuzz(func(t *testing.T, txt, spans, objects, coref, facts string) {
		fsys := fstest.MapFS{}
		for i, s := range []string{txt, spans, objects, coref, facts} {
			fsys["d"+layers[i]] = &fstest.MapFile{Data: []byte(s)}
		}
		d, err := Read(fsys, "d", nil)
		if err != nil {
			return
		}
		b, err := annotations.Marshal(annotations.NewFile(annotations.Schema{}, d))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := annotations.Decode(b); err != nil {
			t.Fatalf("invalid document: %v", err)
		}
	})
}
