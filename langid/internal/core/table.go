package core

import "fmt"

// A Table is one or more Models merged for scoring: every gram listed by any
// of them, with a weight for every class of every model.
type Table struct {
	Classes  []string
	Scripts  []Script
	byScript [4][]int         // class indexes by script
	index    map[uint32]int32 // gram key → row
	rows     []float32        // row-major, len(Classes) weights a row
}

// NewTable merges models. A class that has no value for a gram listed by
// another model gets its floor for the gram's order. Class tags must be
// unique across models.
func NewTable(models ...*Model) (*Table, error) {
	t := &Table{index: make(map[uint32]int32)}
	var floors [][MaxOrder]float32
	seen := map[string]bool{}
	for _, m := range models {
		for i, c := range m.Classes {
			if seen[c] {
				return nil, fmt.Errorf("langid: class %s is in two models", c)
			}
			seen[c] = true
			t.Classes = append(t.Classes, c)
			t.Scripts = append(t.Scripts, m.Scripts[i])
			floors = append(floors, m.Floors[i])
		}
	}
	nc := len(t.Classes)
	if nc > MaxClasses {
		return nil, fmt.Errorf("langid: %d classes, at most %d", nc, MaxClasses)
	}
	for c, s := range t.Scripts {
		t.byScript[s] = append(t.byScript[s], c)
	}
	// First pass: give every gram a row filled with floors.
	for _, m := range models {
		for _, g := range m.Grams {
			rs := []rune(g)
			k := Key(rs)
			if _, ok := t.index[k]; ok {
				continue
			}
			t.index[k] = int32(len(t.rows) / nc)
			for c := range nc {
				t.rows = append(t.rows, floors[c][len(rs)-1])
			}
		}
	}
	// Second pass: fill in the values.
	col := 0
	for _, m := range models {
		for i, g := range m.Grams {
			rs := []rune(g)
			o := len(rs) - 1
			row := int(t.index[Key(rs)]) * nc
			for c := range m.Classes {
				if q := m.Values[c][i]; q != 0 {
					t.rows[row+col+c] = m.Floors[c][o] + float32(q)*m.Step
				}
			}
		}
		col += len(m.Classes)
	}
	return t, nil
}

// ClassesOf returns the indexes of the classes written in script s.
func (t *Table) ClassesOf(s Script) []int { return t.byScript[s] }

// Score adds to scores[c], for each class c written in script s, the
// log-likelihood of the grams of text's words in that script, grams missing
// from the table left out. It returns how many grams the text has in s and
// how many of them the table lists.
func (t *Table) Score(text string, s Script, scores []float64) (grams, found int) {
	cls := t.byScript[s]
	nc := len(t.Classes)
	Grams(text, s, func(_ []rune, key uint32) {
		grams++
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
