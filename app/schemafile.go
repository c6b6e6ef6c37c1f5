package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"

	"belgi/annotations"
	"belgi/annotations/brat"
	"belgi/annotations/loss"
)

// SchemaJSON returns the workspace's schema as indented JSON, to save.
func (s *State) SchemaJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(s.WS.Schema)
	return b.Bytes(), err
}

// LoadSchema replaces the workspace's schema with one from a file: a
// schema saved by Belgi, the schema of a gold file, or a brat
// annotation.conf. Annotations whose labels the new schema lacks are kept
// and flagged. The report lists what a brat file could not express.
func (s *State) LoadSchema(name string, data []byte) (string, error) {
	var sc annotations.Schema
	var notes []string
	if strings.HasSuffix(strings.ToLower(path.Base(name)), ".conf") {
		var rep loss.Report
		var err error
		if sc, err = brat.ReadConf(name, data, &rep); err != nil {
			return "", fmt.Errorf("%s: %v", name, err)
		}
		for _, it := range rep.Items {
			notes = append(notes, it.String())
		}
	} else {
		var head struct {
			Format string              `json:"format"`
			Schema *annotations.Schema `json:"schema"`
		}
		if err := json.Unmarshal(data, &head); err == nil && head.Format == annotations.FormatName && head.Schema != nil {
			sc = *head.Schema
		} else {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&sc); err != nil {
				return "", fmt.Errorf("%s is not a Belgi schema, a gold file or a brat annotation.conf: %v", name, err)
			}
		}
	}
	var errs []string
	for _, p := range annotations.ValidateSchema(&sc) {
		if !p.Warning {
			errs = append(errs, p.String())
		}
	}
	if len(errs) > 0 {
		return "", fmt.Errorf("%s: %s", name, strings.Join(firstN(errs, 5), "; "))
	}
	if len(sc.Entities)+len(sc.Events) == 0 {
		return "", errors.New(name + " defines no entity or event types")
	}
	if err := s.Do(annotations.Op{Kind: annotations.OpSetSchema, Schema: &sc}); err != nil {
		return "", err
	}
	msg := fmt.Sprintf("Schema %q loaded from %s: %d entity, %d event and %d relation types. Labels it lacks are kept and flagged; Ctrl+Z brings the old schema back.",
		sc.Name, name, len(sc.Entities), len(sc.Events), len(sc.Relations))
	if len(notes) > 0 {
		msg += " Not kept from the file: " + strings.Join(firstN(notes, 3), "; ")
	}
	return msg, nil
}

// SetSchema replaces the workspace's schema with sc, made in the schema
// editor, as one undoable step. As with LoadSchema, errors refuse it and
// warnings do not, and annotations whose labels sc lacks are kept and
// flagged. The workspace gets its own copy: neither sc nor the schema it
// replaces is changed, as both may be shared with components.
func (s *State) SetSchema(sc annotations.Schema) (string, error) {
	sc = cloneSchema(sc)
	var errs []string
	for _, p := range annotations.ValidateSchema(&sc) {
		if !p.Warning {
			errs = append(errs, problemText(p))
		}
	}
	if len(errs) > 0 {
		return "", fmt.Errorf("schema not saved: %s", strings.Join(firstN(errs, 5), "; "))
	}
	if len(sc.Entities)+len(sc.Events) == 0 {
		return "", errors.New("schema not saved: it needs at least one entity or event type")
	}
	old := cloneSchema(s.WS.Schema) // compared as sc is: no nil lists
	if reflect.DeepEqual(old, sc) {
		return "The schema is unchanged.", nil
	}
	if err := s.Do(annotations.Op{Kind: annotations.OpSetSchema, Schema: &sc}); err != nil {
		return "", err
	}
	msg := "Schema saved: " + describeChanges(&old, &sc) + ". "
	if n := s.unlabelled(&old, &sc); n > 0 {
		msg += plural(n, "annotation whose label the schema no longer has is", "annotations whose labels the schema no longer has are") + " kept and flagged. "
	} else {
		msg += "No annotation lost its label. "
	}
	return msg + "Ctrl+Z brings the old schema back.", nil
}

// problemText is a schema problem without the "schema: " every one
// starts with, for messages that already say it is about the schema.
func problemText(p annotations.Problem) string {
	t := strings.TrimPrefix(p.Msg, "schema: ")
	if p.Warning {
		t = "warning: " + t
	}
	return t
}

// cloneSchema returns a deep copy of sc that shares no slice or map with
// it. Lists the gold format requires (entities, a role's types, a
// relation's arguments, an attribute's targets) are empty rather than nil,
// so that they are written as [] and not null.
func cloneSchema(sc annotations.Schema) annotations.Schema {
	out := sc
	out.Entities = make([]annotations.EntityType, len(sc.Entities))
	for i, e := range sc.Entities {
		e.Maps = maps.Clone(e.Maps)
		out.Entities[i] = e
	}
	out.Events = cloneList(sc.Events, func(e annotations.EventType) annotations.EventType {
		e.Roles = cloneRoles(e.Roles)
		e.Maps = maps.Clone(e.Maps)
		return e
	})
	out.Relations = cloneList(sc.Relations, func(r annotations.RelationType) annotations.RelationType {
		r.Args = cloneRoles(r.Args)
		if r.Args == nil {
			r.Args = []annotations.RoleDef{}
		}
		r.Maps = maps.Clone(r.Maps)
		return r
	})
	out.Attributes = cloneList(sc.Attributes, func(a annotations.AttributeDef) annotations.AttributeDef {
		a.On = append([]string{}, a.On...)
		a.Values = slices.Clone(a.Values)
		a.Maps = maps.Clone(a.Maps)
		return a
	})
	out.DocLabels = slices.Clone(sc.DocLabels)
	return out
}

func cloneRoles(rs []annotations.RoleDef) []annotations.RoleDef {
	return cloneList(rs, func(r annotations.RoleDef) annotations.RoleDef {
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

// describeChanges says in a few words how b differs from a: how many
// types (entity, event and relation) and attributes were added, renamed,
// changed and removed, and whether the document labels or the name
// changed.
func describeChanges(a, b *annotations.Schema) string {
	var types, attrs itemChanges
	diffItems(&types, a.Entities, b.Entities, func(e annotations.EntityType) (string, string) { return e.Type, e.Name })
	diffItems(&types, a.Events, b.Events, func(e annotations.EventType) (string, string) { return e.Type, e.Name })
	diffItems(&types, a.Relations, b.Relations, func(r annotations.RelationType) (string, string) { return r.Type, r.Name })
	diffItems(&attrs, a.Attributes, b.Attributes, func(d annotations.AttributeDef) (string, string) { return d.Name, "" })
	var parts []string
	if t := types.String("type", "types"); t != "" {
		parts = append(parts, t)
	}
	if t := attrs.String("attribute", "attributes"); t != "" {
		parts = append(parts, t)
	}
	if !slices.Equal(a.DocLabels, b.DocLabels) {
		parts = append(parts, "document labels changed")
	}
	if a.Name != b.Name {
		parts = append(parts, fmt.Sprintf("name changed to %q", b.Name))
	}
	if len(parts) == 0 {
		return "details changed" // such as a type's description or mappings
	}
	return strings.Join(parts, "; ")
}

// itemChanges counts the changes to one kind of schema item.
type itemChanges struct{ added, renamed, changed, removed int }

// String reads "2 types added, 1 renamed", or "" when nothing changed.
func (c itemChanges) String(one, many string) string {
	var parts []string
	for _, p := range []struct {
		n    int
		verb string
	}{{c.added, "added"}, {c.renamed, "renamed"}, {c.changed, "changed"}, {c.removed, "removed"}} {
		switch {
		case p.n == 0:
		case len(parts) == 0:
			parts = append(parts, plural(p.n, one, many)+" "+p.verb)
		default:
			parts = append(parts, itoa(p.n)+" "+p.verb)
		}
	}
	return strings.Join(parts, ", ")
}

// diffItems adds to c how the items b differ from a. Items are matched by
// ID. An item that lost its ID and one that gained an ID count as one
// renamed item when they are in the same place in their lists or share
// their display name, as when the editor changes a type's ID in place.
func diffItems[T any](c *itemChanges, a, b []T, key func(T) (id, name string)) {
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
			c.changed++
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
			c.removed++
			continue
		}
		c.renamed++
		added = slices.Delete(added, k, k+1)
	}
	c.added += len(added)
}

// unlabelled counts the annotations whose type, label or name a knows and
// b does not: those the change leaves flagged.
func (s *State) unlabelled(a, b *annotations.Schema) int {
	ka, kb := schemaNames(a), schemaNames(b)
	lost := func(kind, name string) bool { return ka[kind][name] && !kb[kind][name] }
	n := 0
	for _, d := range s.WS.Documents {
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
func schemaNames(sc *annotations.Schema) map[string]map[string]bool {
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
