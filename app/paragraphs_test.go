package app

import (
	"reflect"
	"testing"

	"belgi/annotations"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		text string
		want []Para
	}{
		{"", nil},
		{"one", []Para{{0, 3, "one"}}},
		{"a\r\nb\r\n", []Para{{0, 1, "a"}, {3, 4, "b"}}},
		{"\ufeffҚ\n\n  \nб 👍\n", []Para{{0, 2, "\ufeffҚ"}, {7, 10, "б 👍"}}},
		{"x\ny", []Para{{0, 1, "x"}, {2, 3, "y"}}},
	}
	for _, tt := range tests {
		if got := Paragraphs(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Paragraphs(%q) = %+v, want %+v", tt.text, got, tt.want)
		}
	}
}

func TestSegments(t *testing.T) {
	p := Para{Start: 10, End: 20, Text: "0123456789"}
	outer := SpanView{ID: "T1", Label: "A", Start: 5, End: 15}  // starts before the paragraph
	inner := SpanView{ID: "T2", Label: "B", Start: 12, End: 14} // nested in T1
	cross := SpanView{ID: "T3", Label: "C", Start: 13, End: 25} // crosses T1's end and the paragraph's
	segs := Segments(p, []SpanView{outer, inner, cross})
	type seg struct {
		start, end int
		text       string
		ids        []string
	}
	var got []seg
	for _, s := range segs {
		var ids []string
		for _, v := range s.Spans {
			ids = append(ids, v.ID)
		}
		got = append(got, seg{s.Start, s.End, s.Text, ids})
	}
	want := []seg{
		{10, 12, "01", []string{"T1"}},
		{12, 13, "2", []string{"T1", "T2"}},
		{13, 14, "3", []string{"T3", "T1", "T2"}}, // outermost (longest) first
		{14, 15, "4", []string{"T3", "T1"}},
		{15, 20, "56789", []string{"T3"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Segments:\n got %+v\nwant %+v", got, want)
	}
	if len(segs[0].Opens) != 1 || segs[0].Opens[0].ID != "T1" {
		t.Errorf("a span continuing from the previous line should be tagged at the line start: %+v", segs[0].Opens)
	}
}

func TestSpansByParagraph(t *testing.T) {
	text := "ab\r\ncd\r\nef"
	paras := Paragraphs(text)
	spans := []annotations.Span{
		{ID: "T1", Label: "X", Start: 1, End: 5},  // b\r\nc: crosses a line break
		{ID: "T2", Label: "Y", Start: 8, End: 10}, // ef
		{ID: "T3", Label: "Z", Start: 0, End: 10, Fragments: []annotations.Fragment{{Start: 0, End: 1}, {Start: 9, End: 10}}},
	}
	got := SpansByParagraph(paras, spans, func(string) int { return 0 })
	ids := func(vs []SpanView) (out []string) {
		for _, v := range vs {
			out = append(out, v.ID)
		}
		return out
	}
	want := [][]string{{"T1", "T3"}, {"T1"}, {"T2", "T3"}}
	for i := range want {
		if !reflect.DeepEqual(ids(got[i]), want[i]) {
			t.Errorf("paragraph %d spans %v, want %v", i, ids(got[i]), want[i])
		}
	}
}
