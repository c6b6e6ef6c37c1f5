package batch

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strings"

	"belgi/annotations"
	"belgi/annotations/suggest"
)

// Gazetteer reads a list of names, one "name<TAB>label" a line ("#" starts
// a comment), and returns a Config.Suggest that proposes those labels where
// the names occur as whole words, case-folded, as the app's suggestions do.
func Gazetteer(r io.Reader) (func(*annotations.Document) []suggest.Suggestion, int, error) {
	m := suggest.New()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		name, label, ok := strings.Cut(s, "\t")
		if !ok || strings.TrimSpace(name) == "" || strings.TrimSpace(label) == "" {
			return nil, 0, fmt.Errorf("gazetteer line %d: want NAME<TAB>LABEL", line)
		}
		m.Add(annotations.Span{Label: strings.TrimSpace(label), Text: strings.TrimSpace(name)})
		n++
	}
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	// suggest.Model is not safe for concurrent use, but Suggest only reads it.
	return m.Suggest, n, nil
}

// rank orders the documents of a stratum for sampling: a hash of the seed
// and the document ID, the same on every machine.
func rank(seed int64, id string) uint64 {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(seed))
	return fnv(append(b[:], id...)) * 0x9e3779b97f4a7c15
}

// A Sampler draws a stratified sample: of each stratum (source and month)
// the PerStratum documents of lowest rank. Which documents it keeps depends
// only on the seed and the documents, not on their order. It holds the
// sample in memory.
type Sampler struct {
	k      int
	seed   int64
	strata map[string]*docHeap
}

// NewSampler returns a Sampler keeping k documents a stratum.
func NewSampler(k int, seed int64) *Sampler {
	return &Sampler{k: k, seed: seed, strata: map[string]*docHeap{}}
}

// Stratum is the sampling stratum of d.
func Stratum(d *Doc) string { return d.Site + " " + d.Month }

// Add offers d and returns the document it displaces from the sample (d
// itself when it is not drawn), or nil.
func (s *Sampler) Add(d *Doc) *Doc {
	h := s.strata[Stratum(d)]
	if h == nil {
		h = &docHeap{}
		s.strata[Stratum(d)] = h
	}
	e := ranked{rank(s.seed, d.Doc.ID), d}
	if h.Len() < s.k {
		heap.Push(h, e)
		return nil
	}
	if top := (*h)[0]; e.less(top) {
		(*h)[0] = e
		heap.Fix(h, 0)
		return top.d
	}
	return d
}

// Sample returns the drawn documents in input order.
func (s *Sampler) Sample() []*Doc {
	var out []*Doc
	for _, h := range s.strata {
		for _, e := range *h {
			out = append(out, e.d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

type ranked struct {
	r uint64
	d *Doc
}

func (a ranked) less(b ranked) bool {
	if a.r != b.r {
		return a.r < b.r
	}
	return a.d.Doc.ID < b.d.Doc.ID
}

// docHeap is a max-heap by rank: its top is the first to go.
type docHeap []ranked

func (h docHeap) Len() int           { return len(h) }
func (h docHeap) Less(i, j int) bool { return h[j].less(h[i]) }
func (h docHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *docHeap) Push(x any)        { *h = append(*h, x.(ranked)) }
func (h *docHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Assign says which of n annotators (0..n-1) get the document id: one
// each, and a second for a share overlap of the documents, chosen by a hash
// of the seed and the ID. It is the one place packaging decides; when
// annotations/assign lands, this is where belgi batch switches to it.
func Assign(id string, n int, overlap float64, seed int64) []int {
	if n <= 0 {
		return nil
	}
	h := rank(seed, "assign:"+id)
	first := int(h % uint64(n))
	if n == 1 {
		return []int{first}
	}
	h2 := rank(seed, "overlap:"+id)
	if float64(h2>>11)/float64(1<<53) >= overlap {
		return []int{first}
	}
	second := (first + 1 + int((h2>>3)%uint64(n-1))) % n
	return []int{first, second}
}
