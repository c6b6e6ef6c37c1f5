package core

import "fmt"

// A Table is one or more Models merged for scoring: every gram listed by any
// of them, with a weight for every class of every model (0 where a model does
// not list the gram).
type Table struct {
	Classes  []string
	Scripts  []Script
	Bias     []float64
	byScript [4][]int         // class indexes by script
	index    map[uint32]int32 // gram key → row
	rows     []float32        // row-major, len(Classes) weights a row
	// ruled has a bit for each class with an alphabet, and letters maps a
	// letter to the bits of the classes whose alphabet holds it.
	ruled   uint32
	letters map[rune]uint32
}

// NewTable merges models. Class tags must be unique across models.
func NewTable(models ...*Model) (*Table, error) {
	t := &Table{index: make(map[uint32]int32), letters: make(map[rune]uint32)}
	seen := map[string]bool{}
	for _, m := range models {
		if len(m.Scripts) != len(m.Classes) || len(m.Bias) != len(m.Classes) || len(m.Alphabet) != len(m.Classes) || len(m.Values) != len(m.Classes) {
			return nil, fmt.Errorf("langid: model with %d classes has per-class fields of other lengths", len(m.Classes))
		}
		for i, c := range m.Classes {
			if seen[c] {
				return nil, fmt.Errorf("langid: class %s is in two models", c)
			}
			seen[c] = true
			t.Classes = append(t.Classes, c)
			t.Scripts = append(t.Scripts, m.Scripts[i])
			t.Bias = append(t.Bias, float64(m.Bias[i]))
			if m.Alphabet[i] != "" && len(t.Classes) <= 32 {
				bit := uint32(1) << (len(t.Classes) - 1)
				t.ruled |= bit
				for _, r := range m.Alphabet[i] {
					t.letters[r] |= bit
				}
			}
		}
		for c, v := range m.Values {
			if len(v) != len(m.Grams) {
				return nil, fmt.Errorf("langid: class %s has %d values for %d grams", m.Classes[c], len(v), len(m.Grams))
			}
		}
	}
	nc := len(t.Classes)
	if nc > MaxClasses {
		return nil, fmt.Errorf("langid: %d classes, at most %d", nc, MaxClasses)
	}
	for c, s := range t.Scripts {
		t.byScript[s] = append(t.byScript[s], c)
	}
	col := 0
	for _, m := range models {
		for i, g := range m.Grams {
			k := Key([]rune(g))
			row, ok := t.index[k]
			if !ok {
				row = int32(len(t.rows) / nc)
				t.index[k] = row
				t.rows = append(t.rows, make([]float32, nc)...)
			}
			for c := range m.Classes {
				t.rows[int(row)*nc+col+c] += float32(m.Values[c][i]) * m.Step
			}
		}
		col += len(m.Classes)
	}
	return t, nil
}

// ClassesOf returns the indexes of the classes written in script s.
func (t *Table) ClassesOf(s Script) []int { return t.byScript[s] }

// Score adds to scores[c], for each class c written in script s, the weights
// of the grams of text's words in that script. When foreign is not nil it
// also adds to foreign[c] the number of distinct letters of those words that
// are outside class c's alphabet (classes without one get none). It returns
// how many grams the text has in s and how many of them the table lists.
func (t *Table) Score(text string, s Script, scores []float64, foreign []int) (grams, found int) {
	cls := t.byScript[s]
	nc := len(t.Classes)
	var seen [64]rune // distinct letters met so far
	nseen := 0
	Grams(text, s, func(g []rune, key uint32) {
		grams++
		if foreign != nil && len(g) == 1 && t.ruled != 0 {
			t.foreign(g[0], seen[:], &nseen, cls, foreign)
		}
		row, ok := t.index[key]
		if !ok {
			return
		}
		found++
		w := t.rows[int(row)*nc : int(row)*nc+nc]
		for _, c := range cls {
			scores[c] += float64(w[c])
		}
	})
	return grams, found
}

// foreign counts letter r against the classes cls whose alphabet lacks it,
// once per distinct letter.
func (t *Table) foreign(r rune, seen []rune, n *int, cls []int, foreign []int) {
	for _, x := range seen[:*n] {
		if x == r {
			return
		}
	}
	if *n < len(seen) {
		seen[*n] = r
		*n++
	}
	out := t.ruled &^ t.letters[r]
	if out == 0 {
		return
	}
	for _, c := range cls {
		if out&(1<<c) != 0 {
			foreign[c]++
		}
	}
}
