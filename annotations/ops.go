package annotations

// OpKind names an operation.
type OpKind string

// The operations. Each has an inverse among them.
const (
	OpAddDocument    OpKind = "addDocument"
	OpRemoveDocument OpKind = "removeDocument"
	// OpReplaceDocument swaps a whole document for another with the same
	// ID. Belgi no longer makes it (OpReclean and OpSetLanguage say what
	// they change), but journals written before them hold it.
	OpReplaceDocument OpKind = "replaceDocument"
	OpSetSchema       OpKind = "setSchema"
	OpAddSpan         OpKind = "addSpan"
	OpDeleteSpan      OpKind = "deleteSpan"
	// OpAddSpans adds many spans at once (annotate all occurrences);
	// OpDeleteSpans removes them.
	OpAddSpans    OpKind = "addSpans"
	OpDeleteSpans OpKind = "deleteSpans"
	// OpPut adds or replaces one event, relation, attribute, note or
	// normalization (by its ID), or replaces a span (a new label or
	// fragments); OpRemove removes one. Their inverse is each other, or an
	// OpPut of the old value.
	OpPut    OpKind = "put"
	OpRemove OpKind = "remove"
	// OpSetLabels sets the document-level labels.
	OpSetLabels OpKind = "setLabels"
	// OpSetLanguage sets the language of a document or of one paragraph.
	OpSetLanguage OpKind = "setLanguage"
	// OpReclean keeps or removes input lines of a cleaned document: its
	// text changes and its annotations move with it.
	OpReclean OpKind = "reclean"
)

// An Op is one change to a workspace. Ops are plain values so they can be
// stored in a journal and sent between components. Besides Kind, Doc (the
// document it changes) and At (a position, for undo), an Op carries exactly
// the payload of its kind: the field or fields Kinds lists for it, and no
// other. Apply refuses an Op that lacks its payload or carries another's.
type Op struct {
	Kind     OpKind    `json:"op"`
	Doc      string    `json:"doc,omitempty"`      // target document ID
	Document *Document `json:"document,omitempty"` // OpAddDocument, OpReplaceDocument
	Span     *Span     `json:"span,omitempty"`     // OpAddSpan, OpPut
	ID       string    `json:"id,omitempty"`       // OpDeleteSpan, OpRemove
	At       int       `json:"at,omitempty"`       // OpAddDocument, OpPut: 1-based position, used by undo
	Schema   *Schema   `json:"schema,omitempty"`   // OpSetSchema
	Spans    []Span    `json:"spans,omitempty"`    // OpAddSpans
	IDs      []string  `json:"ids,omitempty"`      // OpDeleteSpans
	Labels   []string  `json:"labels,omitempty"`   // OpSetLabels; none clears them

	// OpPut: exactly one of these, or Span.
	Event         *Event         `json:"event,omitempty"`
	Relation      *Relation      `json:"relation,omitempty"`
	Attribute     *Attribute     `json:"attribute,omitempty"`
	Note          *Note          `json:"note,omitempty"`
	Normalization *Normalization `json:"normalization,omitempty"`

	Language *LanguageTag `json:"language,omitempty"` // OpSetLanguage
	Reclean  *Recleaning  `json:"reclean,omitempty"`  // OpReclean
}

// A LanguageTag is the payload of OpSetLanguage: the language of a
// document (Para < 0) or of its paragraph that starts at code point Para.
type LanguageTag struct {
	Para       int     `json:"para"`
	Tag        string  `json:"tag"`                  // BCP 47
	Source     string  `json:"source"`               // "auto" or "manual"
	Confidence float64 `json:"confidence,omitempty"` // of a paragraph's detection
}

// A Recleaning is the payload of OpReclean: new decisions on some input
// lines of a cleaned document, and the languages of the text they give.
// Language identification is not this package's, so the caller detects
// them (ingest.DetectLanguages) and the journal replays them as they were.
type Recleaning struct {
	Lines          []LineKeep          `json:"lines"`
	Language       string              `json:"language"`
	LanguageSource string              `json:"languageSource,omitempty"`
	Paragraphs     []ParagraphLanguage `json:"paragraphs,omitempty"`
}

// A LineKeep keeps (Keep) or removes input line Line of a cleaning record.
type LineKeep struct {
	Line int  `json:"line"`
	Keep bool `json:"keep"`
}

// Target returns the ID of the document op changes, or "" when it changes
// the schema.
func (op Op) Target() string {
	if op.Document != nil {
		return op.Document.ID
	}
	return op.Doc
}

// payload is a set of the Op fields that carry what an operation changes.
type payload uint16

const (
	pDocument payload = 1 << iota
	pSpan
	pID
	pSchema
	pSpans
	pIDs
	pLabels
	pEvent
	pRelation
	pAttribute
	pNote
	pNormalization
	pLanguage
	pReclean
)

// payload returns the payload fields op sets.
func (op Op) payload() payload {
	var p payload
	for _, f := range []struct {
		set bool
		bit payload
	}{
		{op.Document != nil, pDocument}, {op.Span != nil, pSpan}, {op.ID != "", pID},
		{op.Schema != nil, pSchema}, {len(op.Spans) > 0, pSpans}, {len(op.IDs) > 0, pIDs},
		{len(op.Labels) > 0, pLabels}, {op.Event != nil, pEvent}, {op.Relation != nil, pRelation},
		{op.Attribute != nil, pAttribute}, {op.Note != nil, pNote},
		{op.Normalization != nil, pNormalization}, {op.Language != nil, pLanguage},
		{op.Reclean != nil, pReclean},
	} {
		if f.set {
			p |= f.bit
		}
	}
	return p
}

// A kind says what an operation carries and how it is applied. The op
// must set exactly one field of one (none when one is 0) and may also set
// those of may; apply runs once the payload is right.
type kind struct {
	name     OpKind
	one, may payload
	apply    func(*Workspace, Op) (Op, error)
}

// kinds lists every operation, in the order Kinds returns them.
var kinds = []kind{
	{name: OpAddDocument, one: pDocument, apply: (*Workspace).addDocument},
	{name: OpRemoveDocument, apply: (*Workspace).removeDocument},
	{name: OpReplaceDocument, one: pDocument, apply: (*Workspace).replaceDocument},
	{name: OpSetSchema, one: pSchema, apply: (*Workspace).setSchema},
	{name: OpAddSpan, one: pSpan, apply: inDocument((*Document).addSpan)},
	{name: OpDeleteSpan, one: pID, apply: inDocument((*Document).deleteSpan)},
	{name: OpAddSpans, one: pSpans, apply: inDocument((*Document).addSpans)},
	{name: OpDeleteSpans, one: pIDs, apply: inDocument((*Document).deleteSpans)},
	{name: OpPut, one: pSpan | pEvent | pRelation | pAttribute | pNote | pNormalization, apply: inDocument((*Document).put)},
	{name: OpRemove, one: pID, apply: inDocument((*Document).remove)},
	{name: OpSetLabels, may: pLabels, apply: inDocument((*Document).setLabels)},
	{name: OpSetLanguage, one: pLanguage, apply: inDocument((*Document).setLanguage)},
	{name: OpReclean, one: pReclean, apply: (*Workspace).reclean},
}

// Kinds returns every operation kind, each once.
func Kinds() []OpKind {
	out := make([]OpKind, len(kinds))
	for i, k := range kinds {
		out[i] = k.name
	}
	return out
}

// check refuses op unless it carries exactly its kind's payload.
func (k *kind) check(op Op) error {
	got := op.payload()
	extra := got &^ (k.one | k.may)
	n := 0
	for b := got & k.one; b != 0; b &= b - 1 {
		n++
	}
	if extra != 0 || (k.one != 0 && n != 1) {
		return refuse(op.Kind, op.Doc, op.ID, ErrPayload, "give exactly the payload of a %s operation (%s), not %s", op.Kind, k.one|k.may, got)
	}
	return nil
}

// String lists the JSON names of the fields in p.
func (p payload) String() string {
	names := []string{"document", "span", "id", "schema", "spans", "ids", "labels", "event", "relation", "attribute", "note", "normalization", "language", "reclean"}
	s := ""
	for i, n := range names {
		if p&(1<<i) != 0 {
			if s != "" {
				s += ", "
			}
			s += n
		}
	}
	if s == "" {
		return "nothing"
	}
	return s
}

// Apply carries out op and returns the op that undoes it. On error the
// workspace is unchanged and the error is an *OpError (see ErrNotFound and
// the other sentinels). Apply never modifies a slice it has handed out: it
// replaces it, so values held by the UI stay valid.
func (w *Workspace) Apply(op Op) (inverse Op, err error) {
	for i := range kinds {
		if k := &kinds[i]; k.name == op.Kind {
			if err := k.check(op); err != nil {
				return Op{}, err
			}
			return k.apply(w, op)
		}
	}
	return Op{}, refuse(op.Kind, "", "", ErrUnknownOp, "unknown operation %q", op.Kind)
}

// inDocument adapts an operation on one document to the workspace: it
// finds op.Doc first.
func inDocument(f func(*Document, Op) (Op, error)) func(*Workspace, Op) (Op, error) {
	return func(w *Workspace, op Op) (Op, error) {
		d, err := w.target(op)
		if err != nil {
			return Op{}, err
		}
		return f(d, op)
	}
}

// target returns the document op.Doc names.
func (w *Workspace) target(op Op) (*Document, error) {
	if d := w.Document(op.Doc); d != nil {
		return d, nil
	}
	return nil, refuse(op.Kind, "", op.Doc, ErrNotFound, "no document %q", op.Doc)
}
