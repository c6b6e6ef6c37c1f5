package agree

import (
	"math"
	"sort"
)

// Kappa is a chance-corrected agreement coefficient of the κ family:
// (Observed − Expected) / (1 − Expected), where both are agreements.
type Kappa struct {
	Observed, Expected float64 // A_o and A_e
	Value              Score
}

// Alpha is a Krippendorff coefficient: 1 − Observed / Expected, where both
// are disagreements (D_o and D_e).
type Alpha struct {
	Observed, Expected float64
	Value              Score
}

// tolerance is how close D_o and D_e (or A_o and A_e) must be to count as
// equal: they are computed by different sums, so equal values may differ in
// the last bits.
const tolerance = 1e-12

func near(a, b float64) bool {
	d := math.Abs(a - b)
	return d == 0 || d <= tolerance*math.Max(math.Abs(a), math.Abs(b))
}

// kappaOf combines observed and expected agreement.
func kappaOf(ao, ae float64) Kappa {
	k := Kappa{Observed: ao, Expected: ae}
	if near(ae, 1) {
		k.Value = undefined("chance agreement is 1: every item is in one category")
		return k
	}
	k.Value = value((ao - ae) / (1 - ae))
	return k
}

// alphaOf combines observed and expected disagreement as DKPro does: equal
// disagreements give 0, even when both are 0.
func alphaOf(do, de float64) Alpha {
	a := Alpha{Observed: do, Expected: de}
	switch {
	case near(do, de):
		a.Value = value(0)
	case de == 0:
		a.Value = undefined("no disagreement is expected by chance")
	default:
		a.Value = value(1 - do/de)
	}
	return a
}

// CohenKappa returns Cohen's (1960) κ for two coders from a contingency
// table: t[i][j] counts the items the first coder put in category i and the
// second in category j. A_o is the share of the diagonal and A_e = Σ_k
// p₁(k)·p₂(k), each coder's own distribution. It is undefined with no items
// or when both coders used one and the same category only.
func CohenKappa(t [][]int) Kappa {
	n := 0
	rows := make([]int, len(t))
	cols := make([]int, len(t))
	diag := 0
	for i, r := range t {
		for j, c := range r {
			n += c
			rows[i] += c
			if j >= len(cols) {
				cols = append(cols, make([]int, j-len(cols)+1)...)
			}
			cols[j] += c
			if i == j {
				diag += c
			}
		}
	}
	if n == 0 {
		return Kappa{Value: undefined("no items")}
	}
	ae := 0.0
	for k := range rows {
		if k < len(cols) {
			ae += float64(rows[k]) * float64(cols[k])
		}
	}
	return kappaOf(float64(diag)/float64(n), ae/(float64(n)*float64(n)))
}

// FleissResult is Fleiss' κ with its per-category values.
type FleissResult struct {
	Kappa
	ByCategory []Score // κ_j, in the order of the count columns
}

// FleissKappa returns Fleiss' (1971) κ: counts[i][j] is how many raters put
// item i in category j, and every item has the same number n ≥ 2 of
// ratings. P_i = (Σ_j n_ij² − n) / (n(n−1)), A_o = mean P_i, A_e = Σ_j p_j²
// with p_j the share of all ratings in category j. With two raters it is
// Scott's π. The per-category κ_j = 1 − Σ_i n_ij(n − n_ij) / (N·n(n−1)·p_j·q_j).
func FleissKappa(counts [][]int) FleissResult {
	var r FleissResult
	if len(counts) == 0 {
		r.Value = undefined("no items")
		return r
	}
	k := 0
	for _, row := range counts {
		k = max(k, len(row))
	}
	n := -1
	p := make([]float64, k)
	var sumP float64
	for _, row := range counts {
		m, sq := 0, 0
		for j, c := range row {
			m += c
			sq += c * c
			p[j] += float64(c)
		}
		if n >= 0 && m != n {
			r.Value = undefined("items have different numbers of ratings (%d and %d)", n, m)
			return r
		}
		n = m
		if n >= 2 {
			sumP += float64(sq-n) / float64(n*(n-1))
		}
	}
	if n < 2 {
		r.Value = undefined("Fleiss' κ needs two or more ratings per item")
		return r
	}
	N := float64(len(counts))
	ae := 0.0
	for j := range p {
		p[j] /= N * float64(n)
		ae += p[j] * p[j]
	}
	r.Kappa = kappaOf(sumP/N, ae)
	r.ByCategory = make([]Score, k)
	for j := range p {
		if p[j] == 0 || near(p[j], 1) {
			r.ByCategory[j] = undefined("every rating is in this category, or none is")
			continue
		}
		var dis float64
		for _, row := range counts {
			if j < len(row) {
				dis += float64(row[j] * (n - row[j]))
			}
		}
		r.ByCategory[j] = value(1 - dis/(N*float64(n*(n-1))*p[j]*(1-p[j])))
	}
	return r
}

// KrippendorffNominal returns Krippendorff's α for nominal data: units[i]
// lists the values the coders gave unit i (a missing value is left out, so
// the lists may differ in length). Units with fewer than two values cannot
// be paired and are skipped. D_o is the share of mismatching pairable
// values in the coincidence matrix and D_e = Σ_{c≠k} n_c·n_k / (n(n−1)).
func KrippendorffNominal(units [][]string) Alpha {
	nc := map[string]float64{}
	var n, dis float64
	for _, u := range units {
		m := len(u)
		if m < 2 {
			continue
		}
		count := map[string]int{}
		for _, v := range u {
			count[v]++
		}
		same := 0
		for v, c := range count {
			same += c * c
			nc[v] += float64(c)
		}
		dis += float64(m*m-same) / float64(m-1)
		n += float64(m)
	}
	if n == 0 {
		return Alpha{Value: undefined("no unit has two values")}
	}
	// Σ_{c≠k} n_c·n_k = n² − Σ n_c², summed in a fixed order.
	keys := make([]string, 0, len(nc))
	for v := range nc {
		keys = append(keys, v)
	}
	sort.Strings(keys)
	sq := 0.0
	for _, v := range keys {
		sq += nc[v] * nc[v]
	}
	return alphaOf(dis/n, (n*n-sq)/(n*(n-1)))
}

// cohenPairs returns Cohen's κ for pairs of values.
func cohenPairs(pairs [][2]string) Kappa {
	idx := map[string]int{}
	for _, p := range pairs {
		for _, v := range p {
			if _, ok := idx[v]; !ok {
				idx[v] = len(idx)
			}
		}
	}
	t := make([][]int, len(idx))
	for i := range t {
		t[i] = make([]int, len(idx))
	}
	for _, p := range pairs {
		t[idx[p[0]]][idx[p[1]]]++
	}
	return CohenKappa(t)
}
