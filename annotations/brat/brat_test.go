package brat

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/loss"
	"belgi/internal/shared"
)

// throughJSON writes d as a native gold file and reads it back, as a
// conversion brat → json → brat does.
func throughJSON(t testing.TB, d *annotations.Document) *annotations.Document {
	t.Helper()
	data, err := annotations.Marshal(annotations.NewFile(annotations.Schema{Name: "t", Entities: []annotations.EntityType{}}, d))
	if err != nil {
		t.Fatal(err)
	}
	f, err := annotations.Decode(data)
	if err != nil {
		t.Fatalf("%s: the imported document does not validate: %v", d.ID, err)
	}
	return f.Documents[0]
}

// roundTripDir reads every pair under dir, passes each document through
// the native JSON format and writes it back, and fails unless both files come
// back byte for byte. It returns the number of pairs and the import report.
func roundTripDir(t *testing.T, dir string) (int, *loss.Report) {
	t.Helper()
	fsys := os.DirFS(dir)
	var rep loss.Report
	n := 0
	err := ReadFS(fsys, &rep, func(d *annotations.Document) error {
		n++
		txt, _ := fs.ReadFile(fsys, d.ID+".txt")
		ann, err := fs.ReadFile(fsys, d.ID+".ann")
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		back := throughJSON(t, d)
		if back.Text != string(txt) {
			t.Errorf("%s.txt: text changed", d.ID)
		}
		var out bytes.Buffer
		var wrep loss.Report
		if err := Write(&out, back, &wrep); err != nil {
			return err
		}
		if !bytes.Equal(out.Bytes(), ann) {
			t.Errorf("%s.ann: not byte-exact after brat → json → brat:\n%s", d.ID, firstDiff(ann, out.Bytes()))
		}
		if wrep.Len() > 0 {
			t.Errorf("%s: export of an unchanged document reported losses: %v", d.ID, wrep.Items)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n, &rep
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
			return "line " + itoa(i+1) + ":\n want " + strconvQuote(w) + "\n  got " + strconvQuote(g)
		}
	}
	return "(no difference)"
}

func itoa(i int) string            { b, _ := json.Marshal(i); return string(b) }
func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

func TestRoundTripSharedFixtures(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		docs int
	}{
		{"fixtures/nerel", 9},
		{"fixtures/brat-tutorial-news", 6},
		{"fixtures/bionlp-st-2011-ge", 5},
		{"fixtures/synthetic", 2},
	} {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			dir := shared.Dir(t, tc.dir)
			n, rep := roundTripDir(t, dir)
			if n != tc.docs {
				t.Errorf("%d documents, want %d", n, tc.docs)
			}
			t.Logf("%d documents byte-exact; import report: %d items", n, rep.Len())
			for _, it := range rep.Items {
				t.Logf("  %s", it)
			}
		})
	}
}

// TestSharedMalformed checks that the malformed lines of NEREL are reported
// with their line numbers.
func TestSharedMalformed(t *testing.T) {
	dir := shared.Dir(t, "fixtures/nerel")
	var rep loss.Report
	if err := ReadFS(os.DirFS(dir), &rep, func(*annotations.Document) error { return nil }); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"train/21013_text.ann": 52, "train/57760_text.ann": 142}
	for _, it := range rep.Items {
		if line, ok := want[it.Doc]; ok && it.Line == line && strings.Contains(it.Reason, "kept verbatim") {
			delete(want, it.Doc)
		}
	}
	for doc, line := range want {
		t.Errorf("%s:%d not reported; report: %v", doc, line, rep.Items)
	}
}

// TestSyntheticOffsets cross-checks the code point offsets of the synthetic
// fixtures against their UTF-16 and UTF-8 views in *.offsets.json.
func TestSyntheticOffsets(t *testing.T) {
	dir := shared.Dir(t, "fixtures/synthetic")
	for _, name := range []string{"ru_protest_crlf_emoji", "kk_election_bom"} {
		txt, _ := os.ReadFile(filepath.Join(dir, name+".txt"))
		ann, _ := os.ReadFile(filepath.Join(dir, name+".ann"))
		raw, err := os.ReadFile(filepath.Join(dir, name+".offsets.json"))
		if err != nil {
			t.Fatal(err)
		}
		d, err := Read(name, txt, ann, nil)
		if err != nil {
			t.Fatal(err)
		}
		var off struct {
			Length map[string]int
			Spans  map[string]struct {
				Type      string
				Text      []string
				Codepoint [][2]int
				UTF16     [][2]int `json:"utf16"`
				UTF8      [][2]int `json:"utf8_bytes"`
			}
		}
		if err := json.Unmarshal(raw, &off); err != nil {
			t.Fatal(err)
		}
		x := d.Index()
		if x.Len() != off.Length["codepoint"] || x.Len16() != off.Length["utf16"] || len(d.Text) != off.Length["utf8_bytes"] {
			t.Errorf("%s: lengths %d %d %d, want %v", name, x.Len(), x.Len16(), len(d.Text), off.Length)
		}
		checked := 0
		for id, want := range off.Spans {
			s, ok := d.Span(id)
			if !ok {
				t.Errorf("%s: no span %s", name, id)
				continue
			}
			frags := s.Fragments
			if len(frags) == 0 {
				frags = []annotations.Fragment{{Start: s.Start, End: s.End}}
			}
			if len(frags) != len(want.Codepoint) || s.Label != want.Type {
				t.Errorf("%s: %s = %+v, want %+v", name, id, s, want)
				continue
			}
			for i, f := range frags {
				cp := [2]int{f.Start, f.End}
				u16 := [2]int{x.UTF16(f.Start), x.UTF16(f.End)}
				u8 := [2]int{x.Byte(f.Start), x.Byte(f.End)}
				if cp != want.Codepoint[i] || u16 != want.UTF16[i] || u8 != want.UTF8[i] || x.Slice(f.Start, f.End) != want.Text[i] {
					t.Errorf("%s: %s fragment %d: code points %v, UTF-16 %v, bytes %v; want %v %v %v", name, id, i, cp, u16, u8, want.Codepoint[i], want.UTF16[i], want.UTF8[i])
				}
				checked++
			}
		}
		if checked == 0 {
			t.Errorf("%s: no offsets checked", name)
		}
		t.Logf("%s: %d fragments checked", name, checked)
	}
}

func TestRoundTripOwnFixtures(t *testing.T) {
	n, rep := roundTripDir(t, "testdata/corpus")
	if n != 3 {
		t.Errorf("%d documents, want 3", n)
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.String())
	}
	want := []string{
		`ru_crlf_emoji.ann:24: line kept verbatim, not imported: no TAB after an id: "это обрывок строки без идентификатора"`,
		`ru_crlf_emoji.ann:25: line kept verbatim, not imported: offsets 5 3 are outside the text (183 code points) or empty: "T13\tPER 5 3\tнеправильные смещения"`,
		`ru_crlf_emoji.ann:26: line kept verbatim, not imported: argument T99 is not in the file: "E9\tArrest:T5 Person:T99"`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("import report:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func readOwn(t *testing.T, id string) *annotations.Document {
	t.Helper()
	txt, err := os.ReadFile(filepath.Join("testdata/corpus", id+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	ann, err := os.ReadFile(filepath.Join("testdata/corpus", id+".ann"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(id, txt, ann, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestReadModel(t *testing.T) {
	d := readOwn(t, "ru_crlf_emoji")
	span := func(id string) annotations.Span {
		s, ok := d.Span(id)
		if !ok {
			t.Fatalf("no span %s", id)
		}
		return s
	}
	// 📢 is one code point; each CRLF counts two.
	if s := span("T1"); s.Start != 4 || s.End != 13 || s.Text != "Караганде" {
		t.Errorf("T1 = %+v", s)
	}
	if s := span("T7"); s.Text != "Айгу\u0301ль Серикову" {
		t.Errorf("T7 (combining mark) = %+v", s)
	}
	if s := span("T9"); len(s.Fragments) != 2 || s.Text != "вы\u0301шли на площадь" {
		t.Errorf("T9 (discontinuous) = %+v", s)
	}
	if s := span("T12"); s.Text != "🇰🇿" || s.End-s.Start != 2 {
		t.Errorf("T12 (flag) = %+v", s)
	}
	events := map[string]annotations.Event{}
	for _, e := range d.Events {
		events[e.ID] = e
	}
	wantE2 := []annotations.Argument{{Role: "Agent", Ref: "T4"}, {Role: "Person", Ref: "T6"}, {Role: "Person", Ref: "T7"}}
	if !reflect.DeepEqual(events["E2"].Arguments, wantE2) {
		t.Errorf("E2 arguments = %v, want %v", events["E2"].Arguments, wantE2)
	}
	if a := events["E4"].Arguments; len(a) != 2 || a[1] != (annotations.Argument{Role: "Event", Ref: "E2"}) {
		t.Errorf("E4 (event as argument, forward reference) = %v", a)
	}
	if _, ok := events["E9"]; ok {
		t.Errorf("E9 refers to a missing span but was imported")
	}
	wantRel := []annotations.Relation{
		{ID: "R1", Type: "LocatedIn", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "T3"}, {Role: "Arg2", Ref: "T1"}}},
		{ID: "R2", Type: "Affiliation", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "T8"}, {Role: "Arg2", Ref: "T10"}}},
		{ID: "*1", Type: "Coref", Arguments: []annotations.Argument{{Role: EquivRole, Ref: "T6"}, {Role: EquivRole, Ref: "T8"}}},
	}
	if !reflect.DeepEqual(d.Relations, wantRel) {
		t.Errorf("relations = %+v", d.Relations)
	}
	wantAttr := []annotations.Attribute{{ID: "A1", Name: "Negated", Target: "E3"}, {ID: "M2", Name: "Realis", Target: "E2", Value: "Actual"}}
	if !reflect.DeepEqual(d.Attributes, wantAttr) {
		t.Errorf("attributes = %+v", d.Attributes)
	}
	if n := d.Normalizations; len(n) != 1 || n[0] != (annotations.Normalization{ID: "N1", Type: "Reference", Target: "T1", Resource: "Wikidata", Entry: "Q180101", Text: "Караганда"}) {
		t.Errorf("normalizations = %+v", n)
	}
	if n := d.Notes; len(n) != 1 || n[0] != (annotations.Note{ID: "#1", Target: "T2", Text: "2023-03-12"}) {
		t.Errorf("notes = %+v", n)
	}
	bom := readOwn(t, "sub/kk_bom")
	if s, _ := bom.Span("T1"); s.Start != 1 || s.Text != "Алматыда" {
		t.Errorf("BOM is code point 0: T1 = %+v", s)
	}
}

// TestWriteEdits checks that edits are written in canonical form in place,
// deletions leave out their line, and new annotations follow.
func TestWriteEdits(t *testing.T) {
	d := readOwn(t, "sub/kk_bom")
	// Delete T6 and the event argument that uses it; relabel T2; add a span
	// and an event with a repeated role.
	var spans []annotations.Span
	for _, s := range d.Spans {
		switch s.ID {
		case "T6":
			continue
		case "T2":
			s.Label = "DATE"
		}
		spans = append(spans, s)
	}
	x := d.Index()
	start := strings.Index(d.Text, "Шеру")
	cp, _ := x.FromByte(start)
	spans = append(spans, annotations.Span{ID: "T8", Label: "Protest", Start: cp, End: cp + 4, Text: "Шеру"})
	d.Spans = spans
	d.Events[0].Arguments = d.Events[0].Arguments[:3]
	d.Events = append(d.Events, annotations.Event{ID: "E3", Type: "Protest", Trigger: "T8",
		Arguments: []annotations.Argument{{Role: "Place", Ref: "T1"}, {Role: "Place", Ref: "T3"}}})
	var out bytes.Buffer
	var rep loss.Report
	if err := Write(&out, throughJSON(t, d), &rep); err != nil {
		t.Fatal(err)
	}
	want := "T3\tORG 30 47\t«Ақ жол» партиясы\n" +
		"T1\tGPE 1 9\tАлматыда\n" +
		"T2\tDATE 10 20\t2024 жылғы\n" +
		"T4\tORG 31 37\tАқ жол\n" +
		"T5\tVote 21 29\tсайлауда\n" +
		"T7\tDemonstrate 66 70\tШеру\n" +
		"E1\tVote:T5 Candidate:T3 Place:T1 Time:T2\n" +
		"E2\tDemonstrate:T7\n" +
		"N1\tReference T4 Wikidata:Q4055936\tАқ жол\n" +
		"A1\tRealis E2 Actual\n" +
		"T8\tProtest 66 70\tШеру\n" +
		"E3\tProtest:T8 Place:T1 Place2:T3\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	if rep.Len() != 0 {
		t.Errorf("report: %v", rep.Items)
	}
}

// TestWriteForeign writes a document made elsewhere: IDs that do not fit
// brat are renamed consistently, and what brat cannot hold is reported.
func TestWriteForeign(t *testing.T) {
	d := annotations.NewDocument("x", "", "", "Alice met Bob in Paris.\n")
	d.Spans = []annotations.Span{
		{ID: "0", Label: "PER", Start: 0, End: 5, Text: "Alice"},
		{ID: "1", Label: "PER", Start: 10, End: 13, Text: "Bob"},
		{ID: "r 2", Label: "Place name", Start: 17, End: 22, Text: "Paris"},
		{ID: "T1", Label: "Meet", Start: 6, End: 9, Text: "met"},
	}
	d.Events = []annotations.Event{{ID: "ev", Type: "Meet", Trigger: "T1",
		Arguments: []annotations.Argument{{Role: "Participant", Ref: "0"}, {Role: "Participant", Ref: "1"}, {Role: "Place1", Ref: "r 2"}}}}
	d.Relations = []annotations.Relation{
		{ID: "rel", Type: "knows", Arguments: []annotations.Argument{{Role: "from", Ref: "0"}, {Role: "to", Ref: "1"}}},
		{ID: "R9", Type: "triple", Arguments: []annotations.Argument{{Role: "a", Ref: "0"}, {Role: "b", Ref: "1"}, {Role: "c", Ref: "T1"}}},
	}
	d.Notes = []annotations.Note{{ID: "n", Target: "R9", Text: "x"}, {ID: "#5", Target: "0", Text: "two\nlines"}}
	var out bytes.Buffer
	var rep loss.Report
	if err := Write(&out, throughJSON(t, d), &rep); err != nil {
		t.Fatal(err)
	}
	want := "T2\tPER 0 5\tAlice\n" +
		"T1\tMeet 6 9\tmet\n" +
		"T3\tPER 10 13\tBob\n" +
		"T4\tPlace_name 17 22\tParis\n" +
		"E1\tMeet:T1 Participant:T2 Participant2:T3 Place1:T4\n" +
		"R10\tknows from:T2 to:T3\t\n" +
		"#5\tAnnotatorNotes T2\ttwo lines\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	var reasons []string
	for _, it := range rep.Items {
		reasons = append(reasons, it.ID+": "+it.Reason)
	}
	for _, w := range []string{
		`R9: not written: brat relations have two arguments; this one has 3`,
		`n: not written: its target R9 is not written`,
		`0: written as T2`,
		`r 2: written as T4`,
		`ev: written as E1`,
		`r 2: label "Place name" written as "Place_name"`,
		`ev: role "Place1" ends in a digit`,
		`#5: line breaks or TABs in the note written as spaces`,
	} {
		found := false
		for _, r := range reasons {
			found = found || strings.HasPrefix(r, w)
		}
		if !found {
			t.Errorf("report lacks %q; it has:\n%s", w, strings.Join(reasons, "\n"))
		}
	}
}

func TestFileBase(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"train/16684_text", "train/16684_text"},
		{"d1", "d1"},
		{"../etc/passwd", "_etc_passwd"},
		{"/abs", "_abs"},
		{"http://x.kz/a?b", "http___x.kz_a_b"},
		{".hidden", "hidden"},
		{"", "_"},
	} {
		if got := FileBase(tc.id); got != tc.want {
			t.Errorf("FileBase(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}
