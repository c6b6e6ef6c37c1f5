package agree

import "belgi/annotations"

// A Report is the agreement between annotators over the texts two or more
// of them annotated: every measure per pair, per label and per document,
// and every disagreement. It is plain data, the same for the app's
// Agreement view and `belgi agree`, and encodes to JSON, CSV, Markdown and
// text.
type Report struct {
	Annotators []string
	Texts      []TextInfo // annotated by two or more: what the figures cover
	Unmatched  []TextInfo // annotated by one only, left out
	Warnings   []string   // what the figures cannot show: unmatched texts, labels one side never uses, …

	Spans      SpanMeasures
	Tokens     Measure // token-level Cohen's κ (IO)
	Events     EventMeasures
	Attributes []Coding // one per attribute name
	DocLabels  []Coding // one per document label
	Diagnosis  []Disagreement
	Labels     []string // span labels and event types seen, sorted
	Roles      []string // argument roles seen, sorted
}

// A TextInfo describes one text and who annotated it.
type TextInfo struct {
	Name       string   `json:"name"`
	SHA256     string   `json:"sha256"`
	Length     int      `json:"length"`     // code points
	Annotators []string `json:"annotators"` // in report order
	IDs        []string `json:"ids"`        // each annotator's document id, beside Annotators
}

// SpanMeasures compare the spans (events' triggers are left to Events).
type SpanMeasures struct {
	Exact    Measure // same fragments and label
	Overlap  Measure // a shared code point and the same label
	AnyLabel Measure // same fragments, any label
	AlphaU   Measure // Krippendorff's α_U per label, over code points
}

// EventMeasures compare events at the ACE levels.
type EventMeasures struct {
	Trigger      Measure // trigger identification: the trigger span
	TriggerType  Measure // trigger classification: span and event type
	Argument     Measure // argument identification: event type and filler span
	ArgumentRole Measure // argument classification: type, filler and role; ByLabel is per role
}

// A Measure is one figure for every pair of annotators, its mean and
// standard deviation over the pairs, and the same per label (span label,
// event type or role, as the measure says) and per document.
type Measure struct {
	Key  string // "spans.exact", "events.argumentRole", …: the JSON path and the MEASURES.md section
	Name string // "Exact-match span F1"
	Stat string // "f1", "alpha" or "kappa"
	How  string // how it is computed

	Mean, SD   Score // over the pairs with a value
	Pairs      []PairScore
	ByLabel    []Breakdown
	ByDocument []Breakdown // Key is the TextInfo's Name
}

// A PairScore is one pair's figure.
type PairScore struct {
	A, B      string
	Score     Score
	Counts    *Counts // for F1: each side's units and the pairs
	Documents int     // texts both annotated
	Items     int     // for κ: items both coded
}

// A Breakdown is a measure restricted to one label or one document.
type Breakdown struct {
	Key      string
	Mean, SD Score
	Pairs    []PairScore // the pairs this label or document concerns
}

// A Coding is the agreement on one attribute (on spans and events both
// annotators marked the same way) or one document label (on documents).
type Coding struct {
	Key    string   // "attributes.Negated", "labels.relevant"
	Name   string   // "Negated"
	How    string   // how it is computed
	Values []string // values seen, sorted; "(set)" for a binary attribute, "(not set)" when absent
	Items  int      // items two or more annotators coded
	Kappa  Measure  // Cohen's κ per pair; Mean and SD over the pairs
	// Fleiss' κ over the items every annotator coded, and Krippendorff's
	// α (nominal) over the items two or more coded.
	Fleiss      Score
	FleissItems int
	Alpha       Score
}

// Kind says what a disagreement is.
type Kind string

// The kinds of disagreement.
const (
	Boundary Kind = "boundary" // the same label over overlapping, different stretches
	Label    Kind = "label"    // overlapping or equal stretches with different labels
	Missing  Kind = "missing"  // one side has nothing there
	Role     Kind = "role"     // the same event type and filler in another role
	Value    Kind = "value"    // an attribute or document label set differently
)

// A Disagreement is one place where two annotators differ, with both sides
// (nil where one has nothing) and the stretch of text to show.
type Disagreement struct {
	Kind     Kind   `json:"kind"`
	What     string `json:"what"`     // "span", "trigger", "argument", "attribute", "document label"
	Document string `json:"document"` // TextInfo.Name
	Text     int    `json:"-"`        // index in Report.Texts
	A        string `json:"a"`
	B        string `json:"b"`
	InA      *Mark  `json:"inA"`
	InB      *Mark  `json:"inB"`
	Start    int    `json:"start"` // code points enclosing both sides
	End      int    `json:"end"`
}

// A Mark is one annotator's side of a disagreement.
type Mark struct {
	ID        string                 `json:"id"` // span id; event id for triggers and arguments
	Label     string                 `json:"label"`
	Role      string                 `json:"role,omitempty"`
	Value     string                 `json:"value,omitempty"`
	Name      string                 `json:"name,omitempty"` // attribute name
	Start     int                    `json:"start"`
	End       int                    `json:"end"`
	Fragments []annotations.Fragment `json:"fragments,omitempty"`
}

// Measures returns the report's measures in the order the tables show them.
func (r *Report) Measures() []*Measure {
	return []*Measure{&r.Spans.Exact, &r.Spans.Overlap, &r.Spans.AnyLabel, &r.Spans.AlphaU, &r.Tokens,
		&r.Events.Trigger, &r.Events.TriggerType, &r.Events.Argument, &r.Events.ArgumentRole}
}

// HasEvents reports whether any version has an event.
func (r *Report) HasEvents() bool {
	for _, p := range r.Events.Trigger.Pairs {
		if p.Counts != nil && p.Counts.A+p.Counts.B > 0 {
			return true
		}
	}
	return false
}

// Matrix returns the measure as a symmetric matrix over r.Annotators, for
// a pairwise heatmap: cell [i][j] is the pair's score, the diagonal is
// undefined (an annotator is not compared with themself).
func (r *Report) Matrix(m *Measure) [][]Score {
	idx := map[string]int{}
	for i, a := range r.Annotators {
		idx[a] = i
	}
	out := make([][]Score, len(r.Annotators))
	for i := range out {
		out[i] = make([]Score, len(r.Annotators))
		out[i][i] = undefined("the same annotator")
	}
	for _, p := range m.Pairs {
		i, j := idx[p.A], idx[p.B]
		out[i][j], out[j][i] = p.Score, p.Score
	}
	return out
}
