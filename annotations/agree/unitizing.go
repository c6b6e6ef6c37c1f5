package agree

import (
	"sort"
)

// A Unit is a stretch [Start, End) of a continuum that one annotator put in
// a category. Offsets are code points for documents; any unit works.
type Unit struct {
	Start, End int
	Category   string
}

// Unitizing is Krippendorff's α_U for a study: overall and per category.
type Unitizing struct {
	Overall    Alpha
	ByCategory map[string]Alpha
}

// AlphaU returns Krippendorff's (1995) α_U for the units of R ≥ 2
// annotators (raters[r] are annotator r's units) over a continuum of the
// given length, as DKPro Agreement's KrippendorffAlphaUnitizingAgreement
// computes it:
//
//   - D_o(c) = 2 / (R(R−1)L²) · Σ over annotator pairs of Σ δ², where two
//     overlapping units of c have δ² = (b₁−b₂)² + (e₁−e₂)², and a unit that
//     overlaps no unit of c of the other annotator (it lies inside a gap)
//     has δ² = l²;
//   - D_e(c) = [2/L · Σ_u ((N_c−1)(2l³−3l²+l)/3 + l²·Σ_{gaps g ≥ l} (g−l+1))]
//     / [RL(RL−1) − Σ_u l(l−1)], over every annotator's units and gaps of c;
//   - α_U(c) = 1 − D_o(c)/D_e(c), and overall 1 − mean D_o / mean D_e over
//     the categories; equal disagreements give 0 (so units that all have
//     length 0 give 0, not 1).
//
// The formula needs an annotator's units of one category not to overlap.
// DKPro leaves that to the caller and INCEpTION drops the later of two
// overlapping units; AlphaU instead deals each annotator's units of a
// category into layers (the first layer that is free at a unit's start,
// taking units by start, longer first), compares layer k with layer k, and
// gives the category the mean D_o and D_e of its layers. Without overlaps
// there is one layer and the result is DKPro's.
//
// Units outside [0, length] are clipped to it. Categories are those of the
// units given; with none, or a continuum of length 0, α is undefined.
func AlphaU(length int, raters [][]Unit) Unitizing {
	res := Unitizing{ByCategory: map[string]Alpha{}}
	R := len(raters)
	switch {
	case R < 2:
		res.Overall.Value = undefined("α_U needs two annotators")
		return res
	case length <= 0:
		res.Overall.Value = undefined("the text is empty")
		return res
	}
	// layers[c][k][r] are annotator r's units of category c in layer k.
	layers := map[string][][][]Unit{}
	var cats []string
	for r, units := range raters {
		// One copy, bucketed by category keeping the order given (a stable
		// counting sort): no map of growing slices, and no sort when the
		// units come sorted by start.
		cat := map[string]int{}
		var offs []int
		which := make([]int, len(units))
		for i, u := range units {
			k, ok := cat[u.Category]
			if !ok {
				k = len(offs)
				cat[u.Category] = k
				offs = append(offs, 0)
			}
			which[i] = k
			offs[k]++
		}
		pos := 0
		for k, n := range offs {
			offs[k] = pos
			pos += n
		}
		us := make([]Unit, len(units))
		for i, u := range units {
			u.Start = min(max(u.Start, 0), length)
			u.End = min(max(u.End, u.Start), length)
			us[offs[which[i]]] = u
			offs[which[i]]++
		}
		for i := 0; i < len(us); {
			j := i + 1
			for j < len(us) && us[j].Category == us[i].Category {
				j++
			}
			c := us[i].Category
			if _, ok := layers[c]; !ok {
				cats = append(cats, c)
			}
			for k, layer := range deal(us[i:j:j]) {
				for len(layers[c]) <= k {
					layers[c] = append(layers[c], make([][]Unit, R))
				}
				layers[c][k][r] = layer
			}
			i = j
		}
	}
	if len(cats) == 0 {
		res.Overall.Value = undefined("no units on any side")
		return res
	}
	sort.Strings(cats)
	var sumO, sumE float64
	for _, c := range cats {
		var do, de float64
		for _, layer := range layers[c] {
			do += observed(length, layer)
			de += expected(length, layer)
		}
		k := float64(len(layers[c]))
		do, de = do/k, de/k
		res.ByCategory[c] = alphaOf(do, de)
		sumO += do
		sumE += de
	}
	n := float64(len(cats))
	res.Overall = alphaOf(sumO/n, sumE/n)
	return res
}

// deal sorts units by start, longer first, and deals them into layers in
// which no two overlap: each unit goes to the first layer whose last unit
// ends at or before its start.
func deal(us []Unit) [][]Unit {
	sorted := true
	for i := 1; i < len(us) && sorted; i++ {
		sorted = !unitLess(&us[i], &us[i-1])
	}
	if !sorted {
		sort.Slice(us, func(i, j int) bool { return unitLess(&us[i], &us[j]) })
	}
	flat := true
	for i := 1; i < len(us) && flat; i++ {
		flat = us[i].Start >= us[i-1].End
	}
	if flat {
		return [][]Unit{us}
	}
	var layers [][]Unit
	var ends []int
next:
	for _, u := range us {
		for k, e := range ends {
			if e <= u.Start {
				layers[k] = append(layers[k], u)
				ends[k] = u.End
				continue next
			}
		}
		layers = append(layers, []Unit{u})
		ends = append(ends, u.End)
	}
	return layers
}

// observed returns D_o for one layer of one category: units[r] are
// annotator r's units, sorted and not overlapping.
func observed(L int, units [][]Unit) float64 {
	R := len(units)
	var sum float64
	for r1 := 0; r1 < R; r1++ {
		for r2 := r1 + 1; r2 < R; r2++ {
			sum += pairDistance(units[r1], units[r2])
		}
	}
	return 2 * sum / (float64(R) * float64(R-1) * float64(L) * float64(L))
}

// pairDistance sums δ² over two annotators' units: overlapping pairs by
// their misalignment, and a unit inside the other's gap by its length².
func pairDistance(a, b []Unit) float64 {
	var sum float64
	hitB := make([]bool, len(b))
	j := 0
	for _, u := range a {
		for j < len(b) && b[j].End <= u.Start && !(b[j].Start < u.End && u.Start < b[j].End) {
			j++
		}
		hit := false
		for k := j; k < len(b) && b[k].Start < u.End; k++ {
			v := b[k]
			if v.Start < u.End && u.Start < v.End {
				db, de := float64(u.Start-v.Start), float64(u.End-v.End)
				sum += db*db + de*de
				hit = true
				hitB[k] = true
			}
		}
		if !hit {
			l := float64(u.End - u.Start)
			sum += l * l
		}
	}
	for k, v := range b {
		if !hitB[k] {
			l := float64(v.End - v.Start)
			sum += l * l
		}
	}
	return sum
}

// expected returns D_e for one layer of one category.
func expected(L int, units [][]Unit) float64 {
	R := len(units)
	n := 0
	for _, us := range units {
		n += len(us)
	}
	gaps := make([]float64, 0, n+R)
	N := 0
	var squares float64 // Σ l(l−1)
	for _, us := range units {
		pos := 0
		for _, u := range us {
			if u.Start > pos {
				gaps = append(gaps, float64(u.Start-pos))
			}
			pos = max(pos, u.End)
			l := float64(u.End - u.Start)
			squares += l * (l - 1)
			N++
		}
		if L > pos {
			gaps = append(gaps, float64(L-pos))
		}
	}
	// Σ_{g ≥ l} (g − l + 1) = Σ_{g ≥ l} (g + 1) − l·#{g ≥ l}, by suffix sums
	// over the sorted gaps.
	sort.Float64s(gaps)
	suffix := make([]float64, len(gaps)+1)
	for i := len(gaps) - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1] + gaps[i] + 1
	}
	var total float64
	for _, us := range units {
		for _, u := range us {
			l := float64(u.End - u.Start)
			total += float64(N-1) * (2*l*l*l - 3*l*l + l) / 3
			i := sort.SearchFloat64s(gaps, l)
			total += l * l * (suffix[i] - l*float64(len(gaps)-i))
		}
	}
	rl := float64(R) * float64(L)
	den := rl*(rl-1) - squares
	if den <= 0 {
		return 0
	}
	return 2 / float64(L) * total / den
}

// unitLess orders units by start, longer first.
func unitLess(a, b *Unit) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.End > b.End
}
