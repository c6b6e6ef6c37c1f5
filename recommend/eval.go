package recommend

import (
	"math"
	"sort"
	"strconv"

	"belgi/annotations"
)

// Counts are the spans of an evaluation: in the gold standard, predicted,
// and predicted with exactly the gold extent and label.
type Counts struct {
	Gold, Predicted, Correct int
}

// Precision returns Correct/Predicted, 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.Correct, c.Predicted) }

// Recall returns Correct/Gold, 0 when there is no gold span.
func (c Counts) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 { return ratio(2*c.Correct, c.Gold+c.Predicted) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are exact-match counts, overall and per label.
type Scores struct {
	Overall Counts
	Labels  map[string]Counts
}

// A Span is what Add scores: a labelled extent in code points.
type Span struct {
	Start, End int
	Label      string
}

// Add scores the predicted spans of one text against its gold spans. A
// predicted span is correct when a gold span not yet matched has its start,
// end and label; a discontinuous gold span counts by the extent that
// encloses its fragments, so no prediction matches it.
func (s *Scores) Add(gold, pred []Span) {
	if s.Labels == nil {
		s.Labels = map[string]Counts{}
	}
	open := map[Span]int{}
	for _, g := range gold {
		open[g]++
		c := s.Labels[g.Label]
		c.Gold++
		s.Labels[g.Label] = c
		s.Overall.Gold++
	}
	for _, p := range pred {
		c := s.Labels[p.Label]
		c.Predicted++
		s.Overall.Predicted++
		if open[p] > 0 {
			open[p]--
			c.Correct++
			s.Overall.Correct++
		}
		s.Labels[p.Label] = c
	}
}

// LabelNames returns the labels of s in byte order.
func (s *Scores) LabelNames() []string {
	names := make([]string, 0, len(s.Labels))
	for l := range s.Labels {
		names = append(names, l)
	}
	sort.Strings(names)
	return names
}

// Of returns the spans of a document, with discontinuous spans as the extent
// that encloses them.
func Of(spans []annotations.Span) []Span {
	out := make([]Span, len(spans))
	for i, s := range spans {
		out[i] = Span{s.Start, s.End, s.Label}
	}
	return out
}

// Suggested returns the spans of suggestions.
func Suggested(ss []Suggestion) []Span {
	out := make([]Span, len(ss))
	for i, s := range ss {
		out[i] = Span{s.Start, s.End, s.Label}
	}
	return out
}

// Evaluate scores m on sentences against their Gold spans.
func Evaluate(m *Model, ss []Sentence) Scores {
	var sc Scores
	for i := range ss {
		sc.Add(Of(ss[i].Gold), Suggested(m.Predict(&ss[i])))
	}
	return sc
}

// EvaluateDocuments scores m on docs against all their spans: those it
// cannot learn (see Coverage) count as missed.
func EvaluateDocuments(m *Model, docs []*annotations.Document) Scores {
	var sc Scores
	for _, d := range docs {
		ss, _ := Split(d, nil)
		var pred []Span
		for i := range ss {
			pred = append(pred, Suggested(m.Predict(&ss[i]))...)
		}
		sc.Add(Of(d.Spans), pred)
	}
	return sc
}

// An Evaluation is the result of cross-validation.
type Evaluation struct {
	Scores
	Folds     int // how many parts the sentences were cut into
	Sentences int
	// ByDocument is set when the parts were made of whole documents (when
	// there are at least Folds of them), so that a name repeated within a
	// document does not leak from training into the test part.
	ByDocument bool
	// Temperature is the one that gave the held-out confidences the lowest
	// log loss, among the temperatures tried: set it on the model trained on
	// all the sentences.
	Temperature float64
}

// temperatures are those cross-validation tries.
var temperatures = []float64{0.25, 0.5, 1, 2, 4, 8, 16}

// A CrossValidation estimates how well a model trained on some sentences
// does on others: it cuts them into k parts, trains a model on all but
// each part in turn and scores it on that part, a bounded amount of work
// at a time (Step).
type CrossValidation struct {
	folds    []*Trainer
	tests    [][]Sentence
	ev       Evaluation
	fold     int // the fold being scored, after training
	next     int // its next sentence
	model    *Model
	logLoss  []float64
	n        int
	finished bool
}

// NewCrossValidation prepares a k-fold cross-validation of ss (k >= 2),
// training each fold with opt.
func NewCrossValidation(ss []Sentence, k int, opt Options) *CrossValidation {
	k = max(k, 2)
	cv := &CrossValidation{ev: Evaluation{Folds: k, Sentences: len(ss)}, logLoss: make([]float64, len(temperatures))}
	cv.ev.Scores.Labels = map[string]Counts{}
	// Parts are made round robin over documents, or over sentences when
	// there are too few documents.
	group := map[string]int{}
	for _, s := range ss {
		if _, ok := group[s.Doc]; !ok {
			group[s.Doc] = len(group)
		}
	}
	cv.ev.ByDocument = len(group) >= k
	parts := make([][]Sentence, k)
	for i, s := range ss {
		f := i % k
		if cv.ev.ByDocument {
			f = group[s.Doc] % k
		}
		parts[f] = append(parts[f], s)
	}
	for f := 0; f < k; f++ {
		t := NewTrainer(opt)
		for g := 0; g < k; g++ {
			if g == f || len(parts[g]) == 0 {
				continue
			}
			if err := t.Set("part "+strconv.Itoa(g), parts[g]); err != nil {
				cv.finished = true // too many labels: nothing to score
			}
		}
		cv.folds = append(cv.folds, t)
		cv.tests = append(cv.tests, parts[f])
	}
	return cv
}

// Step does about budget tokens of work, training the folds one after
// another and then scoring them, and reports whether it is finished.
func (cv *CrossValidation) Step(budget int) bool {
	for !cv.finished {
		if cv.fold >= len(cv.folds) {
			cv.finish()
			break
		}
		t := cv.folds[cv.fold]
		if !t.Done() {
			t.Step(budget)
			return false
		}
		if cv.model == nil {
			cv.model = t.Model()
			return false
		}
		test := cv.tests[cv.fold]
		read := 0
		for cv.next < len(test) && (read == 0 || read < budget) {
			s := &test[cv.next]
			cv.next++
			read += len(s.Tokens) * (1 + len(temperatures))
			cv.score(s)
		}
		if cv.next == len(test) {
			cv.fold++
			cv.next, cv.model = 0, nil
		}
		if read > 0 {
			return false
		}
	}
	return true
}

// score scores the model on s, and the log loss of its confidences at each
// temperature.
func (cv *CrossValidation) score(s *Sentence) {
	m := cv.model
	m.SetTemperature(1)
	gold := Of(s.Gold)
	pred := m.Predict(s)
	cv.ev.Scores.Add(gold, Suggested(pred))
	if len(pred) == 0 {
		return
	}
	right := map[Span]bool{}
	for _, g := range gold {
		right[g] = true
	}
	for k, tau := range temperatures {
		m.SetTemperature(tau)
		for _, p := range m.Predict(s) {
			q := min(max(p.Confidence, 1e-6), 1-1e-6)
			if right[Span{p.Start, p.End, p.Label}] {
				cv.logLoss[k] -= math.Log(q)
			} else {
				cv.logLoss[k] -= math.Log(1 - q)
			}
		}
	}
	cv.n += len(pred)
}

func (cv *CrossValidation) finish() {
	cv.finished = true
	cv.ev.Temperature = 1
	if cv.n > 0 {
		best := 0
		for k := range temperatures {
			if cv.logLoss[k] < cv.logLoss[best] {
				best = k
			}
		}
		cv.ev.Temperature = temperatures[best]
	}
}

// Progress returns the share of the work done, in [0, 1].
func (cv *CrossValidation) Progress() float64 {
	if cv.finished {
		return 1
	}
	done := float64(cv.fold)
	if cv.fold < len(cv.folds) {
		if t := cv.folds[cv.fold]; !t.Done() {
			done += 0.9 * t.Progress()
		} else if n := len(cv.tests[cv.fold]); n > 0 {
			done += 0.9 + 0.1*float64(cv.next)/float64(n)
		}
	}
	return done / float64(len(cv.folds))
}

// Result returns the evaluation; it is complete once Step has reported
// that it is finished.
func (cv *CrossValidation) Result() Evaluation { return cv.ev }
