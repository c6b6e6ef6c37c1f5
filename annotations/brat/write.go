package brat

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// Write writes the .ann file of d to w; the .txt file is d.Text, unchanged.
//
// When d was read by Read (its Origin names brat), every original line whose
// annotation is unchanged is written back verbatim and in place, lines that
// could not be read are written back as they were, changed annotations are
// written in canonical form in place of their line, deleted ones are left
// out, and new ones follow in canonical form: T, E, R, *, A, N and # lines.
// An unchanged document is thus written back byte for byte.
//
// What brat cannot hold is reported to rep: relations that are not binary,
// IDs that do not fit brat's (renamed, with their references), names with
// spaces, line breaks in notes, and roles ending in a digit.
func Write(w io.Writer, d *annotations.Document, rep *loss.Report) error {
	var bw strings.Builder
	wr := newWriter(d, rep)
	var es []entry
	if d.Origin != nil && d.Origin.Format == OriginFormat {
		bw.Grow(len(d.Origin.Data[originAnn]) + 64)
		es = parseAnn(d.Origin.Data[originAnn], d.Index())
		if len(es) > 0 && strings.HasSuffix(es[0].eol, "\r\n") {
			wr.eol = "\r\n"
		}
	}
	open := false // the last line written has no line terminator
	put := func(line, eol string) {
		if open {
			bw.WriteString(wr.eol)
		}
		bw.WriteString(line)
		bw.WriteString(eol)
		open = eol == ""
	}
	for i := range es {
		e := &es[i]
		if e.kind == kindNone {
			put(e.raw, e.eol)
			continue
		}
		line, same, ok := wr.line(e)
		if !ok {
			continue // deleted, or cannot be written
		}
		if same {
			line = e.raw
		}
		eol := e.eol
		if eol == "" && i < len(es)-1 {
			eol = wr.eol
		}
		put(line, eol)
	}
	for _, l := range wr.rest() {
		put(l, wr.eol)
	}
	_, err := io.WriteString(w, bw.String())
	return err
}

// A writer turns the annotations of one document into .ann lines.
type writer struct {
	d    *annotations.Document
	rep  *loss.Report
	eol  string
	x    *annotations.Index
	ids  map[string]string // model ID → brat ID
	skip map[string]bool   // annotations that cannot be written
	done map[string]bool   // annotations already written

	spans  map[string]*annotations.Span
	events map[string]*annotations.Event
	rels   map[string]*annotations.Relation
	attrs  map[string]*annotations.Attribute
	norms  map[string]*annotations.Normalization
	notes  map[string]*annotations.Note
}

func newWriter(d *annotations.Document, rep *loss.Report) *writer {
	n := len(d.Spans) + len(d.Events) + len(d.Relations) + len(d.Attributes) + len(d.Normalizations) + len(d.Notes)
	wr := &writer{d: d, rep: rep, eol: "\n", x: d.Index(), done: make(map[string]bool, n), skip: map[string]bool{},
		spans: make(map[string]*annotations.Span, len(d.Spans)), events: map[string]*annotations.Event{}, rels: map[string]*annotations.Relation{},
		attrs: map[string]*annotations.Attribute{}, norms: map[string]*annotations.Normalization{}, notes: map[string]*annotations.Note{}}
	for i := range d.Spans {
		wr.spans[d.Spans[i].ID] = &d.Spans[i]
	}
	for i := range d.Events {
		wr.events[d.Events[i].ID] = &d.Events[i]
	}
	for i := range d.Relations {
		wr.rels[d.Relations[i].ID] = &d.Relations[i]
	}
	for i := range d.Attributes {
		wr.attrs[d.Attributes[i].ID] = &d.Attributes[i]
	}
	for i := range d.Normalizations {
		wr.norms[d.Normalizations[i].ID] = &d.Normalizations[i]
	}
	for i := range d.Notes {
		wr.notes[d.Notes[i].ID] = &d.Notes[i]
	}
	wr.assignIDs()
	wr.findUnwritable()
	return wr
}

// assignIDs maps every model ID to a brat ID. IDs that already fit brat are
// kept; others get the next free number with the right prefix.
func (wr *writer) assignIDs() {
	d := wr.d
	n := len(d.Spans) + len(d.Events) + len(d.Relations) + len(d.Attributes) + len(d.Normalizations) + len(d.Notes)
	wr.ids = make(map[string]string, n)
	taken := make(map[string]bool, n)
	next := map[byte]int{}
	type item struct {
		id     string
		prefix byte
		kind   string
	}
	items := make([]item, 0, n)
	for _, s := range d.Spans {
		items = append(items, item{s.ID, 'T', "spans"})
	}
	for _, e := range d.Events {
		items = append(items, item{e.ID, 'E', "events"})
	}
	for _, r := range d.Relations {
		if isEquiv(r.ID) {
			wr.ids[r.ID] = "*"
			continue
		}
		items = append(items, item{r.ID, 'R', "relations"})
	}
	for _, a := range d.Attributes {
		p := byte('A')
		if strings.HasPrefix(a.ID, "M") {
			p = 'M'
		}
		items = append(items, item{a.ID, p, "attributes"})
	}
	for _, n := range d.Normalizations {
		items = append(items, item{n.ID, 'N', "normalizations"})
	}
	for _, n := range d.Notes {
		items = append(items, item{n.ID, '#', "notes"})
	}
	var renamed []item
	for _, it := range items {
		if validID(it.id, it.prefix) && !taken[it.id] {
			wr.ids[it.id] = it.id
			taken[it.id] = true
			if n, err := strconv.Atoi(it.id[1:]); err == nil && n >= next[it.prefix] {
				next[it.prefix] = n + 1
			}
			continue
		}
		renamed = append(renamed, it)
	}
	for _, it := range renamed {
		n := max(next[it.prefix], 1)
		id := string(it.prefix) + strconv.Itoa(n)
		for taken[id] {
			n++
			id = string(it.prefix) + strconv.Itoa(n)
		}
		next[it.prefix] = n + 1
		taken[id] = true
		wr.ids[it.id] = id
		wr.rep.Add(wr.d.ID, it.id, 0, "written as %s: brat ids of %s start with %q and hold no spaces", id, it.kind, it.prefix)
	}
}

// isEquiv reports whether a relation ID marks a brat equivalence (* line).
func isEquiv(id string) bool { return strings.HasPrefix(id, "*") }

// validID reports whether id can be written as a brat ID with the prefix.
func validID(id string, prefix byte) bool {
	if len(id) < 2 || id[0] != prefix {
		return false
	}
	for _, r := range id[1:] {
		if unicode.IsSpace(r) || r == ':' || r == ';' || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// findUnwritable marks the annotations brat cannot hold, and then those
// that refer to them, reporting each.
func (wr *writer) findUnwritable() {
	d := wr.d
	for _, r := range d.Relations {
		switch {
		case isEquiv(r.ID) && len(r.Arguments) < 2:
			wr.drop(r.ID, "an equivalence needs at least two members; it has %d", len(r.Arguments))
		case !isEquiv(r.ID) && len(r.Arguments) != 2:
			wr.drop(r.ID, "brat relations have two arguments; this one has %d", len(r.Arguments))
		}
	}
	for changed := true; changed; {
		changed = false
		refs := func(id string, what string, targets ...string) {
			if wr.skip[id] {
				return
			}
			for _, t := range targets {
				if wr.skip[t] {
					wr.drop(id, "its %s %s is not written", what, t)
					changed = true
					return
				}
				if isEquiv(t) {
					wr.drop(id, "its %s is the equivalence %s, which brat cannot refer to", what, t)
					changed = true
					return
				}
			}
		}
		for _, e := range d.Events {
			refs(e.ID, "trigger", e.Trigger)
			for _, a := range e.Arguments {
				refs(e.ID, "argument", a.Ref)
			}
		}
		for _, r := range d.Relations {
			for _, a := range r.Arguments {
				refs(r.ID, "argument", a.Ref)
			}
		}
		for _, a := range d.Attributes {
			refs(a.ID, "target", a.Target)
		}
		for _, n := range d.Normalizations {
			refs(n.ID, "target", n.Target)
		}
		for _, n := range d.Notes {
			refs(n.ID, "target", n.Target)
		}
	}
}

func (wr *writer) drop(id, format string, args ...any) {
	wr.skip[id] = true
	wr.rep.Add(wr.d.ID, id, 0, "not written: "+format, args...)
}

// line returns the canonical line for the annotation that e held, and
// whether that annotation is unchanged. ok is false when the annotation was
// deleted or cannot be written.
func (wr *writer) line(e *entry) (line string, same, ok bool) {
	id := e.id
	if wr.skip[id] || wr.done[id] {
		return "", false, false
	}
	switch e.kind {
	case kindSpan:
		s := wr.spans[id]
		if s == nil {
			return "", false, false
		}
		wr.done[id] = true
		return wr.spanLine(s), sameSpan(e.span, s), true
	case kindEvent:
		ev := wr.events[id]
		if ev == nil {
			return "", false, false
		}
		wr.done[id] = true
		return wr.eventLine(ev), sameEvent(e.event, ev), true
	case kindRelation, kindEquiv:
		r := wr.rels[id]
		if r == nil || isEquiv(id) != (e.kind == kindEquiv) {
			return "", false, false
		}
		wr.done[id] = true
		return wr.relationLine(r), sameRelation(e.rel, r), true
	case kindAttr:
		a := wr.attrs[id]
		if a == nil {
			return "", false, false
		}
		wr.done[id] = true
		return wr.attrLine(a), *a == *e.attr, true
	case kindNorm:
		n := wr.norms[id]
		if n == nil {
			return "", false, false
		}
		wr.done[id] = true
		return wr.normLine(n), *n == *e.norm, true
	case kindNote:
		n := wr.notes[id]
		if n == nil {
			return "", false, false
		}
		wr.done[id] = true
		return wr.noteLine(n, e.noteType), *n == *e.note, true
	}
	return "", false, false
}

// rest returns the canonical lines of the annotations no original line held.
func (wr *writer) rest() []string {
	var lines []string
	add := func(id string, line func() string) {
		if wr.skip[id] || wr.done[id] {
			return
		}
		wr.done[id] = true
		lines = append(lines, line())
	}
	d := wr.d
	for i := range d.Spans {
		s := &d.Spans[i]
		add(s.ID, func() string { return wr.spanLine(s) })
	}
	for i := range d.Events {
		e := &d.Events[i]
		add(e.ID, func() string { return wr.eventLine(e) })
	}
	for _, equiv := range []bool{false, true} {
		for i := range d.Relations {
			r := &d.Relations[i]
			if isEquiv(r.ID) == equiv {
				add(r.ID, func() string { return wr.relationLine(r) })
			}
		}
	}
	for i := range d.Attributes {
		a := &d.Attributes[i]
		add(a.ID, func() string { return wr.attrLine(a) })
	}
	for i := range d.Normalizations {
		n := &d.Normalizations[i]
		add(n.ID, func() string { return wr.normLine(n) })
	}
	for i := range d.Notes {
		n := &d.Notes[i]
		add(n.ID, func() string { return wr.noteLine(n, "") })
	}
	return lines
}

// name returns s made fit for a space-separated field, reporting a change.
func (wr *writer) name(id, what, s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ':' }) {
		return s
	}
	t := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == ':' {
			return '_'
		}
		return r
	}, s)
	if t == "" {
		t = "_"
	}
	wr.rep.Add(wr.d.ID, id, 0, "%s %q written as %q: brat names hold no spaces or colons", what, s, t)
	return t
}

// field returns s made fit for the last, TAB-separated field of a line,
// reporting a change. A note may hold TABs; a normalization's text may not.
func (wr *writer) field(id, what, s string, tabs bool) string {
	bad := "\r\n"
	if !tabs {
		bad += "\t"
	}
	if !strings.ContainsAny(s, bad) {
		return s
	}
	wr.rep.Add(wr.d.ID, id, 0, "line breaks or TABs in the %s written as spaces: an .ann line cannot hold them there", what)
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(bad, r) {
			return ' '
		}
		return r
	}, s)
}

func (wr *writer) spanLine(s *annotations.Span) string {
	var b strings.Builder
	b.WriteString(wr.ids[s.ID])
	b.WriteByte('\t')
	b.WriteString(wr.name(s.ID, "label", s.Label))
	frags := s.Fragments
	if len(frags) == 0 {
		frags = []annotations.Fragment{{Start: s.Start, End: s.End}}
	}
	var text strings.Builder
	for i, f := range frags {
		if i > 0 {
			b.WriteByte(';')
			text.WriteByte(' ')
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(f.Start))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(f.End))
		text.WriteString(wr.x.Slice(f.Start, f.End))
	}
	b.WriteByte('\t')
	b.WriteString(oneLine(text.String())) // offsets are exact; the field is a copy
	return b.String()
}

func (wr *writer) eventLine(e *annotations.Event) string {
	var b strings.Builder
	b.WriteString(wr.ids[e.ID])
	b.WriteByte('\t')
	b.WriteString(wr.name(e.ID, "event type", e.Type))
	b.WriteByte(':')
	b.WriteString(wr.ids[e.Trigger])
	seen := map[string]int{}
	for _, a := range e.Arguments {
		role := wr.name(e.ID, "role", a.Role)
		if baseRole(role) != role {
			wr.rep.Add(wr.d.ID, e.ID, 0, "role %q ends in a digit: brat reads it back as %q", role, baseRole(role))
		}
		seen[role]++
		b.WriteByte(' ')
		b.WriteString(role)
		if n := seen[role]; n > 1 {
			b.WriteString(strconv.Itoa(n))
		}
		b.WriteByte(':')
		b.WriteString(wr.ids[a.Ref])
	}
	return b.String()
}

func (wr *writer) relationLine(r *annotations.Relation) string {
	var b strings.Builder
	b.WriteString(wr.ids[r.ID])
	b.WriteByte('\t')
	typ := r.Type
	if typ == "" {
		typ = "Relation"
		wr.rep.Add(wr.d.ID, r.ID, 0, "relation without a type written with type %q", typ)
	}
	b.WriteString(wr.name(r.ID, "relation type", typ))
	if isEquiv(r.ID) {
		for _, a := range r.Arguments {
			if a.Role != EquivRole {
				wr.rep.Add(wr.d.ID, r.ID, 0, "role %q of an equivalence is not kept: brat * lines list members only", a.Role)
			}
			b.WriteByte(' ')
			b.WriteString(wr.ids[a.Ref])
		}
		return b.String()
	}
	for _, a := range r.Arguments {
		b.WriteByte(' ')
		b.WriteString(wr.name(r.ID, "role", a.Role))
		b.WriteByte(':')
		b.WriteString(wr.ids[a.Ref])
	}
	b.WriteByte('\t')
	return b.String()
}

func (wr *writer) attrLine(a *annotations.Attribute) string {
	s := wr.ids[a.ID] + "\t" + wr.name(a.ID, "attribute name", a.Name) + " " + wr.ids[a.Target]
	if a.Value != "" {
		s += " " + wr.name(a.ID, "attribute value", a.Value)
	}
	return s
}

func (wr *writer) normLine(n *annotations.Normalization) string {
	return wr.ids[n.ID] + "\t" + wr.name(n.ID, "normalization type", n.Type) + " " + wr.ids[n.Target] + " " +
		wr.name(n.ID, "resource", n.Resource) + ":" + wr.name(n.ID, "entry", n.Entry) + "\t" + wr.field(n.ID, "text", n.Text, false)
}

func (wr *writer) noteLine(n *annotations.Note, typ string) string {
	if typ == "" {
		typ = "AnnotatorNotes"
	}
	return wr.ids[n.ID] + "\t" + typ + " " + wr.ids[n.Target] + "\t" + wr.field(n.ID, "note", n.Text, true)
}

func sameSpan(a, b *annotations.Span) bool {
	if a.Label != b.Label {
		return false
	}
	fa, fb := a.Fragments, b.Fragments
	if len(fa) == 0 {
		fa = []annotations.Fragment{{Start: a.Start, End: a.End}}
	}
	if len(fb) == 0 {
		fb = []annotations.Fragment{{Start: b.Start, End: b.End}}
	}
	return slices.Equal(fa, fb)
}

func sameEvent(a, b *annotations.Event) bool {
	return a.Type == b.Type && a.Trigger == b.Trigger && slices.Equal(a.Arguments, b.Arguments)
}

func sameRelation(a, b *annotations.Relation) bool {
	return a.Type == b.Type && slices.Equal(a.Arguments, b.Arguments)
}
