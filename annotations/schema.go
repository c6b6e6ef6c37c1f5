package annotations

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
}

// An EventType is an event label with the roles its arguments fill.
type EventType struct {
	Type  string    `json:"type"`
	Name  string    `json:"name,omitempty"`
	Color string    `json:"color,omitempty"`
	Key   string    `json:"key,omitempty"`
	Group string    `json:"group,omitempty"`
	Roles []RoleDef `json:"roles,omitempty"`
}

// A RoleDef is one role of an event or relation type.
type RoleDef struct {
	Role  string   `json:"role"`
	Types []string `json:"types"`          // allowed filler types
	Card  string   `json:"card,omitempty"` // "?", "*", "+" or a number; "" means "?"
}

// A RelationType links typed arguments.
type RelationType struct {
	Type string    `json:"type"`
	Name string    `json:"name,omitempty"`
	Args []RoleDef `json:"args"`
}

// An AttributeDef is a binary (no Values) or multi-valued attribute.
type AttributeDef struct {
	Name   string   `json:"name"`
	On     []string `json:"on"`
	Values []string `json:"values,omitempty"`
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

// DefaultSchema returns the entity types of Belgi's default schema for
// socio-political news, after ../shared/design/default-schema-reference.json.
// The nine most used types are on keys 1–9.
func DefaultSchema() Schema {
	return Schema{
		Name: "kz-sociopolitical",
		Entities: []EntityType{
			{Type: "PER", Name: "Person", Key: "1", Group: "Actors"},
			{Type: "ORG", Name: "Organization", Key: "2", Group: "Actors"},
			{Type: "GROUP", Name: "Group of people", Key: "3", Group: "Actors"},
			{Type: "GPE", Name: "Country, region, city", Key: "4", Group: "Places"},
			{Type: "FAC", Name: "Facility, street, building", Key: "5", Group: "Places"},
			{Type: "TIME", Name: "Date or time", Key: "6", Group: "When and how many"},
			{Type: "NUM", Name: "Number of people", Key: "7", Group: "When and how many"},
			{Type: "POSITION", Name: "Office or job title", Key: "8", Group: "Actors"},
			{Type: "CRIME", Name: "Charge or offence", Key: "9", Group: "Justice"},
			{Type: "LOC", Name: "Other location", Group: "Places"},
			{Type: "PENALTY", Name: "Penalty or sentence", Group: "Justice"},
			{Type: "LAW", Name: "Law, code, decree", Group: "Justice"},
			{Type: "MONEY", Name: "Amount of money", Group: "When and how many"},
			{Type: "NORP", Name: "Nationality, ethnic or religious group", Group: "Actors"},
		},
	}
}
