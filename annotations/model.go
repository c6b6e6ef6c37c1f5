package annotations

import (
	"belgi/clean"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
)

// A Document is one text and its annotations. Text is never changed after
// the document is created: every offset indexes it.
type Document struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source"` // file name or URL the text came from; "" when pasted
	Annotator string `json:"annotator,omitempty"`

	// Language is a BCP 47 tag, "und" when unknown.
	Language string `json:"language"`
	// LanguageSource is "auto" when the tag was detected, "manual" when a
	// person set it.
	LanguageSource string `json:"languageSource,omitempty"`
	// Paragraphs holds the language of each line of Text.
	Paragraphs []ParagraphLanguage `json:"paragraphs,omitempty"`
	// Cleaning records how Text was cut from the input; nil when Text is
	// the input itself.
	Cleaning *Cleaning `json:"cleaning,omitempty"`

	Text       string `json:"text"`
	OffsetUnit string `json:"offsetUnit"` // always "codepoint"
	SHA256     string `json:"sha256"`     // hex SHA-256 of Text's UTF-8 bytes

	Spans      []Span      `json:"spans"`
	Events     []Event     `json:"events,omitempty"`
	Relations  []Relation  `json:"relations,omitempty"`
	Attributes []Attribute `json:"attributes,omitempty"`
	Notes      []Note      `json:"notes,omitempty"`
	// Normalizations link annotations to entries of external resources,
	// as brat's N lines do.
	Normalizations []Normalization `json:"normalizations,omitempty"`
	Labels         []string        `json:"labels,omitempty"` // document-level labels

	// Origin keeps what an importer needs to write the document back to its
	// own format byte for byte; nil for documents made in Belgi.
	Origin *Origin `json:"origin,omitempty"`

	index *Index
}

// A Span is a labelled stretch of text. Start and End are code point offsets,
// End exclusive. A discontinuous span lists its Fragments; Start and End then
// enclose them and Text joins their texts with one space, as brat does.
type Span struct {
	ID        string     `json:"id"`
	Label     string     `json:"label"`
	Start     int        `json:"start"`
	End       int        `json:"end"`
	Text      string     `json:"text"`
	Fragments []Fragment `json:"fragments,omitempty"`
}

// A Fragment is one piece of a discontinuous span.
type Fragment struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// An Event has a type, a trigger span and arguments. An argument may refer to
// a span or to another event.
type Event struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Trigger   string     `json:"trigger"` // span ID
	Arguments []Argument `json:"arguments,omitempty"`
}

// An Argument fills a role of an event or relation with a span or event ID.
// A role may be filled several times; the order is kept.
type Argument struct {
	Role string `json:"role"`
	Ref  string `json:"ref"`
}

// A Relation links annotations by typed arguments.
type Relation struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Arguments []Argument `json:"arguments"`
}

// An Attribute sets a named value on a span or event. Value is "" for a
// binary attribute that is present.
type Attribute struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Target string `json:"target"`
	Value  string `json:"value,omitempty"`
}

// A Note is free text attached to any annotation.
type Note struct {
	ID     string `json:"id"`
	Target string `json:"target"`
	Text   string `json:"text"`
}

// A ParagraphLanguage is the language of one line of a document's text.
type ParagraphLanguage struct {
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Language   string  `json:"language"`
	Source     string  `json:"source"` // "auto" or "manual"
	Confidence float64 `json:"confidence,omitempty"`
}

// Cleaning is the record of how a document's text was cut from what the
// person brought: the input exactly as given, the decision on each of its
// lines (or HTML blocks), and the map between the two texts' code points.
// Applying Lines to Input reproduces the text and the map; import checks it.
type Cleaning struct {
	Input string       `json:"input"`
	HTML  bool         `json:"html,omitempty"`
	Lines []clean.Line `json:"lines"`
	Map   clean.Map    `json:"map"`
}

// A Normalization links an annotation to an entry of an external resource.
type Normalization struct {
	ID       string `json:"id"`
	Type     string `json:"type"`     // e.g. "Reference"
	Target   string `json:"target"`   // annotation ID
	Resource string `json:"resource"` // e.g. "Wikidata"
	Entry    string `json:"entry"`    // e.g. "Q35493"
	Text     string `json:"text,omitempty"`
}

// Origin records the source format of an imported document: its name and
// format-specific data, such as the original .ann lines of a brat document,
// so that unchanged annotations are written back verbatim.
type Origin struct {
	Format string            `json:"format"`
	Data   map[string]string `json:"data,omitempty"`
}

// NewDocument returns a document holding text, with its hash and offset unit
// set and no annotations.
func NewDocument(id, title, source, text string) *Document {
	d := &Document{ID: id, Title: title, Source: source, Language: "und", Text: text, Spans: []Span{}}
	d.seal()
	return d
}

func (d *Document) seal() {
	d.OffsetUnit = OffsetUnit
	d.SHA256 = Hash(d.Text)
}

// OffsetUnit names the unit of every offset in the format.
const OffsetUnit = "codepoint"

// Hash returns the hex SHA-256 of text's UTF-8 bytes.
func Hash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// Index returns the text index of d.Text.
func (d *Document) Index() *Index {
	if d.index == nil || d.index.String() != d.Text {
		d.index = NewIndex(d.Text)
	}
	return d.index
}

// Span returns the span with the given ID.
func (d *Document) Span(id string) (Span, bool) {
	for _, s := range d.Spans {
		if s.ID == id {
			return s, true
		}
	}
	return Span{}, false
}

// NextID returns an unused annotation ID with the given prefix ("T", "E",
// "R", …): one past the largest numbered ID with that prefix.
func (d *Document) NextID(prefix string) string {
	max := 0
	see := func(id string) {
		if n, err := strconv.Atoi(strings.TrimPrefix(id, prefix)); err == nil && strings.HasPrefix(id, prefix) && n > max {
			max = n
		}
	}
	for _, s := range d.Spans {
		see(s.ID)
	}
	for _, e := range d.Events {
		see(e.ID)
	}
	for _, r := range d.Relations {
		see(r.ID)
	}
	for _, a := range d.Attributes {
		see(a.ID)
	}
	for _, n := range d.Notes {
		see(n.ID)
	}
	for _, n := range d.Normalizations {
		see(n.ID)
	}
	return prefix + strconv.Itoa(max+1)
}

// spanLess orders spans by start, then longer first, then ID, so that an
// enclosing span comes before the spans it contains.
func spanLess(a, b Span) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.End != b.End {
		return a.End > b.End
	}
	return a.ID < b.ID
}

// sortSpans sorts spans in the canonical order.
func sortSpans(spans []Span) {
	sort.SliceStable(spans, func(i, j int) bool { return spanLess(spans[i], spans[j]) })
}

// Clone returns a copy of d that shares no slices with it.
func (d *Document) Clone() *Document { return d.clone() }

// clone returns a copy of d that shares no slices with it.
func (d *Document) clone() *Document {
	c := *d
	c.Spans = append([]Span(nil), d.Spans...)
	c.Events = append([]Event(nil), d.Events...)
	c.Relations = append([]Relation(nil), d.Relations...)
	c.Attributes = append([]Attribute(nil), d.Attributes...)
	c.Notes = append([]Note(nil), d.Notes...)
	c.Normalizations = append([]Normalization(nil), d.Normalizations...)
	c.Labels = append([]string(nil), d.Labels...)
	c.Paragraphs = append([]ParagraphLanguage(nil), d.Paragraphs...)
	return &c
}
