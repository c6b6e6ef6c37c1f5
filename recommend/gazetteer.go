package recommend

import (
	"slices"
	"strings"
)

// A gazetteer holds the strings the person labelled, as sequences of
// normalised words, with how often each got each label. It gives the
// features fGaz (a token starts or continues a known string of a label)
// and fGazStem (a one-word token begins with a known one-word string and
// goes on for a few letters more: a Kazakh or Russian case ending).
type gazetteer struct {
	entries map[string]*gazEntry   // words joined by "\x00"
	byFirst map[string][]*gazEntry // first word → entries, longest first
}

type gazEntry struct {
	words  []string
	counts []labelCount // by label
}

type labelCount struct {
	label string
	n     int
}

// count returns the uses of the label.
func (e *gazEntry) count(label string) int {
	if i, ok := slices.BinarySearchFunc(e.counts, label, byLabel); ok {
		return e.counts[i].n
	}
	return 0
}

func byLabel(c labelCount, label string) int { return strings.Compare(c.label, label) }

func newGazetteer() *gazetteer {
	return &gazetteer{entries: map[string]*gazEntry{}, byFirst: map[string][]*gazEntry{}}
}

// The shortest word that fGazStem matches by its beginning, and how many
// code points longer the token may be.
const (
	stemMin  = 4
	stemMore = 6
)

// gazKey returns the key of the words first..last of ws.
func gazKey(ws []word, first, last int) string {
	var b strings.Builder
	for i := first; i <= last; i++ {
		if i > first {
			b.WriteByte(0)
		}
		b.WriteString(ws[i].norm)
	}
	return b.String()
}

// add counts n more uses (n may be negative) of the key with the label.
func (g *gazetteer) add(key, label string, n int) {
	e := g.entries[key]
	if e == nil {
		if n <= 0 {
			return
		}
		e = &gazEntry{words: strings.Split(key, "\x00")}
		g.entries[key] = e
		list := append(g.byFirst[e.words[0]], e)
		slices.SortStableFunc(list, func(a, b *gazEntry) int { return len(b.words) - len(a.words) })
		g.byFirst[e.words[0]] = list
	}
	i, ok := slices.BinarySearchFunc(e.counts, label, byLabel)
	if !ok {
		if n <= 0 {
			return
		}
		e.counts = slices.Insert(e.counts, i, labelCount{label: label})
	}
	if e.counts[i].n += n; e.counts[i].n <= 0 {
		e.counts = slices.Delete(e.counts, i, i+1)
	}
	if len(e.counts) == 0 {
		delete(g.entries, key)
		list := slices.DeleteFunc(g.byFirst[e.words[0]], func(x *gazEntry) bool { return x == e })
		if len(list) == 0 {
			delete(g.byFirst, e.words[0])
		} else {
			g.byFirst[e.words[0]] = list
		}
	}
}

// own is what a sentence itself contributes to the gazetteer: while the
// trainer reads that sentence, its own spans are left out, or the model
// would learn that every labelled string is in the gazetteer.
type own map[string]map[string]int

// features appends to dst[i] the gazetteer features of each token of ws,
// leaving out the uses in mine.
func (g *gazetteer) features(dst [][]hash, ws []word, mine own) {
	if len(g.entries) == 0 {
		return
	}
	uses := func(key string, c labelCount) int {
		n := c.n
		if mine != nil {
			n -= mine[key][c.label]
		}
		return n
	}
	for i := range ws {
		for _, e := range g.byFirst[ws[i].norm] {
			n := len(e.words)
			if i+n > len(ws) || !matches(ws[i+1:i+n], e.words[1:]) {
				continue
			}
			key := ""
			if mine != nil {
				key = strings.Join(e.words, "\x00")
			}
			for _, c := range e.counts {
				if uses(key, c) <= 0 {
					continue
				}
				for k := i; k < i+n; k++ {
					pos := byte('I')
					if k == i {
						pos = 'B'
					}
					dst[k] = append(dst[k], newHash(fGaz).byte(pos).str(c.label), newHash(fGaz).byte(pos))
				}
			}
		}
		// A known one-word string followed by a case ending.
		w := &ws[i]
		for k := w.runes() - 1; k >= stemMin && k >= w.runes()-stemMore; k-- {
			stem := w.prefix(k)
			e := g.entries[stem]
			if e == nil {
				continue
			}
			for _, c := range e.counts {
				if uses(stem, c) > 0 {
					dst[i] = append(dst[i], newHash(fGazStem).str(c.label))
				}
			}
			break
		}
	}
}

func matches(ws []word, want []string) bool {
	for i, w := range want {
		if ws[i].norm != w {
			return false
		}
	}
	return true
}

// keys returns the keys of g's entries in byte order.
func (g *gazetteer) keys() []string {
	keys := make([]string, 0, len(g.entries))
	for k := range g.entries {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
