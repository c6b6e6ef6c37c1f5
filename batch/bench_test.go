package batch_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"belgi/batch"
	"belgi/batch/corpus"
	"belgi/internal/shared"
)

// benchPages is the corpus sizes of BenchmarkCorpus: BELGI_BENCH_PAGES, a
// comma-separated list, or 10,000.
func benchPages() []int {
	v := os.Getenv("BELGI_BENCH_PAGES")
	if v == "" {
		return []int{10000}
	}
	var out []int
	for _, s := range strings.Split(v, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// synthCorpus returns the folder of a synthetic corpus of n pages built
// from ../shared, generating it outside the repository (under
// BELGI_BENCH_DIR, default the temporary folder) the first time.
func synthCorpus(b *testing.B, n int) string {
	root := filepath.Dir(shared.Dir(b, "cleaning-dev"))
	base := os.Getenv("BELGI_BENCH_DIR")
	if base == "" {
		base = os.TempDir()
	}
	start := time.Now()
	dir, made, err := corpus.Bench(base, root, n)
	if err != nil {
		b.Fatal(err)
	}
	if made {
		b.Logf("generated %d pages in %s (%.0f s)", n, dir, time.Since(start).Seconds())
	}
	return dir
}

// BenchmarkCorpus runs the whole pipeline with its defaults over a
// synthetic crawl (WARC, 30 % real-page HTML, 70 % page dumps) with known
// exact and near-duplicates, and reports throughput, duplicate recall,
// false merges and the peak Go heap during the run.
func BenchmarkCorpus(b *testing.B) {
	for _, n := range benchPages() {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := synthCorpus(b, n)
			files, _, err := batch.Files([]string{filepath.Join(dir, "pages")})
			if err != nil {
				b.Fatal(err)
			}
			out := b.TempDir()
			var rep *batch.Report
			var peak uint64
			b.ResetTimer()
			for range b.N {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				baseHeap := ms.HeapInuse
				var stop atomic.Bool
				done := make(chan uint64)
				go func() {
					var top uint64
					for !stop.Load() {
						var m runtime.MemStats
						runtime.ReadMemStats(&m)
						top = max(top, m.HeapInuse-min(m.HeapInuse, baseHeap))
						time.Sleep(100 * time.Millisecond)
					}
					done <- top
				}()
				rep, err = batch.Run(context.Background(), batch.Config{}, files, out, batch.Options{})
				stop.Store(true)
				peak = max(peak, <-done)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			secs := b.Elapsed().Seconds() / float64(b.N)
			t, s, err := corpus.ScoreCorpus(dir, out)
			if err != nil {
				b.Fatal(err)
			}
			cores := runtime.GOMAXPROCS(0)
			b.ReportMetric(float64(rep.In)/secs/float64(cores), "pages/s/core")
			b.ReportMetric(s.NearRecall(t), "near-recall-%")
			b.ReportMetric(s.FalseMergeRate(), "false-merges-%")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(0, "ns/op")
			j := t.NearJaccard
			b.Logf("%d pages (%d articles, %d follow-ups, %d exact and %d near copies injected; near copies' true Jaccard min %.2f, median %.2f): kept %d, duplicates %d (exact %d, near %d), exact copies found %d, near found %d, false merges %d, rejected %v; %.1f s on %d cores",
				rep.In, t.Bases, t.FollowUps, t.Exact, t.Near, j[0], j[len(j)/2], rep.Kept, rep.Duplicates, rep.Exact, rep.Near, s.ExactFound, s.NearFound, s.FalseMerges, rep.Rejected, secs, cores)
			for _, st := range rep.Steps {
				b.Logf("step %-9s in %7d out %7d  %7.1f s", st.Name, st.In, st.Out, st.Seconds)
			}
		})
	}
}
