package format

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/loss"
)

func TestSniff(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"a.json", `{"format":"` + annotations.FormatName + `","version":1,"schema":{},"documents":[]}`, "json"},
		{"a.jsonl", `{"text":"x","label":[[0,1,"A"]]}`, "doccano"},
		{"a.jsonl", `{"text":"x","entities":[{"id":0,"start_offset":0,"end_offset":1,"label":"A"}]}`, "doccano"},
		{"a.json", `[{"id":1,"data":{"text":"x"},"annotations":[]}]`, "labelstudio"},
		{"a.json", `{"data":{"text":"x"},"predictions":[]}`, "labelstudio"},
		{"a.jsonl", `{"text":"x","spans":[],"tokens":[]}`, "spacy"},
		{"a.jsonl", `{"text":"x","entities":[[0,1,"A"]],"cats":["c"]}`, "doccano"},
		{"a.jsonl", `{"text":"x","entities":[[0,1,"A"]],"cats":{"c":1}}`, "spacy"},
		{"a.json", `[{"id":1,"text":"x","annotations":[]}]`, "labelstudio"},
		{"a.json", "{\n  \"id\": 1,\n  \"data\": {\"text\": \"x\"},\n  \"annotations\": []\n}", "labelstudio"},
		{"a.xml", `<?xml version="1.0"?><FoLiA xmlns="http://ilk.uvt.nl/folia">`, "folia"},
		{"a.txt", "-DOCSTART- O\n\nАлматы B-LOC\n", "conll"},
		{"a.iob", "Алматы B-LOC\n", "conll"},
		{"a.tsv", "SAMPLE_START\tO\nАлматы\tB-LOC\n", "case"},
		{"a.tsv", "SAMPLE_START\tO\nАлматы\tS-LOC\n", "conll"},
		{"a.txt", "Алматы", "text"},
		{"train.json", `[{"id":0,"paragraphs":[{"raw":"x","sentences":[]}]}]`, "spacy"},
	} {
		if got := Sniff(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("Sniff(%s, %.40q) = %q, want %q", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestRegistry(t *testing.T) {
	for _, f := range Formats() {
		if Get(f.Name) != f || !f.Readable() || f.Title == "" || !strings.HasPrefix(f.Ext, ".") {
			t.Errorf("%s: not listed right", f.Name)
		}
	}
	if Get("xml") != nil {
		t.Error("Get(xml) is not nil")
	}
	if _, err := Get("folia").NewWriter(nil, annotations.Schema{}, Options{}, nil); err == nil {
		t.Error("FoLiA has a writer")
	}
}

// bufDest is a Dest of one file.
type bufDest struct{ bytes.Buffer }

func (b *bufDest) Create(string) (io.WriteCloser, error) { return nopCloser{&b.Buffer}, nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// TestRoundTrip writes a document in every one-file format and reads it
// back through the same registry entry.
func TestRoundTrip(t *testing.T) {
	d := annotations.NewDocument("d1", "", "", "Алматы 👩‍⚖️ митинг")
	d.Spans = []annotations.Span{{ID: "T1", Label: "LOC", Start: 0, End: 6, Text: "Алматы"}}
	for _, f := range Formats() {
		if !f.Writable() || f.Folder {
			continue
		}
		var dst bufDest
		var rep loss.Report
		w, err := f.NewWriter(&dst, annotations.Schema{Entities: []annotations.EntityType{{Type: "LOC"}}}, Options{}, &rep)
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteAll(w, []*annotations.Document{d}); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		r, err := f.NewReader(MapFS{"x" + f.Ext: dst.Bytes()}, "x"+f.Ext, Options{}, &rep)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := ReadAll(r)
		if err != nil || len(docs) != 1 || len(docs[0].Spans) != 1 || docs[0].Spans[0].Text != "Алматы" {
			t.Errorf("%s: read back %v, %v", f.Name, docs, err)
		}
		if got := Sniff("x"+f.Ext, dst.Bytes()); got != f.Name {
			t.Errorf("%s: what it writes sniffs as %s", f.Name, got)
		}
	}
}

func FuzzSniff(f *testing.F) {
	f.Add("a.json", []byte(`[{"data":{"text":"x"}}]`))
	f.Add("a.conll", []byte("A B-X\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		Sniff(name, data)
	})
}
