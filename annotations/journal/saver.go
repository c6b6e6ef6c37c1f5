package journal

import (
	"belgi/annotations"
)

// Saved reports the outcome of a write.
type Saved struct {
	Seq int64 // the last journal position safely stored
	Err error // non-nil when the latest changes are not stored
}

// A Saver writes journal entries and snapshots in order, one at a time, on
// its own goroutine, so the caller never waits for storage. What fails to
// be written is kept and retried with the next change: nothing is dropped
// and the journal never has a gap.
//
// Save and Snapshot must be called from one goroutine, the one that
// changes the workspace. A snapshot is encoded on the saver's goroutine,
// from a shallow copy of the workspace taken when it is asked for (see
// annotations.Workspace): the caller's cost of a change stays that of its
// own entry, whatever the size of the workspace.
type Saver struct {
	store  Store
	seq    int64 // last position handed out
	since  int   // entries since the last snapshot
	jobs   chan job
	report func(Saved)
}

type job struct {
	entries []Entry
	// With ws set, a snapshot of ws at seq is written after the entries;
	// all makes it replace the whole journal.
	ws      *annotations.Workspace
	current string
	seq     int64
	all     bool
}

// endOfJournal is past any sequence number: compacting up to it empties the
// journal. IndexedDB keys are doubles, exact up to 2^53.
const endOfJournal = 1 << 53

// NewSaver starts a saver that continues the journal after seq. report is
// called from the saver's goroutine after every write.
func NewSaver(store Store, seq int64, report func(Saved)) *Saver {
	sv := &Saver{store: store, seq: seq, jobs: make(chan job, 1024), report: report}
	go sv.loop()
	return sv
}

// Seq returns the last journal position handed out.
func (sv *Saver) Seq() int64 { return sv.seq }

// Save queues the operations of one step, applied to ws, whose open
// document is current. Every compactEvery entries it also queues a
// snapshot, which replaces them.
func (sv *Saver) Save(ops []annotations.Op, ws *annotations.Workspace, current string) {
	if len(ops) == 0 {
		return
	}
	sv.seq++
	data, err := EncodeEntry(sv.seq, ops)
	if err != nil {
		sv.report(Saved{Err: err})
		return
	}
	j := job{entries: []Entry{{Seq: sv.seq, Data: data}}}
	if sv.since++; sv.since >= compactEvery {
		j.ws, j.current, j.seq = freeze(ws), current, sv.seq
		sv.since = 0
	}
	sv.jobs <- j
}

// Snapshot queues a full snapshot of ws that replaces the whole journal:
// after loading the demo corpus, a journal that could be replayed only in
// part, or a store of an older version.
func (sv *Saver) Snapshot(ws *annotations.Workspace, current string) {
	sv.jobs <- job{ws: freeze(ws), current: current, seq: sv.seq, all: true}
	sv.since = 0
}

// freeze returns a copy of ws that shares its schema and annotation lists,
// which Apply never writes into, but none of its Document structs, which
// Apply changes: the saver's goroutine can read it while the caller goes
// on changing ws.
func freeze(ws *annotations.Workspace) *annotations.Workspace {
	c := &annotations.Workspace{Schema: ws.Schema, Documents: make([]*annotations.Document, len(ws.Documents))}
	for i, d := range ws.Documents {
		dc := *d
		c.Documents[i] = &dc
	}
	return c
}

func (sv *Saver) loop() {
	var pending []Entry // not written to the journal yet; in order
	var snap []byte     // a snapshot not written yet
	var snapSeq, upTo int64
	saved := int64(-1)
	for j := range sv.jobs {
		pending = append(pending, j.entries...)
		var err error
		if j.ws != nil {
			var s []byte
			if s, err = EncodeSnapshot(j.ws, j.current, j.seq); err == nil {
				snap, snapSeq, upTo = s, j.seq, j.seq
				if j.all {
					upTo = endOfJournal
				}
			}
		}
		if err == nil && len(pending) > 0 {
			if err = sv.store.Append(pending); err == nil {
				saved = pending[len(pending)-1].Seq
				pending = nil
			}
		}
		if err == nil && snap != nil {
			if err = sv.store.Compact(snap, upTo); err == nil {
				saved = max(saved, snapSeq)
				snap = nil
			}
		}
		sv.report(Saved{Seq: saved, Err: err})
	}
}
