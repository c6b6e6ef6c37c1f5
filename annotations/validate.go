package annotations

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// A Problem is one thing wrong with a file, naming where it is.
type Problem struct {
	Doc     string // document ID, "" for the file as a whole
	Item    string // annotation ID, "" for the document as a whole
	Msg     string
	Warning bool // the file is usable; the problem is flagged, not fatal
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Warning {
		b.WriteString("warning: ")
	}
	if p.Doc != "" {
		fmt.Fprintf(&b, "document %q: ", p.Doc)
	}
	if p.Item != "" {
		fmt.Fprintf(&b, "%q: ", p.Item)
	}
	b.WriteString(p.Msg)
	return b.String()
}

// A ValidationError lists the errors that make a file or operation unusable.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var errs []string
	for _, p := range e.Problems {
		if !p.Warning {
			errs = append(errs, p.String())
		}
	}
	const max = 5
	if len(errs) > max {
		return strings.Join(errs[:max], "; ") + fmt.Sprintf("; and %d more", len(errs)-max)
	}
	return strings.Join(errs, "; ")
}

func hasError(probs []Problem) bool {
	for _, p := range probs {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Validate checks a decoded file: the schema as ValidateSchema does, unique
// IDs, offsets inside the text, the covered text and hash equal to the
// text's, references that resolve, and labels known to the schema (a
// warning when not).
func Validate(f *File) []Problem {
	var probs []Problem
	if f.Format != FormatName {
		probs = append(probs, Problem{Msg: fmt.Sprintf("format is %q, want %q", f.Format, FormatName)})
	}
	if f.Version != Version {
		probs = append(probs, Problem{Msg: fmt.Sprintf("version is %d, want %d", f.Version, Version)})
	}
	probs = append(probs, validateSchema(&f.Schema)...)
	seen := map[string]bool{}
	for i, d := range f.Documents {
		if d == nil {
			probs = append(probs, Problem{Msg: fmt.Sprintf("document %d is null", i+1)})
			continue
		}
		if seen[d.ID] {
			probs = append(probs, Problem{Doc: d.ID, Msg: "duplicate document id"})
		}
		seen[d.ID] = true
		probs = append(probs, validateDocument(d, &f.Schema)...)
	}
	return probs
}

// validateSchema is the schema check of Validate, Decode and OpSetSchema:
// the whole of ValidateSchema, as the schema editor runs it, so that no
// path installs a schema the editor would refuse.
func validateSchema(s *Schema) []Problem { return ValidateSchema(s) }

func validType(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

func validateDocument(d *Document, s *Schema) []Problem {
	var probs []Problem
	add := func(item, format string, args ...any) {
		probs = append(probs, Problem{Doc: d.ID, Item: item, Msg: fmt.Sprintf(format, args...)})
	}
	warn := func(item, format string, args ...any) {
		probs = append(probs, Problem{Doc: d.ID, Item: item, Msg: fmt.Sprintf(format, args...), Warning: true})
	}
	if d.ID == "" {
		add("", "document has no id")
	}
	if d.OffsetUnit != OffsetUnit {
		add("", "offsetUnit is %q, want %q", d.OffsetUnit, OffsetUnit)
	}
	if d.SHA256 != Hash(d.Text) {
		add("", "sha256 %q does not match the text (its hash is %s): the text was changed or the hash is wrong", d.SHA256, Hash(d.Text))
	}
	if d.Language == "" {
		add("", "no language (use \"und\" when unknown)")
	} else if _, err := language.Parse(d.Language); err != nil {
		add("", "language %q is not a BCP 47 tag", d.Language)
	}
	switch d.LanguageSource {
	case "", "auto", "manual":
	default:
		add("", "languageSource is %q, want \"auto\" or \"manual\"", d.LanguageSource)
	}
	if d.Cleaning != nil {
		if err := d.Cleaning.check(d.Text); err != nil {
			add("", "%v", err)
		}
	}
	n := d.Index().Len()
	for i, p := range d.Paragraphs {
		if err := checkRange(p.Start, p.End, n); err != nil {
			add("", "paragraph language %d: %v", i+1, err)
		}
		if _, err := language.Parse(p.Language); err != nil {
			add("", "paragraph language %d: %q is not a BCP 47 tag", i+1, p.Language)
		}
		if p.Source != "auto" && p.Source != "manual" {
			add("", "paragraph language %d: source is %q, want \"auto\" or \"manual\"", i+1, p.Source)
		}
	}

	ids := map[string]string{} // id → kind
	claim := func(id, kind string) {
		if id == "" {
			add("", "a %s has no id", kind)
			return
		}
		if _, dup := ids[id]; dup {
			add(id, "duplicate id")
		}
		ids[id] = kind
	}
	for _, sp := range d.Spans {
		claim(sp.ID, "span")
		if _, ok := s.Entity(sp.Label); !ok && !isEventType(s, sp.Label) {
			warn(sp.ID, "label %q is not in the schema", sp.Label)
		}
		want := sp
		if err := d.fill(&want); err != nil {
			add(sp.ID, "%v", strings.TrimPrefix(err.Error(), fmt.Sprintf("span %q: ", sp.ID)))
			continue
		}
		if want.Start != sp.Start || want.End != sp.End {
			add(sp.ID, "start and end [%d, %d) do not enclose its fragments [%d, %d)", sp.Start, sp.End, want.Start, want.End)
		}
		if want.Text != sp.Text {
			add(sp.ID, "text %q does not match the document text %q at [%d, %d)", clip(sp.Text), clip(want.Text), sp.Start, sp.End)
		}
	}
	for _, e := range d.Events {
		claim(e.ID, "event")
	}
	for _, r := range d.Relations {
		claim(r.ID, "relation")
	}
	for _, a := range d.Attributes {
		claim(a.ID, "attribute")
	}
	for _, n := range d.Notes {
		claim(n.ID, "note")
	}
	for _, n := range d.Normalizations {
		claim(n.ID, "normalization")
	}
	for _, e := range d.Events {
		if ids[e.Trigger] != "span" {
			add(e.ID, "trigger %q is not a span of this document", e.Trigger)
		}
		for _, a := range e.Arguments {
			if k := ids[a.Ref]; k != "span" && k != "event" {
				add(e.ID, "role %s: %q is not a span or event of this document", a.Role, a.Ref)
			}
		}
	}
	for _, r := range d.Relations {
		for _, a := range r.Arguments {
			if _, ok := ids[a.Ref]; !ok {
				add(r.ID, "argument %s: %q is not an annotation of this document", a.Role, a.Ref)
			}
		}
	}
	for _, a := range d.Attributes {
		if _, ok := ids[a.Target]; !ok {
			add(a.ID, "target %q is not an annotation of this document", a.Target)
		}
	}
	for _, n := range d.Notes {
		if _, ok := ids[n.Target]; !ok {
			add(n.ID, "target %q is not an annotation of this document", n.Target)
		}
	}
	for _, n := range d.Normalizations {
		if _, ok := ids[n.Target]; !ok {
			add(n.ID, "target %q is not an annotation of this document", n.Target)
		}
	}
	return probs
}

func isEventType(s *Schema, t string) bool {
	for _, e := range s.Events {
		if e.Type == t {
			return true
		}
	}
	return false
}

// clip shortens s for an error message.
func clip(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
