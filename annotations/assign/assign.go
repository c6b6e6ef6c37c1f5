// Package assign splits documents into packages for annotators so that
// agreement can be measured: every document goes to one annotator, and a
// chosen share of them to a second one as well.
//
// The split is deterministic for a seed: the same documents, annotators,
// overlap and seed give the same packages on every machine. Packages are
// balanced: annotators' package sizes differ by at most one among the
// documents each gets first, and the overlapped documents go to whoever
// has fewest so far.
package assign

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"strings"

	"belgi/annotations"
)

// Errors returned by Split.
var (
	ErrNoAnnotators = errors.New("no annotators")
	ErrOverlap      = errors.New("overlap must be between 0 and 1")
)

// Options say who gets what.
type Options struct {
	Annotators []string // ids, distinct and not empty
	// Overlap is the share of documents (0 to 1) that a second annotator
	// also gets; it needs two or more annotators.
	Overlap float64
	Seed    int64
}

// A Package is one annotator's documents, in the order given.
type Package struct {
	Annotator string
	Documents []*annotations.Document
}

// Split returns one package per annotator, in the order of
// opt.Annotators. Each package holds copies of its documents with
// Document.Annotator set to the package's annotator and the annotations
// the input had (so that pre-annotations travel). round(Overlap·n) of the
// n documents are in two packages.
func Split(docs []*annotations.Document, opt Options) ([]Package, error) {
	n := len(opt.Annotators)
	if n == 0 {
		return nil, ErrNoAnnotators
	}
	seen := map[string]bool{}
	for _, a := range opt.Annotators {
		switch {
		case strings.TrimSpace(a) == "":
			return nil, errors.New("an annotator id is empty")
		case seen[a]:
			return nil, fmt.Errorf("annotator %q is given twice", a)
		}
		seen[a] = true
	}
	if math.IsNaN(opt.Overlap) || opt.Overlap < 0 || opt.Overlap > 1 {
		return nil, fmt.Errorf("%w, not %v", ErrOverlap, opt.Overlap)
	}
	if opt.Overlap > 0 && n < 2 {
		return nil, errors.New("an overlap needs two or more annotators")
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	order := rng.Perm(len(docs))
	twice := int(math.Round(opt.Overlap * float64(len(docs))))
	// who[i] lists the annotators of docs[i].
	who := make([][]int, len(docs))
	load := make([]int, n)
	for k, i := range order {
		a := k % n
		who[i] = append(who[i], a)
		load[a]++
	}
	for k, i := range order[:twice] {
		first := who[i][0]
		best := -1
		// The others, in an order that turns with k so that ties spread.
		for step := range n - 1 {
			b := (first + 1 + (step+k)%(n-1)) % n
			if best < 0 || load[b] < load[best] {
				best = b
			}
		}
		who[i] = append(who[i], best)
		load[best]++
	}
	pkgs := make([]Package, n)
	for a := range pkgs {
		pkgs[a].Annotator = opt.Annotators[a]
	}
	for i, d := range docs {
		for _, a := range who[i] {
			c := d.Clone()
			c.Annotator = opt.Annotators[a]
			pkgs[a].Documents = append(pkgs[a].Documents, c)
		}
	}
	return pkgs, nil
}
