package recommend

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"testing"

	"belgi/annotations"
)

// span returns a span of the label over the first occurrence of s in text
// at or after code point from.
func span(text, s, label string, from int) annotations.Span {
	rs, want := []rune(text), []rune(s)
	for i := from; i+len(want) <= len(rs); i++ {
		if string(rs[i:i+len(want)]) == s {
			return annotations.Span{Label: label, Start: i, End: i + len(want), Text: s}
		}
	}
	panic("no " + s + " in " + text)
}

func TestSplit(t *testing.T) {
	const ru = "Правительство России ввело санкции. Потом был Путин."
	tests := []struct {
		name  string
		text  string
		lang  string
		spans []annotations.Span
		want  Coverage
		tree  string // the forest of the first sentence
	}{
		{
			name:  "flat",
			text:  "Асқар Мамин Астанаға келді.",
			lang:  "kk",
			spans: []annotations.Span{span("Асқар Мамин Астанаға келді.", "Асқар Мамин", "PERSON", 0), span("Асқар Мамин Астанаға келді.", "Астанаға", "GPE", 0)},
			want:  Coverage{Spans: 2, Learnt: 2},
			tree:  "PERSON[0-1] GPE[2-2]",
		},
		{
			name:  "nested",
			text:  ru,
			lang:  "ru",
			spans: []annotations.Span{span(ru, "России", "COUNTRY", 0), span(ru, "Правительство России", "ORGANIZATION", 0)},
			want:  Coverage{Spans: 2, Learnt: 2},
			tree:  "ORGANIZATION[0-1](COUNTRY[1-1])",
		},
		{
			name: "crossing, same extent, duplicate",
			text: ru,
			lang: "ru",
			spans: []annotations.Span{
				span(ru, "Правительство России", "ORGANIZATION", 0),
				span(ru, "России ввело", "EVENT", 0),
				span(ru, "Правительство России", "ORGANIZATION", 0),
				span(ru, "Правительство России", "AGENT", 0),
			},
			want: Coverage{Spans: 4, Learnt: 1, Crossing: 1, SameExtent: 1, Duplicates: 1},
			tree: "AGENT[0-1]",
		},
		{
			name: "discontinuous, off tokens, across sentences",
			text: ru,
			lang: "ru",
			spans: []annotations.Span{
				{Label: "X", Start: 0, End: 26, Fragments: []annotations.Fragment{{Start: 0, End: 13}, {Start: 21, End: 26}}},
				{Label: "X", Start: 0, End: 5},   // inside a token
				{Label: "X", Start: 14, End: 45}, // "России … Потом был"
				span(ru, "Путин", "PERSON", 0),
			},
			want: Coverage{Spans: 4, Learnt: 1, Discontinuous: 1, OffTokens: 1, AcrossSentences: 1},
			tree: "",
		},
		{
			// Offsets are code points: an emoji ZWJ sequence, a combining
			// stress mark, CRLF and a BOM before the span.
			name:  "code points",
			text:  "\ufeff👩‍⚖️ Диа́с Кадырба́ев\r\nприехал в Алматы.",
			lang:  "ru",
			spans: []annotations.Span{span("\ufeff👩‍⚖️ Диа́с Кадырба́ев\r\nприехал в Алматы.", "Диа́с Кадырба́ев", "PERSON", 0), span("\ufeff👩‍⚖️ Диа́с Кадырба́ев\r\nприехал в Алматы.", "Алматы", "CITY", 0)},
			want:  Coverage{Spans: 2, Learnt: 2},
			tree:  "PERSON[1-2]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotations.NewDocument("d", "", "", tt.text)
			d.Language, d.Spans = tt.lang, tt.spans
			ss, cov := Split(d, nil)
			if cov != tt.want {
				t.Errorf("coverage %+v, want %+v", cov, tt.want)
			}
			var sum Coverage
			rs := []rune(tt.text)
			for _, s := range ss {
				sum.Add(s.Coverage())
				for k, tok := range s.Tokens {
					if string(rs[tok.Start:tok.End]) != s.Words[k] {
						t.Errorf("token %d is %q, text has %q", k, s.Words[k], string(rs[tok.Start:tok.End]))
					}
				}
			}
			if sum != cov {
				t.Errorf("sentence coverages add up to %+v, want %+v", sum, cov)
			}
			if got := forestString(ss[0].roots); got != tt.tree {
				t.Errorf("first sentence learns %q, want %q", got, tt.tree)
			}
		})
	}
}

func forestString(ns []*node) string {
	s := ""
	for i, n := range ns {
		if i > 0 {
			s += " "
		}
		s += n.label + "[" + strconv.Itoa(n.first) + "-" + strconv.Itoa(n.last) + "]"
		if len(n.kids) > 0 {
			s += "(" + forestString(n.kids) + ")"
		}
	}
	return s
}

func TestSuggestsNamesNeverLabelled(t *testing.T) {
	_, m := train(synth("train", 300, trainNames, 1))
	test := synth("test", 60, testNames, 2)
	spans := test.Spans
	test.Spans = nil
	gs := m.Suggest(test, nil)
	for _, want := range [][2]string{{"Дәурен Абаев", "PERSON"}, {"Сергей Иванов", "PERSON"}, {"Атырау", "GPE"}} {
		if !has(test, gs, want[0], want[1]) {
			t.Errorf("no %s suggestion for %q, which was never labelled", want[1], want[0])
		}
	}
	for _, g := range gs {
		if !(g.Confidence > 0 && g.Confidence <= 1) {
			t.Errorf("%+v: confidence out of (0, 1]", g)
		}
	}
	sc := EvaluateDocuments(m, []*annotations.Document{{ID: "test", Text: test.Text, Language: "kk", Spans: spans}})
	if f := sc.Overall.F1(); f < 0.8 {
		t.Errorf("F1 on unseen names %.3f, want >= 0.8 (%+v)", f, sc.Overall)
	}
	// What the person has decided on is not suggested again.
	test.Spans = spans[:1]
	for _, g := range m.Suggest(test, []annotations.Span{{Start: spans[1].Start, End: spans[1].End, Label: spans[1].Label}}) {
		if g.Start == spans[0].Start && g.End == spans[0].End || g.Start == spans[1].Start && g.End == spans[1].End && g.Label == spans[1].Label {
			t.Errorf("%+v suggested again", g)
		}
	}
}

func TestRejectedSuggestionIsLearnt(t *testing.T) {
	base := synth("train", 200, trainNames, 3)
	// "Астана" is a GPE everywhere in training; here it is a football
	// club, and the person rejects GPE without labelling anything else.
	const text = "Астана командасы жеңді ."
	odd := annotations.NewDocument("odd", "", "", text)
	odd.Language = "kk"
	reject := span(text, "Астана", "GPE", 0)

	_, before := train(base)
	if !has(odd, before.Suggest(odd, nil), "Астана", "GPE") {
		t.Fatal("precondition: GPE is not suggested for Астана before the rejection")
	}
	tr := NewTrainer(Options{Seed: 1})
	ss, _ := Split(base, nil)
	tr.Set(base.ID, ss)
	rej, _ := Split(odd, []annotations.Span{reject})
	if !rej[0].Labelled() {
		t.Fatal("a sentence with a rejection is not Labelled")
	}
	tr.Set(odd.ID, rej)
	for !tr.Step(1000) {
	}
	if has(odd, tr.Model().Suggest(odd, nil), "Астана", "GPE") {
		t.Error("GPE is still suggested for Астана after the person rejected it")
	}
}

func TestNested(t *testing.T) {
	var docs []*annotations.Document
	for i, c := range []string{"России", "Франции", "Германии", "Японии", "Китая", "Казахстана", "Индии", "Италии"} {
		text := "Правительство " + c + " ввело санкции против компании ."
		d := annotations.NewDocument("d"+strconv.Itoa(i), "", "", text)
		d.Language = "ru"
		d.Spans = []annotations.Span{span(text, "Правительство "+c, "ORGANIZATION", 0), span(text, c, "COUNTRY", 0)}
		docs = append(docs, d, d) // twice, for enough examples
	}
	_, m := train(docs...)
	text := "Правительство Испании ввело санкции против компании ."
	d := annotations.NewDocument("t", "", "", text)
	d.Language = "ru"
	gs := m.Suggest(d, nil)
	if !has(d, gs, "Правительство Испании", "ORGANIZATION") || !has(d, gs, "Испании", "COUNTRY") {
		t.Fatalf("want ORGANIZATION and the COUNTRY nested in it, got %+v", gs)
	}
	for _, g := range gs {
		if g.Label == "COUNTRY" && g.Depth != 1 {
			t.Errorf("COUNTRY at depth %d, want 1", g.Depth)
		}
	}
}

func TestStepIsBounded(t *testing.T) {
	tr := NewTrainer(Options{Epochs: 3, Seed: 1})
	d := synth("d", 40, trainNames, 4)
	ss, _ := Split(d, nil)
	tr.Set(d.ID, ss)
	if tr.Done() {
		t.Fatal("done before training")
	}
	// Step(1) reads one sentence: at most 3 passes of 40 sentences.
	steps, last := 0, 0.0
	for !tr.Step(1) {
		steps++
		p := tr.Progress()
		if p < last || p > 1 {
			t.Fatalf("progress went from %v to %v", last, p)
		}
		last = p
		if steps > 3*len(ss) {
			t.Fatalf("more than %d steps of one sentence", 3*len(ss))
		}
	}
	if steps < len(ss)-1 {
		t.Errorf("done after %d one-sentence steps, fewer than a pass", steps)
	}
	if tr.Progress() != 1 {
		t.Errorf("progress %v when done", tr.Progress())
	}
}

func TestIncremental(t *testing.T) {
	tr := NewTrainer(Options{Seed: 1})
	a := synth("a", 50, trainNames, 5)
	ss, _ := Split(a, nil)
	tr.Set("a", ss)
	for !tr.Step(500) {
	}
	if got := tr.Model().Labels(); !slices.Equal(got, []string{"PERSON", "ORG", "GPE"}) && len(got) != 3 {
		t.Fatalf("labels %v", got)
	}
	// A new label arrives; training goes on from there.
	const text = "Ереуіл 2011 жылы желтоқсанда басталды ."
	b := annotations.NewDocument("b", "", "", text)
	b.Language = "kk"
	b.Spans = []annotations.Span{span(text, "2011 жылы желтоқсанда", "DATE", 0)}
	bs, _ := Split(b, nil)
	tr.Set("b", bs)
	if tr.Done() {
		t.Fatal("done right after a change")
	}
	for !tr.Step(500) {
	}
	m := tr.Model()
	if !slices.Contains(m.Labels(), "DATE") {
		t.Fatalf("DATE not learnt: %v", m.Labels())
	}
	b.Spans = nil
	if !has(b, m.Suggest(b, nil), "2011 жылы желтоқсанда", "DATE") {
		t.Error("the DATE it was given is not suggested back")
	}
	if tr.Sentences() != len(ss)+1 {
		t.Errorf("%d sentences, want %d", tr.Sentences(), len(ss)+1)
	}
	tr.Set("a", nil)
	if tr.Sentences() != 1 {
		t.Errorf("%d sentences after removing a, want 1", tr.Sentences())
	}
	if n := len(tr.gaz.entries); n != 1 {
		t.Errorf("gazetteer holds %d strings after removing a, want 1", n)
	}
}

func TestTooManyLabels(t *testing.T) {
	tr := NewTrainer(Options{})
	text := ""
	var spans []annotations.Span
	for i := 0; i <= MaxLabels; i++ {
		w := "w" + strconv.Itoa(i)
		spans = append(spans, annotations.Span{Label: "L" + strconv.Itoa(i), Start: len([]rune(text)), End: len([]rune(text)) + len(w)})
		text += w + " "
	}
	d := annotations.NewDocument("d", "", "", text)
	d.Spans = spans
	ss, _ := Split(d, nil)
	if err := tr.Set("d", ss); !errors.Is(err, ErrTooManyLabels) {
		t.Errorf("Set with %d labels: %v, want ErrTooManyLabels", MaxLabels+1, err)
	}
}

func TestScores(t *testing.T) {
	tests := []struct {
		gold, pred []Span
		want       Counts
	}{
		{nil, nil, Counts{}},
		{[]Span{{0, 5, "A"}}, []Span{{0, 5, "A"}}, Counts{1, 1, 1}},
		{[]Span{{0, 5, "A"}}, []Span{{0, 5, "B"}}, Counts{1, 1, 0}},
		{[]Span{{0, 5, "A"}}, []Span{{0, 4, "A"}}, Counts{1, 1, 0}},
		{[]Span{{0, 5, "A"}}, []Span{{0, 5, "A"}, {0, 5, "A"}}, Counts{1, 2, 1}},
		{[]Span{{0, 5, "A"}, {6, 9, "B"}}, nil, Counts{2, 0, 0}},
	}
	for _, tt := range tests {
		var s Scores
		s.Add(tt.gold, tt.pred)
		if s.Overall != tt.want {
			t.Errorf("%v vs %v: %+v, want %+v", tt.gold, tt.pred, s.Overall, tt.want)
		}
	}
	c := Counts{Gold: 4, Predicted: 2, Correct: 2}
	if c.Precision() != 1 || c.Recall() != 0.5 || math.Abs(c.F1()-2.0/3) > 1e-12 {
		t.Errorf("P %v R %v F1 %v", c.Precision(), c.Recall(), c.F1())
	}
	if (Counts{}).F1() != 0 {
		t.Error("F1 of nothing is not 0")
	}
}

func TestCrossValidation(t *testing.T) {
	var ss []Sentence
	for i := 0; i < 6; i++ {
		d := synth("d"+strconv.Itoa(i), 40, trainNames, uint64(10+i))
		s, _ := Split(d, nil)
		ss = append(ss, s...)
	}
	cv := NewCrossValidation(ss, 3, Options{Seed: 1})
	steps := 0
	for !cv.Step(2000) {
		steps++
		if p := cv.Progress(); p < 0 || p > 1 {
			t.Fatalf("progress %v", p)
		}
	}
	ev := cv.Result()
	if !ev.ByDocument || ev.Folds != 3 || ev.Sentences != len(ss) {
		t.Errorf("evaluation %+v", ev)
	}
	if ev.Overall.Gold == 0 || ev.Overall.F1() < 0.8 {
		t.Errorf("cross-validated F1 %.3f on %+v, want >= 0.8", ev.Overall.F1(), ev.Overall)
	}
	for _, l := range []string{"PERSON", "GPE", "ORG"} {
		if ev.Labels[l].Gold == 0 {
			t.Errorf("no %s in the evaluation", l)
		}
	}
	if !slices.Contains(temperatures, ev.Temperature) {
		t.Errorf("temperature %v not among those tried", ev.Temperature)
	}
	if steps < 3 {
		t.Errorf("finished in %d steps; want it spread over steps", steps)
	}
}

func TestUncertainty(t *testing.T) {
	_, m := train(synth("train", 200, trainNames, 6))
	const text = "Кеше Астана қаласында Нұр Отан жиналысы өтті .\nЗорро Бэтменович Qwerty Бум-Бам ЖЖЖ сөйледі ."
	d := annotations.NewDocument("d", "", "", text)
	d.Language = "kk"
	doc, sents := m.Uncertainty(d)
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2", len(sents))
	}
	for _, u := range append(sents, doc) {
		if u.Expected < 0 || u.Expected > float64(u.Tokens) || math.IsNaN(u.Expected) {
			t.Errorf("%+v: expected errors out of [0, tokens]", u)
		}
	}
	if !(sents[1].PerToken() > sents[0].PerToken()) {
		t.Errorf("the odd sentence (%v per token) is not less certain than a familiar one (%v)", sents[1].PerToken(), sents[0].PerToken())
	}
	if doc.Tokens != sents[0].Tokens+sents[1].Tokens {
		t.Errorf("document has %d tokens, sentences %d and %d", doc.Tokens, sents[0].Tokens, sents[1].Tokens)
	}
}

func TestDeterministic(t *testing.T) {
	d := synth("d", 100, trainNames, 7)
	_, a := train(d)
	_, b := train(d)
	x, _ := a.MarshalBinary()
	y, _ := b.MarshalBinary()
	if string(x) != string(y) {
		t.Error("two trainings with one seed give different models")
	}
}
