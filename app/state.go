package app

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"reflect"
	"strings"

	"belgi/annotations"
	"belgi/demo"
	"belgi/ingest"
)

// MaxFileSize is the largest file Belgi reads. Larger files are refused
// before they are read, so a stray video cannot freeze the tab.
const MaxFileSize = 64 << 20

// State is the client state: the workspace, its history, and what the
// person is looking at. Components render from it; every change to
// annotations goes through Do, so it can be undone, and every change is
// announced to the subscribers (Subscribe), so none can go unsaved.
//
// Its parts live for different spans: the workspace and its history for
// as long as the tab holds the workspace; the view (Current and the
// selection) until another document opens.
type State struct {
	WS *annotations.Workspace
	// ReadOnly is set while another tab holds the workspace: every change
	// is refused, so two tabs never write over each other.
	ReadOnly bool
	history

	Current  string // open document ID, "" for none
	Selected string // selected span ID in the open document
	// SelectedEvent is the event shown open in the event panel; Armed the
	// role waiting for a filler, if any.
	SelectedEvent string
	Armed         *Arm
}

// ErrReadOnly is returned for changes in a read-only tab.
var ErrReadOnly = errors.New("this tab is read-only: Belgi is open in another tab, which holds the workspace")

// NewState returns a state holding the default schema and the demo corpus.
func NewState() *State {
	s := &State{WS: annotations.NewWorkspace(annotations.DefaultSchema())}
	for _, a := range demo.Articles() {
		d, err := ingest.Document(s.WS.NextDocumentID(), a.Name, []byte(a.Text), ingest.Options{})
		if err == nil {
			_, err = s.WS.Apply(annotations.Op{Kind: annotations.OpAddDocument, Document: d})
		}
		if err != nil {
			panic(err) // the demo corpus is tested
		}
	}
	if len(s.WS.Documents) > 0 {
		s.Current = s.WS.Documents[0].ID
	}
	return s
}

// Doc returns the open document, or nil.
func (s *State) Doc() *annotations.Document { return s.WS.Document(s.Current) }

// Open shows the document with the given ID.
func (s *State) Open(id string) {
	if s.WS.Document(id) != nil {
		s.Current, s.Selected, s.SelectedEvent, s.Armed = id, "", "", nil
	}
}

// AddText adds a document holding text and opens it. name is the file name,
// "" for pasted text. The document is built as `belgi clean` builds it
// (ingest.Document).
func (s *State) AddText(name, text string) (*annotations.Document, error) {
	if s.ReadOnly {
		return nil, ErrReadOnly
	}
	d, err := ingest.Document(s.WS.NextDocumentID(), name, []byte(text), ingest.Options{})
	if err != nil {
		return nil, err
	}
	if err := s.Do(annotations.Op{Kind: annotations.OpAddDocument, Document: d}); err != nil {
		return nil, err
	}
	s.Open(d.ID)
	return d, nil
}

// AddFile adds what a file holds: a gold JSON file is imported, anything else
// is read as text. It returns a short report for the status line.
func (s *State) AddFile(name string, data []byte) (string, error) {
	if len(data) > MaxFileSize {
		return "", fmt.Errorf("%s is too large (%d MB; the limit is %d MB)", name, len(data)>>20, MaxFileSize>>20)
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return s.Import(name, data)
	case ".zip":
		return s.ImportZip(name, data)
	case ".txt", ".text", "":
		d, err := s.AddText(name, string(data))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("Added %q.", d.Title), nil
	}
	d, err := s.AddText(name, string(data))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("Added %q as plain text.", d.Title), nil
}

// Import adds the documents of a gold file. A document identical to one in
// the workspace is skipped; one whose ID is taken by a different document
// gets a fresh ID. Entity types the workspace lacks are added to its schema.
// On any error nothing changes.
func (s *State) Import(name string, data []byte) (string, error) {
	f, err := annotations.Decode(data)
	if err != nil {
		return "", fmt.Errorf("%s: %v", name, err)
	}
	var ops []annotations.Op
	skipped, renamed := 0, 0
	taken := map[string]bool{}
	for _, d := range s.WS.Documents {
		taken[d.ID] = true
	}
	for _, d := range f.Documents {
		if old := s.WS.Document(d.ID); old != nil {
			if same(old, d) {
				skipped++
				continue
			}
			d.ID = freshID(taken)
			renamed++
		}
		taken[d.ID] = true
		ops = append(ops, annotations.Op{Kind: annotations.OpAddDocument, Document: d})
	}
	if merged := s.WS.Schema.Union(f.Schema); !reflect.DeepEqual(merged, s.WS.Schema) {
		ops = append([]annotations.Op{{Kind: annotations.OpSetSchema, Schema: &merged}}, ops...)
	}
	if err := s.Do(ops...); err != nil {
		return "", fmt.Errorf("%s: %v", name, err)
	}
	added := 0
	for _, op := range ops {
		if op.Kind == annotations.OpAddDocument {
			if added == 0 {
				s.Open(op.Document.ID)
			}
			added++
		}
	}
	msg := fmt.Sprintf("Imported %d document(s) from %s.", added, name)
	if skipped > 0 {
		msg += fmt.Sprintf(" %d already here, skipped.", skipped)
	}
	if renamed > 0 {
		msg += fmt.Sprintf(" %d given a new id (theirs was taken).", renamed)
	}
	return msg, nil
}

// freshID returns a document ID of the form "d<n>" that is not taken.
func freshID(taken map[string]bool) string {
	for n := len(taken) + 1; ; n++ {
		if id := fmt.Sprintf("d%d", n); !taken[id] {
			return id
		}
	}
}

func same(a, b *annotations.Document) bool {
	x, err1 := annotations.Marshal(annotations.NewFile(annotations.Schema{}, a))
	y, err2 := annotations.Marshal(annotations.NewFile(annotations.Schema{}, b))
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// AddImported adds documents read from interchange files, and the types
// their schema adds, as one step. Their texts stay byte-exact; their
// languages are detected. IDs taken in the workspace are replaced.
func (s *State) AddImported(docs []*annotations.Document, schema annotations.Schema) error {
	if s.ReadOnly {
		return ErrReadOnly
	}
	var ops []annotations.Op
	if merged := s.WS.Schema.Union(schema); !reflect.DeepEqual(merged, s.WS.Schema) {
		ops = append(ops, annotations.Op{Kind: annotations.OpSetSchema, Schema: &merged})
	}
	taken := map[string]bool{}
	for _, d := range s.WS.Documents {
		taken[d.ID] = true
	}
	for _, d := range docs {
		if taken[d.ID] {
			d.ID = freshID(taken)
		}
		taken[d.ID] = true
		if d.Language == "" || d.Language == "und" {
			ingest.DetectLanguages(d)
		}
		ops = append(ops, annotations.Op{Kind: annotations.OpAddDocument, Document: d})
	}
	if err := s.Do(ops...); err != nil {
		return err
	}
	if len(docs) > 0 {
		s.Open(docs[0].ID)
	}
	return nil
}

// Export returns the gold file of one document, or of the whole workspace
// when id is "", and a file name for it.
func (s *State) Export(id string) (name string, data []byte, err error) {
	docs := s.WS.Documents
	name = "belgi-workspace.json"
	if id != "" {
		d := s.WS.Document(id)
		if d == nil {
			return "", nil, fmt.Errorf("no document %q", id)
		}
		docs = []*annotations.Document{d}
		name = "belgi-" + id + ".json"
	}
	data, err = annotations.Marshal(annotations.NewFile(s.WS.Schema, docs...))
	if err == nil && id == "" {
		s.dirty = false
	}
	return name, data, err
}

// Restore replaces the whole workspace with the contents of a gold file, a
// backup made with Export: one step, which undo reverts.
func (s *State) Restore(name string, data []byte) (string, error) {
	f, err := annotations.Decode(data)
	if err != nil {
		return "", fmt.Errorf("%s: %v", name, err)
	}
	var ops []annotations.Op
	for _, d := range s.WS.Documents {
		ops = append(ops, annotations.Op{Kind: annotations.OpRemoveDocument, Doc: d.ID})
	}
	ops = append(ops, annotations.Op{Kind: annotations.OpSetSchema, Schema: &f.Schema})
	for _, d := range f.Documents {
		ops = append(ops, annotations.Op{Kind: annotations.OpAddDocument, Document: d})
	}
	if err := s.Do(ops...); err != nil {
		return "", fmt.Errorf("%s: %v", name, err)
	}
	s.Current, s.Selected = "", ""
	if len(s.WS.Documents) > 0 {
		s.Current = s.WS.Documents[0].ID
	}
	return fmt.Sprintf("Restored %d document(s) from %s. Undo brings back what was here.", len(f.Documents), name), nil
}
