package e2e

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// BenchmarkFirstRender loads the app cold (no HTTP cache, no service
// worker) in a new tab per iteration and reports the median time from
// navigation start to the client's first mounted render, as the page's own
// performance clock measures it.
func BenchmarkFirstRender(b *testing.B) {
	s := newSession(b)
	var samples []float64
	for i := 0; i < b.N; i++ {
		tab, cancel := chromedp.NewContext(s.ctx)
		if err := chromedp.Do(tab); err != nil {
			b.Fatal(err)
		}
		if _, err := chromedp.Call(tab, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
			b.Fatal(err)
		}
		if _, err := chromedp.Call(tab, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
			b.Fatal(err)
		}
		if err := chromedp.Do(tab, chromedp.Navigate(s.url)); err != nil {
			b.Fatal(err)
		}
		ms, err := chromedp.Run(tab, chromedp.Poll[string](`document.documentElement.dataset.belgiReadyMs`, chromedp.WithPollingTimeout(60*time.Second)))
		if err != nil {
			b.Fatal(err)
		}
		v, err := strconv.ParseFloat(ms, 64)
		if err != nil {
			b.Fatal(err)
		}
		samples = append(samples, v)
		cancel()
	}
	sort.Float64s(samples)
	b.ReportMetric(samples[len(samples)/2], "ms-median-first-render")
	b.ReportMetric(samples[len(samples)-1], "ms-max-first-render")
	b.ReportMetric(0, "ns/op")
}

// annotateAllDoc is a 50,000-character article with 500 mentions of Алматы.
func annotateAllDoc() string {
	var b strings.Builder
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, "Алматы қаласында %03d-ші рет бейбіт митинг өтті, белсенділер әкімдікке хат жазып, жауап күтті.\n", i+1)
	}
	return b.String() // 500 lines of 100 code points
}

// annotateAll labels the first Алматы, previews the rest and accepts them,
// returning the UI time of the accept in milliseconds: from the click to
// the frame in which every new span is drawn.
func (s *session) annotateAll() float64 {
	s.t.Helper()
	s.selectWords("Алматы")
	s.key("4")
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 1`)
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=annotate-all]`)))
	s.waitFor(`document.querySelector('[data-testid=annotate-all-accept]') !== null`)
	ms, err := chromedp.Run(s.ctx, chromedp.Evaluate[float64](`new Promise(done => {
		const t0 = performance.now();
		document.querySelector('[data-testid=annotate-all-accept]').click();
		const check = () => document.querySelectorAll('.ann').length >= 10 && (e => e && e.textContent.startsWith("500 "))(document.querySelector('[data-testid=span-count]'))
			? done(performance.now() - t0) : requestAnimationFrame(check);
		requestAnimationFrame(check);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		s.t.Fatal(err)
	}
	return ms
}

// BenchmarkAnnotateAll measures accepting 500 occurrences in a
// 50,000-character document (target: under 100 ms of UI time).
func BenchmarkAnnotateAll(b *testing.B) {
	s := newSession(b)
	doc := annotateAllDoc()
	var samples []float64
	for i := 0; i < b.N; i++ {
		s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__belgi.paste(%q)`, doc)))
		s.waitFor(`document.querySelector('[data-testid=document-title]').textContent.startsWith("Алматы")`)
		samples = append(samples, s.annotateAll())
	}
	sort.Float64s(samples)
	b.ReportMetric(samples[len(samples)/2], "ms-median-accept-500")
	b.ReportMetric(0, "ns/op")
}
