package annotations

import (
	"bytes"
	"strings"
	"testing"
)

const dump = "Басты бет\r\nЖаңалықтар\r\nАқтөбеде 👍 митинг өтті\r\nПолиция 12 белсендіні ұстады, деп хабарлады «Ақ жол» партиясы.\r\nБелсенділер әкімдік алдына жиналып, жалақыны көтеруді талап етті.\r\nТақырыпқа қатысты жаңалықтар\r\n08.04.2026\r\nАқтауда құрылысшылар жалақы берешегін талап етті\r\n© 2026 Дала үні. Барлық құқықтар қорғалған.\r\n"

func TestRecleanMovesSpans(t *testing.T) {
	d, err := NewCleanedDocument("d1", "t", "", dump, false)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Text, "Басты бет") || strings.Contains(d.Text, "\r") || !strings.Contains(d.Text, "Полиция 12") {
		t.Fatalf("cleaned text:\n%s", d.Text)
	}
	w := NewWorkspace(DefaultSchema())
	w.Apply(Op{Kind: OpAddDocument, Document: d})
	at := func(sub string) (int, int) {
		i := strings.Index(d.Text, sub)
		s := len([]rune(d.Text[:i]))
		return s, s + len([]rune(sub))
	}
	a, b := at("Полиция")
	c, e := at("«Ақ жол»")
	w.Apply(Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "ORG", Start: a, End: b}})
	w.Apply(Op{Kind: OpAddSpan, Doc: "d1", Span: &Span{Label: "ORG", Start: c, End: e}})
	d = w.Document("d1")

	// Restore every line: the spans move down and keep their text.
	lines := append(d.Cleaning.Lines[:0:0], d.Cleaning.Lines...)
	for i := range lines {
		lines[i].Keep = true
	}
	nd, lost, err := d.Reclean(lines)
	if err != nil || len(lost) != 0 {
		t.Fatalf("restore all: lost %v, %v", lost, err)
	}
	if !strings.HasPrefix(nd.Text, "Басты бет\n") {
		t.Errorf("restored text starts %q", nd.Text[:20])
	}
	for _, s := range nd.Spans {
		if nd.Index().Slice(s.Start, s.End) != s.Text || s.Start <= a {
			t.Errorf("span %s moved wrongly: %+v", s.ID, s)
		}
	}
	if _, err := w.Apply(Op{Kind: OpReplaceDocument, Document: nd}); err != nil {
		t.Fatalf("the recleaned document does not validate: %v", err)
	}
	// Round trip through JSON keeps the cleaning record valid.
	data, _ := Marshal(NewFile(w.Schema, w.Documents...))
	f, err := Decode(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	again, _ := Marshal(f)
	if !bytes.Equal(data, again) {
		t.Error("export → import → export differs with a cleaning record")
	}

	// Remove the line holding the spans: they are reported lost.
	lines = append(nd.Cleaning.Lines[:0:0], nd.Cleaning.Lines...)
	for i, l := range lines {
		if strings.HasPrefix(dump[len(string([]rune(dump)[:l.Start])):], "Полиция") {
			lines[i].Keep = false
		}
	}
	_, lost, err = nd.Reclean(lines)
	if err != nil || len(lost) != 2 {
		t.Errorf("removing the line lost %d spans, want 2 (%v)", len(lost), err)
	}

	// A tampered record is refused on import.
	bad := bytes.Replace(data, []byte(`"keep": false`), []byte(`"keep": true`), 1)
	if bytes.Equal(bad, data) {
		bad = bytes.Replace(data, []byte(`"keep": true`), []byte(`"keep": false`), 1)
	}
	if _, err := Decode(bad); err == nil || !strings.Contains(err.Error(), "cleaning") {
		t.Errorf("a cleaning record that does not reproduce the text: %v", err)
	}
}
