package journal

import (
	"sort"
	"sync"
)

// Memory is a Store held in memory, for tests: it keeps what it is given
// until the process ends, and fails every write while Fail is set.
type Memory struct {
	mu       sync.Mutex
	snapshot []byte
	journal  map[int64][]byte
	fail     error
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{journal: map[int64][]byte{}} }

// Fail makes every write fail with err from now on; nil lets them succeed.
func (m *Memory) Fail(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fail = err
}

// Len returns how many journal entries m holds.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.journal)
}

// Load returns the snapshot and the journal in order.
func (m *Memory) Load() ([]byte, [][]byte, error) {
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

// Append adds entries to the journal.
func (m *Memory) Append(entries []Entry) error {
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

// Compact replaces the snapshot and drops the entries up to seq.
func (m *Memory) Compact(snapshot []byte, seq int64) error {
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
