package agree

import (
	"testing"
)

// krippendorff1995 builds the example of Krippendorff (1995, p. 57), as
// DKPro Agreement's Krippendorff1995Test does, stretched by s (positions
// are truncated to integers as there).
func krippendorff1995(s float64) (int, [][]Unit) {
	at := func(x float64) int { return int(x * s) }
	u := func(off, l float64, c string) Unit { return Unit{at(off), at(off) + at(l), c} }
	r0 := []Unit{
		u(2, 8, "A"), u(14, 6, "A"),
		u(0, 18, "B"),
		u(2, 6, "C"), u(10, 2, "C"), u(14, 4, "C"), u(20, 2, "C"),
		u(0, 2, "D"), u(2, 8, "D"), u(10, 4, "D"), u(14, 6, "D"), u(20, 4, "D"),
	}
	r1 := []Unit{
		u(4, 4, "A"), u(15, 2, "A"),
		u(0, 2, "B"), u(2, 1, "B"), u(3, 1, "B"), u(4, 1, "B"), u(5, 1, "B"), u(6, 3, "B"), u(9, 1, "B"),
		u(0, 2, "C"), u(4, 4, "C"), u(10, 4, "C"), u(16, 2, "C"), u(20, 2, "C"),
		u(0, 4, "D"), u(4, 4, "D"), u(8, 7, "D"), u(15, 2, "D"), u(17, 7, "D"),
	}
	return at(24), [][]Unit{r0, r1}
}

func TestAlphaUKrippendorff1995(t *testing.T) {
	L, raters := krippendorff1995(1)
	res := AlphaU(L, raters)
	for c, want := range map[string]float64{"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715} {
		closeF(t, "D_o("+c+")", res.ByCategory[c].Observed, want, 0.00001)
	}
	L, raters = krippendorff1995(1200000 / 24)
	res = AlphaU(L, raters)
	for c, want := range map[string][2]float64{"A": {0.06990, 0.553}, "B": {1.17731, -0.926}, "C": {0.08642, 0.679}, "D": {0.41445, 0.066}} {
		closeF(t, "D_e("+c+")", res.ByCategory[c].Expected, want[0], 0.005)
		close(t, "α_U("+c+")", res.ByCategory[c].Value, want[1], 0.02)
	}
	// Varying lengths (DKPro's testVaryingLengths): D_o stays, D_e grows.
	for _, c := range []struct{ stretch, de, alpha, tol float64 }{
		{12 / 24.0, 0.05494, 0.494, 0.00001},
		{120 / 24.0, 0.08234, 0.663, 0.005},
		{1200 / 24.0, 0.08600, 0.677, 0.005},
		{12000 / 24.0, 0.08638, 0.678, 0.005},
		{120000 / 24.0, 0.08642, 0.679, 0.005},
	} {
		L, raters := krippendorff1995(c.stretch)
		res := AlphaU(L, raters)
		closeF(t, "stretched D_o(C)", res.ByCategory["C"].Observed, 0.02777, 0.00001)
		closeF(t, "stretched D_e(C)", res.ByCategory["C"].Expected, c.de, c.tol)
		close(t, "stretched α_U(C)", res.ByCategory["C"].Value, c.alpha, 0.02)
	}
}

func TestAlphaUKrippendorff2004(t *testing.T) {
	// Krippendorff (2004), p. 254: positions 150–450 shifted to 0–300.
	u := func(start, l int, c string) Unit { return Unit{start, start + l, c} }
	raters := [][]Unit{
		{u(75, 70, "c"), u(220, 30, "c"), u(30, 60, "k"), u(150, 50, "k")},
		{u(70, 80, "c"), u(205, 20, "c"), u(250, 20, "c"), u(30, 60, "k"), u(150, 50, "k")},
	}
	res := AlphaU(300, raters)
	closeF(t, "D_o(c)", res.ByCategory["c"].Observed, 0.0144, 0.00005)
	closeF(t, "D_e(c)", res.ByCategory["c"].Expected, 0.0532, 0.00005)
	close(t, "α_U(c)", res.ByCategory["c"].Value, 0.7286, 0.00005)
	close(t, "α_U(k)", res.ByCategory["k"].Value, 1.0, 1e-12)
	closeF(t, "D_e(k)", res.ByCategory["k"].Expected, 0.0490, 0.0001)
	// The book rounds its intermediate values; DKPro asserts 0.8591 ± 0.0005.
	close(t, "α_U overall", res.Overall.Value, 0.8591, 0.0005)
	// The two squared distances the book spells out.
	closeF(t, "d(75+70, 70+80)", pairDistance([]Unit{u(75, 70, "c")}, []Unit{u(70, 80, "c")}), 50, 0)
	closeF(t, "a 20-unit inside a gap", pairDistance(nil, []Unit{u(250, 20, "c")}), 400, 0)
}

func TestAlphaUDKPro(t *testing.T) {
	// DKPro Agreement's UnitizingAgreementTest: one long unit against three
	// short ones inside it.
	res := AlphaU(10, [][]Unit{{{1, 9, "A"}}, {{2, 3, "A"}, {4, 5, "A"}, {6, 7, "A"}}})
	closeF(t, "D_o(A)", res.ByCategory["A"].Observed, 0.9100, 0.0001)
	closeF(t, "D_e(A)", res.ByCategory["A"].Expected, 0.5351, 0.0001)
	close(t, "α_U(A)", res.ByCategory["A"].Value, -0.7003, 0.0001)
	// One unit among three annotators: D_o = D_e, so 0.
	close(t, "α_U of a single unit", AlphaU(20, [][]Unit{{{0, 1, "X"}}, nil, nil}).Overall.Value, 0, 0)
}

func TestAlphaUWorkedExample(t *testing.T) {
	// agreement.md's worked example, tokens as the continuum (L = 10).
	raters := [][]Unit{
		{{0, 1, "ORG"}, {2, 5, "GROUP"}, {6, 7, "GPE"}, {7, 9, "TIME"}},
		{{0, 1, "ORG"}, {2, 4, "GROUP"}, {6, 7, "LOC"}, {7, 9, "TIME"}},
	}
	res := AlphaU(10, raters)
	closeF(t, "D_o(GROUP)", res.ByCategory["GROUP"].Observed, 0.0100, 1e-12)
	closeF(t, "D_e(GROUP)", res.ByCategory["GROUP"].Expected, 0.0640, 0.00005)
	close(t, "α_U(GROUP)", res.ByCategory["GROUP"].Value, 0.844, 0.0005)
	close(t, "α_U(ORG)", res.ByCategory["ORG"].Value, 1, 1e-12)
	close(t, "α_U(TIME)", res.ByCategory["TIME"].Value, 1, 1e-12)
	for _, c := range []string{"GPE", "LOC"} {
		closeF(t, "D_o("+c+")", res.ByCategory[c].Observed, 0.01, 1e-12)
		closeF(t, "D_e("+c+")", res.ByCategory[c].Expected, 0.01, 1e-12)
		close(t, "α_U("+c+")", res.ByCategory[c].Value, 0, 0) // D_o = D_e gives exactly 0
	}
	closeF(t, "mean D_o", res.Overall.Observed, 0.0060, 1e-12)
	closeF(t, "mean D_e", res.Overall.Expected, 0.0312, 0.00005)
	close(t, "α_U", res.Overall.Value, 0.808, 0.0005)
}

func TestAlphaUZeroLength(t *testing.T) {
	// Every unit of length zero: 0, not 1 (a DKPro bug fixed in 2023).
	for _, raters := range [][][]Unit{
		{{{3, 3, "X"}}, {{3, 3, "X"}}},
		{{{3, 3, "X"}, {7, 7, "Y"}}, {{5, 5, "X"}}},
	} {
		res := AlphaU(10, raters)
		close(t, "α_U of zero-length units", res.Overall.Value, 0, 0)
	}
}

func TestAlphaUOverlapsInOneAnnotator(t *testing.T) {
	// Nested units of one category: identical annotations agree fully,
	// where comparing every unit with every unit would not.
	nested := []Unit{{0, 10, "X"}, {2, 4, "X"}, {3, 8, "X"}}
	res := AlphaU(20, [][]Unit{nested, append([]Unit(nil), nested...)})
	close(t, "α_U of identical nested units", res.Overall.Value, 1, 1e-12)
	// Only one annotator nests: agreement drops but stays defined.
	res = AlphaU(20, [][]Unit{{{0, 10, "X"}, {2, 4, "X"}}, {{0, 10, "X"}}})
	if v := res.Overall.Value; !v.OK || v.Value >= 1 || v.Value < -1 {
		t.Errorf("α_U with one extra nested unit = %v", v)
	}
}

func TestAlphaUUndefined(t *testing.T) {
	if r := AlphaU(10, [][]Unit{{{0, 1, "X"}}}); r.Overall.Value.OK {
		t.Error("α_U with one annotator is defined")
	}
	if r := AlphaU(0, [][]Unit{nil, nil}); r.Overall.Value.OK {
		t.Error("α_U of an empty text is defined")
	}
	if r := AlphaU(10, [][]Unit{nil, nil}); r.Overall.Value.OK {
		t.Error("α_U with no units is defined")
	}
}
