package app

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"reflect"
	"strings"

	"belgi/annotations"
	"belgi/clean"
	"belgi/demo"
	"belgi/ingest"

	"golang.org/x/text/language"
)

// MaxFileSize is the largest file Belgi reads. Larger files are refused
// before they are read, so a stray video cannot freeze the tab.
const MaxFileSize = 64 << 20

// State is the client state: the workspace and what the person is looking
// at. Components render from it; every change to annotations goes through
// Do, so it can be undone.
type State struct {
	WS       *annotations.Workspace
	Current  string // open document ID, "" for none
	Selected string // selected span ID in the open document
	// SelectedEvent is the event shown open in the event panel; Armed the
	// role waiting for a filler, if any.
	SelectedEvent string
	Armed         *Arm

	// ReadOnly is set while another tab holds the workspace: every change
	// is refused, so two tabs never write over each other.
	ReadOnly bool

	undo, redo []step
	applied    []annotations.Op // ops applied since the last TakeApplied, for the journal
	dirty      bool             // changed since the last export
}

// ErrReadOnly is returned for changes in a read-only tab.
var ErrReadOnly = errors.New("this tab is read-only: Belgi is open in another tab, which holds the workspace")

// TakeApplied returns the ops applied since the last call, in order.
func (s *State) TakeApplied() []annotations.Op {
	ops := s.applied
	s.applied = nil
	return ops
}

// Dirty reports whether anything changed since the last export.
func (s *State) Dirty() bool { return s.dirty }

// A step is one user action: the ops that undo it, in the order to apply
// them, and the document it happened in, so undo can bring it back into view.
type step struct {
	doc string
	ops []annotations.Op
}

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

// Do applies ops as one undoable step. If any op fails, those already
// applied are undone and the workspace is as it was.
func (s *State) Do(ops ...annotations.Op) error {
	if s.ReadOnly {
		return ErrReadOnly
	}
	var inv []annotations.Op
	for _, op := range ops {
		in, err := s.WS.Apply(op)
		if err != nil {
			s.rollback(inv)
			return err
		}
		inv = append([]annotations.Op{in}, inv...)
	}
	s.undo = append(s.undo, step{doc: s.Current, ops: inv})
	s.redo = nil
	s.applied = append(s.applied, ops...)
	s.dirty = true
	return nil
}

func (s *State) rollback(inv []annotations.Op) {
	for _, op := range inv {
		if _, err := s.WS.Apply(op); err != nil {
			panic(fmt.Sprintf("belgi: undoing a failed step: %v", err)) // inverses of applied ops always apply
		}
	}
}

// Undo reverts the last step; Redo applies it again. Both report whether
// there was a step, and bring its document back into view.
func (s *State) Undo() bool { return s.swap(&s.undo, &s.redo) }

// Redo re-applies the last undone step.
func (s *State) Redo() bool { return s.swap(&s.redo, &s.undo) }

func (s *State) swap(from, to *[]step) bool {
	if len(*from) == 0 || s.ReadOnly {
		return false
	}
	st := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	var inv []annotations.Op
	for _, op := range st.ops {
		in, err := s.WS.Apply(op)
		if err != nil {
			panic(fmt.Sprintf("belgi: replaying history: %v", err))
		}
		inv = append([]annotations.Op{in}, inv...)
	}
	*to = append(*to, step{doc: st.doc, ops: inv})
	s.applied = append(s.applied, st.ops...)
	s.dirty = true
	if s.WS.Document(st.doc) != nil {
		s.Current = st.doc
	} else if s.WS.Document(s.Current) == nil {
		s.Current = ""
		if len(s.WS.Documents) > 0 {
			s.Current = s.WS.Documents[0].ID
		}
	}
	s.Selected, s.Armed = "", nil
	if _, ok := s.event(s.SelectedEvent); !ok {
		s.SelectedEvent = ""
	}
	return true
}

// Open shows the document with the given ID.
func (s *State) Open(id string) {
	if s.WS.Document(id) != nil {
		s.Current, s.Selected, s.SelectedEvent, s.Armed = id, "", "", nil
	}
}

// Label adds a span with the given label over [start, end) of the open
// document and selects it.
func (s *State) Label(label string, start, end int) error {
	d := s.Doc()
	if d == nil {
		return errors.New("open a document first")
	}
	if _, ok := s.eventType(label); ok && s.Armed == nil {
		return s.AddEvent(label, start, end)
	}
	if _, ok := s.WS.Schema.Entity(label); !ok {
		if _, ok := s.eventType(label); !ok {
			return fmt.Errorf("no label %q in the schema", label)
		}
	}
	for _, sp := range d.Spans {
		if sp.Label == label && sp.Start == start && sp.End == end {
			s.Selected = sp.ID
			return fmt.Errorf("%q is already labelled %s", sp.Text, label)
		}
	}
	sp := annotations.Span{ID: d.NextID("T"), Label: label, Start: start, End: end}
	if a := s.Armed; a != nil && a.Relation != "" {
		// The new span is the other end of the armed relation.
		rel := s.newRelation(a.Relation, a.Event, sp.ID)
		if err := s.Do(
			annotations.Op{Kind: annotations.OpAddSpan, Doc: d.ID, Span: &sp},
			annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Relation: &rel},
		); err != nil {
			return err
		}
		s.Selected = sp.ID
		return nil
	}
	if a := s.Armed; a != nil {
		// The new span fills the armed role, in the same step.
		e, ok := s.event(a.Event)
		if !ok {
			s.Armed = nil
			return fmt.Errorf("no event %q", a.Event)
		}
		e.Arguments = append(append([]annotations.Argument(nil), e.Arguments...), annotations.Argument{Role: a.Role, Ref: sp.ID})
		if err := s.Do(
			annotations.Op{Kind: annotations.OpAddSpan, Doc: d.ID, Span: &sp},
			annotations.Op{Kind: annotations.OpPut, Doc: d.ID, Event: &e},
		); err != nil {
			return err
		}
		s.Selected = sp.ID
		return nil
	}
	if err := s.Do(annotations.Op{Kind: annotations.OpAddSpan, Doc: d.ID, Span: &sp}); err != nil {
		return err
	}
	s.Selected = sp.ID
	return nil
}

// DeleteSelected removes the selected span, with the event it triggers and
// its place in other events' roles.
func (s *State) DeleteSelected() error {
	if s.Doc() == nil || s.Selected == "" {
		return errors.New("no span is selected")
	}
	return s.Remove(s.Selected)
}

// LabelForKey returns the entity type bound to a key, such as "1".
func (s *State) LabelForKey(key string) (string, bool) {
	key = strings.ToLower(key)
	for _, e := range s.WS.Schema.Entities {
		if e.Key != "" && strings.ToLower(e.Key) == key {
			return e.Type, true
		}
	}
	for _, e := range s.WS.Schema.Events {
		if e.Key != "" && strings.ToLower(e.Key) == key {
			return e.Type, true
		}
	}
	return "", false
}

// boundKeys returns the keys the schema binds.
func (s *State) boundKeys() map[string]bool {
	keys := map[string]bool{}
	for _, e := range s.WS.Schema.Entities {
		if e.Key != "" {
			keys[strings.ToLower(e.Key)] = true
		}
	}
	for _, e := range s.WS.Schema.Events {
		if e.Key != "" {
			keys[strings.ToLower(e.Key)] = true
		}
	}
	return keys
}

// customSlot is the first colour slot of the colours a schema sets itself;
// the colour-blind-safe palette has slots 0 to PaletteSize.
const customSlot = 100

// Colour returns the colour slot of a label: the colour its schema type
// sets, or else a palette colour by its place in the schema.
func (s *State) Colour(label string) int {
	for i, e := range s.WS.Schema.Entities {
		if e.Type == label {
			if annotations.ValidColor(e.Color) {
				return customSlot + i
			}
			return i % PaletteSize
		}
	}
	for i, e := range s.WS.Schema.Events {
		if e.Type == label {
			if annotations.ValidColor(e.Color) {
				return customSlot + len(s.WS.Schema.Entities) + i
			}
			return (i + 3) % PaletteSize
		}
	}
	return PaletteSize // the "unknown label" slot
}

// colourCSS defines the classes of the colours the schema sets.
func (s *State) colourCSS() string {
	var b strings.Builder
	n := len(s.WS.Schema.Entities)
	add := func(i int, c string) {
		if annotations.ValidColor(c) {
			fmt.Fprintf(&b, ".c%d{--lc:%s}", customSlot+i, c)
		}
	}
	for i, e := range s.WS.Schema.Entities {
		add(i, e.Color)
	}
	for i, e := range s.WS.Schema.Events {
		add(n+i, e.Color)
	}
	return b.String()
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

// SetKeep keeps or removes input lines of a cleaned document, as one step.
// Spans on removed text are deleted first, with what hangs on them, only
// when confirm agrees; the returned count says how many went. The
// operation records the decisions, not the document (annotations.OpReclean).
func (s *State) SetKeep(id string, lines []int, keep bool, confirm func(lost []annotations.Span) bool) (int, error) {
	d := s.WS.Document(id)
	if d == nil || d.Cleaning == nil {
		return 0, fmt.Errorf("document %q has no cleaning record", id)
	}
	decisions := append([]clean.Line(nil), d.Cleaning.Lines...)
	rc := &annotations.Recleaning{}
	for _, i := range lines {
		if i < 0 || i >= len(decisions) {
			return 0, fmt.Errorf("document %q has no line %d", id, i)
		}
		decisions[i].Keep = keep
		rc.Lines = append(rc.Lines, annotations.LineKeep{Line: i, Keep: keep})
	}
	nd, lost, err := d.Reclean(decisions)
	if err != nil {
		return 0, err
	}
	if len(lost) > 0 && !confirm(lost) {
		return 0, errCancelled
	}
	ingest.DetectLanguages(nd)
	rc.Language, rc.LanguageSource, rc.Paragraphs = nd.Language, nd.LanguageSource, nd.Paragraphs
	var ids []string
	for _, sp := range lost {
		ids = append(ids, sp.ID)
	}
	var ops []annotations.Op
	if len(ids) > 0 {
		ops = d.RemoveOps(ids...)
	}
	if err := s.Do(append(ops, annotations.Op{Kind: annotations.OpReclean, Doc: id, Reclean: rc})...); err != nil {
		return 0, err
	}
	s.Selected = ""
	return len(lost), nil
}

// SetLanguage corrects the language of a document, or of the paragraph
// starting at para when para >= 0. The correction is marked manual.
func (s *State) SetLanguage(id string, para int, tag string) error {
	if s.WS.Document(id) == nil {
		return fmt.Errorf("no document %q", id)
	}
	if _, err := language.Parse(tag); err != nil {
		return fmt.Errorf("%q is not a language tag", tag)
	}
	err := s.Do(annotations.Op{Kind: annotations.OpSetLanguage, Doc: id, Language: &annotations.LanguageTag{Para: para, Tag: tag, Source: "manual"}})
	if errors.Is(err, annotations.ErrNotFound) {
		return fmt.Errorf("document %q has no paragraph at %d", id, para)
	}
	return err
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
	if merged := mergeSchema(s.WS.Schema, f.Schema); len(merged.Entities) != len(s.WS.Schema.Entities) {
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

func mergeSchema(have, add annotations.Schema) annotations.Schema {
	out := have
	out.Entities = append([]annotations.EntityType(nil), have.Entities...)
	for _, e := range add.Entities {
		if _, ok := have.Entity(e.Type); !ok {
			out.Entities = append(out.Entities, e)
		}
	}
	return out
}

// AddImported adds documents read from interchange files, and the types
// their schema adds, as one step. Their texts stay byte-exact; their
// languages are detected. IDs taken in the workspace are replaced.
func (s *State) AddImported(docs []*annotations.Document, schema annotations.Schema) error {
	if s.ReadOnly {
		return ErrReadOnly
	}
	var ops []annotations.Op
	if merged := unionSchema(s.WS.Schema, schema); !reflect.DeepEqual(merged, s.WS.Schema) {
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
