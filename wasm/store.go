//go:build wasm

package main

import (
	"errors"
	"fmt"
	"syscall/js"

	"belgi/annotations/journal"
)

// The IndexedDB database: a "meta" store holding the snapshot under the
// key "snapshot", and a "journal" store keyed by sequence number. Version
// upgrades of the database itself go in onupgradeneeded.
const (
	dbName    = "belgi"
	dbVersion = 1
)

// idb is a journal.Store over IndexedDB. Its methods block the calling
// goroutine, never the UI: the saver and the loader call them.
type idb struct{ db js.Value }

func (bridge) Store() journal.Store {
	idx := js.Global().Get("indexedDB")
	if !idx.Truthy() {
		return nil
	}
	return &lazyStore{}
}

// lazyStore opens the database on first use, from a goroutine that may wait.
type lazyStore struct {
	s   *idb
	err error
}

func (l *lazyStore) get() (*idb, error) {
	if l.s == nil && l.err == nil {
		l.s, l.err = openDB()
	}
	return l.s, l.err
}

func (l *lazyStore) Load() ([]byte, [][]byte, error) {
	s, err := l.get()
	if err != nil {
		return nil, nil, err
	}
	return s.Load()
}

func (l *lazyStore) Append(entries []journal.Entry) error {
	s, err := l.get()
	if err != nil {
		return err
	}
	return s.Append(entries)
}

func (l *lazyStore) Compact(snapshot []byte, seq int64) error {
	s, err := l.get()
	if err != nil {
		return err
	}
	return s.Compact(snapshot, seq)
}

func openDB() (*idb, error) {
	req := js.Global().Get("indexedDB").Call("open", dbName, dbVersion)
	up := js.FuncOf(func(js.Value, []js.Value) any {
		db := req.Get("result")
		names := db.Get("objectStoreNames")
		if !names.Call("contains", "meta").Bool() {
			db.Call("createObjectStore", "meta")
		}
		if !names.Call("contains", "journal").Bool() {
			db.Call("createObjectStore", "journal")
		}
		return nil
	})
	defer up.Release()
	req.Set("onupgradeneeded", up)
	res, err := await(req, "onsuccess", "onerror")
	if err != nil {
		return nil, fmt.Errorf("opening the browser's storage: %v", err)
	}
	return &idb{db: res.Get("result")}, nil
}

// await blocks until target fires one of the two events, and returns the
// target, or the DOMException of a failure.
func await(target js.Value, ok, fail string, more ...string) (js.Value, error) {
	done := make(chan error, 1)
	var fs []js.Func
	for _, ev := range append([]string{ok}, more...) {
		ev := ev
		f := js.FuncOf(func(js.Value, []js.Value) any {
			if ev == ok {
				done <- nil
			} else {
				done <- domError(target.Get("error"))
			}
			return nil
		})
		target.Set(ev, f)
		fs = append(fs, f)
	}
	f := js.FuncOf(func(js.Value, []js.Value) any {
		done <- domError(target.Get("error"))
		return nil
	})
	target.Set(fail, f)
	fs = append(fs, f)
	err := <-done
	for _, f := range fs {
		f.Release()
	}
	return target, err
}

// errQuota marks a write refused because the browser's storage is full.
var errQuota = errors.New("the browser's storage for this site is full")

func domError(e js.Value) error {
	if !e.Truthy() {
		return errors.New("storage failed")
	}
	if e.Get("name").String() == "QuotaExceededError" {
		return errQuota
	}
	return fmt.Errorf("the browser could not store it, perhaps for lack of space (%s: %s)", e.Get("name").String(), e.Get("message").String())
}

func (s *idb) tx(stores []any, mode string) js.Value {
	opts := map[string]any{}
	if mode == "readwrite" {
		// Flush to disk before reporting success: a crash right after a
		// change must not lose it.
		opts["durability"] = "strict"
	}
	return s.db.Call("transaction", stores, mode, opts)
}

func (s *idb) Load() ([]byte, [][]byte, error) {
	tx := s.tx([]any{"meta", "journal"}, "readonly")
	snapReq := tx.Call("objectStore", "meta").Call("get", "snapshot")
	jReq := tx.Call("objectStore", "journal").Call("getAll")
	if _, err := await(tx, "oncomplete", "onerror", "onabort"); err != nil {
		return nil, nil, fmt.Errorf("reading the saved workspace: %v", err)
	}
	var snap []byte
	if v := snapReq.Get("result"); v.Type() == js.TypeString {
		snap = []byte(v.String())
	}
	all := jReq.Get("result")
	journal := make([][]byte, all.Length())
	for i := range journal {
		journal[i] = []byte(all.Index(i).String())
	}
	return snap, journal, nil
}

func (s *idb) Append(entries []journal.Entry) error {
	tx := s.tx([]any{"journal"}, "readwrite")
	store := tx.Call("objectStore", "journal")
	for _, e := range entries {
		store.Call("put", string(e.Data), float64(e.Seq))
	}
	if _, err := await(tx, "oncomplete", "onerror", "onabort"); err != nil {
		return err
	}
	return nil
}

func (s *idb) Compact(snapshot []byte, seq int64) error {
	tx := s.tx([]any{"meta", "journal"}, "readwrite")
	tx.Call("objectStore", "meta").Call("put", string(snapshot), "snapshot")
	rng := js.Global().Get("IDBKeyRange").Call("upperBound", float64(seq))
	tx.Call("objectStore", "journal").Call("delete", rng)
	if _, err := await(tx, "oncomplete", "onerror", "onabort"); err != nil {
		return err
	}
	return nil
}

func (bridge) Lock(granted func(bool)) {
	locks := js.Global().Get("navigator").Get("locks")
	if !locks.Truthy() {
		granted(true)
		return
	}
	hold := func() js.Value {
		// A promise that never settles holds the lock until the tab closes.
		return js.Global().Get("Promise").New(js.FuncOf(func(js.Value, []js.Value) any { return nil }))
	}
	var wait, first js.Func
	wait = js.FuncOf(func(js.Value, []js.Value) any {
		granted(true)
		return hold()
	})
	first = js.FuncOf(func(_ js.Value, args []js.Value) any {
		if args[0].Truthy() {
			granted(true)
			return hold()
		}
		granted(false)
		locks.Call("request", "belgi-workspace", wait)
		return nil
	})
	locks.Call("request", "belgi-workspace", map[string]any{"ifAvailable": true}, first)
}

func (b bridge) Broadcast(msg string) {
	if b.channel.Truthy() {
		b.channel.Call("postMessage", msg)
	}
}

func (bridge) Confirm(question string) bool {
	return js.Global().Call("confirm", question).Bool()
}
