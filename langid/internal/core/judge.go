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
	// Temp divides scores before the softmax that gives Confidence. Grams
	// of all orders overlap, so raw naive Bayes scores are overconfident.
	Temp float64
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
	counts := Letters(text)
	s := Pick(counts)
	cls := t.byScript[s]
	if s == NoScript || len(cls) == 0 {
		return Judgement{Class: -1}
	}
	var scores [MaxClasses]float64
	_, found := t.Score(text, s, scores[:])
	n := counts[s]
	if found == 0 {
		return Judgement{Class: -1, Letters: n}
	}
	fade := p.Tau / (p.Tau + float64(n))
	best := cls[0]
	for _, c := range cls {
		if boost != nil {
			scores[c] += boost[c] * fade
		}
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
