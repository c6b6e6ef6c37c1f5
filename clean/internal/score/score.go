// Package score compares cleaned text with gold text, the ways the cleaning
// eval and the public extraction benchmarks do.
package score

import (
	"strings"
	"unicode"
)

// Counts are the true positives, false positives and false negatives of one
// comparison.
type Counts struct{ TP, FP, FN float64 }

// P is precision; 1 when nothing was predicted and nothing was missed.
func (c Counts) P() float64 {
	if c.TP+c.FP == 0 {
		if c.FN == 0 {
			return 1
		}
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

// R is recall; 1 when there was nothing to find.
func (c Counts) R() float64 {
	if c.TP+c.FN == 0 {
		if c.FP == 0 {
			return 1
		}
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// F1 is the harmonic mean of P and R.
func (c Counts) F1() float64 {
	if c.TP+c.FP+c.FN == 0 {
		return 1
	}
	return 2 * c.TP / (2*c.TP + c.FP + c.FN)
}

// Tokens compares bags of white-space-separated, lower-cased tokens. Tokens
// of got found in neither gold nor optional are false positives; optional
// tokens (a title the gold may or may not carry) count neither way.
func Tokens(got, gold, optional string) Counts {
	bag := map[string]int{}
	g := strings.Fields(strings.ToLower(gold))
	for _, t := range g {
		bag[t]++
	}
	opt := map[string]int{}
	for _, t := range strings.Fields(strings.ToLower(optional)) {
		opt[t]++
	}
	var c Counts
	for _, t := range strings.Fields(strings.ToLower(got)) {
		switch {
		case bag[t] > 0:
			bag[t]--
			c.TP++
		case opt[t] > 0:
			opt[t]--
		default:
			c.FP++
		}
	}
	c.FN = float64(len(g)) - c.TP
	return c
}

// Shingles compares got with gold as ScrapingHub's
// article-extraction-benchmark does (evaluate.py, string_shingle_matching):
// tokens are runs of word characters (letters, numbers, "_"), case
// kept; the bags of 4-token shingles are compared; and the counts are
// normalised to sum to 1, so that every page weighs the same.
func Shingles(got, gold string) Counts {
	t, p := shingles(gold), shingles(got)
	var c Counts
	for k, n := range t {
		m := p[k]
		c.TP += float64(min(n, m))
		c.FN += float64(max(0, n-m))
	}
	for k, m := range p {
		c.FP += float64(max(0, m-t[k]))
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c = Counts{c.TP / s, c.FP / s, c.FN / s}
	}
	return c
}

func shingles(s string) map[string]int {
	toks := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
	out := map[string]int{}
	const n = 4
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		sh := toks[i:min(i+n, len(toks))]
		if len(sh) > 0 {
			out[strings.Join(sh, "\x00")]++
		}
	}
	return out
}

// ShingleMeans aggregates per-page Shingles counts as evaluate.py does
// (metrics_from_tp_fp_fns): precision is the mean over pages that predicted
// something, recall the mean over pages with gold, F1 their harmonic mean.
func ShingleMeans(pages []Counts) (p, r, f1 float64) {
	var np, nr int
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			p += c.P()
			np++
		}
		if c.TP+c.FN > 0 {
			r += c.R()
			nr++
		}
	}
	if np > 0 {
		p /= float64(np)
	}
	if nr > 0 {
		r /= float64(nr)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// Judge scores got against must-include (with) and must-exclude (without)
// snippets as trafilatura's evaluation does (eval_common.count_item): white
// space is collapsed on both sides; a with snippet found is a true positive,
// missing a false negative; a without snippet found is a false positive.
// Counts are summed over pages by the caller (micro average).
func Judge(got string, with, without []string) Counts {
	g := norm(got)
	var c Counts
	for _, w := range with {
		if strings.Contains(g, norm(w)) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, w := range without {
		if strings.Contains(g, norm(w)) {
			c.FP++
		}
	}
	return c
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// Add sums counts.
func (c Counts) Add(d Counts) Counts { return Counts{c.TP + d.TP, c.FP + d.FP, c.FN + d.FN} }
