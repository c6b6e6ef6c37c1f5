package app

import (
	"bytes"
	"errors"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// memStore is a Store in memory that can be told to fail.
type memStore struct {
	mu       sync.Mutex
	snapshot []byte
	journal  map[int64][]byte
	fail     error
}

func newMemStore() *memStore { return &memStore{journal: map[int64][]byte{}} }

func (m *memStore) Load() ([]byte, [][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var seqs []int64
	for k := range m.journal {
		seqs = append(seqs, k)
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	var out [][]byte
	for _, k := range seqs {
		out = append(out, m.journal[k])
	}
	return m.snapshot, out, nil
}

func (m *memStore) Append(entries []Entry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	for _, e := range entries {
		m.journal[e.Seq] = e.Data
	}
	return nil
}

func (m *memStore) Compact(snapshot []byte, seq int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.snapshot = snapshot
	for k := range m.journal {
		if k <= seq {
			delete(m.journal, k)
		}
	}
	return nil
}

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

func reload(t *testing.T, store Store) *State {
	t.Helper()
	snap, journal, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, _, err := Restore(snap, journal)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSaveAndRestore(t *testing.T) {
	store := newMemStore()
	st := NewState()
	sv, ch := saverFor(store, 0)
	sv.Snapshot(st)
	waitSaved(t, ch, 0)
	for i := 0; i < compactEvery+5; i++ { // crosses a compaction
		if err := st.Label("PER", i%50, i%50+1); err != nil {
			st.Undo()
			st.Redo()
		}
		sv.Save(st)
	}
	st.Open(st.WS.Documents[2].ID)
	st.AddText("", "Алматы 👍\r\nмитинг")
	st.Label("GPE", 0, 6)
	sv.Save(st)
	waitSaved(t, ch, sv.Seq())
	if len(store.journal) >= compactEvery {
		t.Errorf("journal has %d entries: it was never compacted", len(store.journal))
	}
	want := mustExport(t, st)
	got := reload(t, store)
	if !bytes.Equal(mustExport(t, got), want) {
		t.Error("the restored workspace differs from the saved one")
	}
	if got.Current != st.Current && got.WS.Document(st.Current) == nil {
		t.Errorf("restored current document %q", got.Current)
	}
}

func TestSaveFailureKeepsChangesAndRetries(t *testing.T) {
	store := newMemStore()
	st := NewState()
	sv, ch := saverFor(store, 0)
	sv.Snapshot(st)
	waitSaved(t, ch, 0)
	st.Label("PER", 0, 6)
	sv.Save(st)
	waitSaved(t, ch, 1)
	before := mustExport(t, reload(t, store))

	store.fail = errors.New("the browser's storage for this site is full")
	st.Label("ORG", 8, 14)
	sv.Save(st)
	if r := waitSaved(t, ch, 2); r.Err == nil || !strings.Contains(r.Err.Error(), "full") || r.Seq != 1 {
		t.Fatalf("report = %+v, want a storage error with seq 1 kept", r)
	}
	if !bytes.Equal(mustExport(t, reload(t, store)), before) {
		t.Fatal("a failed write changed what was already saved")
	}

	store.fail = nil
	st.Label("GPE", 16, 20)
	sv.Save(st)
	if r := waitSaved(t, ch, 3); r.Err != nil || r.Seq != 3 {
		t.Fatalf("after the storage recovered: %+v", r)
	}
	if !bytes.Equal(mustExport(t, reload(t, store)), mustExport(t, st)) {
		t.Error("the change made while storage was full was lost")
	}
}

func TestRestoreErrors(t *testing.T) {
	st := NewState()
	snap, _ := EncodeSnapshot(st, 3)
	newer := bytes.Replace(snap, []byte(`"store":1`), []byte(`"store":9`), 1)
	if _, _, err := Restore(newer, nil); !errors.Is(err, ErrNewerStore) {
		t.Errorf("newer store: %v", err)
	}
	if _, _, err := Restore([]byte("{broken"), nil); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damaged snapshot: %v", err)
	}
	if got, _, err := Restore(nil, nil); got != nil || err != nil {
		t.Errorf("nothing stored: %v %v", got, err)
	}
	good := []byte(`{"seq":4,"ops":[{"op":"addSpan","doc":"d1","span":{"id":"T1","label":"PER","start":0,"end":6,"text":""}}]}`)
	bad := []byte(`{"seq":5,"ops":[{"op":"deleteSpan","doc":"d1","id":"T9"}]}`)
	old := []byte(`{"seq":2,"ops":[{"op":"removeDocument","doc":"d1"}]}`) // already in the snapshot
	got, seq, err := Restore(snap, [][]byte{old, good, bad, []byte("junk")})
	if err == nil || !strings.Contains(err.Error(), "could not be replayed") {
		t.Errorf("bad entry: %v", err)
	}
	if got == nil || seq != 4 || len(got.WS.Document("d1").Spans) != 1 {
		t.Errorf("the entries before the bad one were not kept: seq %d", seq)
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
