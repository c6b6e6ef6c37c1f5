package evalset

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// A Detector returns the class code it judges text to be in, or "und".
type Detector func(text string) string

// A Tally counts the labels a detector gave to the items of one language.
type Tally struct {
	N   int
	Got map[string]int
}

func (t *Tally) add(label string) {
	if t.Got == nil {
		t.Got = map[string]int{}
	}
	t.N++
	t.Got[label]++
}

// Share returns the fraction of items labelled with any of labels.
func (t Tally) Share(labels ...string) float64 {
	if t.N == 0 {
		return 0
	}
	n := 0
	for _, l := range labels {
		n += t.Got[l]
	}
	return float64(n) / float64(t.N)
}

// MaxWords is the longest snippet measured, in words.
const MaxWords = 3

// A Report holds what a detector made of one set.
type Report struct {
	Set       *Set
	Sentences map[string]Tally
	// Snippets[n] holds the n-word snippets, n from 1 to MaxWords.
	Snippets [MaxWords + 1]map[string]Tally
}

// Measure runs det over every sentence of s, and over its snippets of 1 to
// MaxWords words. codes, when not nil, limits the languages measured.
func Measure(s *Set, det Detector, codes []string) *Report {
	r := &Report{Set: s, Sentences: map[string]Tally{}}
	for n := 1; n <= MaxWords; n++ {
		r.Snippets[n] = map[string]Tally{}
	}
	for _, code := range s.Codes() {
		if codes != nil && !contains(codes, code) {
			continue
		}
		var t Tally
		for _, l := range s.Lines[code] {
			t.add(det(l))
		}
		r.Sentences[code] = t
		for n := 1; n <= MaxWords; n++ {
			var t Tally
			for _, sn := range Snippets(s.Lines[code], n) {
				t.add(det(sn))
			}
			r.Snippets[n][code] = t
		}
	}
	return r
}

// pool adds the tallies of codes, from 1- to MaxWords-word snippets when
// snippets is true, else of sentences. ok is false when the report has none.
func (r *Report) pool(codes []string, snippets bool) (t Tally, ok bool) {
	t.Got = map[string]int{}
	from := []map[string]Tally{r.Sentences}
	if snippets {
		from = r.Snippets[1:]
	}
	for _, m := range from {
		for _, c := range codes {
			u, have := m[c]
			if !have {
				continue
			}
			ok = true
			t.N += u.N
			for l, k := range u.Got {
				t.Got[l] += k
			}
		}
	}
	return t, ok && t.N > 0
}

// A Check is one figure of a report with the target it is held to.
type Check struct {
	What   string
	Value  float64 // a fraction
	N      int     // items measured
	Target float64 // a fraction
	AtMost bool    // the target is a ceiling, not a floor
	Info   bool    // reported, held to no target
}

// Met reports whether the figure meets its target.
func (c Check) Met() bool {
	switch {
	case c.Info:
		return true
	case c.AtMost:
		return c.Value <= c.Target
	}
	return c.Value >= c.Target
}

func (c Check) String() string {
	target := "—"
	if !c.Info {
		op := "≥"
		if c.AtMost {
			op = "≤"
		}
		target = fmt.Sprintf("%s %.1f %%", op, 100*c.Target)
	}
	mark := ""
	if !c.Met() {
		mark = "  MISSED"
	}
	return fmt.Sprintf("%-62s %7.2f %%  (n=%d)  target %s%s", c.What, 100*c.Value, c.N, target, mark)
}

// Checks returns the report's figures that the README states, with their
// targets (issue 16), for the languages the report holds.
func (r *Report) Checks() []Check {
	var out []Check
	add := func(what string, codes []string, snippets bool, target float64, atMost bool, labels ...string) {
		if t, ok := r.pool(codes, snippets); ok {
			out = append(out, Check{What: what, Value: t.Share(labels...), N: t.N, Target: target, AtMost: atMost})
		}
	}
	info := func(what string, codes []string, snippets bool, labels ...string) {
		if t, ok := r.pool(codes, snippets); ok {
			out = append(out, Check{What: what, Value: t.Share(labels...), N: t.N, Info: true})
		}
	}
	la := strings.Join(LookAlikes, " ")
	tk := strings.Join(Turkic, " ")
	add("sentences kk right", []string{"kk"}, false, 0.995, false, "kk")
	add("sentences ru right", []string{"ru"}, false, 0.995, false, "ru")
	add("sentences en right", []string{"en"}, false, 0.995, false, "en")
	add("sentences kk-Latn right", []string{"kk-Latn"}, false, 0.95, false, "kk-Latn")
	add("sentences of "+la+" labelled ru", LookAlikes, false, 0.02, true, "ru")
	add("sentences of "+la+", "+tk+" labelled kk", append(append([]string{}, LookAlikes...), Turkic...), false, 0.02, true, "kk")
	add("sentences uz-Latn right", []string{"uz-Latn"}, false, 0.95, false, "uz-Latn")
	add("sentences uz-Latn labelled kk-Latn", []string{"uz-Latn"}, false, 0.02, true, "kk-Latn")
	add("1-3-word snippets kk right", []string{"kk"}, true, 0.94, false, "kk")
	add("1-3-word snippets ru right", []string{"ru"}, true, 0.94, false, "ru")
	info("1-3-word snippets kk, ru abstained (und)", []string{"kk", "ru"}, true, "und")
	add("1-3-word snippets kk-Latn right", []string{"kk-Latn"}, true, 0.90, false, "kk-Latn")
	add("1-3-word snippets of "+la+" labelled ru", LookAlikes, true, 0.035, true, "ru")
	add("1-3-word snippets of "+la+" labelled kk", LookAlikes, true, 0.011, true, "kk")
	info("1-3-word snippets of "+la+" abstained (und)", LookAlikes, true, "und")
	add("1-3-word snippets of "+tk+" labelled ru", Turkic, true, 0.035, true, "ru")
	add("1-3-word snippets of "+tk+" labelled kk", Turkic, true, 0.011, true, "kk")
	info("1-3-word snippets of "+tk+" abstained (und)", Turkic, true, "und")
	add("1-3-word snippets en, uz-Latn labelled kk-Latn", []string{"en", "uz-Latn"}, true, 0.011, true, "kk-Latn")
	return out
}

// pct formats a fraction as a percentage.
func pct(f float64) string { return fmt.Sprintf("%.1f", 100*f) }

// Print writes the report: the checks, then a table per language of
// sentences and snippets (right, und, and the two likeliest wrong labels).
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "Set %s (%s), %s\n", r.Set.Name, r.Set.Dir, r.Set.Kind())
	for _, c := range r.Checks() {
		fmt.Fprintln(w, "  "+c.String())
	}
	fmt.Fprintf(w, "\n  %-8s %-28s %-28s %-28s %-28s\n", "lang", "sentences", "1 word", "2 words", "3 words")
	for _, code := range r.Set.Codes() {
		if _, ok := r.Sentences[code]; !ok {
			continue
		}
		fmt.Fprintf(w, "  %-8s %-28s", code, cell(code, r.Sentences[code]))
		for n := 1; n <= MaxWords; n++ {
			fmt.Fprintf(w, " %-28s", cell(code, r.Snippets[n][code]))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "  (each cell: % right, then the commonest other labels; und = abstained)")
}

// cell summarises a tally: the share right and the two commonest other
// labels.
func cell(code string, t Tally) string {
	if t.N == 0 {
		return "-"
	}
	type kv struct {
		l string
		n int
	}
	var others []kv
	for l, n := range t.Got {
		if l != code {
			others = append(others, kv{l, n})
		}
	}
	sort.Slice(others, func(i, j int) bool {
		if others[i].n != others[j].n {
			return others[i].n > others[j].n
		}
		return others[i].l < others[j].l
	})
	s := pct(t.Share(code))
	for i := 0; i < len(others) && i < 2; i++ {
		s += fmt.Sprintf(" %s:%s", others[i].l, pct(float64(others[i].n)/float64(t.N)))
	}
	return s
}

// AddTo counts one item labelled label in t.
func AddTo(t *Tally, label string) { t.add(label) }
