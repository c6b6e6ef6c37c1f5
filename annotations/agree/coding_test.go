package agree

import (
	"math"
	"strings"
	"testing"
)

func close(t *testing.T, what string, got Score, want, tol float64) {
	t.Helper()
	if !got.OK {
		t.Errorf("%s undefined (%s), want %.4f", what, got.Why, want)
		return
	}
	if math.Abs(got.Value-want) > tol {
		t.Errorf("%s = %.5f, want %.4f ± %g", what, got.Value, want, tol)
	}
}

func closeF(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	close(t, what, value(got), want, tol)
}

// table builds a contingency table from pairs of category indices and counts.
func table(k int, cells ...[3]int) [][]int {
	t := make([][]int, k)
	for i := range t {
		t[i] = make([]int, k)
	}
	for _, c := range cells {
		t[c[0]][c[1]] += c[2]
	}
	return t
}

func TestCohenKappaPublished(t *testing.T) {
	for _, c := range []struct {
		name       string
		t          [][]int
		ao, ae, k  float64
		pi         float64 // Scott's π, as Fleiss' κ with two raters; 0: not given
		tolK, tolA float64
	}{
		// Artstein & Poesio (2008), example 1: STAT=0, IReq=1; rows coder 1.
		{"Artstein & Poesio 2008, example 1", table(2, [3]int{0, 0, 20}, [3]int{1, 0, 20}, [3]int{0, 1, 10}, [3]int{1, 1, 50}), 0.7, 0.54, 0.348, 0.341, 0.0005, 0.0005},
		// Artstein & Poesio (2008), p. 568: STAT=0, IReq=1, Chck=2.
		// The paper rounds: π computes to 0.7995 and is printed 0.799.
		{"Artstein & Poesio 2008, p. 568", table(3, [3]int{0, 0, 46}, [3]int{1, 0, 6}, [3]int{1, 1, 32}, [3]int{1, 2, 6}, [3]int{2, 2, 10}), 0.88, 0, 0.801, 0.799, 0.0005, 0.0005},
		// Cohen (1960), p. 45.
		{"Cohen 1960", [][]int{{88, 14, 18}, {10, 40, 10}, {2, 6, 12}}, 0.70, 0.41, 0.492, 0, 0.0005, 0.0005},
	} {
		k := CohenKappa(c.t)
		closeF(t, c.name+" A_o", k.Observed, c.ao, c.tolA)
		if c.ae != 0 {
			closeF(t, c.name+" A_e", k.Expected, c.ae, c.tolA)
		}
		close(t, c.name+" κ", k.Value, c.k, c.tolK)
		if c.pi != 0 {
			// Scott's π is Fleiss' κ over the same items with two raters.
			var items [][]int
			for i, row := range c.t {
				for j, n := range row {
					for ; n > 0; n-- {
						cnt := make([]int, len(c.t))
						cnt[i]++
						cnt[j]++
						items = append(items, cnt)
					}
				}
			}
			close(t, c.name+" π", FleissKappa(items).Value, c.pi, 0.001)
		}
	}
}

func TestCohenKappaUndefined(t *testing.T) {
	if k := CohenKappa(nil); k.Value.OK {
		t.Error("κ of no items is defined")
	}
	// Krippendorff (1995), category D digitised: both coders say 1 everywhere.
	if k := CohenKappa([][]int{{0, 0}, {0, 24}}); k.Value.OK || !strings.Contains(k.Value.Why, "chance agreement is 1") {
		t.Errorf("κ with one category = %+v, want undefined", k.Value)
	}
}

func TestFleissPublished(t *testing.T) {
	// Fleiss (1971), p. 379: 30 items, 6 ratings each, categories 1–5.
	ratings := []string{"444444", "222555", "233335", "555555", "222444", "113333", "333355", "113334", "114444", "555555",
		"144444", "124444", "222333", "144444", "224445", "333335", "111455", "111112", "224444", "133555",
		"555555", "244444", "224555", "114444", "144445", "222224", "111155", "224444", "133333", "555555"}
	var counts [][]int
	for _, r := range ratings {
		c := make([]int, 5)
		for _, d := range r {
			c[d-'1']++
		}
		counts = append(counts, c)
	}
	// Fleiss rounds the category shares p_j, so the paper's A_e and κ_j
	// are off in the third decimal; the tolerances are DKPro's.
	f := FleissKappa(counts)
	closeF(t, "Fleiss A_o", f.Observed, 0.5556, 0.00005)
	closeF(t, "Fleiss A_e", f.Expected, 0.2201, 0.001)
	close(t, "Fleiss κ", f.Value, 0.430, 0.001)
	for j, want := range []float64{0.248, 0.248, 0.517, 0.470, 0.565} {
		close(t, "Fleiss κ_"+string(rune('1'+j)), f.ByCategory[j], want, 0.005)
	}
	if f := FleissKappa([][]int{{2, 0}, {1, 2}}); f.Value.OK {
		t.Error("Fleiss' κ with unequal numbers of ratings is defined")
	}
}

func TestKrippendorffNominalPublished(t *testing.T) {
	pairs := func(s string) [][]string {
		var u [][]string
		for _, p := range strings.Fields(s) {
			u = append(u, []string{p[:1], p[1:]})
		}
		return u
	}
	columns := func(c1, c2 string) [][]string {
		a, b := strings.Fields(c1), strings.Fields(c2)
		var u [][]string
		for i := range a {
			u = append(u, []string{a[i], b[i]})
		}
		return u
	}
	for _, c := range []struct {
		name   string
		units  [][]string
		do, de float64
		alpha  float64
	}{
		{"Krippendorff 1980/2004, binary", pairs("10 11 01 00 00 01 00 01 00 00"), 0.400, 0.442, 0.095},
		{"Krippendorff 2004 p. 227", pairs("aa ab bb bb bb bb bc cc cc cc cc cc"), 0.1667, 0.6268, 0.734},
		{"Krippendorff 2011", columns("a a b b d c c c e d d a", "b a b b b c c c e d d d"), 0, 0, 0.692},
	} {
		a := KrippendorffNominal(c.units)
		if c.do != 0 {
			closeF(t, c.name+" D_o", a.Observed, c.do, 0.0005)
			closeF(t, c.name+" D_e", a.Expected, c.de, 0.0005)
		}
		close(t, c.name+" α", a.Value, c.alpha, 0.0005)
	}
	// Observed agreement of the binary example: 1 − D_o = 0.600.
	closeF(t, "binary observed agreement", 1-KrippendorffNominal(pairs("10 11 01 00 00 01 00 01 00 00")).Observed, 0.600, 1e-9)
	// A missing value: the unit with one value is not pairable.
	if a := KrippendorffNominal([][]string{{"a"}, {"b"}}); a.Value.OK {
		t.Error("α with no pairable unit is defined")
	}
}
