package journal

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"belgi/annotations"
)

// saverFor returns a saver whose reports arrive on a channel.
func saverFor(store Store, seq int64) (*Saver, chan Saved) {
	ch := make(chan Saved, 1000)
	return NewSaver(store, seq, func(s Saved) { ch <- s }), ch
}

func waitSaved(t *testing.T, ch chan Saved, seq int64) Saved {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case s := <-ch:
			if s.Err != nil || s.Seq >= seq {
				return s
			}
		case <-timeout:
			t.Fatalf("no save report for seq %d", seq)
		}
	}
}

func reload(t *testing.T, store Store) *Restored {
	t.Helper()
	snap, journal, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Restore(snap, journal)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func export(t *testing.T, ws *annotations.Workspace) []byte {
	t.Helper()
	b, err := annotations.Marshal(annotations.NewFile(ws.Schema, ws.Documents...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testWorkspace holds three short documents.
func testWorkspace(t *testing.T) *annotations.Workspace {
	t.Helper()
	ws := annotations.NewWorkspace(annotations.DefaultSchema())
	for i, text := range []string{"Алматыда 👍 митинг өтті, полиция белсенділерді ұстады.", "В Астане прошёл\r\nмитинг.", "\ufeffШымкент"} {
		d := annotations.NewDocument(fmt.Sprintf("d%d", i+1), "", "", text)
		if _, err := ws.Apply(annotations.Op{Kind: annotations.OpAddDocument, Document: d}); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

// apply applies one op as a step and saves it, as the app does.
func apply(t *testing.T, ws *annotations.Workspace, sv *Saver, op annotations.Op) annotations.Op {
	t.Helper()
	inv, err := ws.Apply(op)
	if err != nil {
		t.Fatal(err)
	}
	sv.Save([]annotations.Op{op}, ws, "d1")
	return inv
}

func TestSaveAndRestore(t *testing.T) {
	store := NewMemory()
	ws := testWorkspace(t)
	sv, ch := saverFor(store, 0)
	sv.Snapshot(ws, "d1")
	waitSaved(t, ch, 0)
	for i := 0; i < compactEvery+5; i++ { // crosses a compaction
		inv := apply(t, ws, sv, annotations.Op{Kind: annotations.OpAddSpan, Doc: "d1", Span: &annotations.Span{Label: "PER", Start: i % 20, End: i%20 + 1}})
		if i%3 == 0 {
			apply(t, ws, sv, inv)
		}
	}
	waitSaved(t, ch, sv.Seq())
	if store.Len() >= compactEvery {
		t.Errorf("journal has %d entries: it was never compacted", store.Len())
	}
	got := reload(t, store)
	if !bytes.Equal(export(t, got.Workspace), export(t, ws)) {
		t.Error("the restored workspace differs from the saved one")
	}
	if got.Current != "d1" || got.Seq != sv.Seq() || got.Migrated {
		t.Errorf("restored current %q, seq %d (want %d), migrated %v", got.Current, got.Seq, sv.Seq(), got.Migrated)
	}
}

// TestSnapshotWhileChanging encodes snapshots on the saver's goroutine
// while the workspace goes on changing; run with -race.
func TestSnapshotWhileChanging(t *testing.T) {
	store := NewMemory()
	ws := testWorkspace(t)
	sv, ch := saverFor(store, 0)
	for i := 0; i < 3*compactEvery; i++ {
		op := annotations.Op{Kind: annotations.OpAddSpan, Doc: "d1", Span: &annotations.Span{Label: "ORG", Start: i % 30, End: i%30 + 2}}
		inv := apply(t, ws, sv, op)
		apply(t, ws, sv, inv)
		sv.Snapshot(ws, "d1")
	}
	waitSaved(t, ch, sv.Seq())
	if got := reload(t, store); !bytes.Equal(export(t, got.Workspace), export(t, ws)) {
		t.Error("the restored workspace differs from the saved one")
	}
}

func TestSaveFailureKeepsChangesAndRetries(t *testing.T) {
	store := NewMemory()
	ws := testWorkspace(t)
	sv, ch := saverFor(store, 0)
	sv.Snapshot(ws, "d1")
	waitSaved(t, ch, 0)
	span := func(label string, start, end int) annotations.Op {
		return annotations.Op{Kind: annotations.OpAddSpan, Doc: "d1", Span: &annotations.Span{Label: label, Start: start, End: end}}
	}
	apply(t, ws, sv, span("PER", 0, 6))
	waitSaved(t, ch, 1)
	before := export(t, reload(t, store).Workspace)

	store.Fail(errors.New("the browser's storage for this site is full"))
	apply(t, ws, sv, span("ORG", 8, 14))
	if r := waitSaved(t, ch, 2); r.Err == nil || !strings.Contains(r.Err.Error(), "full") || r.Seq != 1 {
		t.Fatalf("report = %+v, want a storage error with seq 1 kept", r)
	}
	if !bytes.Equal(export(t, reload(t, store).Workspace), before) {
		t.Fatal("a failed write changed what was already saved")
	}

	store.Fail(nil)
	apply(t, ws, sv, span("GPE", 16, 20))
	if r := waitSaved(t, ch, 3); r.Err != nil || r.Seq != 3 {
		t.Fatalf("after the storage recovered: %+v", r)
	}
	if !bytes.Equal(export(t, reload(t, store).Workspace), export(t, ws)) {
		t.Error("the change made while storage was full was lost")
	}
}

func TestRestoreErrors(t *testing.T) {
	ws := testWorkspace(t)
	snap, _ := EncodeSnapshot(ws, "d1", 3)
	newer := bytes.Replace(snap, []byte(`"store":2`), []byte(`"store":9`), 1)
	if _, err := Restore(newer, nil); !errors.Is(err, ErrNewerStore) {
		t.Errorf("newer store: %v", err)
	}
	if _, err := Restore([]byte("{broken"), nil); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damaged snapshot: %v", err)
	}
	if got, err := Restore(nil, nil); got != nil || err != nil {
		t.Errorf("nothing stored: %v %v", got, err)
	}
	good := []byte(`{"seq":4,"ops":[{"op":"addSpan","doc":"d1","span":{"id":"T1","label":"PER","start":0,"end":6,"text":""}}]}`)
	// A step whose second op fails goes whole: its first op is undone.
	bad := []byte(`{"seq":5,"ops":[{"op":"addSpan","doc":"d1","span":{"id":"T2","label":"PER","start":0,"end":3}},{"op":"deleteSpan","doc":"d1","id":"T9"}]}`)
	old := []byte(`{"seq":2,"ops":[{"op":"removeDocument","doc":"d1"}]}`) // already in the snapshot
	got, err := Restore(snap, [][]byte{old, good, bad, []byte("junk")})
	if err == nil || !strings.Contains(err.Error(), "could not be replayed") {
		t.Errorf("bad entry: %v", err)
	}
	if got == nil || got.Seq != 4 || len(got.Workspace.Document("d1").Spans) != 1 {
		t.Errorf("the entries before the bad one were not kept, or the bad one was kept in part: %+v", got)
	}
}

// TestRestoreVersion1 reads a store written by Belgi before version 2: a
// version 1 snapshot and a journal of version 1 operations, among them a
// whole-document replacement.
func TestRestoreVersion1(t *testing.T) {
	ws := testWorkspace(t)
	snap, _ := EncodeSnapshot(ws, "d2", 7)
	snap = bytes.Replace(snap, []byte(`"store":2`), []byte(`"store":1`), 1)
	d := ws.Document("d3")
	nd := *d
	nd.Title = "Шымкент, 2026"
	nd.Language, nd.LanguageSource = "kk", "manual"
	replaced, err := EncodeEntry(9, []annotations.Op{{Kind: annotations.OpReplaceDocument, Document: &nd}})
	if err != nil {
		t.Fatal(err)
	}
	journal := [][]byte{
		[]byte(`{"seq":8,"ops":[{"op":"addSpan","doc":"d2","span":{"id":"T1","label":"GPE","start":2,"end":8,"text":"Астане"}},{"op":"setLabels","doc":"d2","labels":["relevant"]}]}`),
		replaced,
	}
	got, err := Restore(snap, journal)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Migrated || got.Seq != 9 || got.Current != "d2" {
		t.Errorf("migrated %v, seq %d, current %q", got.Migrated, got.Seq, got.Current)
	}
	d2 := got.Workspace.Document("d2")
	if len(d2.Spans) != 1 || d2.Spans[0].Text != "Астане" || len(d2.Labels) != 1 || got.Workspace.Document("d3").Title != "Шымкент, 2026" {
		t.Errorf("version 1 operations were not replayed: %+v", got.Workspace.Documents)
	}
}
