//go:build !wasm

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"belgi/clean"
)

// speedRuns is how many benchmark runs each speed figure is the median of.
const speedRuns = 5

// speed times Text on the 20 KB page testdata/page20k.txt and HTML on a
// saved page, natively.
func speed(td string) {
	raw, err := os.ReadFile(filepath.Join(td, "page20k.txt"))
	if err != nil {
		fmt.Println("== speed: testdata/page20k.txt missing")
		return
	}
	page := string(raw)
	fmt.Printf("== speed, native, median of %d benchmark runs\n", speedRuns)
	ns, b, allocs := median(func() { clean.Text(page) })
	fmt.Printf("  Text on a %d-byte dump (testdata/page20k.txt): %.2f ms/op, %d B/op, %d allocs/op\n", len(page), ns/1e6, b, allocs)
	if h, err := os.ReadFile(filepath.Join(td, "html", "tune", "ru_news.html")); err == nil {
		s := string(h)
		ns, _, _ := median(func() { clean.HTML(s) })
		fmt.Printf("  HTML on a %d-byte page (testdata/html/tune/ru_news.html): %.2f ms/op\n", len(s), ns/1e6)
	}
}

func median(f func()) (ns float64, bytes, allocs int64) {
	var runs []testing.BenchmarkResult
	for range speedRuns {
		runs = append(runs, testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f()
			}
		}))
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].NsPerOp() < runs[j].NsPerOp() })
	m := runs[len(runs)/2]
	return float64(m.T.Nanoseconds()) / float64(m.N), m.AllocedBytesPerOp(), m.AllocsPerOp()
}
