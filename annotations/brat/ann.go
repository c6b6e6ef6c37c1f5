package brat

import (
	"fmt"
	"strconv"
	"strings"

	"belgi/annotations"
)

// A kind is the sort of annotation an .ann line holds, named by the first
// character of its ID.
type kind byte

const (
	kindNone     kind = 0 // blank or malformed: kept verbatim
	kindSpan     kind = 'T'
	kindEvent    kind = 'E'
	kindRelation kind = 'R'
	kindEquiv    kind = '*'
	kindAttr     kind = 'A' // also M lines
	kindNorm     kind = 'N'
	kindNote     kind = '#'
)

// An entry is one line of an .ann file and, when it could be read, the
// annotation it holds.
type entry struct {
	raw  string // the line as stored, without its line terminator
	eol  string // "\n", "\r\n" or "" for a last line without one
	line int    // 1-based
	kind kind   // kindNone when the line is kept verbatim only
	id   string // model ID (equivalences get a synthetic "*n")

	// The annotation read, by kind; the others are nil.
	span     *annotations.Span
	event    *annotations.Event
	rel      *annotations.Relation
	attr     *annotations.Attribute
	norm     *annotations.Normalization
	note     *annotations.Note
	noteType string // the note's type, "AnnotatorNotes" in brat's own files
	textErr  string // a T line whose text field differs from the document text
	problem  string // why a malformed line could not be read
}

// splitLines splits an .ann file into lines, keeping each line's terminator
// so the file can be written back byte for byte.
func splitLines(ann string) []entry {
	es := make([]entry, 0, strings.Count(ann, "\n")+1)
	for n := 1; ann != ""; n++ {
		i := strings.IndexByte(ann, '\n')
		var raw, eol string
		if i < 0 {
			raw, ann = ann, ""
		} else {
			raw, eol, ann = ann[:i], "\n", ann[i+1:]
			if strings.HasSuffix(raw, "\r") {
				raw, eol = raw[:len(raw)-1], "\r\n"
			}
		}
		es = append(es, entry{raw: raw, eol: eol, line: n})
	}
	return es
}

// parseAnn reads the lines of an .ann file against the text index x. It is
// used both to import a file and, on export, to recognise which original
// lines still say what the document says. Lines that cannot be read, that
// repeat an ID or that refer to annotations missing from the file are
// marked kindNone with the reason in problem.
func parseAnn(ann string, x *annotations.Index) []entry {
	es := splitLines(ann)
	ids := make(map[string]int, len(es)) // id → index of its entry
	equiv := 0
	for i := range es {
		e := &es[i]
		body := e.raw
		if i == 0 {
			body = strings.TrimPrefix(body, "\ufeff")
		}
		if strings.TrimSpace(body) == "" {
			continue
		}
		if err := e.parse(body, x); err != nil {
			e.kind, e.problem = kindNone, err.Error()
			continue
		}
		if e.kind == kindEquiv {
			equiv++
			e.id = "*" + strconv.Itoa(equiv)
			e.rel.ID = e.id
		}
		if _, dup := ids[e.id]; dup {
			e.kind, e.problem = kindNone, fmt.Sprintf("id %s is used by an earlier line", e.id)
			continue
		}
		ids[e.id] = i
	}
	// Drop annotations that refer to what is not there, until nothing
	// changes: dropping an event can leave another dangling.
	for changed := true; changed; {
		changed = false
		for i := range es {
			e := &es[i]
			if e.kind == kindNone {
				continue
			}
			if ref, what := e.dangling(es, ids); ref != "" {
				e.kind, e.problem = kindNone, fmt.Sprintf("%s %s is not in the file", what, ref)
				delete(ids, e.id)
				changed = true
			}
		}
	}
	return es
}

// dangling returns the first reference of e that does not resolve, and what
// it is, or "".
func (e *entry) dangling(es []entry, ids map[string]int) (ref, what string) {
	has := func(id string, kinds ...kind) bool {
		if strings.HasPrefix(id, "*") {
			return false // equivalences have no ID of their own to refer to
		}
		i, ok := ids[id]
		if !ok {
			return false
		}
		if len(kinds) == 0 {
			return true
		}
		for _, k := range kinds {
			if es[i].kind == k {
				return true
			}
		}
		return false
	}
	switch e.kind {
	case kindEvent:
		if !has(e.event.Trigger, kindSpan) {
			return e.event.Trigger, "trigger"
		}
		for _, a := range e.event.Arguments {
			if !has(a.Ref, kindSpan, kindEvent) {
				return a.Ref, "argument"
			}
		}
	case kindRelation, kindEquiv:
		for _, a := range e.rel.Arguments {
			if !has(a.Ref) {
				return a.Ref, "argument"
			}
		}
	case kindAttr:
		if !has(e.attr.Target) {
			return e.attr.Target, "target"
		}
	case kindNorm:
		if !has(e.norm.Target) {
			return e.norm.Target, "target"
		}
	case kindNote:
		if !has(e.note.Target) {
			return e.note.Target, "target"
		}
	}
	return "", ""
}

// parse reads one non-blank line into e.
func (e *entry) parse(body string, x *annotations.Index) error {
	tab := strings.IndexByte(body, '\t')
	if tab < 0 {
		return fmt.Errorf("no TAB after an id")
	}
	id, rest := body[:tab], body[tab+1:]
	if id == "" {
		return fmt.Errorf("empty id")
	}
	e.id = id
	switch id[0] {
	case 'T':
		return e.parseSpan(rest, x)
	case 'E':
		return e.parseEvent(rest)
	case 'R':
		return e.parseRelation(rest)
	case '*':
		return e.parseEquiv(rest)
	case 'A', 'M':
		return e.parseAttr(rest)
	case 'N':
		return e.parseNorm(rest)
	case '#':
		return e.parseNote(rest)
	}
	return fmt.Errorf("unknown id prefix %q", id[:1])
}

func (e *entry) parseSpan(rest string, x *annotations.Index) error {
	tab := strings.IndexByte(rest, '\t')
	if tab < 0 {
		return fmt.Errorf("text-bound annotation has no text field")
	}
	head, text := rest[:tab], rest[tab+1:]
	sp := strings.IndexByte(head, ' ')
	if sp <= 0 {
		return fmt.Errorf("text-bound annotation has no offsets")
	}
	label := head[:sp]
	var frags []annotations.Fragment
	for _, f := range strings.Split(head[sp+1:], ";") {
		fs := strings.Fields(f)
		if len(fs) != 2 {
			return fmt.Errorf("offsets %q are not START END", f)
		}
		s, err1 := strconv.Atoi(fs[0])
		t, err2 := strconv.Atoi(fs[1])
		if err1 != nil || err2 != nil {
			return fmt.Errorf("offsets %q are not numbers", f)
		}
		if s < 0 || t > x.Len() || s >= t {
			return fmt.Errorf("offsets %d %d are outside the text (%d code points) or empty", s, t, x.Len())
		}
		frags = append(frags, annotations.Fragment{Start: s, End: t})
	}
	span := annotations.Span{ID: e.id, Label: label}
	if len(frags) == 1 {
		span.Start, span.End = frags[0].Start, frags[0].End
	} else {
		span.Fragments = frags
	}
	fillText(&span, x)
	if !sameText(text, span.Text) {
		e.textErr = fmt.Sprintf("text field %q differs from the document text %q at those offsets; the offsets are kept", clip(text), clip(span.Text))
	}
	e.kind, e.span = kindSpan, &span
	return nil
}

// fillText sets the covered text of s, and its extent when it has fragments.
func fillText(s *annotations.Span, x *annotations.Index) {
	if len(s.Fragments) == 0 {
		s.Text = x.Slice(s.Start, s.End)
		return
	}
	var b strings.Builder
	s.Start, s.End = s.Fragments[0].Start, s.Fragments[0].End
	for i, f := range s.Fragments {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x.Slice(f.Start, f.End))
		s.Start, s.End = min(s.Start, f.Start), max(s.End, f.End)
	}
	s.Text = b.String()
}

// sameText reports whether a T line's text field matches the covered text.
// A line break in the covered text may be written as a space, since a line
// of an .ann file cannot hold one.
func sameText(field, text string) bool {
	if field == text {
		return true
	}
	return field == oneLine(text)
}

// oneLine replaces CR and LF by spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

func (e *entry) parseEvent(rest string) error {
	fs := strings.Fields(rest)
	if len(fs) == 0 {
		return fmt.Errorf("event has no TYPE:TRIGGER")
	}
	typ, trig, ok := strings.Cut(fs[0], ":")
	if !ok || typ == "" || trig == "" {
		return fmt.Errorf("event starts with %q, not TYPE:TRIGGER", fs[0])
	}
	ev := annotations.Event{ID: e.id, Type: typ, Trigger: trig}
	for _, f := range fs[1:] {
		role, ref, ok := strings.Cut(f, ":")
		if !ok || role == "" || ref == "" {
			return fmt.Errorf("event argument %q is not ROLE:ID", f)
		}
		ev.Arguments = append(ev.Arguments, annotations.Argument{Role: baseRole(role), Ref: ref})
	}
	e.kind, e.event = kindEvent, &ev
	return nil
}

// baseRole strips the number brat appends to a role used more than once
// (Theme2, Org-Arg3). A role that is all digits is kept.
func baseRole(role string) string {
	r := strings.TrimRight(role, "0123456789")
	if r == "" {
		return role
	}
	return r
}

func (e *entry) parseRelation(rest string) error {
	body := rest
	if i := strings.IndexByte(rest, '\t'); i >= 0 {
		body = rest[:i]
		if strings.TrimSpace(rest[i+1:]) != "" {
			return fmt.Errorf("relation has text after its arguments")
		}
	}
	fs := strings.Fields(body)
	if len(fs) != 3 {
		return fmt.Errorf("relation is not TYPE ARG1 ARG2")
	}
	rel := annotations.Relation{ID: e.id, Type: fs[0]}
	for _, f := range fs[1:] {
		role, ref, ok := strings.Cut(f, ":")
		if !ok || role == "" || ref == "" {
			return fmt.Errorf("relation argument %q is not ROLE:ID", f)
		}
		rel.Arguments = append(rel.Arguments, annotations.Argument{Role: role, Ref: ref})
	}
	e.kind, e.rel = kindRelation, &rel
	return nil
}

// EquivRole is the role of each member of an equivalence (a brat * line),
// which becomes a relation whose ID starts with "*".
const EquivRole = "Arg"

func (e *entry) parseEquiv(rest string) error {
	fs := strings.Fields(rest)
	if len(fs) < 3 {
		return fmt.Errorf("equivalence needs a type and at least two ids")
	}
	rel := annotations.Relation{Type: fs[0]}
	for _, ref := range fs[1:] {
		rel.Arguments = append(rel.Arguments, annotations.Argument{Role: EquivRole, Ref: ref})
	}
	e.kind, e.rel = kindEquiv, &rel
	return nil
}

func (e *entry) parseAttr(rest string) error {
	fs := strings.Fields(rest)
	if len(fs) < 2 || len(fs) > 3 || strings.ContainsRune(rest, '\t') {
		return fmt.Errorf("attribute is not NAME ID [VALUE]")
	}
	a := annotations.Attribute{ID: e.id, Name: fs[0], Target: fs[1]}
	if len(fs) == 3 {
		a.Value = fs[2]
	}
	e.kind, e.attr = kindAttr, &a
	return nil
}

func (e *entry) parseNorm(rest string) error {
	body, text, _ := strings.Cut(rest, "\t")
	if strings.ContainsRune(text, '\t') {
		return fmt.Errorf("normalization has more than three TAB-separated fields")
	}
	fs := strings.Fields(body)
	if len(fs) != 3 {
		return fmt.Errorf("normalization is not TYPE ID RESOURCE:ENTRY")
	}
	res, entryID, ok := strings.Cut(fs[2], ":")
	if !ok {
		return fmt.Errorf("normalization reference %q is not RESOURCE:ENTRY", fs[2])
	}
	e.kind = kindNorm
	e.norm = &annotations.Normalization{ID: e.id, Type: fs[0], Target: fs[1], Resource: res, Entry: entryID, Text: text}
	return nil
}

func (e *entry) parseNote(rest string) error {
	body, text, _ := strings.Cut(rest, "\t")
	fs := strings.Fields(body)
	if len(fs) != 2 {
		return fmt.Errorf("note is not TYPE ID")
	}
	e.kind, e.noteType = kindNote, fs[0]
	e.note = &annotations.Note{ID: e.id, Target: fs[1], Text: text}
	return nil
}

// clip shortens s for a message.
func clip(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
