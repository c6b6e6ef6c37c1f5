package agree

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"belgi/annotations"
)

// A mark is an annotation reduced to what agreement compares: a span, an
// event's trigger (label = the event type) or an event's argument (label =
// the event type, role, and the filler's fragments).
type mark struct {
	id         string // span id; event id for triggers and arguments
	label      string
	role       string
	li, ri     int // indexes of label and role in the report's lists
	start, end int
	frags      []annotations.Fragment // nil when contiguous
}

// fragments returns the fragments m covers.
func (m *mark) fragments() []annotations.Fragment {
	if m.frags != nil {
		return m.frags
	}
	return []annotations.Fragment{{Start: m.start, End: m.end}}
}

// size is the number of code points m covers.
func (m *mark) size() int {
	n := 0
	for _, f := range m.fragments() {
		n += f.End - f.Start
	}
	return n
}

// spanMark reduces a span to a mark over a text of n code points: its
// fragments (or its start and end) sorted, with overlapping and touching
// fragments merged, so that equal stretches of text compare equal. It
// fails when an offset lies outside the text or a fragment ends before it
// starts.
func spanMark(s annotations.Span, n int) (mark, bool) {
	m := mark{id: s.ID, label: s.Label}
	fs := s.Fragments
	if len(fs) == 0 {
		fs = []annotations.Fragment{{Start: s.Start, End: s.End}}
	}
	for _, f := range fs {
		if f.Start < 0 || f.End > n || f.End < f.Start {
			return m, false
		}
	}
	if len(fs) == 1 {
		m.start, m.end = fs[0].Start, fs[0].End
		return m, true
	}
	fs = append([]annotations.Fragment(nil), fs...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	out := fs[:1]
	for _, f := range fs[1:] {
		if last := &out[len(out)-1]; f.Start <= last.End {
			last.End = max(last.End, f.End)
		} else {
			out = append(out, f)
		}
	}
	m.start, m.end = out[0].Start, out[len(out)-1].End
	if len(out) > 1 {
		m.frags = out
	}
	return m, true
}

// fragsKey writes m's fragments as text, for map keys.
func (m *mark) fragsKey() string {
	var b strings.Builder
	for i, f := range m.fragments() {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(f.Start))
		b.WriteByte('-')
		b.WriteString(strconv.Itoa(f.End))
	}
	return b.String()
}

// compareFrags orders marks by what they cover.
func compareFrags(a, b *mark) int {
	if a.start != b.start {
		return cmpInt(a.start, b.start)
	}
	if a.end != b.end {
		return cmpInt(a.end, b.end)
	}
	fa, fb := a.frags, b.frags
	if len(fa) != len(fb) {
		return cmpInt(len(fa), len(fb))
	}
	for i := range fa {
		if fa[i] != fb[i] {
			if fa[i].Start != fb[i].Start {
				return cmpInt(fa[i].Start, fb[i].Start)
			}
			return cmpInt(fa[i].End, fb[i].End)
		}
	}
	return 0
}

// compareLabelled orders by what marks cover, then label.
func compareLabelled(a, b *mark) int {
	if c := compareFrags(a, b); c != 0 {
		return c
	}
	return strings.Compare(a.label, b.label)
}

// compareFull orders by what marks cover, label, then role: the order marks
// are kept in.
func compareFull(a, b *mark) int {
	if c := compareLabelled(a, b); c != 0 {
		return c
	}
	return strings.Compare(a.role, b.role)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func sortMarks(ms []mark) {
	slices.SortFunc(ms, func(a, b mark) int { return compareFull(&a, &b) })
}

// A pairing pairs marks of two annotators, one to one; used records which
// marks of each side are taken.
type pairing struct {
	pairs        [][2]int
	usedA, usedB []bool
}

func newPairing(na, nb int) *pairing {
	return &pairing{pairs: make([][2]int, 0, min(na, nb)), usedA: make([]bool, na), usedB: make([]bool, nb)}
}

func (p *pairing) add(i, j int) {
	p.pairs = append(p.pairs, [2]int{i, j})
	p.usedA[i], p.usedB[j] = true, true
}

// equalPairs pairs the free marks of a and b (both sorted by compareFull)
// that cmp finds equal, as a multiset intersection: walking both lists in
// order, so cmp must be compareFull or coarser than it in the same order.
func equalPairs(p *pairing, a, b []mark, cmp func(a, b *mark) int) [][2]int {
	start := len(p.pairs)
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if p.usedA[i] {
			i++
			continue
		}
		if p.usedB[j] {
			j++
			continue
		}
		switch c := cmp(&a[i], &b[j]); {
		case c == 0:
			p.add(i, j)
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return p.pairs[start:]
}

// overlapPairs pairs free marks that share at least one code point, with
// the same label (sameLabel) or a different one: largest overlap first,
// ties broken by position in a way that does not depend on which side is
// which.
func overlapPairs(p *pairing, a, b []mark, sameLabel bool) [][2]int {
	type cand struct {
		i, j, size int
	}
	var cands []cand
	consider := func(i, j int) {
		if c := overlap(&a[i], &b[j]); c > 0 && (a[i].label == b[j].label) == sameLabel {
			cands = append(cands, cand{i, j, c})
		}
	}
	var activeA, activeB []int
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		takeA := j >= len(b) || (i < len(a) && a[i].start <= b[j].start)
		var pos int
		if takeA {
			pos = a[i].start
		} else {
			pos = b[j].start
		}
		activeA = prune(activeA, a, pos)
		activeB = prune(activeB, b, pos)
		if takeA {
			if !p.usedA[i] {
				for _, k := range activeB {
					consider(i, k)
				}
				activeA = append(activeA, i)
			}
			i++
		} else {
			if !p.usedB[j] {
				for _, k := range activeA {
					consider(k, j)
				}
				activeB = append(activeB, j)
			}
			j++
		}
	}
	key := func(c cand) [4]int {
		x, y := &a[c.i], &b[c.j]
		return [4]int{min(x.start, y.start), max(x.start, y.start), min(x.end, y.end), max(x.end, y.end)}
	}
	slices.SortStableFunc(cands, func(x, y cand) int {
		if x.size != y.size {
			return cmpInt(y.size, x.size)
		}
		kx, ky := key(x), key(y)
		return slices.Compare(kx[:], ky[:])
	})
	start := len(p.pairs)
	for _, c := range cands {
		if !p.usedA[c.i] && !p.usedB[c.j] {
			p.add(c.i, c.j)
		}
	}
	return p.pairs[start:]
}

// prune drops the marks that end at or before pos.
func prune(active []int, ms []mark, pos int) []int {
	out := active[:0]
	for _, k := range active {
		if ms[k].end > pos {
			out = append(out, k)
		}
	}
	return out
}

// overlap returns the number of code points a and b share.
func overlap(a, b *mark) int {
	if a.frags == nil && b.frags == nil {
		return max(0, min(a.end, b.end)-max(a.start, b.start))
	}
	fa, fb := a.fragments(), b.fragments()
	n, i, j := 0, 0, 0
	for i < len(fa) && j < len(fb) {
		n += max(0, min(fa[i].End, fb[j].End)-max(fa[i].Start, fb[j].Start))
		if fa[i].End < fb[j].End {
			i++
		} else {
			j++
		}
	}
	return n
}
