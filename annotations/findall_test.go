package annotations

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFoldRune(t *testing.T) {
	for _, set := range []string{
		"Aa", "Zz", "Kk\u212a", // K, k and the Kelvin sign
		"Ss\u017f",                                           // long s
		"Әә", "Ғғ", "Ққ", "Ңң", "Өө", "Ұұ", "Үү", "Һһ", "Іі", // Kazakh Cyrillic
		"ЁёЕе", "Йй", "Щщ", // ё is е, as Russian writes it
		"Σσς",
		"Iiİı", // Turkic and Kazakh Latin
		"Ğğ", "Şş", "Ää", "Öö", "Üü",
	} {
		rs := []rune(set)
		for _, r := range rs[1:] {
			if FoldRune(r) != FoldRune(rs[0]) {
				t.Errorf("FoldRune(%q) = %q, FoldRune(%q) = %q; want equal", r, FoldRune(r), rs[0], FoldRune(rs[0]))
			}
		}
	}
	for _, pair := range []string{"Іи", "ӘА", "ҚК", "ҰУ", "ҮУ", "ӨО", "ЙИ"} {
		rs := []rune(pair)
		if FoldRune(rs[0]) == FoldRune(rs[1]) {
			t.Errorf("FoldRune(%q) = FoldRune(%q): distinct letters must stay distinct", rs[0], rs[1])
		}
	}
	for _, r := range []rune{'1', ' ', '«', utf8.RuneError, -1, utf8.MaxRune + 1, '👍'} {
		if FoldRune(r) != r {
			t.Errorf("FoldRune(%q) = %q, want it unchanged", r, FoldRune(r))
		}
	}
}

func TestFindAll(t *testing.T) {
	type rng = [2]int
	const kk = "\ufeffАЛМАТЫ 👍 Алматыда, Алматы\r\nалматы_ж «Алматы» 5Алматы"
	tests := []struct {
		name, text, find string
		opts             FindOptions
		want             []rng
	}{
		{"case-sensitive", kk, "Алматы", FindOptions{}, []rng{{10, 16}, {20, 26}, {38, 44}, {47, 53}}},
		{"ignore case", kk, "алматы", FindOptions{IgnoreCase: true}, []rng{{1, 7}, {10, 16}, {20, 26}, {28, 34}, {38, 44}, {47, 53}}},
		{"whole word", kk, "Алматы", FindOptions{WholeWord: true}, []rng{{20, 26}, {38, 44}}},
		{"whole word, ignore case", kk, "алматы", FindOptions{IgnoreCase: true, WholeWord: true}, []rng{{1, 7}, {20, 26}, {38, 44}}},
		{"punctuation edges", kk, "«алматы»", FindOptions{IgnoreCase: true, WholeWord: true}, []rng{{37, 45}}},
		{"across CRLF", kk, "Алматы\r\nалматы", FindOptions{}, []rng{{20, 34}}},
		{"Kazakh letters", "ҚАЗАҚСТАН мен Қазақстан, қазақстандық ӘКІМ әкімі", "қазақстан", FindOptions{IgnoreCase: true, WholeWord: true}, []rng{{0, 9}, {14, 23}}},
		{"Kazakh letters stay distinct", "Әкім, Акім", "әкім", FindOptions{IgnoreCase: true}, []rng{{0, 4}}},
		{"ё is е", "Алёна, АЛЕНА и алена", "Алена", FindOptions{IgnoreCase: true, WholeWord: true}, []rng{{0, 5}, {7, 12}, {15, 20}}},
		{"ё is ё when case matters", "Алёна Алена", "Алена", FindOptions{}, []rng{{6, 11}}},
		{"І is not И", "ІІМ ИИМ", "іім", FindOptions{IgnoreCase: true}, []rng{{0, 3}}},
		{"Kazakh Latin dotted I", "İlyas ILYAS ılyas ilyas", "ilyas", FindOptions{IgnoreCase: true}, []rng{{0, 5}, {6, 11}, {12, 17}, {18, 23}}},
		{"final sigma", "ΟΔΟΣ οδος οδοσ", "οδος", FindOptions{IgnoreCase: true}, []rng{{0, 4}, {5, 9}, {10, 14}}},
		{"not before a combining mark", "е\u0301 е ее\u0301", "е", FindOptions{}, []rng{{3, 4}, {5, 6}}},
		{"not before a ZWJ", "👨\u200d👩 👨", "👨", FindOptions{}, []rng{{4, 5}}},
		{"astral offsets", "😀a😀a", "a", FindOptions{}, []rng{{1, 2}, {3, 4}}},
		{"no overlap between matches", "aaaa", "aa", FindOptions{}, []rng{{0, 2}, {2, 4}}},
		{"rejected start does not hide a later match", "xaa aa", "aa", FindOptions{WholeWord: true}, []rng{{4, 6}}},
		{"digits are word runes", "5 мың 15 мың", "5 мың", FindOptions{WholeWord: true}, []rng{{0, 5}}},
		{"empty", "abc", "", FindOptions{}, nil},
		{"not found", "abc", "d", FindOptions{}, nil},
		{"longer than the text", "ab", "abc", FindOptions{}, nil},
		{"invalid UTF-8", "a\xffb a\xffb", "a\uFFFDb", FindOptions{}, []rng{{0, 3}, {4, 7}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDocument("d1", "", "", tt.text)
			var got []rng
			for _, m := range FindAll(d, tt.find, tt.opts) {
				got = append(got, rng{m.Start, m.End})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FindAll(%q) = %v, want %v", tt.find, got, tt.want)
			}
		})
	}
}

func TestFindAllOverlaps(t *testing.T) {
	d := NewDocument("d1", "", "", "Алматы облысы, Алматы қаласы және Алматы")
	d.Spans = []Span{
		{ID: "T1", Label: "GPE", Start: 0, End: 13},  // Алматы облысы
		{ID: "T2", Label: "GPE", Start: 0, End: 6},   // Алматы
		{ID: "T3", Label: "ORG", Start: 15, End: 21}, // Алматы, as another label
		{ID: "T4", Label: "LOC", Start: 3, End: 40, Fragments: []Fragment{{3, 4}, {39, 40}}},
	}
	ms := FindAll(d, "Алматы", FindOptions{Label: "GPE", WholeWord: true})
	want := []Match{
		{Start: 0, End: 6, Overlaps: []string{"T1", "T2", "T4"}, Exists: true},
		{Start: 15, End: 21, Overlaps: []string{"T3"}},
		{Start: 34, End: 40, Overlaps: []string{"T4"}},
	}
	if !reflect.DeepEqual(ms, want) {
		t.Errorf("FindAll = %+v\nwant %+v", ms, want)
	}
}

func TestAddAll(t *testing.T) {
	w := NewWorkspace(DefaultSchema())
	d := NewDocument("d1", "", "", "Ақтөбе, АҚТӨБЕ 👍 ақтөбе және Ақтөбеде")
	if _, err := w.Apply(Op{Kind: OpAddDocument, Document: d}); err != nil {
		t.Fatal(err)
	}
	d = w.Document("d1")
	for _, s := range []Span{{ID: "T7", Label: "GPE", Start: 0, End: 6}, {ID: "E2", Label: "ORG", Start: 8, End: 14}} {
		if _, err := w.Apply(Op{Kind: OpAddSpan, Doc: "d1", Span: &s}); err != nil {
			t.Fatal(err)
		}
	}
	ms := FindAll(d, "ақтөбе", FindOptions{Label: "GPE", IgnoreCase: true, WholeWord: true})
	if len(ms) != 3 || !ms[0].Exists || ms[1].Exists || !reflect.DeepEqual(ms[1].Overlaps, []string{"E2"}) {
		t.Fatalf("FindAll = %+v", ms)
	}
	ms = append(ms, ms[2], Match{Start: 30, End: 99}) // a repeat and a range past the text
	ops := AddAll(d, "GPE", ms)
	if len(ops) != 1 || ops[0].Kind != OpAddSpans {
		t.Fatalf("AddAll made %d ops, want one %s", len(ops), OpAddSpans)
	}
	var got []string
	for _, s := range ops[0].Spans {
		got = append(got, s.ID+" "+s.Text)
	}
	if want := []string{"T8 АҚТӨБЕ", "T9 ақтөбе"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("AddAll made %q, want %q", got, want)
	}
	var undo []Op
	for _, op := range ops {
		inv, err := w.Apply(op)
		if err != nil {
			t.Fatal(err)
		}
		undo = append(undo, inv)
	}
	d = w.Document("d1")
	if n := len(d.Spans); n != 4 {
		t.Errorf("%d spans after AddAll, want 4", n)
	}
	if again := FindAll(d, "ақтөбе", FindOptions{Label: "GPE", IgnoreCase: true, WholeWord: true}); len(AddAll(d, "GPE", again)) != 0 {
		t.Error("a second AddAll adds spans again")
	}
	for i := len(undo) - 1; i >= 0; i-- {
		if _, err := w.Apply(undo[i]); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(w.Document("d1").Spans); n != 2 {
		t.Errorf("%d spans after undo, want 2", n)
	}
}

// findAllNaive is FindAll's contract written plainly, code point by code
// point.
func findAllNaive(text, find string, opts FindOptions) [][2]int {
	fold := func(s string) []rune {
		rs := []rune(s)
		if opts.IgnoreCase {
			for i, r := range rs {
				rs[i] = FoldRune(r)
			}
		}
		return rs
	}
	hay, needle := fold(text), fold(find)
	if len(needle) == 0 {
		return nil
	}
	var out [][2]int
	for i := 0; i+len(needle) <= len(hay); {
		e := i + len(needle)
		ok := string(hay[i:e]) == string(needle)
		if ok && opts.WholeWord && IsWordRune(needle[0]) && i > 0 && IsWordRune(hay[i-1]) {
			ok = false
		}
		if ok && e < len(hay) && (attachesToPrevious(hay[e]) || opts.WholeWord && IsWordRune(needle[len(needle)-1]) && IsWordRune(hay[e])) {
			ok = false
		}
		if ok {
			out = append(out, [2]int{i, e})
			i = e
		} else {
			i++
		}
	}
	return out
}

func FuzzFindAll(f *testing.F) {
	f.Add("\ufeffАЛМАТЫ 👍 Алматыда, Алматы\r\nалматы", "алматы", true, true)
	f.Add("İlyas ılyas ΟΔΟΣ οδος", "ILYAS", true, false)
	f.Add("е\u0301 ее", "е", false, true)
	f.Add("a\xffb\xe2\x82", "\xff", false, false)
	f.Add("aaaa", "aa", false, false)
	f.Fuzz(func(t *testing.T, text, find string, ignoreCase, wholeWord bool) {
		d := NewDocument("d", "", "", text)
		d.Spans = []Span{{ID: "T1", Label: "X", Start: 0, End: min(2, d.Index().Len())}}
		opts := FindOptions{Label: "X", IgnoreCase: ignoreCase, WholeWord: wholeWord}
		ms := FindAll(d, find, opts)
		x := d.Index()
		want := normalizeRunes(find, ignoreCase)
		var got [][2]int
		for i, m := range ms {
			if m.Start < 0 || m.End > x.Len() || m.Start >= m.End {
				t.Fatalf("match %d [%d, %d) outside the text of %d code points", i, m.Start, m.End, x.Len())
			}
			if i > 0 && m.Start < ms[i-1].End {
				t.Fatalf("match %d [%d, %d) overlaps the one before", i, m.Start, m.End)
			}
			if s := normalizeRunes(x.Slice(m.Start, m.End), ignoreCase); s != want {
				t.Fatalf("match %d [%d, %d) covers %q, folded %q; want %q", i, m.Start, m.End, x.Slice(m.Start, m.End), s, want)
			}
			got = append(got, [2]int{m.Start, m.End})
		}
		if naive := findAllNaive(text, find, opts); !reflect.DeepEqual(got, naive) {
			t.Fatalf("FindAll = %v, naive = %v", got, naive)
		}
		for _, op := range AddAll(d, "X", ms) {
			for _, sp := range op.Spans {
				if x.Slice(sp.Start, sp.End) != sp.Text {
					t.Fatalf("AddAll span %+v has the wrong text", sp)
				}
			}
		}
	})
}

// newsText returns about n code points of Kazakh and Russian news text in
// which every tenth sentence mentions Алматы.
func newsText(n int) string {
	sentences := []string{
		"Алматыда бейбіт митинг өтті, оған 200-ге жуық адам қатысты. ",
		"Полиция задержала двенадцать активистов у здания акимата. ",
		"Сот белсендіге 15 тәулік әкімшілік қамау тағайындады. ",
		"Жаңаөзен мұнайшылары жалақыны көтеруді талап етіп ереуілге шықты. ",
		"Депутат Мажилиса Ерлан Нұрланұлы 👍 заявил о новом законе. ",
	}
	var b strings.Builder
	for i := 0; utf8.RuneCountInString(b.String()) < n; i++ {
		b.WriteString("Алматы қаласы. ")
		b.WriteString(sentences[i%len(sentences)])
	}
	return string([]rune(b.String())[:n])
}

// BenchmarkFindAll finds 500 occurrences in a 50,000-character document,
// turns them into ops and applies them to a workspace.
func BenchmarkFindAll(b *testing.B) {
	text := newsText(50000)
	d := NewDocument("d1", "", "", text)
	if n := len(FindAll(d, "алматы", FindOptions{IgnoreCase: true, WholeWord: true})); n < 500 {
		b.Fatalf("%d occurrences, want at least 500", n)
	}
	b.Run("find", func(b *testing.B) {
		for b.Loop() {
			FindAll(d, "алматы", FindOptions{Label: "GPE", IgnoreCase: true, WholeWord: true})
		}
	})
	b.Run("find+ops+apply", func(b *testing.B) {
		spans := 0
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			w := NewWorkspace(DefaultSchema())
			if _, err := w.Apply(Op{Kind: OpAddDocument, Document: NewDocument("d1", "", "", text)}); err != nil {
				b.Fatal(err)
			}
			doc := w.Document("d1")
			doc.Index()
			b.StartTimer()
			ms := FindAll(doc, "алматы", FindOptions{Label: "GPE", IgnoreCase: true, WholeWord: true})
			for _, op := range AddAll(doc, "GPE", ms[:500]) {
				if _, err := w.Apply(op); err != nil {
					b.Fatal(err)
				}
			}
			spans = len(w.Document("d1").Spans)
		}
		if spans != 500 {
			b.Fatalf("%d spans, want 500", spans)
		}
	})
}
