package assign

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
)

func corpus(n int) []*annotations.Document {
	var docs []*annotations.Document
	for i := range n {
		d := annotations.NewDocument(fmt.Sprint("d", i), "", "", fmt.Sprint("Митинг №", i))
		d.Spans = []annotations.Span{{ID: "T1", Label: "EVENT", Start: 0, End: 6, Text: "Митинг"}}
		docs = append(docs, d)
	}
	return docs
}

func ids(p Package) []string {
	var out []string
	for _, d := range p.Documents {
		out = append(out, d.ID)
	}
	return out
}

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		docs, anns int
		overlap    float64
		twice      int
	}{
		{10, 3, 0.2, 2},
		{100, 4, 0.25, 25},
		{7, 2, 1, 7},
		{5, 1, 0, 0},
		{0, 3, 0.5, 0},
		{9, 3, 0, 0},
	} {
		var anns []string
		for a := range tt.anns {
			anns = append(anns, fmt.Sprint("ann", a))
		}
		docs := corpus(tt.docs)
		pkgs, err := Split(docs, Options{Annotators: anns, Overlap: tt.overlap, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		times := map[string]int{}
		sizes := []int{}
		for a, p := range pkgs {
			if p.Annotator != anns[a] {
				t.Errorf("package %d is %q", a, p.Annotator)
			}
			seen := map[string]bool{}
			for _, d := range p.Documents {
				if d.Annotator != p.Annotator {
					t.Errorf("%s in %s's package has annotator %q", d.ID, p.Annotator, d.Annotator)
				}
				if seen[d.ID] {
					t.Errorf("%s twice in %s's package", d.ID, p.Annotator)
				}
				seen[d.ID] = true
				times[d.ID]++
			}
			sizes = append(sizes, len(p.Documents))
		}
		twice := 0
		for _, d := range docs {
			switch times[d.ID] {
			case 1:
			case 2:
				twice++
			default:
				t.Errorf("%v: %s in %d packages", tt, d.ID, times[d.ID])
			}
		}
		if twice != tt.twice {
			t.Errorf("%v: %d documents in two packages, want %d", tt, twice, tt.twice)
		}
		lo, hi := tt.docs, 0
		for _, s := range sizes {
			lo, hi = min(lo, s), max(hi, s)
		}
		if tt.docs > 0 && hi-lo > 1 {
			t.Errorf("%v: package sizes %v are not balanced", tt, sizes)
		}
	}
}

func TestSplitDeterministic(t *testing.T) {
	opt := Options{Annotators: []string{"a", "b", "c"}, Overlap: 0.3, Seed: 42}
	p1, _ := Split(corpus(30), opt)
	p2, _ := Split(corpus(30), opt)
	for a := range p1 {
		if !reflect.DeepEqual(ids(p1[a]), ids(p2[a])) {
			t.Errorf("same seed, different packages for %s", p1[a].Annotator)
		}
	}
	opt.Seed = 43
	p3, _ := Split(corpus(30), opt)
	if reflect.DeepEqual(ids(p1[0]), ids(p3[0])) {
		t.Error("another seed gave the same package")
	}
}

func TestSplitCopies(t *testing.T) {
	docs := corpus(2)
	pkgs, _ := Split(docs, Options{Annotators: []string{"a", "b"}, Overlap: 1})
	pkgs[0].Documents[0].Spans[0].Label = "CHANGED"
	if docs[0].Spans[0].Label != "EVENT" || docs[0].Annotator != "" {
		t.Error("a package shares its documents with the input")
	}
}

func TestSplitErrors(t *testing.T) {
	for _, tt := range []struct {
		opt  Options
		want string
	}{
		{Options{}, "no annotators"},
		{Options{Annotators: []string{"a", "a"}}, `"a" is given twice`},
		{Options{Annotators: []string{"a", " "}}, "empty"},
		{Options{Annotators: []string{"a", "b"}, Overlap: 1.5}, "between 0 and 1"},
		{Options{Annotators: []string{"a"}, Overlap: 0.2}, "two or more annotators"},
	} {
		_, err := Split(corpus(3), tt.opt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.opt, err, tt.want)
		}
	}
	if _, err := Split(nil, Options{Annotators: []string{"a", "b"}, Overlap: -1}); !errors.Is(err, ErrOverlap) {
		t.Errorf("negative overlap: %v", err)
	}
}
