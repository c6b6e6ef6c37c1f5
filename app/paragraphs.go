package app

import (
	"sort"
	"strings"

	"belgi/annotations"
)

// A Para is one line of a document: the unit the reader renders as a
// component, so that a change re-renders only the lines it touches.
type Para struct {
	Start, End int    // code point range in the document, without the line break
	Text       string // the text of that range
}

// Paragraphs splits text at line breaks ("\n", with a "\r" before it left
// out of the paragraph). Blank lines are dropped: they hold nothing to
// annotate, and CSS margins show the break.
func Paragraphs(text string) []Para {
	var out []Para
	cp := 0
	for len(text) > 0 {
		line, rest, found := strings.Cut(text, "\n")
		n := runeCount(line)
		body := strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(body) != "" {
			out = append(out, Para{Start: cp, End: cp + runeCount(body), Text: body})
		}
		cp += n
		if found {
			cp++
		}
		text = rest
	}
	return out
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// A SpanView is what a paragraph needs to draw a span: plain values, so that
// go-app's prop comparison sees a change only when the span changed.
type SpanView struct {
	ID     string
	Label  string
	Colour int // palette slot
	Start  int // document code point offsets
	End    int
	Ghost  bool // a suggestion, not yet a span; ID is "g<n>"
	// Hit marks a search match, not a span; Current the match the search
	// is at.
	Hit, Current bool
}

// SpansByParagraph returns, for each paragraph, the views of the spans that
// overlap it. Each returned slice is new: a paragraph component may keep it.
func SpansByParagraph(paras []Para, spans []annotations.Span, colour func(label string) int) [][]SpanView {
	out := make([][]SpanView, len(paras))
	for _, s := range spans {
		ranges := [][2]int{{s.Start, s.End}}
		if len(s.Fragments) > 0 {
			ranges = ranges[:0]
			for _, f := range s.Fragments {
				ranges = append(ranges, [2]int{f.Start, f.End})
			}
		}
		for _, r := range ranges {
			// First paragraph that ends after the range starts.
			i := sort.Search(len(paras), func(i int) bool { return paras[i].End > r[0] })
			for ; i < len(paras) && paras[i].Start < r[1]; i++ {
				out[i] = append(out[i], SpanView{ID: s.ID, Label: s.Label, Colour: colour(s.Label), Start: r[0], End: r[1]})
			}
		}
	}
	return out
}

// A Segment is a stretch of a paragraph covered by the same spans.
type Segment struct {
	Start, End int        // document code points
	Text       string     // the text of the segment
	Spans      []SpanView // covering spans, outermost first
	Opens      []SpanView // spans that begin at this segment
	Control    string     // marker name when the segment is one control character
}

// Segments cuts a paragraph at every span boundary inside it.
func Segments(p Para, spans []SpanView) []Segment {
	cuts := []int{p.Start, p.End}
	for _, s := range spans {
		if s.Start > p.Start && s.Start < p.End {
			cuts = append(cuts, s.Start)
		}
		if s.End > p.Start && s.End < p.End {
			cuts = append(cuts, s.End)
		}
	}
	runes := []rune(p.Text)
	for i, r := range runes {
		if controlName(r) != "" {
			cuts = append(cuts, p.Start+i, p.Start+i+1)
		}
	}
	sort.Ints(cuts)
	var out []Segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		seg := Segment{Start: a, End: b, Text: string(runes[a-p.Start : b-p.Start])}
		if b == a+1 {
			seg.Control = controlName(runes[a-p.Start])
		}
		for _, s := range spans {
			if s.Start <= a && s.End >= b {
				seg.Spans = append(seg.Spans, s)
				if s.Start == a || (a == p.Start && s.Start < a) {
					seg.Opens = append(seg.Opens, s)
				}
			}
		}
		// Outermost (longest) first, so the innermost is drawn on top.
		sort.SliceStable(seg.Spans, func(i, j int) bool {
			return seg.Spans[i].End-seg.Spans[i].Start > seg.Spans[j].End-seg.Spans[j].Start
		})
		out = append(out, seg)
	}
	return out
}
