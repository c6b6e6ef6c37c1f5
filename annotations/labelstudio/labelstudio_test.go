package labelstudio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/loss"
)

func readAll(t testing.TB, data []byte, rep *loss.Report) []*annotations.Document {
	t.Helper()
	r := NewReader(bytes.NewReader(data), "in.json", Options{}, rep)
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

func writeAll(t testing.TB, docs []*annotations.Document, rep *loss.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, Options{}, rep)
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

// checkCodePoints checks every region written against the text indexed by
// code points, independently of annotations.Index.
func checkCodePoints(t *testing.T, out []byte) int {
	t.Helper()
	var tasks []struct {
		Data        map[string]any
		Annotations []struct {
			Result []struct {
				Type  string
				Value struct {
					Start, End int
					Text       any
				}
			}
		}
	}
	if err := json.Unmarshal(out, &tasks); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, out)
	}
	n := 0
	for _, task := range tasks {
		rs := []rune(task.Data["text"].(string))
		for _, a := range task.Annotations {
			for _, r := range a.Result {
				if r.Type != "labels" {
					continue
				}
				if got := string(rs[r.Value.Start:r.Value.End]); got != r.Value.Text {
					t.Errorf("region [%d, %d) holds %q, text field %q", r.Value.Start, r.Value.End, got, r.Value.Text)
				}
				n++
			}
		}
	}
	return n
}

func TestRoundTripOwnFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/tasks.json")
	if err != nil {
		t.Fatal(err)
	}
	var rep loss.Report
	docs := throughJSON(t, readAll(t, data, &rep))
	if rep.Len() != 0 {
		t.Errorf("import reported %v", rep.Items)
	}
	var wrep loss.Report
	out := writeAll(t, docs, &wrep)
	if !bytes.Equal(out, data) {
		t.Errorf("not byte-exact:\n got %s\nwant %s", out, data)
	}
	if wrep.Len() != 0 {
		t.Errorf("export reported %v", wrep.Items)
	}
	if n := checkCodePoints(t, out); n != 7 {
		t.Errorf("%d regions checked, want 7", n)
	}
	d := docs[0]
	if d.Spans[0].Start != 2 || d.Spans[0].Text != "5 января" {
		t.Errorf("first span %+v: 📢 and the space are two code points", d.Spans[0])
	}
	if docs[1].ID != "kk-2" {
		t.Errorf("second ID %q", docs[1].ID)
	}
	if !reflect.DeepEqual(d.Attributes, []annotations.Attribute{{ID: "A1", Name: "realis", Target: "gr", Value: "Actual"}}) {
		t.Errorf("attributes %+v", d.Attributes)
	}
	if !reflect.DeepEqual(d.Notes, []annotations.Note{{ID: "#1", Target: "per", Text: "проверить имя"}}) || !reflect.DeepEqual(d.Labels, []string{"relevant"}) {
		t.Errorf("notes %+v, labels %q", d.Notes, d.Labels)
	}
}

func TestReadMessy(t *testing.T) {
	data, err := os.ReadFile("testdata/messy.json")
	if err != nil {
		t.Fatal(err)
	}
	var rep loss.Report
	docs := readAll(t, data, &rep)
	d := docs[0]
	var spans []string
	for _, s := range d.Spans {
		spans = append(spans, fmt.Sprintf("%s %s %d %d", s.ID, s.Label, s.Start, s.End))
	}
	if want := []string{"a PER 3 4", "a#2 ORG 3 4", "b PER 9 10"}; !reflect.DeepEqual(spans, want) {
		t.Errorf("spans %q, want %q", spans, want)
	}
	wantRel := []annotations.Relation{
		{ID: "R1", Type: "met", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "b"}, {Role: "Arg2", Ref: "a"}}},
		{ID: "R2", Type: "knows", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "b"}, {Role: "Arg2", Ref: "a"}}},
	}
	if !reflect.DeepEqual(d.Relations, wantRel) {
		t.Errorf("relations %+v", d.Relations)
	}
	if !reflect.DeepEqual(d.Attributes, []annotations.Attribute{{ID: "A1", Name: "neg", Target: "a"}}) {
		t.Errorf("attributes %+v", d.Attributes)
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.String())
	}
	want := []string{
		`in.json:2: task 7: annotation 1 (anonymous) not read: it was cancelled (skipped) in Label Studio`,
		`in.json:2: task 7: user5: region b: text "X" differs from the text at [9, 10), "C"; the offsets are kept`,
		`in.json:2: task 7: user5: region c [9, 99) not read: outside the text (14 code points) or empty`,
		`in.json:2: task 7: user5: relation 5 (a → zz) not read: a region it links is not in the annotation`,
		`in.json:2: task 7: user5: text area summary not read: it is not on a region, and notes belong to annotations`,
		`in.json:2: task 7: user5: result 8 of type "rating" not read: not a text labelling result`,
	}
	// The other annotator and the prediction are versions of their own.
	var versions []string
	for _, d := range docs {
		versions = append(versions, d.ID+" by "+d.Annotator)
	}
	if want := []string{"7 by user5", "7-user6 by user6", "7-model by model"}; !reflect.DeepEqual(versions[:3], want) {
		t.Errorf("versions %q, want %q", versions, want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriteLoss(t *testing.T) {
	d := annotations.NewDocument("x", "", "", "Alice met Bob.")
	d.Spans = []annotations.Span{
		{ID: "T1", Label: "PER", Start: 0, End: 5, Text: "Alice"},
		{ID: "T2", Label: "Meet", Start: 0, End: 13, Text: "Alice Bob", Fragments: []annotations.Fragment{{Start: 0, End: 5}, {Start: 10, End: 13}}},
	}
	d.Events = []annotations.Event{{ID: "E1", Type: "Meet", Trigger: "T2"}}
	d.Relations = []annotations.Relation{{ID: "R1", Type: "r", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "E1"}, {Role: "Arg2", Ref: "T1"}}}}
	d.Notes = []annotations.Note{{ID: "#1", Target: "E1", Text: "n"}}
	d.Normalizations = []annotations.Normalization{{ID: "N1", Type: "Reference", Target: "T1", Resource: "Wikidata", Entry: "Q1"}}
	var rep loss.Report
	out := writeAll(t, []*annotations.Document{d}, &rep)
	checkCodePoints(t, out)
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.ID+": "+it.Reason)
	}
	want := []string{
		"T2: discontinuous span: its 2 fragments are written as separate regions",
		"R1: relation r not written: Label Studio relations link two regions",
		"#1: note not written: Label Studio text areas sit on regions, and E1 is not a span",
		"E1: event Meet not written: Label Studio has no events (its trigger and arguments stay as regions)",
		"N1: normalization Wikidata:Q1 not written: Label Studio has no normalizations",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

var pieces = []string{"Алматы", " ", "👍", "👩‍⚖️", "🇰🇿", "\r\n", "Айгу\u0301ль", "police", "\u2028", "<&>", "\""}

// TestPropertyIdentity checks native → Label Studio → native is the identity
// for what Label Studio holds.
func TestPropertyIdentity(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var docs []*annotations.Document
	for i := 0; i < 300; i++ {
		var b strings.Builder
		for n := r.IntN(20) + 1; n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		id := fmt.Sprint(i)
		if i%2 == 1 {
			id = "doc " + id
		}
		d := annotations.NewDocument(id, "", "", b.String())
		x := d.Index()
		for k := 0; k < r.IntN(6); k++ {
			s := r.IntN(x.Len())
			e := s + 1 + r.IntN(x.Len()-s)
			d.Spans = append(d.Spans, annotations.Span{ID: fmt.Sprintf("r%d", k), Label: "L" + fmt.Sprint(r.IntN(3)), Start: s, End: e, Text: x.Slice(s, e)})
		}
		if len(d.Spans) > 1 {
			d.Relations = append(d.Relations, annotations.Relation{ID: "R1", Type: "rel", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "r0"}, {Role: "Arg2", Ref: "r1"}}})
			d.Attributes = append(d.Attributes, annotations.Attribute{ID: "A1", Name: "Realis", Target: "r1", Value: "Actual"}, annotations.Attribute{ID: "A2", Name: "Negated", Target: "r0"})
			d.Notes = append(d.Notes, annotations.Note{ID: "#1", Target: "r0", Text: "note\nwith a break"})
		}
		if r.IntN(3) == 0 {
			d.Labels = []string{"relevant", "protest"}
		}
		docs = append(docs, throughJSON(t, []*annotations.Document{d})[0])
	}
	var rep loss.Report
	out := writeAll(t, docs, &rep)
	if rep.Len() != 0 {
		t.Fatalf("%v", rep.Items)
	}
	checkCodePoints(t, out)
	back := throughJSON(t, readAll(t, out, nil))
	for i, d := range docs {
		back[i].Origin, back[i].Source = nil, d.Source
		d.Origin = nil
		g, _ := json.Marshal(back[i])
		w, _ := json.Marshal(d)
		if !bytes.Equal(g, w) {
			t.Fatalf("%s not the identity:\n got %s\nwant %s", d.ID, g, w)
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/tasks.json", "testdata/messy.json"} {
		data, _ := os.ReadFile(name)
		f.Add(data)
	}
	f.Add([]byte(`[{"id":4,"text":"ab","annotations":[{"id":1,"completed_by":{"email":"a@b"},"result":[]},{"completed_by":2,"result":[]}],"predictions":[{"model_version":"m","result":[]}]}]`))
	f.Add([]byte("{\n \"data\": {\"text\": \"ab\"},\n \"annotations\": []\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "f", Options{}, nil)
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
		out := writeAll(t, docs, nil)
		again := writeAll(t, readAll(t, out, nil), nil)
		if !bytes.Equal(out, again) {
			t.Fatalf("not stable:\n%s\n%s", out, again)
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

// Several annotators and a model: each a version of the document, and
// written back as one task with their annotations, ids and predictions.
func TestSeveralAnnotators(t *testing.T) {
	in := `[
{"id":4,"data":{"text":"Ақтөбеде митинг 👍"},"annotations":[{"id":11,"completed_by":{"id":3,"email":"aigerim@lab.kz"},"result":[{"id":"a","from_name":"label","to_name":"text","type":"labels","value":{"start":0,"end":8,"text":"Ақтөбеде","labels":["GPE"]}}]},{"id":12,"completed_by":5,"result":[{"id":"b","from_name":"label","to_name":"text","type":"labels","value":{"start":9,"end":15,"text":"митинг","labels":["EVENT"]}}]}],"predictions":[{"id":9,"model_version":"ner v2","result":[]}]}
]
`
	var rep loss.Report
	docs := readAll(t, []byte(in), &rep)
	var got []string
	for _, d := range docs {
		got = append(got, fmt.Sprintf("%s %s %d", d.ID, d.Annotator, len(d.Spans)))
	}
	if want := []string{"4 aigerim 1", "4-user5 user5 1", "4-model-ner-v2 model-ner-v2 0"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("versions %q, want %q (report %v)", got, want, rep.Items)
	}
	docs = throughJSON(t, docs)
	out := writeAll(t, docs, nil)
	var tasks []struct {
		ID          int
		Annotations []map[string]json.RawMessage
		Predictions []map[string]json.RawMessage
	}
	if err := json.Unmarshal(out, &tasks); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(tasks) != 1 || len(tasks[0].Annotations) != 2 || len(tasks[0].Predictions) != 1 {
		t.Fatalf("written %s", out)
	}
	if a := tasks[0].Annotations[0]; string(a["id"]) != "11" || !strings.Contains(string(a["completed_by"]), "aigerim@lab.kz") {
		t.Errorf("first annotation %s", out)
	}
	again := readAll(t, out, nil)
	if len(again) != 3 || again[1].Annotator != "user5" || again[2].Annotator != "model-ner-v2" {
		t.Errorf("read again: %+v", again)
	}
	// Versions made in Belgi keep their annotator in belgi_annotator.
	docs[1].Annotator = "boris"
	out = writeAll(t, docs, nil)
	if again := readAll(t, out, nil); again[1].Annotator != "boris" || !bytes.Contains(out, []byte(`"belgi_annotator":"boris"`)) {
		t.Errorf("belgi annotator lost: %s", out)
	}
}

func TestTaskShapes(t *testing.T) {
	for _, c := range []struct{ name, in string }{
		{"no data wrapper", `[{"id":1,"text":"Алматы","source":"x","annotations":[{"result":[{"id":"r","from_name":"label","to_name":"text","type":"labels","value":{"start":0,"end":6,"labels":["GPE"]}}]}]}]`},
		{"one task object", "{\n  \"id\": 1,\n  \"data\": {\"text\": \"Алматы\", \"source\": \"x\"},\n  \"annotations\": [{\"result\": [{\"id\": \"r\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"value\": {\"start\": 0, \"end\": 6, \"labels\": [\"GPE\"]}}]}]\n}\n"},
		{"one line", `{"id":1,"data":{"text":"Алматы","source":"x"},"annotations":[{"result":[{"id":"r","from_name":"label","to_name":"text","type":"labels","value":{"start":0,"end":6,"labels":["GPE"]}}]}]}`},
	} {
		docs := readAll(t, []byte(c.in), nil)
		if len(docs) != 1 || len(docs[0].Spans) != 1 || docs[0].Spans[0].Text != "Алматы" || !strings.Contains(docs[0].Origin.Data[keyData], `"source":"x"`) {
			t.Errorf("%s: %+v", c.name, docs)
		}
	}
}
