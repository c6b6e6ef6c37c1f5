package beam_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"belgi/batch"
	"belgi/batch/corpus"
	belgibeam "belgi/beam"
	"belgi/internal/shared"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
)

// BenchmarkPrism runs the Beam pipeline on Prism over the synthetic crawl
// of package batch's BenchmarkCorpus (BELGI_BENCH_PAGES pages, default
// 10,000, under BELGI_BENCH_DIR) and reports the same figures, to set
// beside belgi batch's.
func BenchmarkPrism(b *testing.B) {
	pages := []int{10000}
	if v := os.Getenv("BELGI_BENCH_PAGES"); v != "" {
		pages = nil
		for _, s := range strings.Split(v, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				pages = append(pages, n)
			}
		}
	}
	root := filepath.Dir(shared.Dir(b, "cleaning-dev"))
	base := os.Getenv("BELGI_BENCH_DIR")
	if base == "" {
		base = os.TempDir()
	}
	for _, n := range pages {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir, _, err := corpus.Bench(base, root, n)
			if err != nil {
				b.Fatal(err)
			}
			files, _, err := batch.Files([]string{filepath.Join(dir, "pages")})
			if err != nil {
				b.Fatal(err)
			}
			out := b.TempDir()
			b.ResetTimer()
			for range b.N {
				p, s := beam.NewPipelineWithRoot()
				belgibeam.Build(s, belgibeam.Options{}, files, out)
				if _, err := prism.Execute(context.Background(), p); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			secs := b.Elapsed().Seconds() / float64(b.N)
			t, sc, err := corpus.ScoreCorpus(dir, out)
			if err != nil {
				b.Fatal(err)
			}
			cores := runtime.GOMAXPROCS(0)
			b.ReportMetric(float64(n)/secs/float64(cores), "pages/s/core")
			b.ReportMetric(sc.NearRecall(t), "near-recall-%")
			b.ReportMetric(sc.FalseMergeRate(), "false-merges-%")
			b.ReportMetric(0, "ns/op")
			b.Logf("%d pages: kept %d, duplicates %d, near found %d of %d, false merges %d; %.1f s on %d cores",
				n, sc.Kept, sc.Duplicates, sc.NearFound, t.Near, sc.FalseMerges, secs, cores)
		})
	}
}
