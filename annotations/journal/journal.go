// Package journal keeps a workspace in a Store: a snapshot (the workspace
// as a gold file) and a journal of the operations applied since, so that
// no acknowledged change is lost when the tab or the browser dies. The
// app's Store is IndexedDB (package wasm); tests use one in memory.
//
// Restore rebuilds a workspace from what a Store holds, migrating older
// versions; a Saver writes new entries and snapshots in order, on its own
// goroutine, retrying what fails. The package is pure Go.
package journal

import (
	"encoding/json"
	"errors"
	"fmt"

	"belgi/annotations"
)

// Version is the version of what a Store holds. Version 2 added the
// operations setLanguage, reclean and the put of a normalization; a
// version 1 store is read as it is (its operations are a subset) and then
// written anew as version 2 (Restored.Migrated). A store of a newer
// version is refused with ErrNewerStore, so an older Belgi never replays
// operations it does not know and never overwrites them.
const Version = 2

// compactEvery is how many journal entries accumulate before the saver
// writes a fresh snapshot and drops them.
const compactEvery = 100

// A Store keeps a snapshot and a journal of the operations applied after
// it. Its methods may block; the Saver calls them from its own goroutine.
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

// An Entry is one journal record: the operations of one step, encoded.
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

// ErrNewerStore means the store holds a workspace written by a newer
// Belgi.
var ErrNewerStore = errors.New("this workspace was saved by a newer version of Belgi; open it there, or export it from there")

// EncodeSnapshot returns the stored form of ws, with current the open
// document, at journal position seq.
func EncodeSnapshot(ws *annotations.Workspace, current string, seq int64) ([]byte, error) {
	gold, err := annotations.Marshal(annotations.NewFile(ws.Schema, ws.Documents...))
	if err != nil {
		return nil, err
	}
	return json.Marshal(storedSnapshot{Store: Version, Seq: seq, Current: current, Gold: gold})
}

// EncodeEntry returns the journal record of the operations of one step,
// at position seq.
func EncodeEntry(seq int64, ops []annotations.Op) ([]byte, error) {
	return json.Marshal(storedEntry{Seq: seq, Ops: ops})
}

// Restored is what a Store held, rebuilt.
type Restored struct {
	Workspace *annotations.Workspace
	Current   string // the open document, "" when there is none
	Seq       int64  // the last journal position replayed
	// Migrated is set when the snapshot was of an older version: write a
	// new one (Saver.Snapshot) before anything else.
	Migrated bool
}

// Restore rebuilds a workspace from a snapshot and the journal after it. A
// journal entry that cannot be applied ends the replay: what came before
// is kept and returned with an error that says what was skipped. A nil
// snapshot with an empty journal gives nil and no error: nothing is
// stored. A snapshot that cannot be read gives nil and an error.
func Restore(snapshot []byte, journal [][]byte) (*Restored, error) {
	if snapshot == nil && len(journal) == 0 {
		return nil, nil
	}
	r := &Restored{Workspace: annotations.NewWorkspace(annotations.DefaultSchema())}
	if snapshot != nil {
		snap, err := migrate(snapshot)
		if err != nil {
			return nil, err
		}
		f, err := annotations.Decode(snap.Gold)
		if err != nil {
			return nil, fmt.Errorf("the saved workspace is damaged: %v", err)
		}
		r.Workspace.Schema, r.Workspace.Documents = f.Schema, f.Documents
		r.Current, r.Seq, r.Migrated = snap.Current, snap.Seq, snap.Store < Version
	}
	err := r.replay(journal)
	if r.Workspace.Document(r.Current) == nil {
		r.Current = ""
		if len(r.Workspace.Documents) > 0 {
			r.Current = r.Workspace.Documents[0].ID
		}
	}
	return r, err
}

// replay applies the journal entries after r.Seq.
func (r *Restored) replay(journal [][]byte) error {
	for i, raw := range journal {
		var e storedEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("saved change %d of %d is damaged and was skipped with the %d after it: %v", i+1, len(journal), len(journal)-i-1, err)
		}
		if e.Seq <= r.Seq {
			continue // already in the snapshot
		}
		var undo []annotations.Op
		for _, op := range e.Ops {
			inv, err := r.Workspace.Apply(op)
			if err != nil {
				// The step goes whole or not at all, as it was made.
				for _, u := range undo {
					r.Workspace.Apply(u)
				}
				return fmt.Errorf("saved change %d could not be replayed and was skipped with the %d after it: %v", e.Seq, len(journal)-i-1, err)
			}
			undo = append([]annotations.Op{inv}, undo...)
		}
		r.Seq = e.Seq
	}
	return nil
}

// migrate reads a stored snapshot of any version this Belgi knows.
func migrate(raw []byte) (storedSnapshot, error) {
	var snap storedSnapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return snap, fmt.Errorf("the saved workspace is damaged: %v", err)
	}
	switch {
	case snap.Store > Version:
		return snap, ErrNewerStore
	case snap.Store < 1:
		return snap, fmt.Errorf("the saved workspace has unknown store version %d", snap.Store)
	}
	// Version 1 snapshots and journals read as version 2: the operations
	// of version 1 are unchanged. A version 3 would convert here, step by
	// step: case 2: snap = from2to3(snap); fallthrough …
	return snap, nil
}
