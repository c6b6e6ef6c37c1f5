package folia

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/loss"
	"belgi/internal/shared"
)

func TestSharedFixtures(t *testing.T) {
	dir := shared.Dir(t, "fixtures/glocon-case2021/folia")
	files, _ := filepath.Glob(filepath.Join(dir, "*.folia.xml"))
	if len(files) != 2 {
		t.Fatalf("%d FoLiA files, want 2", len(files))
	}
	for _, f := range files {
		in, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		var rep loss.Report
		d, err := Read(in, filepath.Base(f), &rep)
		in.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := annotations.Decode(mustMarshal(t, d)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		t.Logf("%s: %d spans, %d events; text starts %q", d.ID[:30], len(d.Spans), len(d.Events), d.Text[:60])
		for _, e := range d.Events {
			t.Logf("  %s %s trigger %q, %d arguments", e.ID, e.Type, spanText(d, e.Trigger), len(e.Arguments))
		}
		for _, it := range rep.Items {
			t.Logf("  report: %s", it)
		}
	}
}

func spanText(d *annotations.Document, id string) string {
	s, _ := d.Span(id)
	return s.Text
}

func mustMarshal(t *testing.T, d *annotations.Document) []byte {
	b, err := annotations.Marshal(annotations.NewFile(annotations.Schema{}, d))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOwnFixture(t *testing.T) {
	in, err := os.Open("testdata/almaty.folia.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var rep loss.Report
	d, err := Read(in, "almaty.folia.xml", &rep)
	if err != nil {
		t.Fatal(err)
	}
	if want := "📢Алматы : Айгу\u0301ль и рабочие вышли.\n\nЗабастовка продолжилась"; d.Text != want {
		t.Errorf("text %q, want %q", d.Text, want)
	}
	if d.ID != "almaty-2022" || d.Language != "ru" || !reflect.DeepEqual(d.Labels, []string{"RelevantCountry=Yes", "EventCount=2"}) {
		t.Errorf("id %q, language %q, labels %q", d.ID, d.Language, d.Labels)
	}
	var spans []string
	for _, s := range d.Spans {
		spans = append(spans, fmt.Sprintf("%s %s %d-%d %s", s.ID, s.Label, s.Start, s.End, s.Text))
	}
	wantSpans := []string{
		"T1 Event-place 1-7 Алматы",
		"T2 Event-etype 28-33 вышли",
		"T3 Participant-pname 10-27 Айгу\u0301ль рабочие",
		"T4 Semantic-demonst 28-33 вышли",
		"T5 Event-emention 36-46 Забастовка",
		"T7 Organizer-type 47-59 продолжилась",
	}
	if !reflect.DeepEqual(spans, wantSpans) {
		t.Errorf("spans\n%s\nwant\n%s", strings.Join(spans, "\n"), strings.Join(wantSpans, "\n"))
	}
	if s, _ := d.Span("T3"); len(s.Fragments) != 2 {
		t.Errorf("T3 fragments %v", s.Fragments)
	}
	wantEvents := []annotations.Event{
		{ID: "E1", Type: "demonst", Trigger: "T2", Arguments: []annotations.Argument{{Role: "place", Ref: "T1"}, {Role: "Participant", Ref: "T3"}, {Role: "Semantic", Ref: "T4"}, {Role: "Organizer", Ref: "T7"}}},
		{ID: "E2", Type: "Event", Trigger: "T5", Arguments: []annotations.Argument{{Role: "Participant", Ref: "T3"}}},
	}
	if !reflect.DeepEqual(d.Events, wantEvents) {
		t.Errorf("events\n%+v\nwant\n%+v", d.Events, wantEvents)
	}
	if len(d.Attributes) != 2 || d.Attributes[0] != (annotations.Attribute{ID: "A1", Name: "annotator", Target: "T1", Value: "Aigerim"}) {
		t.Errorf("attributes %+v", d.Attributes)
	}
	if len(d.Notes) != 1 || d.Notes[0].Text != "check this one" || d.Notes[0].Target != "T7" {
		t.Errorf("notes %+v", d.Notes)
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.String())
	}
	wantRep := []string{
		`almaty.folia.xml:50: e6: entity not read: it refers to token "w99", which is not in the document`,
		"almaty.folia.xml: the datetime of 1 entities is not kept",
		"almaty.folia.xml: elements not read: <pos> (1)",
	}
	if !reflect.DeepEqual(got, wantRep) {
		t.Errorf("report\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantRep, "\n"))
	}
	if _, err := annotations.Decode(mustMarshal(t, d)); err != nil {
		t.Error(err)
	}
}

func TestBadInput(t *testing.T) {
	_, err := Read(strings.NewReader("<FoLiA><text><p><s><w><t>x</t></s>"), "bad.xml", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "bad.xml: line 1:") {
		t.Errorf("error %v", err)
	}
}

// FuzzRead checks that reading never panics and that what is read is a
// valid gold document, the same each time.
func FuzzRead(f *testing.F) {
	data, _ := os.ReadFile("testdata/almaty.folia.xml")
	f.Add(data)
	f.Add([]byte(`<FoLiA xml:id="x"><text><p><s><w xml:id="a"><t>a</t></w><entities><entity set="s" class="c"><wref id="a"/><comment>Event 3</comment></entity></entities></s></p></text></FoLiA>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(bytes.NewReader(data), "f", nil)
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
		d2, _ := Read(bytes.NewReader(data), "f", nil)
		b2, _ := annotations.Marshal(annotations.NewFile(annotations.Schema{}, d2))
		if !bytes.Equal(b, b2) {
			t.Fatal("not deterministic")
		}
	})
}
