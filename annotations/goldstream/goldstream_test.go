package goldstream

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
)

func sample() (annotations.Schema, []*annotations.Document) {
	s := annotations.DefaultSchema()
	d1 := annotations.NewDocument("d1", "Митинг", "a.txt", "\ufeff📢 Алматыда <митинг> & шеру\r\n")
	d1.Spans = []annotations.Span{
		{ID: "T2", Label: "GPE", Start: 3, End: 11, Text: "Алматыда"},
		{ID: "T1", Label: "Demonstrate", Start: 12, End: 20, Text: "<митинг>"},
	}
	d1.Events = []annotations.Event{{ID: "E1", Type: "Demonstrate", Trigger: "T1", Arguments: []annotations.Argument{{Role: "Place", Ref: "T2"}}}}
	d1.Origin = &annotations.Origin{Format: "brat", Data: map[string]string{"ann": "T1\t…"}}
	d2 := annotations.NewDocument("d2", "", "", "")
	return s, []*annotations.Document{d1, d2}
}

func TestWriterMatchesEncode(t *testing.T) {
	s, docs := sample()
	for _, n := range []int{0, 1, 2} {
		want, err := annotations.Marshal(annotations.NewFile(s, docs[:n]...))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		w, err := NewWriter(&b, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs[:n] {
			if err := w.Write(d); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if b.String() != string(want) {
			t.Errorf("%d documents:\n got %s\nwant %s", n, b.String(), want)
		}
		// What was written reads back, document by document.
		r, err := NewReader(&b, "x.json")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Schema(), s) {
			t.Errorf("schema %+v", r.Schema())
		}
		var got []*annotations.Document
		for {
			d, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, d)
		}
		f, _ := annotations.Decode(want)
		if len(got) != len(f.Documents) {
			t.Fatalf("%d documents read, want %d", len(got), len(f.Documents))
		}
		for i := range got {
			g, _ := annotations.Marshal(annotations.NewFile(s, got[i]))
			w, _ := annotations.Marshal(annotations.NewFile(s, f.Documents[i]))
			if !bytes.Equal(g, w) {
				t.Errorf("document %d differs from Decode's", i)
			}
		}
	}
}

func TestReaderErrors(t *testing.T) {
	s, docs := sample()
	good, _ := annotations.Marshal(annotations.NewFile(s, docs...))
	for _, tc := range []struct{ name, in, err string }{
		{"not gold", `{"format":"x","version":1,"documents":[]}`, `not a Belgi gold file`},
		{"version", `{"format":"belgi-gold","version":2,"documents":[]}`, `unsupported version`},
		{"unknown", `{"format":"belgi-gold","version":1,"extra":1}`, `unknown field "extra"`},
		{"hash", strings.Replace(string(good), `"sha256": "`, `"sha256": "0`, 1), `does not match the text`},
		{"duplicate", strings.Replace(string(good), `"id": "d2"`, `"id": "d1"`, 1), `duplicate document id`},
		{"unknown doc field", strings.Replace(string(good), `"title": ""`, `"title": "", "x": 1`, 1), `unknown field "x"`},
		{"truncated", string(good[:len(good)-40]), `ends too early`},
		{"bad utf8", strings.Replace(string(good), "Митинг", "Ми\xfftинг", 1), `not valid UTF-8`},
		{"trailing", string(good) + "{}", `extra data`},
	} {
		r, err := NewReader(strings.NewReader(tc.in), "in.json")
		for err == nil {
			_, err = r.Read()
		}
		if errors.Is(err, io.EOF) || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
		}
	}
}

func TestSchemaBuilder(t *testing.T) {
	_, docs := sample()
	docs[1].Spans = []annotations.Span{}
	d3 := annotations.NewDocument("d3", "", "", "a b")
	d3.Spans = []annotations.Span{{ID: "T1", Label: "Person Name", Start: 0, End: 1, Text: "a"}, {ID: "T2", Label: "GPE", Start: 2, End: 3, Text: "b"}}
	d3.Relations = []annotations.Relation{{ID: "R1", Type: "in", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "T1"}, {Role: "Arg2", Ref: "T2"}}}}
	d3.Attributes = []annotations.Attribute{{ID: "A1", Name: "Negated", Target: "T1"}}
	d3.Labels = []string{"relevant"}
	var b SchemaBuilder
	for _, d := range append(docs, d3) {
		b.Add(d)
	}
	s := b.Schema("x")
	want := annotations.Schema{Name: "x",
		Entities:   []annotations.EntityType{{Type: "GPE"}},
		Events:     []annotations.EventType{{Type: "Demonstrate", Roles: []annotations.RoleDef{{Role: "Place", Types: []string{"GPE"}, Card: "*"}}}},
		Relations:  []annotations.RelationType{{Type: "in", Args: []annotations.RoleDef{{Role: "Arg1", Types: []string{}}, {Role: "Arg2", Types: []string{"GPE"}}}}},
		Attributes: []annotations.AttributeDef{{Name: "Negated", On: []string{}}},
		DocLabels:  []string{"relevant"},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("schema\n got %+v\nwant %+v", s, want)
	}
	if !reflect.DeepEqual(b.Skipped(), []string{"Person Name"}) {
		t.Errorf("skipped %q", b.Skipped())
	}
	for _, p := range annotations.Validate(annotations.NewFile(s)) {
		if !p.Warning {
			t.Errorf("%v", p)
		}
	}
}

// TestLongText reads a text that spans many reads, so multi-byte characters
// straddle read boundaries.
func TestLongText(t *testing.T) {
	text := strings.Repeat("Қазақстан 👩‍⚖️ ", 20000)
	d := annotations.NewDocument("long", "", "", text)
	data, _ := annotations.Marshal(annotations.NewFile(annotations.Schema{}, d))
	r, err := NewReader(iotestHalf{bytes.NewReader(data)}, "long.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != text {
		t.Error("text changed")
	}
}

// iotestHalf returns at most 7 bytes per read.
type iotestHalf struct{ r io.Reader }

func (h iotestHalf) Read(p []byte) (int, error) {
	if len(p) > 7 {
		p = p[:7]
	}
	return h.r.Read(p)
}

// A file that says who made it streams, and its annotators are kept.
func TestReaderMeta(t *testing.T) {
	s, docs := sample()
	f := annotations.NewFile(s, docs...)
	f.Annotators = []annotations.Annotator{{ID: "aigerim", Name: "Айгерім"}}
	f.App, f.Exported = "belgi test", "2025-03-01T12:00:00Z"
	good, _ := annotations.Marshal(f)
	r, err := NewReader(bytes.NewReader(good), "f.json")
	if err != nil {
		t.Fatalf("a file with annotators: %v", err)
	}
	if m := r.Meta(); len(m.Annotators) != 1 || m.Annotators[0].Name != "Айгерім" || m.App != "belgi test" || m.Exported != f.Exported {
		t.Errorf("Meta = %+v", m)
	}
	bad := bytes.Replace(good, []byte(`"2025-03-01T12:00:00Z"`), []byte(`"soon"`), 1)
	if _, err := NewReader(bytes.NewReader(bad), "f.json"); err == nil || !strings.Contains(err.Error(), "RFC 3339") {
		t.Errorf("a bad export time: err = %v", err)
	}
}

// FuzzReader checks that the streaming reader never panics and accepts a
// file only when annotations.Decode accepts it, with the same documents.
func FuzzReader(f *testing.F) {
	s, docs := sample()
	good, _ := annotations.Marshal(annotations.NewFile(s, docs...))
	f.Add(good)
	f.Add([]byte(`{"format":"belgi-gold","version":1,"documents":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data), "f")
		var got []*annotations.Document
		for err == nil {
			var d *annotations.Document
			d, err = r.Read()
			if d != nil {
				got = append(got, d)
			}
		}
		if err != io.EOF {
			return // rejected; Decode may still accept a file whose fields come in another order
		}
		f, derr := annotations.Decode(data)
		if derr != nil {
			t.Fatalf("streamed, but Decode refuses it: %v", derr)
		}
		m := r.Meta()
		m.Schema, m.Documents = f.Schema, got
		a, _ := annotations.Marshal(&m)
		b, _ := annotations.Marshal(f)
		if !bytes.Equal(a, b) {
			t.Fatalf("streamed documents differ from Decode's")
		}
	})
}
