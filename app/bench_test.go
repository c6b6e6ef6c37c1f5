package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// benchDoc is 500 lines of 100 code points, each naming Алматы once.
func benchDoc() string {
	var b strings.Builder
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, "Алматы қаласында %03d-ші рет бейбіт митинг өтті, белсенділер әкімдікке хат жазып, жауап күтті.\n", i+1)
	}
	return b.String()
}

// BenchmarkAcceptAll measures, natively, the Go side of accepting "annotate
// all" for 500 occurrences: "whole" is the step, the bookkeeping after it
// and the render of the shell; "changed" the bookkeeping alone; "render"
// the render alone. The browser adds the DOM work (e2e BenchmarkAnnotateAll).
func BenchmarkAcceptAll(b *testing.B) {
	for _, phase := range []string{"whole", "changed", "render"} {
		b.Run(phase, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := NewState()
				if _, err := st.AddText("bench.txt", benchDoc()); err != nil {
					b.Fatal(err)
				}
				if err := st.Label("GPE", 0, 6); err != nil {
					b.Fatal(err)
				}
				sh := NewShell(st)
				disp := app.NewClientTester(sh)
				p, err := st.PreviewAll()
				if err != nil {
					b.Fatal(err)
				}
				if phase == "whole" {
					b.StartTimer()
				}
				if _, err := st.AcceptAll(p); err != nil {
					b.Fatal(err)
				}
				if phase == "changed" {
					b.StartTimer()
				}
				if phase != "render" {
					sh.changed()
				}
				if phase == "changed" {
					b.StopTimer()
				}
				if phase == "render" {
					sh.changed()
					b.StartTimer()
				}
				sh.Update()
				disp.Consume()
				b.StopTimer()
				disp.Close()
			}
		})
	}
}
