package conll

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/loss"
	"belgi/internal/shared"
)

// readAll reads every document of data.
func readAll(t testing.TB, name string, data []byte, opt Options, rep *loss.Report) []*annotations.Document {
	t.Helper()
	r := NewReader(bytes.NewReader(data), name, opt, rep)
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

// throughJSON writes docs as a native gold file and reads them back.
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

func writeAll(t testing.TB, docs []*annotations.Document, opt Options, rep *loss.Report) []byte {
	t.Helper()
	var out bytes.Buffer
	w := NewWriter(&out, opt, rep)
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// roundTrip reads data, passes it through the native format, writes it back
// and fails unless the bytes are the same. It returns the documents.
func roundTrip(t *testing.T, name string, data []byte, opt Options) []*annotations.Document {
	t.Helper()
	var rep loss.Report
	docs := throughJSON(t, readAll(t, name, data, opt, &rep))
	var wrep loss.Report
	out := writeAll(t, docs, opt, &wrep)
	if !bytes.Equal(out, data) {
		t.Errorf("%s: not byte-exact after conll → json → conll:\n%s", name, firstDiff(data, out))
	}
	if wrep.Len() != 0 {
		t.Errorf("%s: export of unchanged documents reported %v", name, wrep.Items)
	}
	return docs
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.SplitAfter(string(want), "\n"), strings.SplitAfter(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ": want " + quote(w) + ", got " + quote(g)
		}
	}
	return "(no difference)"
}

func quote(s string) string { return strconv.Quote(s) }

func TestKazNERDFixtures(t *testing.T) {
	dir := shared.Dir(t, "fixtures/kaznerd")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) != 6 {
		t.Fatalf("%d KazNERD files, want 6", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		// One document per file, and one per sentence.
		docs := roundTrip(t, name, data, KazNERD)
		spans := 0
		for _, d := range docs {
			spans += len(d.Spans)
		}
		sdocs := roundTrip(t, name, data, Options{Sep: " ", Scheme: IOB2, SentenceID: KazNERD.SentenceID, SentencePerDocument: true})
		t.Logf("%s: byte-exact as %d document and as %d sentence documents; %d spans", name, len(docs), len(sdocs), spans)
		if strings.Contains(name, "test2") && !strings.HasPrefix(sdocs[0].ID, "AID") {
			t.Errorf("%s: sentence document ID %q, want its sentence ID", name, sdocs[0].ID)
		}
		roundTrip(t, name, data, Default)
	}
}

// TestKazNERDAdjacent checks B-X B-X adjacency gives two spans, and that
// converting to other schemes and back keeps the spans.
func TestKazNERDAdjacent(t *testing.T) {
	dir := shared.Dir(t, "fixtures/kaznerd")
	data, err := os.ReadFile(filepath.Join(dir, "adjacent_same_type.IOB2_test2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	docs := readAll(t, "adj", data, KazNERD, nil)
	adjacent := 0
	for _, d := range docs {
		for i := 1; i < len(d.Spans); i++ {
			if d.Spans[i].Start == d.Spans[i-1].End+1 && d.Spans[i].Label == d.Spans[i-1].Label {
				adjacent++
			}
		}
	}
	if adjacent < 15 {
		t.Errorf("%d adjacent same-type pairs, want at least 15", adjacent)
	}
	for _, s := range []Scheme{IOB1, BIOES} {
		opt := KazNERD
		opt.Scheme = s
		var rep loss.Report
		out := writeAll(t, docs, opt, &rep)
		if rep.Len() != 0 {
			t.Errorf("%s: %v", s, rep.Items)
		}
		back := readAll(t, "adj", out, opt, nil)
		if !sameSpans(back, docs) {
			t.Errorf("%s: spans changed", s)
		}
	}
}

func sameSpans(a, b []*annotations.Document) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Text != b[i].Text || !reflect.DeepEqual(a[i].Spans, b[i].Spans) {
			return false
		}
	}
	return true
}

func TestCASEFixtures(t *testing.T) {
	dir := shared.Dir(t, "fixtures/glocon-case2021/case2021-task1")
	for _, name := range []string{"subtask4__train_sample.txt", "subtask4__test_sample.txt", "subtask4__sample_submission.txt"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		docs := roundTrip(t, name, data, CASE)
		roundTrip(t, name, data, Default)
		t.Logf("%s: %d documents byte-exact", name, len(docs))
	}
}

func TestOwnFixtures(t *testing.T) {
	for _, tc := range []struct {
		file  string
		opt   Options
		docs  int
		spans []string // "label:text" of every span
		probs []string
	}{
		{"kk_ids.iob2", KazNERD, 1,
			[]string{"GPE:Алматыда", "DATE:2024 жылғы", "ORGANISATION:«Ақ жол» партиясы", "PERCENTAGE:8,5 %-ін", "PERSON:Айгу\u0301ль", "GPE:Жаңаөзенде", "GPE:Жаңаөзенде"}, nil},
		{"en_iob1.conll", CoNLL2003, 2,
			[]string{"PER:Nazarbayev", "PER:Tokayev", "LOC:Astana", "LOC:Zhanaozen"}, nil},
		{"ru_case.bioes", Options{Sep: "\t", Scheme: BIOES, DocStart: []string{"SAMPLE_START"}, SentenceBreak: []string{"[SEP]"}}, 2,
			[]string{"ORG:Полиция", "trigger:задержала", "participant:трёх активистов", "trigger:Митинг", "place:Алматы", "organizer:Организаторы"},
			[]string{"ru_case.bioes:7: line kept verbatim", "ru_case.bioes:12: I-organizer does not continue an entity"}},
	} {
		data, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		var rep loss.Report
		docs := readAll(t, tc.file, data, tc.opt, &rep)
		if len(docs) != tc.docs {
			t.Errorf("%s: %d documents, want %d", tc.file, len(docs), tc.docs)
		}
		var spans []string
		for _, d := range docs {
			for _, s := range d.Spans {
				spans = append(spans, s.Label+":"+s.Text)
			}
		}
		if !reflect.DeepEqual(spans, tc.spans) {
			t.Errorf("%s: spans\n got %q\nwant %q", tc.file, spans, tc.spans)
		}
		for _, p := range tc.probs {
			found := false
			for _, it := range rep.Items {
				found = found || strings.HasPrefix(it.String(), p)
			}
			if !found {
				t.Errorf("%s: report lacks %q: %v", tc.file, p, rep.Items)
			}
		}
		roundTrip(t, tc.file, data, tc.opt)
	}
}

// TestEditInPlace checks that a changed span rewrites only the tag column
// of the lines it changes, keeping IDs, CRLF and extra columns.
func TestEditInPlace(t *testing.T) {
	data, err := os.ReadFile("testdata/en_iob1.conll")
	if err != nil {
		t.Fatal(err)
	}
	docs := readAll(t, "en", data, CoNLL2003, nil)
	d := docs[1]
	// Tag "Protesters" as GROUP and drop nothing else.
	d.Spans = append(d.Spans, annotations.Span{ID: "T9", Label: "GROUP", Start: 0, End: 10, Text: "Protesters"})
	var rep loss.Report
	out := writeAll(t, throughJSON(t, docs), CoNLL2003, &rep)
	want := strings.Replace(string(data), "Protesters NNS B-NP O", "Protesters NNS B-NP I-GROUP", 1)
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	// The same documents in IOB2.
	opt := CoNLL2003
	opt.Scheme = IOB2
	out = writeAll(t, docs, opt, &rep)
	for _, l := range []string{"Nazarbayev NNP B-NP B-PER\n", "Astana NNP B-NP B-LOC\n", "Protesters NNS B-NP B-GROUP\n"} {
		if !strings.Contains(string(out), l) {
			t.Errorf("IOB2 output lacks %q:\n%s", l, out)
		}
	}
}

// TestWriteFree writes a document made in Belgi: it is tokenised, and what
// IOB cannot hold is reported, never dropped silently.
func TestWriteFree(t *testing.T) {
	text := "5 января в Алматы полиция задержала 12 активистов «Oyan, Qazaqstan».\r\nАлматыдағы 👩‍⚖️ шеру."
	d := annotations.NewDocument("d1", "", "", text)
	d.Language = "ru"
	x := d.Index()
	span := func(id, label, s string, nth int) annotations.Span {
		b := strings.Index(text, s)
		for ; nth > 0; nth-- {
			b += strings.Index(text[b+1:], s) + 1
		}
		st, _ := x.FromByte(b)
		en, _ := x.FromByte(b + len(s))
		return annotations.Span{ID: id, Label: label, Start: st, End: en, Text: s}
	}
	d.Spans = []annotations.Span{
		span("T1", "DATE", "5 января", 0),
		span("T2", "GPE", "Алматы", 0),
		span("T3", "ORG", "полиция", 0),
		span("T4", "GROUP", "12 активистов «Oyan, Qazaqstan»", 0), // holds T5
		span("T5", "ORG", "Oyan, Qazaqstan", 0),
		span("T6", "GPE", "Алматы", 1), // inside the token Алматыдағы
	}
	d.Relations = []annotations.Relation{{ID: "R1", Type: "Member", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "T4"}, {Role: "Arg2", Ref: "T5"}}}}
	var rep loss.Report
	out := writeAll(t, []*annotations.Document{d}, KazNERD, &rep)
	want := "5 B-DATE\nянваря I-DATE\nв O\nАлматы B-GPE\nполиция B-ORG\nзадержала O\n12 B-GROUP\nактивистов I-GROUP\n« I-GROUP\nOyan I-GROUP\n, I-GROUP\nQazaqstan I-GROUP\n» I-GROUP\n. O\n\n" +
		"Алматыдағы B-GPE\n👩‍⚖️ O\nшеру O\n. O\n\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	var reasons []string
	for _, it := range rep.Items {
		reasons = append(reasons, it.ID+": "+it.Reason)
	}
	wantReasons := []string{
		`R1: relation Member not written: the format holds entity tags only`,
		`T5: span "Oyan, Qazaqstan" overlaps span T4: IOB tags hold one entity per token, so it is not written`,
		`T6: span "Алматы" does not start and end at token boundaries: widened to "Алматыдағы"`,
		`: text not kept as it is: CoNLL holds tokens, so it reads back as its tokens joined by spaces, a sentence per line (line breaks, spacing and anything between tokens are not kept)`,
	}
	if !reflect.DeepEqual(reasons, wantReasons) {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(reasons, "\n"), strings.Join(wantReasons, "\n"))
	}
}

func TestBOM(t *testing.T) {
	data := []byte("\ufeffAID1 O\nАлматы B-GPE\n\n")
	docs := roundTrip(t, "bom", data, KazNERD)
	if docs[0].Text != "Алматы" || docs[0].Spans[0].Start != 0 {
		t.Errorf("text %q, spans %v", docs[0].Text, docs[0].Spans)
	}
	// Retagged, the BOM stays.
	docs[0].Spans[0].Label = "LOC"
	var rep loss.Report
	if out := writeAll(t, docs, KazNERD, &rep); string(out) != "\ufeffAID1 O\nАлматы B-LOC\n\n" {
		t.Errorf("got %q", out)
	}
}
