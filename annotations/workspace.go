package annotations

import (
	"fmt"
)

// A Workspace is the set of documents a person works on and the schema they
// use. It changes only through Apply, so every change can be undone,
// journaled and replayed.
//
// Apply never writes into a slice it has stored in a document or in the
// workspace: it builds a new one and replaces the field. A shallow copy of
// the document list and of each Document is therefore a consistent,
// read-only snapshot of the workspace (the journal encodes one off the UI
// goroutine).
type Workspace struct {
	Schema    Schema
	Documents []*Document
}

// NewWorkspace returns an empty workspace with the given schema.
func NewWorkspace(s Schema) *Workspace { return &Workspace{Schema: s} }

// Document returns the document with the given ID, or nil.
func (w *Workspace) Document(id string) *Document {
	for _, d := range w.Documents {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// NextDocumentID returns an unused document ID of the form "d<n>".
func (w *Workspace) NextDocumentID() string {
	for n := len(w.Documents) + 1; ; n++ {
		id := fmt.Sprintf("d%d", n)
		if w.Document(id) == nil {
			return id
		}
	}
}

// addDocument inserts op.Document at op.At (1-based; 0 appends).
func (w *Workspace) addDocument(op Op) (Op, error) {
	d := op.Document
	if d.ID == "" {
		return Op{}, refuse(op.Kind, "", "", ErrInvalid, "the document has no id")
	}
	if w.Document(d.ID) != nil {
		return Op{}, refuse(op.Kind, "", d.ID, ErrExists, "document %q already exists", d.ID)
	}
	if probs := validateDocument(d, &w.Schema); hasError(probs) {
		return Op{}, invalid(op.Kind, d.ID, probs)
	}
	d = d.clone()
	d.seal()
	at := op.At - 1
	if at < 0 || at > len(w.Documents) {
		at = len(w.Documents)
	}
	docs := make([]*Document, 0, len(w.Documents)+1)
	docs = append(docs, w.Documents[:at]...)
	docs = append(docs, d)
	w.Documents = append(docs, w.Documents[at:]...)
	return Op{Kind: OpRemoveDocument, Doc: d.ID}, nil
}

// removeDocument takes document op.Doc out of the workspace.
func (w *Workspace) removeDocument(op Op) (Op, error) {
	for i, d := range w.Documents {
		if d.ID == op.Doc {
			docs := make([]*Document, 0, len(w.Documents)-1)
			docs = append(docs, w.Documents[:i]...)
			w.Documents = append(docs, w.Documents[i+1:]...)
			return Op{Kind: OpAddDocument, Document: d, At: i + 1}, nil
		}
	}
	return Op{}, refuse(op.Kind, "", op.Doc, ErrNotFound, "no document %q", op.Doc)
}

// replaceDocument swaps the document with op.Document's ID for it.
func (w *Workspace) replaceDocument(op Op) (Op, error) {
	d := op.Document
	i := w.index(d.ID)
	if i < 0 {
		return Op{}, refuse(op.Kind, "", d.ID, ErrNotFound, "no document %q", d.ID)
	}
	if probs := validateDocument(d, &w.Schema); hasError(probs) {
		return Op{}, invalid(op.Kind, d.ID, probs)
	}
	d = d.clone()
	d.seal()
	return Op{Kind: OpReplaceDocument, Document: w.swap(i, d)}, nil
}

// index returns the position of document id, or -1.
func (w *Workspace) index(id string) int {
	for i, d := range w.Documents {
		if d.ID == id {
			return i
		}
	}
	return -1
}

// swap puts d in place of document i, copying the list, and returns the
// document it replaced.
func (w *Workspace) swap(i int, d *Document) *Document {
	old := w.Documents[i]
	docs := append([]*Document(nil), w.Documents...)
	docs[i] = d
	w.Documents = docs
	return old
}

// setSchema replaces the schema. Annotations whose labels it lacks stay,
// and the schema check flags them.
func (w *Workspace) setSchema(op Op) (Op, error) {
	if probs := validateSchema(op.Schema); hasError(probs) {
		return Op{}, invalid(op.Kind, "", probs)
	}
	old := w.Schema
	w.Schema = *op.Schema
	return Op{Kind: OpSetSchema, Schema: &old}, nil
}
