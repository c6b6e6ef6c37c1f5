package annotations

import (
	"slices"
	"strings"
)

// A Schema defines the labels annotators may use. It travels inside every
// gold file, so a file can be read without the tool that wrote it.
type Schema struct {
	Name       string         `json:"name"`
	Entities   []EntityType   `json:"entities"`
	Events     []EventType    `json:"events,omitempty"`
	Relations  []RelationType `json:"relations,omitempty"`
	Attributes []AttributeDef `json:"attributes,omitempty"`
	DocLabels  []string       `json:"docLabels,omitempty"`
}

// An EntityType is a span label.
type EntityType struct {
	Type  string `json:"type"`            // stored identifier, [A-Za-z0-9_-]+
	Name  string `json:"name,omitempty"`  // shown to people
	Color string `json:"color,omitempty"` // CSS colour; "" picks from the palette
	Key   string `json:"key,omitempty"`   // keyboard shortcut, "1".."9" or a letter
	Group string `json:"group,omitempty"` // for grouping in the palette

	// Description says what the type covers, for tooltips and guidelines.
	Description string `json:"description,omitempty"`
	// Rare marks a type the palette may show one level down, so that the
	// first level stays quick to learn.
	Rare bool `json:"rare,omitempty"`
	// Maps gives the corresponding label in other schemes, keyed by scheme:
	// "ace" (ACE 2005), "glocon", "acled", "nerel", "kaznerd", …
	// A value starting with "~" is a lossy correspondence.
	Maps map[string]string `json:"maps,omitempty"`
}

// An EventType is an event label with the roles its arguments fill.
type EventType struct {
	Type  string    `json:"type"`
	Name  string    `json:"name,omitempty"`
	Color string    `json:"color,omitempty"`
	Key   string    `json:"key,omitempty"`
	Group string    `json:"group,omitempty"`
	Roles []RoleDef `json:"roles,omitempty"`

	Description string            `json:"description,omitempty"`
	Rare        bool              `json:"rare,omitempty"` // see EntityType.Rare
	Maps        map[string]string `json:"maps,omitempty"` // see EntityType.Maps
}

// A RoleDef is one role of an event or relation type.
type RoleDef struct {
	Role  string   `json:"role"`
	Types []string `json:"types"`          // allowed filler types
	Card  string   `json:"card,omitempty"` // "?", "*", "+" or a number; "" means "?"

	// Maps gives the corresponding role in other schemes, as
	// EntityType.Maps does.
	Maps map[string]string `json:"maps,omitempty"`
}

// A RelationType links typed arguments.
type RelationType struct {
	Type string    `json:"type"`
	Name string    `json:"name,omitempty"`
	Args []RoleDef `json:"args"`

	// Symmetric says that the order of the arguments carries no meaning;
	// Transitive that the relation chains (A~B and B~C give A~C). A
	// coreference relation is both.
	Symmetric  bool `json:"symmetric,omitempty"`
	Transitive bool `json:"transitive,omitempty"`

	Description string            `json:"description,omitempty"`
	Rare        bool              `json:"rare,omitempty"` // see EntityType.Rare
	Maps        map[string]string `json:"maps,omitempty"` // see EntityType.Maps
}

// An AttributeDef is a binary (no Values) or multi-valued attribute.
type AttributeDef struct {
	Name   string   `json:"name"`
	On     []string `json:"on"`
	Values []string `json:"values,omitempty"`

	Description string            `json:"description,omitempty"`
	Rare        bool              `json:"rare,omitempty"` // see EntityType.Rare
	Maps        map[string]string `json:"maps,omitempty"` // see EntityType.Maps
}

// Entity returns the entity type named t.
func (s *Schema) Entity(t string) (EntityType, bool) {
	for _, e := range s.Entities {
		if e.Type == t {
			return e, true
		}
	}
	return EntityType{}, false
}

// Union returns s with the types of o that s lacks added after its own:
// entity, event and relation types, attributes and document labels. Where
// both define a name, s's definition is kept; a type of o whose name s
// uses for another kind (an entity type named like an event type) is left
// out, and a key of o already bound in s is dropped, so that the union of
// two valid schemas is valid. The name is s's, or o's when s has none.
// Neither schema is modified: the result's lists are new (the types in
// them may share their roles and maps with s and o).
func (s Schema) Union(o Schema) Schema {
	out := s
	if out.Name == "" {
		out.Name = o.Name
	}
	out.Entities = slices.Clone(s.Entities)
	out.Events = slices.Clone(s.Events)
	out.Relations = slices.Clone(s.Relations)
	out.Attributes = slices.Clone(s.Attributes)
	out.DocLabels = slices.Clone(s.DocLabels)
	types := map[string]bool{} // entity, event and relation types share names
	keys := map[string]bool{}
	for _, e := range s.Entities {
		types[e.Type], keys[strings.ToLower(e.Key)] = true, true
	}
	for _, e := range s.Events {
		types[e.Type], keys[strings.ToLower(e.Key)] = true, true
	}
	for _, r := range s.Relations {
		types[r.Type] = true
	}
	key := func(k string) string {
		if k == "" || keys[strings.ToLower(k)] {
			return ""
		}
		keys[strings.ToLower(k)] = true
		return k
	}
	for _, e := range o.Entities {
		if !types[e.Type] {
			types[e.Type] = true
			e.Key = key(e.Key)
			out.Entities = append(out.Entities, e)
		}
	}
	for _, e := range o.Events {
		if !types[e.Type] {
			types[e.Type] = true
			e.Key = key(e.Key)
			out.Events = append(out.Events, e)
		}
	}
	for _, r := range o.Relations {
		if !types[r.Type] {
			types[r.Type] = true
			out.Relations = append(out.Relations, r)
		}
	}
	for _, a := range o.Attributes {
		if !slices.ContainsFunc(out.Attributes, func(b AttributeDef) bool { return b.Name == a.Name }) {
			out.Attributes = append(out.Attributes, a)
		}
	}
	for _, l := range o.DocLabels {
		if !slices.Contains(out.DocLabels, l) {
			out.DocLabels = append(out.DocLabels, l)
		}
	}
	return out
}

// DefaultSchema returns Belgi's default schema for socio-political news in
// Kazakhstan, after ../shared/design/default-schema-reference.json: entity
// types, event types grouped by category with their roles, relations,
// attributes and document labels, each with its ACE 2005, GLOCON, ACLED and
// other mappings in Maps. The nine most used entity types are on keys 1–9
// and the most common event types on letter keys; rare types are marked
// Rare. The schema is the embedded file default-schema.json; each call
// returns a fresh copy that shares nothing with other calls.
func DefaultSchema() Schema {
	s, err := decodeSchema(defaultSchemaJSON)
	if err != nil {
		panic("annotations: default-schema.json: " + err.Error()) // caught by TestDefaultSchema
	}
	return s
}
