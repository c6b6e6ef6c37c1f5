package agree

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"belgi/annotations"
)

// workedText is the worked example of agreement.md, one token a word.
const workedText = "Полиция задержала 12 участников митинга в Алматы 5 января ."

// tok returns the code-point offsets [start of token i, end of token j).
func tok(text string, i, j int) (int, int) {
	words := strings.Fields(text)
	pos, start, end := 0, 0, 0
	for k, w := range words {
		if k == i {
			start = pos
		}
		pos += utf8.RuneCountInString(w)
		if k == j-1 {
			end = pos
		}
		pos++
	}
	return start, end
}

func doc(id, annotator, text string, spans ...annotations.Span) *annotations.Document {
	d := annotations.NewDocument(id, id, id+".txt", text)
	d.Annotator = annotator
	d.Spans = spans
	return d
}

func span(text, id, label string, i, j int) annotations.Span {
	s, e := tok(text, i, j)
	return annotations.Span{ID: id, Label: label, Start: s, End: e}
}

func mustCompute(t *testing.T, opt Options, docs ...*annotations.Document) *Report {
	t.Helper()
	var vs []Version
	for _, d := range docs {
		vs = append(vs, Version{Annotator: d.Annotator, Doc: d})
	}
	texts, err := Group(vs)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compute(texts, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func workedExample() (a, b *annotations.Document) {
	w := workedText
	a = doc("d1", "A", w, span(w, "T1", "ORG", 0, 1), span(w, "T2", "GROUP", 2, 5), span(w, "T3", "GPE", 6, 7), span(w, "T4", "TIME", 7, 9))
	b = doc("d1", "B", w, span(w, "T1", "ORG", 0, 1), span(w, "T2", "GROUP", 2, 4), span(w, "T3", "LOC", 6, 7), span(w, "T4", "TIME", 7, 9))
	return a, b
}

func TestWorkedExample(t *testing.T) {
	a, b := workedExample()
	r := mustCompute(t, Options{}, a, b)
	close(t, "exact F1", r.Spans.Exact.Mean, 0.50, 1e-9)
	close(t, "any-label F1", r.Spans.AnyLabel.Mean, 0.75, 1e-9)
	close(t, "overlap F1", r.Spans.Overlap.Mean, 0.75, 1e-9)
	close(t, "token κ (IO)", r.Tokens.Mean, 0.57/0.77, 1e-9)
	close(t, "SD of one pair", r.Spans.Exact.SD, 0, 0)
	if got := len(r.Spans.Exact.ByLabel); got != 5 {
		t.Errorf("%d labels, want 5 (GPE GROUP LOC ORG TIME)", got)
	}
	for _, b := range r.Spans.Exact.ByLabel {
		want := map[string]float64{"ORG": 1, "TIME": 1, "GROUP": 0, "GPE": 0, "LOC": 0}[b.Key]
		close(t, "exact F1 of "+b.Key, b.Mean, want, 1e-9)
	}
	for _, b := range r.Spans.AlphaU.ByLabel {
		if b.Key == "ORG" || b.Key == "TIME" {
			close(t, "α_U of "+b.Key, b.Mean, 1, 1e-9)
		}
		// In tokens these are 0 (agreement.md); in code points a 6-letter
		// unit alone is below 0, as DKPro computes it.
		if (b.Key == "GPE" || b.Key == "LOC") && (!b.Mean.OK || b.Mean.Value >= 0) {
			t.Errorf("α_U of %s = %v, want below 0", b.Key, b.Mean)
		}
	}
	if !r.Spans.AlphaU.Mean.OK || r.Spans.AlphaU.Mean.Value <= 0 || r.Spans.AlphaU.Mean.Value >= 1 {
		t.Errorf("α_U = %v, want in (0, 1)", r.Spans.AlphaU.Mean)
	}
	kinds := map[Kind]int{}
	for _, d := range r.Diagnosis {
		kinds[d.Kind]++
		if d.InA == nil || d.InB == nil {
			t.Errorf("%s disagreement lacks a side: %+v", d.Kind, d)
		}
	}
	if kinds[Boundary] != 1 || kinds[Label] != 1 || len(r.Diagnosis) != 2 {
		t.Errorf("diagnosis %v, want one boundary (GROUP) and one label (GPE/LOC)", kinds)
	}
	for _, d := range r.Diagnosis {
		if d.Kind == Boundary {
			s, e := tok(workedText, 2, 5)
			if d.Start != s || d.End != e || d.Document != "d1" {
				t.Errorf("boundary at %s [%d,%d), want d1 [%d,%d)", d.Document, d.Start, d.End, s, e)
			}
		}
	}
	for _, w := range r.Warnings {
		if !strings.Contains(w, "label sets differ") {
			t.Errorf("unexpected warning %q", w)
		}
	}
	if len(r.Warnings) != 2 {
		t.Errorf("warnings %q, want GPE and LOC each used by one side", r.Warnings)
	}
}

func TestLabelsOption(t *testing.T) {
	a, b := workedExample()
	r := mustCompute(t, Options{Labels: []string{"ORG", "TIME"}}, a, b)
	close(t, "exact F1 on ORG, TIME", r.Spans.Exact.Mean, 1, 0)
	close(t, "α_U on ORG, TIME", r.Spans.AlphaU.Mean, 1, 1e-12)
}

func TestPooledAndPairs(t *testing.T) {
	w := workedText
	x := "Ереуілшілер Астанада жиналды ."
	docs := []*annotations.Document{
		doc("d1", "A", w, span(w, "T1", "ORG", 0, 1), span(w, "T2", "TIME", 7, 9)),
		doc("d1", "B", w, span(w, "T1", "ORG", 0, 1)),
		doc("d1", "C", w, span(w, "T1", "ORG", 0, 1), span(w, "T2", "TIME", 7, 9)),
		doc("d2", "A", x, span(x, "T1", "GROUP", 0, 1)),
		doc("d2", "B", x, span(x, "T1", "GROUP", 0, 1), span(x, "T2", "GPE", 1, 2)),
		doc("d2", "C", x, span(x, "T1", "GROUP", 0, 1)),
		doc("d3", "A", "один только"),
	}
	r := mustCompute(t, Options{}, docs...)
	if len(r.Texts) != 2 || len(r.Unmatched) != 1 {
		t.Fatalf("%d shared and %d unmatched texts, want 2 and 1", len(r.Texts), len(r.Unmatched))
	}
	// A–B: d1 1 of 2+1, d2 1 of 1+2: pooled 2·2/6; A–C: 1; B–C as A–B.
	want := map[string]float64{"A B": 4.0 / 6, "A C": 1, "B C": 4.0 / 6}
	for _, p := range r.Spans.Exact.Pairs {
		close(t, "F1 "+p.A+" "+p.B, p.Score, want[p.A+" "+p.B], 1e-12)
	}
	close(t, "mean", r.Spans.Exact.Mean, (4.0/6*2+1)/3, 1e-12)
	m := (4.0/6*2 + 1) / 3
	sd := (2*(4.0/6-m)*(4.0/6-m) + (1-m)*(1-m)) / 3
	close(t, "sd²", Score{Value: r.Spans.Exact.SD.Value * r.Spans.Exact.SD.Value, OK: true}, sd, 1e-12)
	if r.Spans.Exact.ByDocument[0].Key != "d1" || len(r.Spans.Exact.ByDocument[0].Pairs) != 3 {
		t.Errorf("by document: %+v", r.Spans.Exact.ByDocument[0])
	}
	// Two texts named alike are told apart.
	y := "Басқа мәтін"
	r = mustCompute(t, Options{}, doc("d1", "A", w), doc("d1", "B", w), doc("d1", "A", y), doc("d1", "B", y))
	if k0, k1 := r.Spans.Exact.ByDocument[0].Key, r.Spans.Exact.ByDocument[1].Key; k0 != "d1" || !strings.HasPrefix(k1, "d1#") {
		t.Errorf("document keys %q and %q", k0, k1)
	}
}

func TestEvents(t *testing.T) {
	w := "Рабочие бастовали в Актау и Жанаозене ."
	mk := func(ann string, role2 string, extra bool) *annotations.Document {
		d := doc("d", ann, w, span(w, "T1", "Strike", 1, 2), span(w, "T2", "GROUP", 0, 1), span(w, "T3", "GPE", 3, 4), span(w, "T4", "GPE", 5, 6))
		e := annotations.Event{ID: "E1", Type: "Strike", Trigger: "T1", Arguments: []annotations.Argument{{Role: "Agent", Ref: "T2"}, {Role: "Place", Ref: "T3"}, {Role: role2, Ref: "T4"}}}
		if extra {
			e.Arguments = append(e.Arguments, annotations.Argument{Role: "Place", Ref: "T3"}) // a set: counted once
		}
		d.Events = []annotations.Event{e}
		d.Attributes = []annotations.Attribute{{ID: "A1", Name: "Realis", Target: "E1", Value: ann}}
		return d
	}
	r := mustCompute(t, Options{}, mk("A", "Place", true), mk("B", "Time", false))
	close(t, "trigger F1", r.Events.Trigger.Mean, 1, 0)
	close(t, "trigger type F1", r.Events.TriggerType.Mean, 1, 0)
	close(t, "argument F1", r.Events.Argument.Mean, 1, 0)
	close(t, "argument role F1", r.Events.ArgumentRole.Mean, 2.0/3, 1e-12)
	close(t, "span F1 (triggers left out)", r.Spans.Exact.Mean, 1, 0)
	roles := 0
	for _, d := range r.Diagnosis {
		if d.Kind == Role {
			roles++
			if d.InA.Role != "Place" || d.InB.Role != "Time" {
				t.Errorf("role disagreement %+v %+v", d.InA, d.InB)
			}
		}
	}
	if roles != 1 {
		t.Errorf("%d role disagreements, want 1: %+v", roles, r.Diagnosis)
	}
	if len(r.Attributes) != 1 || r.Attributes[0].Items != 1 {
		t.Fatalf("attributes %+v", r.Attributes)
	}
	close(t, "κ on one item with two values", r.Attributes[0].Kappa.Mean, 0, 0)
}

func TestBadInput(t *testing.T) {
	a, b := workedExample()
	if _, err := Compute(nil, Options{}); !errors.Is(err, ErrOneAnnotator) {
		t.Errorf("no input: %v", err)
	}
	texts, _ := Group([]Version{{"A", a}})
	if _, err := Compute(texts, Options{}); !errors.Is(err, ErrOneAnnotator) {
		t.Errorf("one annotator: %v", err)
	}
	other := doc("d2", "B", workedText+"!")
	texts, _ = Group([]Version{{"A", a}, {"B", other}})
	if _, err := Compute(texts, Options{}); !errors.Is(err, ErrNoSharedText) {
		t.Errorf("texts differing in one character: %v", err)
	}
	if _, err := Group([]Version{{"A", a}, {"A", b}}); !errors.Is(err, ErrTwoVersions) {
		t.Errorf("two versions: %v", err)
	}
	empty := doc("d1", "C", workedText)
	r := mustCompute(t, Options{}, a, b, empty)
	found := false
	for _, w := range r.Warnings {
		found = found || strings.Contains(w, "C has no annotations")
	}
	if !found {
		t.Errorf("no warning for the empty annotator: %q", r.Warnings)
	}
	for _, p := range r.Spans.Exact.Pairs {
		if p.B == "C" && (!p.Score.OK || p.Score.Value != 0) {
			t.Errorf("%s–C F1 = %v, want 0", p.A, p.Score)
		}
	}
	// Nobody marked anything: every F1 undefined, with a reason.
	r = mustCompute(t, Options{}, doc("d", "A", "текст"), doc("d", "B", "текст"))
	for _, m := range r.Measures() {
		if m.Mean.OK || m.Mean.Why == "" {
			t.Errorf("%s = %v (%q), want undefined with a reason", m.Key, m.Mean, m.Mean.Why)
		}
	}
}

func TestMatrix(t *testing.T) {
	a, b := workedExample()
	c := a.Clone()
	c.Annotator = "C"
	m := mustCompute(t, Options{}, a, b, c)
	x := m.Matrix(&m.Spans.Exact)
	close(t, "A–B", x[0][1], 0.5, 1e-12)
	close(t, "B–A", x[1][0], 0.5, 1e-12)
	close(t, "A–C", x[0][2], 1, 0)
	if x[1][1].OK {
		t.Error("the diagonal has a value")
	}
}
