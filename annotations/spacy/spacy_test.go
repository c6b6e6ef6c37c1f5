package spacy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

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

func writeAll(t testing.TB, docs []*annotations.Document, rep *loss.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, "ru", rep)
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

// checkOffsets checks each written span and token against the text indexed
// by code points, as Python indexes it, and token_end as inclusive.
func checkOffsets(t *testing.T, out []byte) {
	t.Helper()
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		var rec struct {
			Text   string
			Tokens []struct {
				Text       string
				Start, End int
			}
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Spans []map[string]any
		}
		json.Unmarshal(line, &raw)
		rs := []rune(rec.Text)
		for _, tk := range rec.Tokens {
			if string(rs[tk.Start:tk.End]) != tk.Text {
				t.Errorf("token %q at [%d, %d) holds %q", tk.Text, tk.Start, tk.End, string(rs[tk.Start:tk.End]))
			}
		}
		for _, sp := range raw.Spans {
			ts, ok := sp["token_start"].(float64)
			if !ok {
				continue
			}
			te := sp["token_end"].(float64)
			if rec.Tokens[int(ts)].Start != int(sp["start"].(float64)) || rec.Tokens[int(te)].End != int(sp["end"].(float64)) {
				t.Errorf("span %v: tokens [%v, %v] (end inclusive) do not match its offsets", sp, ts, te)
			}
		}
	}
}

func TestRoundTripOwnFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/prodigy.jsonl")
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
	checkOffsets(t, out)
	d := docs[0]
	if d.ID != "ru-1" || !reflect.DeepEqual(d.Labels, []string{"protest", "relevant"}) || len(d.Relations) != 1 {
		t.Errorf("document %s: labels %q, relations %v", d.ID, d.Labels, d.Relations)
	}
	if s, _ := d.Span("T1"); s.Start != 2 || s.Text != "5 января" {
		t.Errorf("T1 = %+v", s)
	}
}

func TestReadSpaCyEntities(t *testing.T) {
	in := `{"text":"a👍 Bob","entities":[[3,6,"PER"],[0,9,"X"]],"tokens":[{"start":0,"end":1},{"start":5,"end":2}],"spans":[{"start":0,"end":1,"token_start":0,"token_end":3,"label":"Y"}]}` + "\n"
	var rep loss.Report
	docs := readAll(t, []byte(in), &rep)
	var spans []string
	for _, s := range docs[0].Spans {
		spans = append(spans, s.Label+":"+s.Text)
	}
	if want := []string{"Y:a", "PER:Bob"}; !reflect.DeepEqual(spans, want) {
		t.Errorf("spans %q, want %q", spans, want)
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.String())
	}
	want := []string{
		"in.jsonl:1: document 1: tokens not read: token 2 has no start and end in order inside the text",
		"in.jsonl:1: document 1: entity 2 [0, 9) X not read: outside the text (6 code points) or empty",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriteFree(t *testing.T) {
	text := "Полиция задержала Айгу\u0301ль в Алматыдағы 👩‍⚖️ суде."
	d := annotations.NewDocument("d1", "", "", text)
	x := d.Index()
	at := func(s string) (int, int) {
		b := strings.Index(text, s)
		st, _ := x.FromByte(b)
		en, _ := x.FromByte(b + len(s))
		return st, en
	}
	s1, e1 := at("Айгу\u0301ль")
	s2, e2 := at("Алматы")
	d.Spans = []annotations.Span{{ID: "T1", Label: "PER", Start: s1, End: e1, Text: x.Slice(s1, e1)}, {ID: "T2", Label: "GPE", Start: s2, End: e2, Text: "Алматы"}}
	d.Events = []annotations.Event{{ID: "E1", Type: "Arrest", Trigger: "T1"}}
	var rep loss.Report
	out := writeAll(t, []*annotations.Document{d}, &rep)
	checkOffsets(t, out)
	if !strings.Contains(string(out), `{"start":28,"end":34,"label":"GPE"}`) || !strings.Contains(string(out), `"text":"👩‍⚖️"`) {
		t.Errorf("output:\n%s", out)
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.ID+": "+it.Reason)
	}
	want := []string{
		`T2: span "Алматы" does not start and end on token boundaries: written without token_start and token_end (spaCy's char_span would drop it)`,
		"E1: event Arrest not written: the format has no events (its trigger and arguments stay as spans)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

var words = []string{"Алматы", "қаласында", "police", "12", "«", "»", ",", "👩‍⚖️", "🇰🇿", "Айгу\u0301ль", "%-ке", "Сондай-ақ"}

// TestPropertyIdentity checks native → spaCy → native is the identity for
// documents whose spans sit on token boundaries.
func TestPropertyIdentity(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var docs []*annotations.Document
	for i := 0; i < 300; i++ {
		var b strings.Builder
		var toks [][2]int
		cp := 0
		for n := r.IntN(10) + 1; n > 0; n-- {
			if b.Len() > 0 {
				sep := []string{" ", "\r\n", "  "}[r.IntN(3)]
				b.WriteString(sep)
				cp += len([]rune(sep))
			}
			w := words[r.IntN(len(words))]
			b.WriteString(w)
			toks = append(toks, [2]int{cp, cp + len([]rune(w))})
			cp += len([]rune(w))
		}
		d := annotations.NewDocument(fmt.Sprint("doc ", i), "", "", b.String())
		x := d.Index()
		for k := 0; k < r.IntN(5); k++ {
			a := r.IntN(len(toks))
			e := a + r.IntN(len(toks)-a)
			d.Spans = append(d.Spans, annotations.Span{ID: fmt.Sprint("T", k+1), Label: "L", Start: toks[a][0], End: toks[e][1], Text: x.Slice(toks[a][0], toks[e][1])})
		}
		if len(d.Spans) > 1 {
			d.Relations = []annotations.Relation{{ID: "R1", Type: "r", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "T1"}, {Role: "Arg2", Ref: "T2"}}}}
		}
		if r.IntN(2) == 0 {
			d.Labels = []string{"a", "b"}
		}
		docs = append(docs, throughJSON(t, []*annotations.Document{d})[0])
	}
	var rep loss.Report
	out := writeAll(t, docs, &rep)
	if rep.Len() != 0 {
		t.Fatalf("%v", rep.Items)
	}
	checkOffsets(t, out)
	back := throughJSON(t, readAll(t, out, nil))
	for i, d := range docs {
		got := back[i]
		// Spans are renumbered in offset order, as the file lists them.
		if got.Text != d.Text || got.ID != d.ID || len(got.Spans) != len(d.Spans) || !reflect.DeepEqual(got.Labels, d.Labels) {
			t.Fatalf("%s not the identity:\n got %+v\nwant %+v", d.ID, got, d)
		}
		for k := range d.Spans {
			if got.Spans[k].Start != d.Spans[k].Start || got.Spans[k].End != d.Spans[k].End || got.Spans[k].Label != d.Spans[k].Label {
				t.Fatalf("%s: spans %v, want %v", d.ID, got.Spans, d.Spans)
			}
		}
		if len(d.Relations) == 1 && (len(got.Relations) != 1 || got.Relations[0].Type != "r") {
			t.Fatalf("%s: relations %v", d.ID, got.Relations)
		}
	}
}

func FuzzRead(f *testing.F) {
	data, _ := os.ReadFile("testdata/prodigy.jsonl")
	f.Add(data)
	f.Add([]byte(`{"text":"a👍 b","entities":[[3,4,"X"]],"cats":{"y":0.9,"n":0.1}}`))
	f.Add([]byte(`[{"id":1,"paragraphs":[{"raw":"a 👍 b","sentences":[{"tokens":[{"orth":"a","ner":"U-X"},{"orth":"b","ner":"L-X"}]}]}]}]`))
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

// TestProdigyRelations reads a record of Prodigy's rel.manual recipe: head
// and child are the last tokens of their spans, and span fields Belgi does
// not model travel through the Origin.
func TestProdigyRelations(t *testing.T) {
	in := `{"text":"Жанна Ахметова Алматыда","_input_hash":1,"_task_hash":2,` +
		`"tokens":[{"text":"Жанна","start":0,"end":5,"id":0,"ws":true},{"text":"Ахметова","start":6,"end":14,"id":1,"ws":true},{"text":"Алматыда","start":15,"end":23,"id":2,"ws":false}],` +
		`"spans":[{"start":0,"end":14,"token_start":0,"token_end":1,"label":"PER","text":"Жанна Ахметова","source":"model","input_hash":1,"score":0.9},{"start":15,"end":23,"token_start":2,"token_end":2,"label":"LOC"}],` +
		`"relations":[{"head":1,"child":2,"head_span":{"start":0,"end":14,"token_start":0,"token_end":1,"label":"PER"},"child_span":{"start":15,"end":23,"token_start":2,"token_end":2,"label":"LOC"},"label":"in"}],"answer":"accept"}` + "\n"
	var rep loss.Report
	docs := readAll(t, []byte(in), &rep)
	if len(docs) != 1 || len(docs[0].Relations) != 1 || rep.Len() != 0 {
		t.Fatalf("read %+v, %v", docs, rep.Items)
	}
	out := string(writeAll(t, docs, &rep))
	if !strings.Contains(out, `"relations":[{"head":1,"child":2,`) {
		t.Errorf("head and child are not the last tokens:\n%s", out)
	}
	if !strings.Contains(out, `"label":"PER","input_hash":1,"score":0.9,"source":"model","text":"Жанна Ахметова"}`) {
		t.Errorf("span fields lost:\n%s", out)
	}
	if rep.Len() != 0 {
		t.Errorf("report %v", rep.Items)
	}
}

// TestReadV2 reads spaCy v2's JSON training format, with and without raw.
func TestReadV2(t *testing.T) {
	in := `[{"id":7,"paragraphs":[{"raw":"Жанна  в Алматы.","sentences":[{"tokens":[{"id":0,"orth":"Жанна","ner":"U-PER"},{"id":1,"orth":"в","ner":"O"},{"id":2,"orth":"Алматы","ner":"B-LOC"},{"id":3,"orth":".","ner":"L-LOC"}]}]}]},` +
		`{"id":8,"paragraphs":[{"sentences":[{"tokens":[{"orth":"Оян","ner":"B-ORG"},{"orth":"Казахстан","ner":"L-ORG"}]},{"tokens":[{"orth":"😀","ner":"-"},{"orth":"шеру","ner":"I-EVT"}]}]}]}]`
	var rep loss.Report
	docs := readAll(t, []byte(in), &rep)
	if len(docs) != 2 {
		t.Fatalf("%d docs", len(docs))
	}
	got := func(d *annotations.Document) (out []string) {
		for _, s := range d.Spans {
			out = append(out, s.Label+":"+s.Text)
		}
		return out
	}
	if docs[0].ID != "7" || docs[0].Text != "Жанна  в Алматы." || !slices.Equal(got(docs[0]), []string{"PER:Жанна", "LOC:Алматы."}) {
		t.Errorf("doc 1: %q %q %v", docs[0].ID, docs[0].Text, got(docs[0]))
	}
	if docs[1].Text != "Оян Казахстан\n😀 шеру" || !slices.Equal(got(docs[1]), []string{"ORG:Оян Казахстан", "EVT:шеру"}) {
		t.Errorf("doc 2: %q %v", docs[1].Text, got(docs[1]))
	}
	if rep.Len() != 2 || !strings.Contains(rep.Items[0].Reason, "joined by spaces") || !strings.Contains(rep.Items[1].Reason, "does not continue") {
		t.Errorf("report %v", rep.Items)
	}
}
