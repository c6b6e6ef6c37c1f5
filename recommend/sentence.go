package recommend

import (
	"cmp"
	"slices"

	"belgi/annotations"
	"belgi/annotations/tokenize"
)

// A Sentence is what the model reads and learns from: the tokens of one
// sentence of a document, by the rules of package tokenize, and the spans
// over them. Make sentences with Split.
type Sentence struct {
	Doc        string           // the document's ID
	Start, End int              // code points of the document's text, end exclusive
	Tokens     []tokenize.Token // offsets into the document's text
	Words      []string         // the text of each token
	// Gold holds every span of the document that lies within [Start, End),
	// as the document has it, including those the model cannot learn from:
	// it is what a prediction is scored against.
	Gold []annotations.Span

	roots    []*node // the spans learnt from, as a forest by nesting
	rejected []tspan // rejected suggestions on token boundaries
	cov      Coverage
}

// Coverage returns what Split did with the spans that start in s (or in
// the white space before it, or, for the last sentence, after it).
func (s *Sentence) Coverage() Coverage { return s.cov }

// Labelled reports whether the sentence holds a span or a rejected
// suggestion, that is whether a person has looked at it.
func (s *Sentence) Labelled() bool { return len(s.Gold) > 0 || len(s.rejected) > 0 }

// A tspan is a labelled run of tokens of a sentence, last inclusive.
type tspan struct {
	first, last int
	label       string
}

// A node is a span learnt from, with the spans directly nested in it.
type node struct {
	tspan
	kids []*node
}

// Coverage counts what Split did with a document's spans. Every span is
// counted once: Learnt, or skipped for one reason.
type Coverage struct {
	Spans  int // spans of the document
	Learnt int // spans the model learns from, at any depth of nesting
	// Duplicates repeat another span's extent and label: learnt once.
	Duplicates int
	// SameExtent have another span's extent with another label; the label
	// first in byte order is learnt.
	SameExtent int
	// Crossing overlap a span learnt from without either holding the
	// other; the span that starts first (then the longer) is learnt.
	Crossing int
	// Discontinuous spans have several fragments.
	Discontinuous int
	// OffTokens start or end inside a token, or cover no token.
	OffTokens int
	// AcrossSentences start in one sentence and end in another.
	AcrossSentences int
}

// Skipped returns how many spans the model does not learn from, leaving
// out duplicates.
func (c Coverage) Skipped() int {
	return c.SameExtent + c.Crossing + c.Discontinuous + c.OffTokens + c.AcrossSentences
}

// Add adds the counts of o to c.
func (c *Coverage) Add(o Coverage) {
	c.Spans += o.Spans
	c.Learnt += o.Learnt
	c.Duplicates += o.Duplicates
	c.SameExtent += o.SameExtent
	c.Crossing += o.Crossing
	c.Discontinuous += o.Discontinuous
	c.OffTokens += o.OffTokens
	c.AcrossSentences += o.AcrossSentences
}

// Split tokenises d by the rules of its language and returns its sentences,
// with the spans each learns from, and what happened to every span of d.
// Rejected are suggestions the person turned down in d: they are negative
// evidence (see Trainer); those that are not on token boundaries, or that
// a span of d has with the same extent and label, are ignored.
func Split(d *annotations.Document, rejected []annotations.Span) ([]Sentence, Coverage) {
	rs := []rune(d.Text)
	toks := tokenize.Sentences(d.Text, d.Language)
	ss := make([]Sentence, len(toks))
	// Where each token starts and ends: sentence and token index.
	type at struct{ sent, tok int }
	starts := make(map[int]at)
	ends := make(map[int]at)
	for i, ts := range toks {
		s := &ss[i]
		s.Doc = d.ID
		s.Start, s.End = ts[0].Start, ts[len(ts)-1].End
		s.Tokens = ts
		s.Words = make([]string, len(ts))
		for k, t := range ts {
			s.Words[k] = string(rs[t.Start:t.End])
			starts[t.Start] = at{i, k}
			ends[t.End] = at{i, k}
		}
	}
	// after returns the first sentence that ends after code point cp.
	after := func(cp int) int {
		i, _ := slices.BinarySearchFunc(ss, cp, func(s Sentence, cp int) int {
			if s.End <= cp {
				return -1
			}
			return 1
		})
		return i
	}
	// sentenceOf returns the sentence holding [start, end), or -1.
	sentenceOf := func(start, end int) int {
		i := after(start)
		if i < len(ss) && ss[i].Start <= start && end <= ss[i].End {
			return i
		}
		return -1
	}
	// locate returns the sentence and tokens of a span on token
	// boundaries; why is non-zero when it is not.
	const (
		ok = iota
		offTokens
		across
	)
	locate := func(start, end int) (sent int, sp tspan, why int) {
		a, okA := starts[start]
		b, okB := ends[end]
		switch {
		case !okA || !okB || end <= start:
			return -1, sp, offTokens
		case a.sent != b.sent:
			return -1, sp, across
		}
		return a.sent, tspan{first: a.tok, last: b.tok}, ok
	}

	var docCov Coverage // spans of a document without sentences
	cands := make([][]tspan, len(ss))
	for _, sp := range d.Spans {
		cov := &docCov
		if len(ss) > 0 {
			// The owner: the first sentence that ends after the start.
			cov = &ss[min(after(sp.Start), len(ss)-1)].cov
		}
		cov.Spans++
		if i := sentenceOf(sp.Start, sp.End); i >= 0 {
			ss[i].Gold = append(ss[i].Gold, sp)
		}
		if len(sp.Fragments) > 1 {
			cov.Discontinuous++
			continue
		}
		start, end := sp.Start, sp.End
		if len(sp.Fragments) == 1 {
			start, end = sp.Fragments[0].Start, sp.Fragments[0].End
		}
		i, t, why := locate(start, end)
		switch why {
		case offTokens:
			cov.OffTokens++
			continue
		case across:
			cov.AcrossSentences++
			continue
		}
		t.label = sp.Label
		cands[i] = append(cands[i], t)
	}
	for i := range ss {
		ss[i].roots = forest(cands[i], &ss[i].cov)
	}
	for _, r := range rejected {
		if len(r.Fragments) > 1 {
			continue
		}
		i, t, why := locate(r.Start, r.End)
		if why != ok {
			continue
		}
		t.label = r.Label
		if !ss[i].has(t) {
			ss[i].rejected = append(ss[i].rejected, t)
		}
	}
	for i := range ss {
		docCov.Add(ss[i].cov)
	}
	return ss, docCov
}

// has reports whether a span learnt from in s is t.
func (s *Sentence) has(t tspan) bool {
	found := false
	walk(s.roots, func(n *node, _ int) {
		found = found || n.tspan == t
	})
	return found
}

// forest nests the spans of one sentence: each span becomes a child of the
// smallest span that holds it. Duplicates, spans with the extent of another
// and spans crossing another are counted in cov and left out.
func forest(spans []tspan, cov *Coverage) []*node {
	slices.SortFunc(spans, func(a, b tspan) int {
		return cmp.Or(cmp.Compare(a.first, b.first), cmp.Compare(b.last, a.last), cmp.Compare(a.label, b.label))
	})
	var roots, stack []*node
	for k, sp := range spans {
		if k > 0 && spans[k-1].first == sp.first && spans[k-1].last == sp.last {
			if spans[k-1].label == sp.label {
				cov.Duplicates++
			} else {
				cov.SameExtent++
			}
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].last < sp.first {
			stack = stack[:len(stack)-1]
		}
		n := &node{tspan: sp}
		switch {
		case len(stack) == 0:
			roots = append(roots, n)
		case sp.last <= stack[len(stack)-1].last:
			p := stack[len(stack)-1]
			p.kids = append(p.kids, n)
		default:
			cov.Crossing++
			continue
		}
		cov.Learnt++
		stack = append(stack, n)
	}
	return roots
}

// walk calls fn on every node of the forest, parents first, with its depth
// (0 for a root).
func walk(ns []*node, fn func(n *node, depth int)) {
	var rec func(ns []*node, depth int)
	rec = func(ns []*node, depth int) {
		for _, n := range ns {
			fn(n, depth)
			rec(n.kids, depth+1)
		}
	}
	rec(ns, 0)
}
