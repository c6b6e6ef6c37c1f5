package e2e

import (
	"sort"
	"strconv"
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
