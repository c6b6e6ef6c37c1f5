package doccano

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"belgi/annotations"
	"belgi/annotations/loss"
)

func readAll(t testing.TB, data []byte, rep *loss.Report) []*annotations.Document {
	t.Helper()
	r := NewReader(bytes.NewReader(data), "in.jsonl", rep)
	var docs []*annotations.Document
	for {
		d, err := r.Read()
		if err == io.EOF {
			return docs
		}
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
}

func writeAll(t testing.TB, docs []*annotations.Document, v Variant, rep *loss.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, v, rep)
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func throughJSON(t testing.TB, docs []*annotations.Document) []*annotations.Document {
	t.Helper()
	data, err := annotations.Marshal(annotations.NewFile(annotations.Schema{Entities: []annotations.EntityType{}}, docs...))
	if err != nil {
		t.Fatal(err)
	}
	f, err := annotations.Decode(data)
	if err != nil {
		t.Fatalf("imported documents do not validate: %v", err)
	}
	return f.Documents
}

// checkUTF16 checks every offset written against the text as UTF-16, the way
// doccano's JavaScript reads it, independently of annotations.Index.
func checkUTF16(t *testing.T, out []byte, docs []*annotations.Document) {
	t.Helper()
	for i, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		var rec struct {
			Text     string
			Label    []json.RawMessage
			Entities []struct {
				Label       string
				StartOffset int `json:"start_offset"`
				EndOffset   int `json:"end_offset"`
			}
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatal(err)
		}
		units := utf16.Encode([]rune(rec.Text))
		var got []string
		for _, l := range rec.Label {
			var trip []any
			if json.Unmarshal(l, &trip) != nil {
				continue
			}
			s, e := int(trip[0].(float64)), int(trip[1].(float64))
			got = append(got, trip[2].(string)+":"+string(utf16.Decode(units[s:e])))
		}
		for _, e := range rec.Entities {
			got = append(got, e.Label+":"+string(utf16.Decode(units[e.StartOffset:e.EndOffset])))
		}
		var want []string
		for _, s := range docs[i].Spans {
			want = append(want, s.Label+":"+s.Text)
		}
		if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("record %d: UTF-16 slices %q, want %q", i+1, got, want)
		}
	}
}

func TestRoundTripOwnFixtures(t *testing.T) {
	for _, tc := range []struct {
		file    string
		variant Variant
	}{{"flat.jsonl", Flat}, {"relations.jsonl", Relations}} {
		data, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		var rep loss.Report
		docs := throughJSON(t, readAll(t, data, &rep))
		if rep.Len() != 0 {
			t.Errorf("%s: import reported %v", tc.file, rep.Items)
		}
		var wrep loss.Report
		out := writeAll(t, docs, tc.variant, &wrep)
		if !bytes.Equal(out, data) {
			t.Errorf("%s: not byte-exact:\n got %s\nwant %s", tc.file, out, data)
		}
		if wrep.Len() != 0 {
			t.Errorf("%s: export reported %v", tc.file, wrep.Items)
		}
		checkUTF16(t, out, docs)
	}
}

func TestRead(t *testing.T) {
	data, _ := os.ReadFile("testdata/relations.jsonl")
	d := readAll(t, data, nil)[0]
	if d.ID != "a1" {
		t.Errorf("ID = %q", d.ID)
	}
	// 📢 is two UTF-16 units but one code point.
	if s, _ := d.Span("T0"); s.Start != 2 || s.Text != "5 января" {
		t.Errorf("T0 = %+v", s)
	}
	if s, _ := d.Span("T5"); s.Text != "Айгу\u0301ль Серикова" {
		t.Errorf("T5 = %+v", s)
	}
	want := annotations.Relation{ID: "R0", Type: "member_of", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "T4"}, {Role: "Arg2", Ref: "T3"}}}
	if !reflect.DeepEqual(d.Relations[0], want) {
		t.Errorf("R0 = %+v", d.Relations[0])
	}
	flat, _ := os.ReadFile("testdata/flat.jsonl")
	docs := readAll(t, flat, nil)
	if !reflect.DeepEqual(docs[1].Labels, []string{"relevant", "protest"}) {
		t.Errorf("labels = %q", docs[1].Labels)
	}
}

func TestReadProblems(t *testing.T) {
	in := `{"text":"a👍b","label":[[1,2,"X"],[0,9,"Y"],[3,1,"Z"],[1,3,"OK"],"cat",[1]]}
{"text":"ab","entities":[{"id":1,"label":"A","start_offset":0,"end_offset":1},{"id":1,"label":"B","start_offset":1,"end_offset":2}],"relations":[{"id":0,"from_id":1,"to_id":7,"type":"r"}]}
`
	var rep loss.Report
	docs := readAll(t, []byte(in), &rep)
	if len(docs) != 2 || len(docs[0].Spans) != 1 || docs[0].Spans[0].Text != "👍" || docs[0].Labels[0] != "cat" {
		t.Fatalf("docs = %+v", docs[0])
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.String())
	}
	want := []string{
		`in.jsonl:1: document 1: span T1 [1, 2) X not read: UTF-16 offset 2 splits a surrogate pair`,
		`in.jsonl:1: document 1: span T1 [0, 9) Y not read: UTF-16 offset 9 outside [0, 4]`,
		`in.jsonl:1: document 1: span T1 [3, 1) Z not read: it is empty or reversed`,
		`in.jsonl:1: document 1: label 6 not read: [1] is not [start, end, "label"] or a category`,
		`in.jsonl:2: document 2: entity 1 not read: its id is used by an earlier entity`,
		`in.jsonl:2: document 2: relation 0 not read: entity 1 or 7 is not in the record`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := NewReader(strings.NewReader("{\"text\":1}\n"), "x", nil).Read(); err == nil || !strings.Contains(err.Error(), "x: line 1") {
		t.Errorf("error %v", err)
	}
}

func TestWriteLoss(t *testing.T) {
	d := annotations.NewDocument("doc-7", "", "", "Alice met Bob.")
	d.Spans = []annotations.Span{
		{ID: "a", Label: "PER", Start: 0, End: 5, Text: "Alice"},
		{ID: "T1", Label: "PER", Start: 10, End: 13, Text: "Bob"},
		{ID: "m", Label: "Meet", Start: 0, End: 13, Text: "Alice Bob", Fragments: []annotations.Fragment{{Start: 0, End: 5}, {Start: 10, End: 13}}},
	}
	d.Events = []annotations.Event{{ID: "E1", Type: "Meet", Trigger: "m"}}
	d.Relations = []annotations.Relation{
		{ID: "R1", Type: "knows", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "a"}, {Role: "Arg2", Ref: "T1"}}},
		{ID: "x", Type: "about", Arguments: []annotations.Argument{{Role: "subject", Ref: "E1"}, {Role: "Arg2", Ref: "T1"}}},
	}
	d.Labels = []string{"relevant"}
	var rep loss.Report
	out := writeAll(t, []*annotations.Document{d}, Relations, &rep)
	want := `{"id":"doc-7","text":"Alice met Bob.","entities":[{"id":0,"label":"PER","start_offset":0,"end_offset":5},{"id":2,"label":"Meet","start_offset":0,"end_offset":5},{"id":1,"label":"PER","start_offset":10,"end_offset":13},{"id":3,"label":"Meet","start_offset":10,"end_offset":13}],"relations":[{"id":1,"from_id":0,"to_id":1,"type":"knows"}]}` + "\n"
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.ID+": "+it.Reason)
	}
	wantRep := []string{
		"m: discontinuous span: its 2 fragments are written as separate Meet spans",
		"x: relation about not written: doccano relations link spans, not events or relations",
		`: document label "relevant" not written: doccano holds categories only beside no spans, in the flat variant`,
		"E1: event Meet not written: doccano has no events (its trigger and arguments stay as spans)",
	}
	if !reflect.DeepEqual(got, wantRep) {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantRep, "\n"))
	}
	rep = loss.Report{}
	writeAll(t, []*annotations.Document{d}, Flat, &rep)
	n := 0
	for _, it := range rep.Items {
		if strings.Contains(it.Reason, "flat variant holds no relations") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("flat: %d relations reported lost, want 2: %v", n, rep.Items)
	}
}

// pieces of text: astral characters, ZWJ sequences, CRLF and combining marks
// put UTF-16 and code point offsets apart.
var pieces = []string{"Алматы", " ", "👍", "👩‍⚖️", "🇰🇿", "\r\n", "Айгу\u0301ль", "police", "𝔘", " ", "«", "»"}

func randomDocument(r *rand.Rand, id string, relations bool) *annotations.Document {
	var b strings.Builder
	for n := r.IntN(20) + 1; n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	d := annotations.NewDocument(id, "", "", b.String())
	x := d.Index()
	for i := 0; i < r.IntN(6); i++ {
		s := r.IntN(x.Len())
		e := s + 1 + r.IntN(x.Len()-s)
		d.Spans = append(d.Spans, annotations.Span{ID: fmt.Sprintf("T%d", i), Label: "L" + fmt.Sprint(r.IntN(3)), Start: s, End: e, Text: x.Slice(s, e)})
	}
	if relations && len(d.Spans) > 1 {
		for i := 0; i < r.IntN(3); i++ {
			d.Relations = append(d.Relations, annotations.Relation{ID: fmt.Sprintf("R%d", i), Type: "rel",
				Arguments: []annotations.Argument{{Role: "Arg1", Ref: d.Spans[r.IntN(len(d.Spans))].ID}, {Role: "Arg2", Ref: d.Spans[r.IntN(len(d.Spans))].ID}}})
		}
	}
	return d
}

// TestPropertyIdentity checks native → doccano → native is the identity for
// what doccano holds, in both variants, and that every offset written is
// right in UTF-16.
func TestPropertyIdentity(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, v := range []Variant{Flat, Relations} {
		var docs []*annotations.Document
		for i := 0; i < 300; i++ {
			docs = append(docs, throughJSON(t, []*annotations.Document{randomDocument(r, fmt.Sprint(i), v == Relations)})[0])
		}
		var rep loss.Report
		out := writeAll(t, docs, v, &rep)
		if rep.Len() != 0 {
			t.Fatalf("%s: %v", v, rep.Items)
		}
		checkUTF16(t, out, docs)
		back := throughJSON(t, readAll(t, out, nil))
		for i, d := range docs {
			got := back[i]
			if v == Flat { // the flat variant numbers spans afresh
				for k := range got.Spans {
					got.Spans[k].ID = d.Spans[k].ID
				}
			}
			if got.Text != d.Text || got.ID != d.ID || !reflect.DeepEqual(got.Spans, d.Spans) || !reflect.DeepEqual(got.Relations, d.Relations) {
				t.Fatalf("%s: %s not the identity:\n got %+v\nwant %+v", v, d.ID, got, d)
			}
		}
	}
}

// FuzzRead checks that reading never panics, that what is read is valid,
// and that read → write → read → write is stable.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"flat.jsonl", "relations.jsonl"} {
		data, _ := os.ReadFile(filepath.Join("testdata", name))
		f.Add(data)
	}
	f.Add([]byte(`[{"text":"a👍b","label":[[1,3,"X"],"c"]},{"data":"x","entities":[{"id":"q","start_offset":0,"end_offset":1}]}]`))
	f.Add([]byte("{\"text\":\"ab\",\"entities\":[[0,1,\"A\"]],\"cats\":[\"c\"]}\n{broken\n{\"text\":\"c\"}\n"))
	f.Add([]byte("{\n \"text\": \"ab\",\n \"label\": [[0, 2, \"A\"]]\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "f", nil)
		var docs []*annotations.Document
		for {
			d, err := r.Read()
			if err != nil {
				break
			}
			docs = append(docs, d)
		}
		if probs := annotations.Validate(annotations.NewFile(annotations.Schema{}, docs...)); hasError(probs) {
			t.Fatalf("invalid documents: %v", probs)
		}
		for _, v := range []Variant{Flat, Relations} {
			out := writeAll(t, docs, v, nil)
			again := writeAll(t, readAll(t, out, nil), v, nil)
			if !bytes.Equal(out, again) {
				t.Fatalf("%s: not stable:\n%s\n%s", v, out, again)
			}
		}
	})
}

func hasError(probs []annotations.Problem) bool {
	for _, p := range probs {
		if !p.Warning {
			return true
		}
	}
	return false
}

// doccano imports the good lines of a file and reports the others; so does
// Belgi, with the line numbers. A file with no good line is an error.
func TestBadLinesSkipped(t *testing.T) {
	in := "{\"text\":\"Алматы\",\"label\":[[0,6,\"LOC\"]]}\n" +
		"{\"text\":\"broken\n" +
		"[1,2]\n" +
		"{\"txt\":\"no text\"}\n" +
		"{\"text\":\"Астана\",\"label\":\"LOC\"}\n" +
		"{\"text\":\"Шымкент\",\"label\":[]}\n"
	var rep loss.Report
	docs := readAll(t, []byte(in), &rep)
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.Text)
	}
	if want := []string{"Алматы", "Шымкент"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("read %q, want %q", ids, want)
	}
	var lines []int
	for _, it := range rep.Items {
		lines = append(lines, it.Line)
		if !strings.Contains(it.String(), "record skipped") || strings.Count(it.String(), "in.jsonl") != 1 {
			t.Errorf("report item %q", it)
		}
	}
	if want := []int{2, 3, 4, 5}; !reflect.DeepEqual(lines, want) {
		t.Errorf("reported lines %v, want %v", lines, want)
	}
	for _, bad := range []string{"\x00\x01\x02\n\xff\xfe\n", "not json\nat all\n", "[{\"text\":1}]"} {
		if _, err := NewReader(strings.NewReader(bad), "b", nil).Read(); err == nil || err == io.EOF {
			t.Errorf("%q: error %v, want one", bad, err)
		}
	}
}

func TestIntentVariant(t *testing.T) {
	in := `{"id":3,"text":"Митинг в Алматы 👍 сегодня","entities":[[9,15,"LOC"],[19,26,"DATE"]],"cats":["protest"]}` + "\n"
	docs := readAll(t, []byte(in), nil)
	if got := len(docs[0].Spans); got != 2 || docs[0].Spans[1].Text != "сегодня" {
		t.Fatalf("spans %+v", docs[0].Spans)
	}
	out := writeAll(t, docs, Auto, nil)
	if string(out) != in {
		t.Errorf("round trip:\n%s\nwant\n%s", out, in)
	}
}

func TestPrettyJSON(t *testing.T) {
	in := "{\n  \"text\": \"Алматы\",\n  \"label\": [[0, 6, \"LOC\"]]\n}\n{\n  \"text\": \"Астана\",\n  \"label\": []\n}\n"
	docs := readAll(t, []byte(in), nil)
	if len(docs) != 2 || docs[0].Spans[0].Text != "Алматы" {
		t.Fatalf("docs %+v", docs)
	}
	if _, err := NewReader(strings.NewReader("{\n \"text\": \"x\",\n"), "p", nil).Read(); err == nil || !strings.Contains(err.Error(), "p: line") {
		t.Errorf("truncated pretty JSON: error %v", err)
	}
}

func TestColumns(t *testing.T) {
	in := `{"body":"Алматы","tags":[[0,6,"LOC"]],"label":"kept"}` + "\n"
	r := NewReader(strings.NewReader(in), "c", nil).Columns(Columns{Text: "body", Label: "tags"})
	d, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Spans) != 1 || d.Spans[0].Label != "LOC" || !strings.Contains(d.Origin.Data[keyFields], `"label":"kept"`) {
		t.Errorf("doc %+v origin %v", d.Spans, d.Origin.Data)
	}
}
