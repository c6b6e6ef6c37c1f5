package app

import (
	"encoding/json"
	"errors"
	"fmt"

	"belgi/annotations"
)

// StoreVersion is the version of what Belgi keeps in the browser. A stored
// workspace of an older version is migrated on load; a newer one is opened
// read-only, never overwritten.
const StoreVersion = 1

// compactEvery is how many journal entries accumulate before the saver
// writes a fresh snapshot and drops them.
const compactEvery = 100

// Store keeps the workspace in the browser: a snapshot and a journal of the
// operations applied since. The wasm bridge implements it over IndexedDB.
type Store interface {
	// Load returns the snapshot (nil when there is none) and the journal
	// entries written after it, in order.
	Load() (snapshot []byte, journal [][]byte, err error)
	// Append writes journal entries durably, all or none.
	Append(entries []Entry) error
	// Compact replaces the snapshot and deletes the journal entries up to
	// and including seq, in one transaction.
	Compact(snapshot []byte, seq int64) error
}

// An Entry is one journal record.
type Entry struct {
	Seq  int64
	Data []byte
}

type storedSnapshot struct {
	Store   int             `json:"store"`
	Seq     int64           `json:"seq"`
	Current string          `json:"current,omitempty"`
	Gold    json.RawMessage `json:"gold"`
}

type storedEntry struct {
	Seq int64            `json:"seq"`
	Ops []annotations.Op `json:"ops"`
}

// ErrNewerStore means the browser holds a workspace written by a newer
// Belgi.
var ErrNewerStore = errors.New("this workspace was saved by a newer version of Belgi; open it there, or export it from there")

// EncodeSnapshot returns the stored form of st at journal position seq.
func EncodeSnapshot(st *State, seq int64) ([]byte, error) {
	gold, err := annotations.Marshal(annotations.NewFile(st.WS.Schema, st.WS.Documents...))
	if err != nil {
		return nil, err
	}
	return json.Marshal(storedSnapshot{Store: StoreVersion, Seq: seq, Current: st.Current, Gold: gold})
}

// Restore rebuilds the state from a snapshot and the journal after it. A
// journal entry that cannot be applied ends the replay: what came before is
// kept, and the error says what was skipped. A nil snapshot with an empty
// journal gives a nil state: there is nothing stored.
func Restore(snapshot []byte, journal [][]byte) (st *State, seq int64, err error) {
	if snapshot == nil && len(journal) == 0 {
		return nil, 0, nil
	}
	st = &State{WS: annotations.NewWorkspace(annotations.DefaultSchema())}
	if snapshot != nil {
		snap, err := migrate(snapshot)
		if err != nil {
			return nil, 0, err
		}
		f, err := annotations.Decode(snap.Gold)
		if err != nil {
			return nil, 0, fmt.Errorf("the saved workspace is damaged: %v", err)
		}
		st.WS.Schema = f.Schema
		st.WS.Documents = f.Documents
		st.Current, seq = snap.Current, snap.Seq
	}
	for i, raw := range journal {
		var e storedEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return st, seq, fmt.Errorf("saved change %d of %d is damaged and was skipped with the %d after it: %v", i+1, len(journal), len(journal)-i-1, err)
		}
		if e.Seq <= seq {
			continue // already in the snapshot
		}
		for _, op := range e.Ops {
			if _, err := st.WS.Apply(op); err != nil {
				return st, seq, fmt.Errorf("saved change %d could not be replayed and was skipped with the %d after it: %v", e.Seq, len(journal)-i-1, err)
			}
		}
		seq = e.Seq
	}
	if st.WS.Document(st.Current) == nil {
		st.Current = ""
		if len(st.WS.Documents) > 0 {
			st.Current = st.WS.Documents[0].ID
		}
	}
	return st, seq, nil
}

// migrate reads a stored snapshot of any version this Belgi knows.
func migrate(raw []byte) (storedSnapshot, error) {
	var snap storedSnapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return snap, fmt.Errorf("the saved workspace is damaged: %v", err)
	}
	switch {
	case snap.Store > StoreVersion:
		return snap, ErrNewerStore
	case snap.Store < 1:
		return snap, fmt.Errorf("the saved workspace has unknown store version %d", snap.Store)
	}
	// Version 1 is current. A version 2 would convert here, step by step:
	// case 1: snap = from1to2(snap); fallthrough …
	return snap, nil
}

// Saved reports the outcome of a write.
type Saved struct {
	Seq int64 // the last journal position safely stored
	Err error // non-nil when the latest changes are not stored
}

// A Saver writes journal entries and snapshots in order, one at a time, on
// its own goroutine, so the UI never waits for storage. What fails to be
// written is kept and retried with the next change: nothing is dropped and
// the journal never has a gap.
type Saver struct {
	store  Store
	seq    int64 // last position handed out
	since  int   // entries since the last snapshot
	jobs   chan saveJob
	report func(Saved)
}

type saveJob struct {
	entries  []Entry
	snapshot []byte // with seq: compact after appending
	seq      int64
	all      bool // the snapshot replaces the whole journal
}

// endOfJournal is past any sequence number: compacting up to it empties the
// journal. IndexedDB keys are doubles, exact up to 2^53.
const endOfJournal = 1 << 53

// NewSaver starts a saver that continues the journal after seq. report is
// called from the saver's goroutine after every write.
func NewSaver(store Store, seq int64, report func(Saved)) *Saver {
	sv := &Saver{store: store, seq: seq, jobs: make(chan saveJob, 1024), report: report}
	go sv.loop()
	return sv
}

// Seq returns the last journal position handed out.
func (sv *Saver) Seq() int64 { return sv.seq }

// Save queues the ops st applied since the last call. Call it on the UI
// goroutine after every change.
func (sv *Saver) Save(st *State) {
	ops := st.TakeApplied()
	if len(ops) == 0 {
		return
	}
	sv.seq++
	data, err := json.Marshal(storedEntry{Seq: sv.seq, Ops: ops})
	if err != nil {
		sv.report(Saved{Err: err})
		return
	}
	job := saveJob{entries: []Entry{{Seq: sv.seq, Data: data}}}
	if sv.since++; sv.since >= compactEvery {
		if snap, err := EncodeSnapshot(st, sv.seq); err == nil {
			job.snapshot, job.seq = snap, sv.seq
			sv.since = 0
		}
	}
	sv.jobs <- job
}

// Snapshot queues a full snapshot of st that replaces the whole journal:
// after loading the demo corpus, or after a journal that could be replayed
// only in part.
func (sv *Saver) Snapshot(st *State) {
	st.TakeApplied()
	if snap, err := EncodeSnapshot(st, sv.seq); err == nil {
		sv.jobs <- saveJob{snapshot: snap, seq: sv.seq, all: true}
		sv.since = 0
	}
}

func (sv *Saver) loop() {
	var pending []Entry // written to the journal yet; in order
	var lastSnap []byte
	var lastSeq, upTo int64
	saved := int64(-1)
	for job := range sv.jobs {
		pending = append(pending, job.entries...)
		if job.snapshot != nil {
			lastSnap, lastSeq, upTo = job.snapshot, job.seq, job.seq
			if job.all {
				upTo = endOfJournal
			}
		}
		var err error
		if len(pending) > 0 {
			if err = sv.store.Append(pending); err == nil {
				saved = pending[len(pending)-1].Seq
				pending = nil
			}
		}
		if err == nil && lastSnap != nil {
			if err = sv.store.Compact(lastSnap, upTo); err == nil {
				saved = max(saved, lastSeq)
				lastSnap = nil
			}
		}
		sv.report(Saved{Seq: saved, Err: err})
	}
}
