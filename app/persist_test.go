package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"belgi/annotations"
	"belgi/annotations/journal"
)

// savingShell returns a shell over st whose saver writes to a memory
// store, as the browser's IndexedDB would be written, and a channel of its
// reports.
func savingShell(st *State) (*Shell, *journal.Memory, chan journal.Saved) {
	store := journal.NewMemory()
	ch := make(chan journal.Saved, 1000)
	sh := NewShell(st, nil)
	sh.persist.store = store
	sh.persist.saver = journal.NewSaver(store, 0, func(r journal.Saved) { ch <- r })
	sh.persist.saver.Snapshot(st.WS, st.Current)
	return sh, store, ch
}

func waitSaved(t *testing.T, ch chan journal.Saved, seq int64) {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case r := <-ch:
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if r.Seq >= seq {
				return
			}
		case <-timeout:
			t.Fatalf("no save report for seq %d", seq)
		}
	}
}

// journalKinds returns the kinds of the operations in the store's journal.
func journalKinds(t *testing.T, store journal.Store) map[annotations.OpKind]bool {
	t.Helper()
	_, entries, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[annotations.OpKind]bool{}
	for _, e := range entries {
		var entry struct{ Ops []annotations.Op }
		if err := json.Unmarshal(e, &entry); err != nil {
			t.Fatal(err)
		}
		for _, op := range entry.Ops {
			kinds[op.Kind] = true
		}
	}
	return kinds
}

// TestEveryKindReachesTheJournal makes a change of every operation kind
// the way the app makes it, with nothing but the state's own methods (no
// handler asks to save), and checks that each reaches the journal and
// that the journal rebuilds the workspace.
func TestEveryKindReachesTheJournal(t *testing.T) {
	st := NewState()
	sh, store, ch := savingShell(st)
	_ = sh
	d1 := st.Current
	lines := func() []int { // the first line the cleaner removed
		for i, l := range st.Doc().Cleaning.Lines {
			if !l.Keep && l.End > l.Start {
				return []int{i}
			}
		}
		t.Fatal("the demo document has no removed line")
		return nil
	}
	actions := []struct {
		kind annotations.OpKind
		do   func() error
	}{
		{annotations.OpAddSpan, func() error { return st.Label("PER", 0, 6) }},
		{annotations.OpPut, func() error { return st.SetNote(st.Selected, "who?") }},
		{annotations.OpRemove, func() error { return st.SetNote(st.Doc().Spans[0].ID, "") }},
		{annotations.OpDeleteSpan, func() error { return st.DeleteSelected() }},
		{annotations.OpAddSpans, func() error { // as annotate all and Accept all make them
			return st.Do(annotations.AddAll(st.Doc(), "GPE", []annotations.Match{{Start: 0, End: 6}, {Start: 8, End: 14}})...)
		}},
		{annotations.OpDeleteSpans, func() error {
			if !st.Undo() {
				return errors.New("nothing to undo")
			}
			return nil
		}},
		{annotations.OpSetLabels, func() error {
			return st.Do(annotations.Op{Kind: annotations.OpSetLabels, Doc: st.Current, Labels: []string{"relevant"}})
		}},
		{annotations.OpSetLanguage, func() error { return st.SetLanguage(st.Current, -1, "ru") }},
		{annotations.OpReclean, func() error {
			_, err := st.SetKeep(st.Current, lines(), true, func([]annotations.Span) bool { return true })
			return err
		}},
		{annotations.OpSetSchema, func() error {
			sc := st.WS.Schema.Clone()
			sc.Name = "renamed"
			_, err := st.SetSchema(sc)
			return err
		}},
		{annotations.OpAddDocument, func() error { _, err := st.AddText("", "Алматыда митинг өтті."); return err }},
		{annotations.OpRemoveDocument, func() error {
			data := mustExport(t, st)
			_, err := st.Restore("backup.json", data)
			return err
		}},
		{annotations.OpReplaceDocument, func() error { // no longer made by the app, still journaled
			d := *st.WS.Document(d1)
			d.Title = "Renamed"
			return st.Do(annotations.Op{Kind: annotations.OpReplaceDocument, Document: &d})
		}},
	}
	covered := map[annotations.OpKind]bool{}
	for _, a := range actions {
		covered[a.kind] = true
	}
	for _, k := range annotations.Kinds() {
		if !covered[k] {
			t.Errorf("no action makes a %q operation", k)
		}
	}
	for _, a := range actions {
		if err := a.do(); err != nil {
			t.Fatalf("%s: %v", a.kind, err)
		}
		waitSaved(t, ch, sh.persist.saver.Seq())
		if !journalKinds(t, store)[a.kind] {
			t.Errorf("the %s operation did not reach the journal", a.kind)
		}
	}
	snap, entries, _ := store.Load()
	r, err := journal.Restore(snap, entries)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustExport(t, &State{WS: r.Workspace}), mustExport(t, st)) {
		t.Error("the journal does not rebuild the workspace")
	}
}

// TestUndoReachesTheJournal checks that undo and redo are saved like any
// change, across a document switch.
func TestUndoReachesTheJournal(t *testing.T) {
	st := NewState()
	sh, store, ch := savingShell(st)
	st.Label("PER", 0, 6)
	st.Open(st.WS.Documents[1].ID)
	st.Label("ORG", 2, 5)
	st.Undo()
	st.Undo()
	st.Redo()
	waitSaved(t, ch, sh.persist.saver.Seq())
	if sh.persist.saver.Seq() != 5 {
		t.Errorf("%d journal entries for 5 steps", sh.persist.saver.Seq())
	}
	snap, entries, _ := store.Load()
	r, err := journal.Restore(snap, entries)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustExport(t, &State{WS: r.Workspace}), mustExport(t, st)) {
		t.Error("the journal does not rebuild the workspace after undo and redo")
	}
	if !sh.persist.unexported.Load() {
		t.Error("changes never exported are not flagged for the page's unload")
	}
}

func TestReadOnlyRefusesChanges(t *testing.T) {
	st := NewState()
	st.ReadOnly = true
	if err := st.Label("PER", 0, 6); !errors.Is(err, ErrReadOnly) {
		t.Errorf("label in a read-only tab: %v", err)
	}
	if _, err := st.AddText("", "text"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("add in a read-only tab: %v", err)
	}
	if st.Undo() {
		t.Error("undo in a read-only tab")
	}
}
