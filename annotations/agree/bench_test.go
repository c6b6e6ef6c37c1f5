package agree

import (
	"math/rand"
	"strings"
	"testing"

	"belgi/annotations"
)

// benchStudy returns R annotators' versions of docs texts with about n
// spans each: the same spans, then a share moved, relabelled or dropped.
func benchStudy(R, docs, n int) []Text {
	rng := rand.New(rand.NewSource(1))
	labels := []string{"PER", "ORG", "GPE", "LOC", "TIME", "GROUP"}
	word := "Жанаозен "
	var vs []Version
	for d := 0; d < docs; d++ {
		text := strings.Repeat(word, n*2) + string(rune('a'+d%26)) + strings.Repeat("x", d)
		base := make([]annotations.Span, n)
		for i := range base {
			s := i * 2 * len([]rune(word))
			base[i] = annotations.Span{Label: labels[rng.Intn(len(labels))], Start: s, End: s + 8}
		}
		for a := 0; a < R; a++ {
			doc := annotations.NewDocument("d"+string(rune('0'+d%10)), "", "", text)
			doc.Annotator = string(rune('A' + a))
			for i, sp := range base {
				switch rng.Intn(10) {
				case 0:
					continue
				case 1:
					sp.End--
				case 2:
					sp.Label = labels[rng.Intn(len(labels))]
				}
				sp.ID = "T" + string(rune('0'+i%10)) + strings.Repeat("i", i/10%3) + string(rune('a'+i%26)) + string(rune('A'+i/26%26)) + string(rune('a'+i/676%26))
				doc.Spans = append(doc.Spans, sp)
			}
			vs = append(vs, Version{Annotator: doc.Annotator, Doc: doc})
		}
	}
	texts, err := Group(vs)
	if err != nil {
		panic(err)
	}
	return texts
}

// BenchmarkCompute is the browser budget of issue 14: 3 annotators × 100
// documents × 2,000 spans each (a pair disagrees on about half of them),
// every measure and the diagnosis; noTokens leaves out token κ, which
// tokenizes every text.
func BenchmarkCompute(b *testing.B) {
	texts := benchStudy(3, 100, 2000)
	for _, c := range []struct {
		name string
		opt  Options
	}{{"all", Options{}}, {"noTokens", Options{NoTokens: true}}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				if _, err := Compute(texts, c.opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
