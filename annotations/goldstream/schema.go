package goldstream

import (
	"slices"
	"strings"

	"belgi/annotations"
)

// A SchemaBuilder collects the labels documents use into a schema, for
// formats that carry none: span labels become entity types (or stay event
// types when events use them), and event, relation and attribute names with
// their roles and values are gathered in order of first use. The zero value
// is ready to use.
type SchemaBuilder struct {
	entities   []string
	events     map[string]*annotations.EventType
	eventOrder []string
	relations  map[string]*annotations.RelationType
	relOrder   []string
	attrs      map[string]*annotations.AttributeDef
	attrOrder  []string
	labels     []string
	skipped    []string
}

// Add gathers the labels of d.
func (b *SchemaBuilder) Add(d *annotations.Document) {
	if b.events == nil {
		b.events = map[string]*annotations.EventType{}
		b.relations = map[string]*annotations.RelationType{}
		b.attrs = map[string]*annotations.AttributeDef{}
	}
	label := map[string]string{}
	for _, s := range d.Spans {
		label[s.ID] = s.Label
		if !slices.Contains(b.entities, s.Label) {
			b.entities = append(b.entities, s.Label)
		}
	}
	for _, e := range d.Events {
		label[e.ID] = e.Type
	}
	addRole := func(roles []annotations.RoleDef, role, typ, card string) []annotations.RoleDef {
		for i := range roles {
			if roles[i].Role == role {
				if typ != "" && !slices.Contains(roles[i].Types, typ) {
					roles[i].Types = append(roles[i].Types, typ)
				}
				return roles
			}
		}
		rd := annotations.RoleDef{Role: role, Types: []string{}, Card: card}
		if typ != "" {
			rd.Types = append(rd.Types, typ)
		}
		return append(roles, rd)
	}
	for _, e := range d.Events {
		et := b.events[e.Type]
		if et == nil {
			et = &annotations.EventType{Type: e.Type}
			b.events[e.Type] = et
			b.eventOrder = append(b.eventOrder, e.Type)
		}
		for _, a := range e.Arguments {
			et.Roles = addRole(et.Roles, a.Role, label[a.Ref], "*")
		}
	}
	for _, r := range d.Relations {
		rt := b.relations[r.Type]
		if rt == nil {
			rt = &annotations.RelationType{Type: r.Type}
			b.relations[r.Type] = rt
			b.relOrder = append(b.relOrder, r.Type)
		}
		for _, a := range r.Arguments {
			rt.Args = addRole(rt.Args, a.Role, label[a.Ref], "")
		}
	}
	for _, a := range d.Attributes {
		ad := b.attrs[a.Name]
		if ad == nil {
			ad = &annotations.AttributeDef{Name: a.Name, On: []string{}}
			b.attrs[a.Name] = ad
			b.attrOrder = append(b.attrOrder, a.Name)
		}
		if t := label[a.Target]; t != "" && !slices.Contains(ad.On, t) {
			ad.On = append(ad.On, t)
		}
		if a.Value != "" && !slices.Contains(ad.Values, a.Value) {
			ad.Values = append(ad.Values, a.Value)
		}
	}
	for _, l := range d.Labels {
		if !slices.Contains(b.labels, l) {
			b.labels = append(b.labels, l)
		}
	}
}

// Schema returns the schema gathered so far, named name. Span labels that
// are not valid type names ([A-Za-z0-9_-]+) are left out of it: documents
// keep them, and the gold format flags them as labels missing from the
// schema. Skipped lists them.
func (b *SchemaBuilder) Schema(name string) annotations.Schema {
	s := annotations.Schema{Name: name, Entities: []annotations.EntityType{}}
	b.skipped = nil
	for _, e := range b.entities {
		if _, ok := b.events[e]; ok {
			continue
		}
		if !validType(e) {
			b.skipped = append(b.skipped, e)
			continue
		}
		s.Entities = append(s.Entities, annotations.EntityType{Type: e})
	}
	for _, t := range b.eventOrder {
		if e := *b.events[t]; b.keep(t) {
			e.Roles = b.roles(e.Roles, true)
			s.Events = append(s.Events, e)
		}
	}
	for _, t := range b.relOrder {
		if r := *b.relations[t]; b.keep(t) {
			r.Args = b.roles(r.Args, false)
			s.Relations = append(s.Relations, r)
		}
	}
	for _, t := range b.attrOrder {
		if a := *b.attrs[t]; b.keep(t) {
			a.Values = slices.DeleteFunc(slices.Clone(a.Values), func(v string) bool { return strings.TrimSpace(v) == "" })
			a.On = slices.DeleteFunc(slices.Clone(a.On), func(t string) bool { return !validType(t) })
			s.Attributes = append(s.Attributes, a)
		}
	}
	s.DocLabels = slices.Clone(b.labels)
	return s
}

// keep says whether t is a valid type name, and adds it to the skipped
// names when it is not.
func (b *SchemaBuilder) keep(t string) bool {
	if validType(t) {
		return true
	}
	if !slices.Contains(b.skipped, t) {
		b.skipped = append(b.skipped, t)
	}
	return false
}

// roles returns the roles of rs that annotations.ValidateSchema accepts:
// valid names, and for event roles, names not ending in a digit.
func (b *SchemaBuilder) roles(rs []annotations.RoleDef, event bool) []annotations.RoleDef {
	var out []annotations.RoleDef
	for _, r := range rs {
		if event && r.Role != "" && r.Role[len(r.Role)-1] >= '0' && r.Role[len(r.Role)-1] <= '9' {
			b.skipped = append(b.skipped, r.Role)
			continue
		}
		if b.keep(r.Role) {
			r.Types = slices.DeleteFunc(slices.Clone(r.Types), func(t string) bool { return !validType(t) })
			out = append(out, r)
		}
	}
	return out
}

// Skipped returns the names (span labels, event, relation, role and
// attribute names) the last call of Schema left out, since they are not
// names a schema may hold; documents keep them.
func (b *SchemaBuilder) Skipped() []string { return b.skipped }

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
