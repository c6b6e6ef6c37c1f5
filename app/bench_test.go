package app

import (
	"fmt"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/journal"
	"belgi/annotations/suggest"

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
// all" for 500 occurrences: "whole" is the step (its subscribers, the
// journal and the suggestions, included) and the render of the shell;
// "step" the step alone; "render" the render alone. The browser adds the
// DOM work (e2e BenchmarkAnnotateAll).
func BenchmarkAcceptAll(b *testing.B) {
	for _, phase := range []string{"whole", "step", "render"} {
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
				sh, _, _ := savingShell(st)
				disp := app.NewClientTester(sh)
				p, err := st.PreviewAll()
				if err != nil {
					b.Fatal(err)
				}
				if phase != "render" {
					b.StartTimer()
				}
				if _, err := st.AcceptAll(p); err != nil {
					b.Fatal(err)
				}
				switch phase {
				case "step":
					b.StopTimer()
				case "render":
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

// editWorkspace returns a workspace of n documents of 100 sentences, each
// sentence naming one of 50 people, places and organisations, labelled: n
// × 100 spans.
func editWorkspace(b *testing.B, n int) *annotations.Workspace {
	names := []string{"Алматы", "Астана", "Шымкент", "Ақтөбе", "Тараз", "Павлодар", "Өскемен", "Семей", "Атырау", "Қостанай"}
	labels := []string{"GPE", "PER", "ORG", "GPE", "PER"}
	ws := annotations.NewWorkspace(annotations.DefaultSchema())
	for i := 0; i < n; i++ {
		var text strings.Builder
		var spans []annotations.Span
		at := 0
		for j := 0; j < 100; j++ {
			k := (i + j) % 50
			name := names[k%10] + strings.Repeat("ов", k/10)
			start := at
			line := fmt.Sprintf("%s %d-ші рет бейбіт митинг өтті.\n", name, j)
			text.WriteString(line)
			at += len([]rune(line))
			spans = append(spans, annotations.Span{ID: fmt.Sprintf("T%d", j+1), Label: labels[k%5], Start: start, End: start + len([]rune(name))})
		}
		d := annotations.NewDocument(fmt.Sprintf("d%d", i+1), "", "", text.String())
		for j := range spans {
			spans[j].Text = d.Index().Slice(spans[j].Start, spans[j].End)
		}
		d.Spans = spans
		if _, err := ws.Apply(annotations.Op{Kind: annotations.OpAddDocument, Document: d}); err != nil {
			b.Fatal(err)
		}
	}
	return ws
}

// BenchmarkEdit measures what one edit costs the UI goroutine as the
// workspace grows: labelling a span and undoing it (each op is two edits),
// with the subscribers the app has (the suggestion model, the claimed
// keys) and the open document's suggestions worked out again, as a render
// does. "incremental" is Belgi's; "journal" adds the saver, whose entries
// are encoded on the UI goroutine and whose snapshot of the whole
// workspace, every 100 entries, is encoded on its own goroutine (its CPU
// and allocations count here too); "relearn" re-reads the whole workspace
// on each edit, as the suggestions did before, for comparison.
func BenchmarkEdit(b *testing.B) {
	for _, docs := range []int{500, 5000} {
		ws := editWorkspace(b, docs)
		for _, how := range []string{"incremental", "journal", "relearn"} {
			b.Run(fmt.Sprintf("%s/docs=%d/spans=%d", how, docs, docs*100), func(b *testing.B) {
				st := &State{WS: ws, Current: "d1"}
				sh := NewShell(st, nil)
				if how == "journal" {
					sh.persist.saver = journal.NewSaver(journal.NewMemory(), 0, func(journal.Saved) {})
				}
				sh.ghosts.sync(st)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if err := st.Label("ORG", 7, 9); err != nil {
						b.Fatal(err)
					}
					refresh(sh, st, how)
					st.Undo()
					refresh(sh, st, how)
				}
			})
		}
	}
}

// refresh works out the open document's suggestions, from the shell's
// model or from a model of the whole workspace.
func refresh(sh *Shell, st *State, how string) {
	if how != "relearn" {
		sh.ghosts.sync(st)
		return
	}
	suggest.Learn(st.WS.Documents).Suggest(st.Doc())
}
