package core

import "math"

// MaxClasses bounds the classes of a Table, so that scoring needs no
// allocation.
const MaxClasses = 32

// Params tunes how a Table turns scores into a decision.
type Params struct {
	// Tau is the number of letters at which a boost has faded to half its
	// strength: a boost b counts b*Tau/(Tau+letters).
	Tau float64
	// Temp divides scores before the softmax that gives Confidence.
	Temp float64
	// Foreign is the penalty, in nats, for each distinct letter of the text
	// that is outside a class's alphabet.
	Foreign float64
}

// A Judgement is the outcome of Judge.
type Judgement struct {
	Class      int     // index into Table.Classes, or -1 for undetermined
	Confidence float64 // softmax probability of Class among its script's classes
	Letters    int     // letters of the judged script
}

// Judge picks the likeliest class for text. boost holds, per class, a log
// prior in nats for the shortest text, which fades with length as p.Tau says;
// nil means none. The class is -1 when text has no letters of a covered
// script, or none of its grams is in the table.
func (t *Table) Judge(text string, boost []float64, p Params) Judgement {
	var scores [MaxClasses]float64
	s, n, ok := t.Scores(text, boost, p, scores[:])
	if !ok {
		return Judgement{Class: -1, Letters: n}
	}
	cls := t.byScript[s]
	best := cls[0]
	for _, c := range cls {
		if scores[c] > scores[best] {
			best = c
		}
	}
	sum := 0.0
	for _, c := range cls {
		sum += math.Exp((scores[c] - scores[best]) / p.Temp)
	}
	return Judgement{Class: best, Confidence: 1 / sum, Letters: n}
}

// Scores writes to scores[c], for each class c of the script text is judged
// in, the class's score: its bias, the weights of the text's grams, the
// faded boost and the alphabet penalty. It returns the script and its
// letter count; ok is false when Judge would return class -1.
func (t *Table) Scores(text string, boost []float64, p Params, scores []float64) (s Script, letters int, ok bool) {
	counts := Letters(text)
	s = Pick(counts)
	cls := t.byScript[s]
	if s == NoScript || len(cls) == 0 {
		return s, 0, false
	}
	var foreign [MaxClasses]int
	_, found := t.Score(text, s, scores, foreign[:])
	n := counts[s]
	if found == 0 {
		return s, n, false
	}
	fade := p.Tau / (p.Tau + float64(n))
	for _, c := range cls {
		scores[c] += t.Bias[c] - p.Foreign*float64(foreign[c])
		if boost != nil {
			scores[c] += boost[c] * fade
		}
	}
	return s, n, true
}
