package suggest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"belgi/annotations"
)

// doc returns a document holding text with spans on the given substrings,
// each the first occurrence at or after the end of the one before.
func doc(t testing.TB, id, text string, spans ...[2]string) *annotations.Document {
	t.Helper()
	d := annotations.NewDocument(id, "", "", text)
	from := 0
	for i, s := range spans {
		label, sub := s[0], s[1]
		b := strings.Index(text[from:], sub)
		if b < 0 {
			t.Fatalf("%q not in %q after byte %d", sub, text, from)
		}
		b += from
		start := utf8.RuneCountInString(text[:b])
		d.Spans = append(d.Spans, annotations.Span{
			ID: fmt.Sprintf("T%d", i+1), Label: label, Text: sub,
			Start: start, End: start + utf8.RuneCountInString(sub),
		})
		from = b + len(sub)
	}
	return d
}

// show renders suggestions as "LABEL text score".
func show(d *annotations.Document, ss []Suggestion) []string {
	var out []string
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%s %s %.2f", s.Label, d.Index().Slice(s.Start, s.End), s.Score))
	}
	return out
}

func training(t testing.TB) []*annotations.Document {
	return []*annotations.Document{
		doc(t, "d1", "Алматыда митинг өтті. Алматы әкімдігі мен Қасым-Жомарт Тоқаев. Полиция Алматы облысы бойынша.",
			[2]string{"GPE", "Алматы"}, [2]string{"ORG", "Алматы әкімдігі"}, [2]string{"PER", "Қасым-Жомарт Тоқаев"},
			[2]string{"ORG", "Полиция"}, [2]string{"GPE", "Алматы облысы"}),
		doc(t, "d2", "Астана, Астана, «Астана» клубы, Алматы. 5 адам. Ұ.",
			[2]string{"GPE", "Астана"}, [2]string{"GPE", "Астана"}, [2]string{"ORG", "«Астана»"}, [2]string{"GPE", "Алматы"},
			[2]string{"NUM", "5"}, [2]string{"X", "Ұ."}),
		nil,
	}
}

func TestSuggest(t *testing.T) {
	m := Learn(training(t))
	if n := m.Len(); n != 8 {
		t.Errorf("Len = %d, want 8 strings", n)
	}
	d := doc(t, "new",
		"АЛМАТЫ облысы мен алматы, Алматыда емес. ҚАСЫМ-ЖОМАРТ ТОҚАЕВ және Тоқаев. ПОЛИЦИЯ. Астана, «астана», астана 5 е\u0301 Ұ.",
		[2]string{"GPE", "алматы"}, // the user labelled this occurrence already
	)
	got := show(d, m.Suggest(d))
	want := []string{
		"GPE Астана 0.67", // highest score first
		"GPE астана 0.67",
		"GPE АЛМАТЫ облысы 0.50", // the longest match wins over Алматы
		"PER ҚАСЫМ-ЖОМАРТ ТОҚАЕВ 0.50",
		"ORG ПОЛИЦИЯ 0.50",
		"ORG «астана» 0.50",
		"X Ұ. 0.50",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Suggest =\n%q\nwant\n%q", got, want)
	}
}

func TestSuggestRespectsSpans(t *testing.T) {
	m := Learn(training(t))
	m.Add(annotations.Span{Label: "ORG", Text: "Астана"}) // now GPE 2, ORG 1
	d := doc(t, "new", "Астана мен Астана қаласы, Астана, астана.",
		[2]string{"ORG", "Астана"},        // exactly covered: decided
		[2]string{"LOC", "Астана қаласы"}, // overlapped by another label: still suggested
		[2]string{"GPE", "Астана, астана"},
	)
	got := show(d, m.Suggest(d))
	want := []string{"GPE Астана 0.50", "ORG Астана 0.25", "ORG астана 0.25"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Suggest = %q, want %q", got, want)
	}
	// With a GPE span over the first, the ORG label comes next there too.
	d.Spans = append(d.Spans, annotations.Span{ID: "T9", Label: "GPE", Start: 11, End: 24, Text: "Астана қаласы"})
	got = show(d, m.Suggest(d))
	want = []string{"ORG Астана 0.25", "ORG Астана 0.25", "ORG астана 0.25"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Suggest = %q, want %q", got, want)
	}
}

func TestAddRemove(t *testing.T) {
	docs := training(t)
	learned := Learn(docs)
	m := New()
	var all []annotations.Span
	for _, d := range docs {
		if d != nil {
			all = append(all, d.Spans...)
		}
	}
	for _, s := range all {
		m.Add(s)
	}
	d := doc(t, "new", "Алматы, Астана, Алматы облысы, полиция.")
	if a, b := learned.Suggest(d), m.Suggest(d); !reflect.DeepEqual(a, b) {
		t.Fatalf("Learn and Add differ:\n%v\n%v", a, b)
	}

	// Labelling "Алматы" as LOC three times outweighs GPE twice.
	loc := annotations.Span{Label: "LOC", Text: " алматы\n"}
	for range 3 {
		m.Add(loc)
	}
	if got := show(d, m.Suggest(d)); !reflect.DeepEqual(got, []string{"GPE Астана 0.67", "LOC Алматы 0.50", "GPE Алматы облысы 0.50", "ORG полиция 0.50"}) {
		t.Errorf("after Add: %q", got)
	}
	for range 3 {
		m.Remove(loc)
	}
	m.Remove(annotations.Span{Label: "PER", Text: "Алматы"}) // never added
	if a, b := learned.Suggest(d), m.Suggest(d); !reflect.DeepEqual(a, b) {
		t.Errorf("Remove does not undo Add:\n%v\n%v", a, b)
	}
	for _, s := range all {
		m.Remove(s)
	}
	if m.Len() != 0 || len(m.byFirst) != 0 || m.Suggest(d) != nil {
		t.Errorf("after removing everything: %d strings, %d first tokens, %v", m.Len(), len(m.byFirst), m.Suggest(d))
	}
}

func TestSkipped(t *testing.T) {
	m := New()
	for _, s := range []annotations.Span{
		{Label: "NUM", Text: "5"},
		{Label: "X", Text: "«»"},
		{Label: "X", Text: "  "},
		{Label: "PER", Text: "Ер Ан", Fragments: []annotations.Fragment{{Start: 0, End: 2}, {Start: 5, End: 7}}},
	} {
		m.Add(s)
	}
	if m.Len() != 0 {
		t.Errorf("model learned %d strings it cannot match sensibly", m.Len())
	}
	d := doc(t, "d", "5 «» Ер Ан")
	if ss := m.Suggest(d); ss != nil {
		t.Errorf("Suggest = %v", ss)
	}
}

func TestWholeWords(t *testing.T) {
	m := New()
	m.Add(annotations.Span{Label: "PER", Text: "Ерлан"})
	m.Add(annotations.Span{Label: "ORG", Text: "Oyan, Qazaqstan"})
	m.Add(annotations.Span{Label: "ORG", Text: "«Oyan»"})
	d := doc(t, "d", "Ерланға Ерлан_ Ерлан\u0301 МЕНЕРЛАН Ерлан! oyan, qazaqstandyq OYAN, QAZAQSTAN x«oyan»y")
	got := show(d, m.Suggest(d))
	want := []string{"PER Ерлан 0.50", "ORG OYAN, QAZAQSTAN 0.50", "ORG «oyan» 0.50"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Suggest = %q, want %q", got, want)
	}
}

// BenchmarkSuggest suggests spans in a 50,000-character document with a
// model of 2,000 strings.
func BenchmarkSuggest(b *testing.B) {
	m := New()
	names := []string{"Алматы", "Астана", "Жаңаөзен", "Қасым-Жомарт Тоқаев", "полиция", "сот", "әкімдік", "Мажилис", "Oyan, Qazaqstan", "митинг"}
	for i, n := range names {
		for range i + 1 {
			m.Add(annotations.Span{Label: fmt.Sprint("L", i%4), Text: n})
		}
	}
	for i := 0; m.Len() < 2000; i++ {
		m.Add(annotations.Span{Label: "PER", Text: fmt.Sprintf("Адам%d Тегі%d", i, i)})
		m.Add(annotations.Span{Label: "ORG", Text: fmt.Sprintf("Ұйым%d", i)})
	}
	var text strings.Builder
	for i := 0; text.Len() < 200000; i++ {
		fmt.Fprintf(&text, "%s маңында %s өтті, Адам%d Тегі%d және %s қатысты. ", names[i%len(names)], names[(i+3)%len(names)], i%1500, i%1500, names[(i+7)%len(names)])
	}
	d := annotations.NewDocument("d", "", "", string([]rune(text.String())[:50000]))
	n := len(m.Suggest(d))
	if n < 1000 {
		b.Fatalf("%d suggestions", n)
	}
	for b.Loop() {
		m.Suggest(d)
	}
	b.ReportMetric(float64(n), "suggestions/op")
}

func BenchmarkLearn(b *testing.B) {
	var docs []*annotations.Document
	for i := range 100 {
		d := annotations.NewDocument(fmt.Sprint(i), "", "", strings.Repeat("Алматы Астана ", 100))
		for j := range 100 {
			d.Spans = append(d.Spans, annotations.Span{ID: fmt.Sprint("T", j), Label: "GPE", Start: 14 * j, End: 14*j + 6, Text: "Алматы"})
		}
		docs = append(docs, d)
	}
	for b.Loop() {
		Learn(docs)
	}
}

func FuzzSuggest(f *testing.F) {
	f.Add("Алматы", "GPE", "АЛМАТЫ, алматыда «Алматы» алматы\u0301 алматы")
	f.Add("«Oyan»", "ORG", "x«oyan»y «OYAN»")
	f.Add("a\xffb", "X", "a\xffb A\uFFFDB")
	f.Fuzz(func(t *testing.T, learned, label, text string) {
		m := New()
		m.Add(annotations.Span{Label: label, Text: learned})
		m.Add(annotations.Span{Label: "Y", Text: learned + " x"})
		d := annotations.NewDocument("d", "", "", text)
		x := d.Index()
		ss := m.Suggest(d)
		end := -1
		slices.SortFunc(ss, func(a, b Suggestion) int { return a.Start - b.Start })
		for _, s := range ss {
			if s.Start < 0 || s.End > x.Len() || s.Start >= s.End || s.Start < end {
				t.Fatalf("suggestion %+v out of range or overlapping (text of %d code points)", s, x.Len())
			}
			end = s.End
			if _, ok := m.entries[fold(x.Slice(s.Start, s.End))]; !ok {
				t.Fatalf("suggestion %+v covers %q, which the model does not know", s, x.Slice(s.Start, s.End))
			}
			if s.Score <= 0 || s.Score >= 1 {
				t.Fatalf("score %v", s.Score)
			}
		}
	})
}
