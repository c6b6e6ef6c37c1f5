package agree

import (
	"fmt"
	"math"
	"strconv"
)

// A Score is the value of a measure, or the reason it has none. A measure
// that is undefined (an F1 with nothing on either side, a κ whose chance
// agreement is 1) is never reported as a number: OK is false and Why says
// why, and JSON writes it as null.
type Score struct {
	Value float64
	OK    bool
	Why   string // when !OK
}

// value returns a defined score, or an undefined one if v is not finite.
func value(v float64) Score {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Score{Why: "the computation gave no finite number"}
	}
	if v == 0 {
		v = 0 // no negative zero
	}
	return Score{Value: v, OK: true}
}

// undefined returns a score with no value and the reason why.
func undefined(format string, args ...any) Score {
	return Score{Why: fmt.Sprintf(format, args...)}
}

// String formats s to three decimals, or "undefined".
func (s Score) String() string {
	if !s.OK {
		return "undefined"
	}
	return format3(s.Value)
}

// format3 formats v to three decimals, without "-0.000".
func format3(v float64) string {
	out := strconv.FormatFloat(v, 'f', 3, 64)
	if out == "-0.000" {
		return "0.000"
	}
	return out
}

// MarshalJSON writes the value, or null when it is undefined.
func (s Score) MarshalJSON() ([]byte, error) {
	if !s.OK {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, s.Value, 'g', -1, 64), nil
}

// Counts are what an F1 is computed from: the units each annotator has and
// how many of them were paired one to one.
type Counts struct {
	A, B    int // units of the first and the second annotator
	Matched int // pairs, at most min(A, B)
}

// Add returns the sum of c and d: F1 pooled over documents or labels adds
// the counts, never the F1s.
func (c Counts) Add(d Counts) Counts {
	return Counts{A: c.A + d.A, B: c.B + d.B, Matched: c.Matched + d.Matched}
}

// F1 returns 2·Matched / (A + B), undefined when neither side has a unit.
// It is symmetric: swapping the annotators swaps precision and recall.
func (c Counts) F1() Score {
	if c.A+c.B == 0 {
		return undefined("nothing on either side")
	}
	return value(2 * float64(c.Matched) / float64(c.A+c.B))
}

// Precision is Matched / B, taking the first annotator as the reference.
func (c Counts) Precision() Score {
	if c.B == 0 {
		return undefined("the second annotator has none")
	}
	return value(float64(c.Matched) / float64(c.B))
}

// Recall is Matched / A, taking the first annotator as the reference.
func (c Counts) Recall() Score {
	if c.A == 0 {
		return undefined("the first annotator has none")
	}
	return value(float64(c.Matched) / float64(c.A))
}

// meanSD returns the mean and the standard deviation (over n, not n−1, so
// one pair has 0) of the defined scores. With none defined both are
// undefined, with the first reason given.
func meanSD(scores []Score) (mean, sd Score) {
	var sum float64
	n := 0
	for _, s := range scores {
		if s.OK {
			sum += s.Value
			n++
		}
	}
	if n == 0 {
		why := "nothing to measure"
		if len(scores) > 0 {
			why = scores[0].Why
		}
		if len(scores) > 1 {
			why = "undefined for every pair: " + why
		}
		return Score{Why: why}, Score{Why: why}
	}
	m := sum / float64(n)
	var ss float64
	for _, s := range scores {
		if s.OK {
			ss += (s.Value - m) * (s.Value - m)
		}
	}
	return value(m), value(math.Sqrt(ss / float64(n)))
}
