package app

import (
	"reflect"
	"testing"

	"belgi/annotations"
	"belgi/annotations/suggest"
)

// TestSuggestionsIncremental makes changes of many kinds and checks after
// each that the model kept up to date change by change suggests what a
// model learnt afresh from the whole workspace suggests.
func TestSuggestionsIncremental(t *testing.T) {
	st := NewState()
	sh := NewShell(st, nil)
	check := func(what string) {
		t.Helper()
		sh.ghosts.sync(st)
		fresh := suggest.Learn(st.WS.Documents)
		for _, d := range st.WS.Documents {
			got, want := sh.ghosts.model.Suggest(d), fresh.Suggest(d)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("after %s: document %s: incremental %v, relearnt %v", what, d.ID, got, want)
			}
		}
	}
	d1 := st.Current
	st.Label("PER", 0, 6)
	check("a label")
	st.Open(st.WS.Documents[1].ID)
	st.Label("ORG", 2, 5)
	check("a label in another document")
	st.Relabel(st.Selected, "GPE")
	check("a relabel")
	st.Undo()
	st.Undo()
	check("two undos")
	st.Redo()
	check("a redo")
	st.AddText("", "Акимат Алматы жиналды. Акимат жауап берді.")
	check("a new document")
	if len(sh.ghosts.list) == 0 {
		t.Error("no suggestion in the new document for the labelled Акимат")
	}
	st.Open(d1)
	var lines []int
	for i, l := range st.Doc().Cleaning.Lines {
		if l.Keep {
			lines = append(lines, i)
			break
		}
	}
	if _, err := st.SetKeep(d1, lines, false, func([]annotations.Span) bool { return true }); err != nil {
		t.Fatal(err)
	}
	check("removing the labelled line")
	data := mustExport(t, st)
	if _, err := st.Restore("b.json", data); err != nil {
		t.Fatal(err)
	}
	check("a restore")
	st.Undo()
	check("undoing the restore")
}

// TestOneRuleForMatching checks that search, annotate all and the
// suggestions take "Алёна", "АЛЕНА" and "алена" for one word.
func TestOneRuleForMatching(t *testing.T) {
	st := NewState()
	d, err := st.AddText("", "Алёна пришла на митинг. АЛЕНА ушла, и алена вернулась.")
	if err != nil {
		t.Fatal(err)
	}
	var search []annotations.Fragment
	search = append(search, FindText(d.Text, "алена")...)
	if err := st.Label("PER", 0, 5); err != nil {
		t.Fatal(err)
	}
	p, err := st.PreviewAll()
	if err != nil {
		t.Fatal(err)
	}
	all := []annotations.Fragment{{Start: 0, End: 5}}
	for _, m := range p.Matches {
		all = append(all, annotations.Fragment{Start: m.Start, End: m.End})
	}
	sh := NewShell(st, nil)
	st.Open(st.WS.Documents[0].ID)
	st.Open(d.ID)
	sh.ghosts.sync(st)
	ghosts := []annotations.Fragment{{Start: 0, End: 5}}
	for _, g := range sh.ghosts.list {
		ghosts = append(ghosts, annotations.Fragment{Start: g.Start, End: g.End})
	}
	if len(search) != 3 || !reflect.DeepEqual(search, all) || !reflect.DeepEqual(search, ghosts) {
		t.Errorf("search %v, annotate all %v, suggestions %v: want the same three", search, all, ghosts)
	}
}
