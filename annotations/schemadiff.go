package annotations

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Clone returns a deep copy of s that shares no slice or map with it, for
// an editor to change freely. Lists the gold format requires (entities, a
// role's types, a relation's arguments, an attribute's targets) are empty
// rather than nil, so that they are written as [] and not null.
func (s Schema) Clone() Schema {
	out := s
	out.Entities = make([]EntityType, len(s.Entities))
	for i, e := range s.Entities {
		e.Maps = maps.Clone(e.Maps)
		out.Entities[i] = e
	}
	out.Events = cloneList(s.Events, func(e EventType) EventType {
		e.Roles = cloneRoles(e.Roles)
		e.Maps = maps.Clone(e.Maps)
		return e
	})
	out.Relations = cloneList(s.Relations, func(r RelationType) RelationType {
		r.Args = cloneRoles(r.Args)
		if r.Args == nil {
			r.Args = []RoleDef{}
		}
		r.Maps = maps.Clone(r.Maps)
		return r
	})
	out.Attributes = cloneList(s.Attributes, func(a AttributeDef) AttributeDef {
		a.On = append([]string{}, a.On...)
		a.Values = slices.Clone(a.Values)
		a.Maps = maps.Clone(a.Maps)
		return a
	})
	out.DocLabels = slices.Clone(s.DocLabels)
	return out
}

func cloneRoles(rs []RoleDef) []RoleDef {
	return cloneList(rs, func(r RoleDef) RoleDef {
		r.Types = append([]string{}, r.Types...)
		r.Maps = maps.Clone(r.Maps)
		return r
	})
}

// cloneList copies a list item by item; nil stays nil.
func cloneList[T any](list []T, clone func(T) T) []T {
	if list == nil {
		return nil
	}
	out := make([]T, len(list))
	for i, x := range list {
		out[i] = clone(x)
	}
	return out
}

// A SchemaDiff says how one schema differs from another.
type SchemaDiff struct {
	Types      ItemChanges // entity, event and relation types
	Attributes ItemChanges
	DocLabels  bool   // the document labels changed
	Name       bool   // the name changed, to NewName
	NewName    string //
}

// ItemChanges counts the changes to one kind of schema item.
type ItemChanges struct{ Added, Renamed, Changed, Removed int }

// DiffSchemas returns how b differs from a. Items are matched by ID (a
// type's Type, an attribute's Name). An item that lost its ID and one that
// gained an ID count as one renamed item when they are in the same place
// in their lists or share their display name, as when an editor changes a
// type's ID in place.
func DiffSchemas(a, b *Schema) SchemaDiff {
	var d SchemaDiff
	diffItems(&d.Types, a.Entities, b.Entities, func(e EntityType) (string, string) { return e.Type, e.Name })
	diffItems(&d.Types, a.Events, b.Events, func(e EventType) (string, string) { return e.Type, e.Name })
	diffItems(&d.Types, a.Relations, b.Relations, func(r RelationType) (string, string) { return r.Type, r.Name })
	diffItems(&d.Attributes, a.Attributes, b.Attributes, func(x AttributeDef) (string, string) { return x.Name, "" })
	d.DocLabels = !slices.Equal(a.DocLabels, b.DocLabels)
	d.Name, d.NewName = a.Name != b.Name, b.Name
	return d
}

// String says in a few words what changed: "2 types added, 1 renamed; 1
// attribute removed", or "details changed" when only such things as a
// type's description or mappings did.
func (d SchemaDiff) String() string {
	var parts []string
	if t := d.Types.String("type", "types"); t != "" {
		parts = append(parts, t)
	}
	if t := d.Attributes.String("attribute", "attributes"); t != "" {
		parts = append(parts, t)
	}
	if d.DocLabels {
		parts = append(parts, "document labels changed")
	}
	if d.Name {
		parts = append(parts, fmt.Sprintf("name changed to %q", d.NewName))
	}
	if len(parts) == 0 {
		return "details changed"
	}
	return strings.Join(parts, "; ")
}

// String reads "2 types added, 1 renamed", or "" when nothing changed;
// one and many name the item.
func (c ItemChanges) String(one, many string) string {
	var parts []string
	for _, p := range []struct {
		n    int
		verb string
	}{{c.Added, "added"}, {c.Renamed, "renamed"}, {c.Changed, "changed"}, {c.Removed, "removed"}} {
		switch {
		case p.n == 0:
		case len(parts) == 0 && p.n == 1:
			parts = append(parts, "1 "+one+" "+p.verb)
		case len(parts) == 0:
			parts = append(parts, strconv.Itoa(p.n)+" "+many+" "+p.verb)
		default:
			parts = append(parts, strconv.Itoa(p.n)+" "+p.verb)
		}
	}
	return strings.Join(parts, ", ")
}

// diffItems adds to c how the items b differ from a (see DiffSchemas).
func diffItems[T any](c *ItemChanges, a, b []T, key func(T) (id, name string)) {
	inB := map[string]int{}
	for i, x := range b {
		id, _ := key(x)
		inB[id] = i
	}
	inA := map[string]bool{}
	var gone []int // indexes in a of items b lacks
	for i, x := range a {
		id, _ := key(x)
		inA[id] = true
		j, ok := inB[id]
		switch {
		case !ok:
			gone = append(gone, i)
		case !reflect.DeepEqual(x, b[j]):
			c.Changed++
		}
	}
	var added []int // indexes in b of items a lacks
	for j, x := range b {
		if id, _ := key(x); !inA[id] {
			added = append(added, j)
		}
	}
	for _, i := range gone {
		_, name := key(a[i])
		k := slices.IndexFunc(added, func(j int) bool {
			_, n := key(b[j])
			return j == i || name != "" && n == name
		})
		if k < 0 {
			c.Removed++
			continue
		}
		c.Renamed++
		added = slices.Delete(added, k, k+1)
	}
	c.Added += len(added)
}

// Unlabelled counts the annotations of docs whose label, type or name a
// defines and b does not: those a change from a to b leaves flagged.
func Unlabelled(a, b *Schema, docs []*Document) int {
	ka, kb := schemaNames(a), schemaNames(b)
	lost := func(kind, name string) bool { return ka[kind][name] && !kb[kind][name] }
	n := 0
	for _, d := range docs {
		for _, sp := range d.Spans {
			if lost("label", sp.Label) {
				n++
			}
		}
		for _, e := range d.Events {
			if lost("event", e.Type) {
				n++
			}
		}
		for _, r := range d.Relations {
			if lost("relation", r.Type) {
				n++
			}
		}
		for _, at := range d.Attributes {
			if lost("attribute", at.Name) {
				n++
			}
		}
		for _, l := range d.Labels {
			if lost("doc", l) {
				n++
			}
		}
	}
	return n
}

// schemaNames returns the names a schema defines, by what they name: span
// labels, event types, relation types, attributes and document labels.
func schemaNames(sc *Schema) map[string]map[string]bool {
	m := map[string]map[string]bool{"label": {}, "event": {}, "relation": {}, "attribute": {}, "doc": {}}
	for _, e := range sc.Entities {
		m["label"][e.Type] = true
	}
	for _, e := range sc.Events {
		m["label"][e.Type] = true
		m["event"][e.Type] = true
	}
	for _, r := range sc.Relations {
		m["relation"][r.Type] = true
	}
	for _, a := range sc.Attributes {
		m["attribute"][a.Name] = true
	}
	for _, l := range sc.DocLabels {
		m["doc"][l] = true
	}
	return m
}
