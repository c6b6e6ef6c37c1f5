package annotations

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Special filler types. In RoleDef.Types and AttributeDef.On they stand for
// a whole kind of annotation, as in brat's annotation.conf.
const (
	AnyEntity = "<ENTITY>" // a span whose label is not an event type
	AnyEvent  = "<EVENT>"  // an event of any type
	AnyType   = "<ANY>"    // any annotation
)

func isSpecialType(t string) bool { return t == AnyEntity || t == AnyEvent || t == AnyType }

// ValidateSchema checks a schema on its own and returns its problems, in
// schema order:
//
//   - entity, event and relation types are names of letters, digits, _ and
//     -, each defined once (a name may not be both an entity and an event
//     type, as a span's label must say which it is);
//   - roles and relation arguments are such names, roles not ending in a
//     digit (brat numbers repeated roles: Person2; relation arguments are
//     Arg1 and Arg2 in brat), once per type, with a
//     cardinality of "", "?", "*", "+" or a whole number n ≥ 1;
//   - attributes are such names, defined once, with distinct, non-empty
//     values;
//   - keys are one ASCII letter or digit, each bound to one entity or event
//     type (letters compare without case, as Shift or Caps Lock may change
//     them);
//   - document labels are distinct and non-empty.
//
// These are errors. Warnings flag references that no annotation can
// satisfy: a role allowing no types or a type that is not defined, an
// attribute on no types or on an undefined type. Filler types are entity or
// event types, or AnyEntity, AnyEvent and AnyType; attribute targets may
// also be relation types.
func ValidateSchema(s *Schema) []Problem {
	var probs []Problem
	fail := func(warning bool, format string, args ...any) {
		probs = append(probs, Problem{Msg: "schema: " + fmt.Sprintf(format, args...), Warning: warning})
	}
	kind := map[string]string{} // type → "entity", "event" or "relation"
	define := func(k, t string) {
		if !validType(t) {
			fail(false, "%s type %q must be letters, digits, _ or -", k, t)
			return
		}
		switch prev, dup := kind[t]; {
		case dup && prev == k:
			fail(false, "%s type %q is defined twice", k, t)
		case dup:
			fail(false, "%q is both an %s type and %s %s type", t, prev, aOrAn(k), k)
		default:
			kind[t] = k
		}
	}
	keys := map[string]string{} // lower-case key → the type bound to it
	bind := func(t, key string) {
		if key == "" {
			return
		}
		if len(key) != 1 || !isKeyChar(key[0]) {
			fail(false, "%s: key %q must be one letter or digit", t, key)
			return
		}
		k := strings.ToLower(key)
		if prev, dup := keys[k]; dup {
			fail(false, "key %q is bound to both %s and %s", key, prev, t)
			return
		}
		keys[k] = t
	}
	colour := func(t, c string) {
		if c != "" && !ValidColor(c) {
			fail(false, "%s: colour %q must be #rgb or #rrggbb", t, c)
		}
	}
	for _, e := range s.Entities {
		define("entity", e.Type)
		bind(e.Type, e.Key)
		colour(e.Type, e.Color)
	}
	for _, e := range s.Events {
		define("event", e.Type)
		bind(e.Type, e.Key)
		colour(e.Type, e.Color)
	}
	for _, r := range s.Relations {
		define("relation", r.Type)
	}

	roles := func(owner, what string, rs []RoleDef) {
		seen := map[string]bool{}
		for _, r := range rs {
			switch {
			case !validType(r.Role):
				fail(false, "%s: %s %q must be letters, digits, _ or -", owner, what, r.Role)
			case what == "role" && r.Role[len(r.Role)-1] >= '0' && r.Role[len(r.Role)-1] <= '9':
				// Only event roles: brat's relation arguments are Arg1
				// and Arg2.
				fail(false, "%s: %s %q ends in a digit, which brat reads as the number of a repeated role", owner, what, r.Role)
			case seen[r.Role]:
				fail(false, "%s: %s %q is defined twice", owner, what, r.Role)
			}
			seen[r.Role] = true
			if _, _, ok := cardRange(r.Card); !ok {
				fail(false, "%s: %s %s: cardinality %q must be ?, *, + or a whole number from 1", owner, what, r.Role, r.Card)
			}
			if len(r.Types) == 0 {
				fail(true, "%s: %s %s allows no types", owner, what, r.Role)
			}
			for _, t := range r.Types {
				switch k := kind[t]; {
				case isSpecialType(t) || k == "entity" || k == "event":
				case k == "relation":
					fail(true, "%s: %s %s: %s is a relation type, which cannot fill a role", owner, what, r.Role, t)
				default:
					fail(true, "%s: %s %s: type %q is not defined", owner, what, r.Role, t)
				}
			}
		}
	}
	for _, e := range s.Events {
		roles("event "+e.Type, "role", e.Roles)
	}
	for _, r := range s.Relations {
		roles("relation "+r.Type, "argument", r.Args)
	}

	attrs := map[string]bool{}
	for _, a := range s.Attributes {
		switch {
		case !validType(a.Name):
			fail(false, "attribute %q must be letters, digits, _ or -", a.Name)
		case attrs[a.Name]:
			fail(false, "attribute %q is defined twice", a.Name)
		}
		attrs[a.Name] = true
		if len(a.On) == 0 {
			fail(true, "attribute %s applies to no types", a.Name)
		}
		for _, t := range a.On {
			if _, ok := kind[t]; !ok && !isSpecialType(t) {
				fail(true, "attribute %s: type %q is not defined", a.Name, t)
			}
		}
		vals := map[string]bool{}
		for _, v := range a.Values {
			switch {
			case v == "":
				fail(false, "attribute %s has an empty value", a.Name)
			case vals[v]:
				fail(false, "attribute %s: value %q is listed twice", a.Name, v)
			}
			vals[v] = true
		}
	}

	labels := map[string]bool{}
	for _, l := range s.DocLabels {
		switch {
		case strings.TrimSpace(l) == "":
			fail(false, "document label %q is blank", l)
		case labels[l]:
			fail(false, "document label %q is listed twice", l)
		}
		labels[l] = true
	}
	return probs
}

// ValidColor reports whether c is a colour Belgi draws: #rgb or #rrggbb.
// Anything else is refused, since the colour ends up in a style sheet.
func ValidColor(c string) bool {
	if len(c) != 4 && len(c) != 7 || c[0] != '#' {
		return false
	}
	for i := 1; i < len(c); i++ {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c[i])) {
			return false
		}
	}
	return true
}

func isKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// aOrAn returns the indefinite article for word.
func aOrAn(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// cardRange returns the fewest and most fillers a cardinality allows; hi
// is -1 when unbounded. "" means "?".
func cardRange(card string) (lo, hi int, ok bool) {
	switch card {
	case "", "?":
		return 0, 1, true
	case "*":
		return 0, -1, true
	case "+":
		return 1, -1, true
	}
	if strings.Trim(card, "0123456789") != "" {
		return 0, 0, false
	}
	n, err := strconv.Atoi(card)
	if err != nil || n < 1 {
		return 0, 0, false
	}
	return n, n, true
}

// CheckDocument compares d's annotations with s and returns, as warnings
// naming the annotation, every place where they break it:
//
//   - spans whose label is neither an entity nor an event type;
//   - events of unknown types, and triggers labelled other than their
//     event's type;
//   - arguments in roles their event type does not have, roles with fewer
//     fillers than their cardinality requires ("+" or n) or more than it
//     allows ("?" or n), and fillers of types the role does not allow; a
//     filler's type is its Label when it is a span and its Type when it is
//     an event;
//   - relations of unknown types, with arguments checked as event roles
//     are, except that an argument without a cardinality must be there
//     exactly once;
//   - attributes of unknown names, on annotations of types they do not
//     apply to, with a value when they are binary or a value not in their
//     list otherwise, or set twice on one annotation;
//   - document labels not in s.DocLabels.
//
// References that do not resolve are left to Validate. CheckDocument
// changes nothing: it reports and never drops an annotation.
func CheckDocument(d *Document, s *Schema) []Problem {
	c := newChecker(d, s)
	for _, sp := range d.Spans {
		if !c.entities[sp.Label] && c.events[sp.Label] == nil {
			c.warn(sp.ID, "label %q is not in the schema", sp.Label)
		}
	}
	for _, e := range d.Events {
		et := c.events[e.Type]
		if et == nil {
			c.warn(e.ID, "event type %q is not in the schema", e.Type)
			continue
		}
		if sp, ok := c.spans[e.Trigger]; ok && sp.Label != e.Type {
			c.warn(e.ID, "trigger %s is labelled %s, not %s", e.Trigger, sp.Label, e.Type)
		}
		c.args(e.ID, e.Type, "role", et.Roles, e.Arguments, "")
	}
	for _, r := range d.Relations {
		rt := c.relations[r.Type]
		if rt == nil {
			c.warn(r.ID, "relation type %q is not in the schema", r.Type)
			continue
		}
		c.args(r.ID, r.Type, "argument", rt.Args, r.Arguments, "1")
	}
	set := map[[2]string]string{} // name, target → attribute ID
	for _, a := range d.Attributes {
		def := c.attrs[a.Name]
		if def == nil {
			c.warn(a.ID, "attribute %q is not in the schema", a.Name)
			continue
		}
		if prev, dup := set[[2]string{a.Name, a.Target}]; dup {
			c.warn(a.ID, "%s is set twice on %s (also by %s)", a.Name, a.Target, prev)
		} else {
			set[[2]string{a.Name, a.Target}] = a.ID
		}
		if k, t, ok := c.typeOf(a.Target); ok && !c.allows(def.On, k, t) {
			c.warn(a.ID, "%s does not apply to %s (%s); it applies to %s", a.Name, a.Target, t, joinOr(def.On))
		}
		switch {
		case len(def.Values) == 0 && a.Value != "":
			c.warn(a.ID, "%s is binary but has the value %q", a.Name, a.Value)
		case len(def.Values) > 0 && !slices.Contains(def.Values, a.Value):
			if a.Value == "" {
				c.warn(a.ID, "%s has no value; it takes %s", a.Name, joinOr(def.Values))
			} else {
				c.warn(a.ID, "%s: value %q is not %s", a.Name, a.Value, joinOr(def.Values))
			}
		}
	}
	labels := map[string]bool{}
	for _, l := range s.DocLabels {
		labels[l] = true
	}
	for _, l := range d.Labels {
		if !labels[l] {
			c.warn("", "document label %q is not in the schema", l)
		}
	}
	return c.probs
}

// A schemaChecker holds the lookups CheckDocument needs.
type schemaChecker struct {
	d     *Document
	probs []Problem

	entities  map[string]bool
	events    map[string]*EventType
	relations map[string]*RelationType
	attrs     map[string]*AttributeDef

	spans    map[string]*Span
	eventIDs map[string]*Event
	relIDs   map[string]*Relation
}

func newChecker(d *Document, s *Schema) *schemaChecker {
	c := &schemaChecker{
		d:         d,
		entities:  map[string]bool{},
		events:    map[string]*EventType{},
		relations: map[string]*RelationType{},
		attrs:     map[string]*AttributeDef{},
		spans:     map[string]*Span{},
		eventIDs:  map[string]*Event{},
		relIDs:    map[string]*Relation{},
	}
	for _, e := range s.Entities {
		c.entities[e.Type] = true
	}
	for i := range s.Events {
		if c.events[s.Events[i].Type] == nil {
			c.events[s.Events[i].Type] = &s.Events[i]
		}
	}
	for i := range s.Relations {
		if c.relations[s.Relations[i].Type] == nil {
			c.relations[s.Relations[i].Type] = &s.Relations[i]
		}
	}
	for i := range s.Attributes {
		if c.attrs[s.Attributes[i].Name] == nil {
			c.attrs[s.Attributes[i].Name] = &s.Attributes[i]
		}
	}
	for i := range d.Spans {
		c.spans[d.Spans[i].ID] = &d.Spans[i]
	}
	for i := range d.Events {
		c.eventIDs[d.Events[i].ID] = &d.Events[i]
	}
	for i := range d.Relations {
		c.relIDs[d.Relations[i].ID] = &d.Relations[i]
	}
	return c
}

func (c *schemaChecker) warn(item, format string, args ...any) {
	c.probs = append(c.probs, Problem{Doc: c.d.ID, Item: item, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// typeOf returns the kind ("span", "event" or "relation") and the type of
// the annotation with the given ID.
func (c *schemaChecker) typeOf(id string) (kind, typ string, ok bool) {
	if sp, ok := c.spans[id]; ok {
		return "span", sp.Label, true
	}
	if e, ok := c.eventIDs[id]; ok {
		return "event", e.Type, true
	}
	if r, ok := c.relIDs[id]; ok {
		return "relation", r.Type, true
	}
	return "", "", false
}

// allows reports whether an annotation of the given kind and type matches
// one of types.
func (c *schemaChecker) allows(types []string, kind, typ string) bool {
	for _, t := range types {
		switch {
		case t == AnyType,
			t == typ,
			t == AnyEvent && kind == "event",
			t == AnyEntity && kind == "span" && c.events[typ] == nil:
			return true
		}
	}
	return false
}

// args checks the arguments of an event or relation against its roles.
// noCard is the cardinality of a role that gives none.
func (c *schemaChecker) args(id, typ, what string, defs []RoleDef, args []Argument, noCard string) {
	n := map[string]int{}
	for _, a := range args {
		n[a.Role]++
	}
	byRole := map[string]*RoleDef{}
	for i := range defs {
		r := &defs[i]
		if byRole[r.Role] != nil {
			continue
		}
		byRole[r.Role] = r
		card := r.Card
		if card == "" {
			card = noCard
		}
		lo, hi, ok := cardRange(card)
		if !ok {
			continue // ValidateSchema reports it
		}
		switch got := n[r.Role]; {
		case got == 0 && lo > 0:
			c.warn(id, "%s %s of %s is missing (cardinality %s)", what, r.Role, typ, card)
		case got < lo:
			c.warn(id, "%s %s of %s has %d fillers, needs %d", what, r.Role, typ, got, lo)
		case hi >= 0 && got > hi:
			c.warn(id, "%s %s of %s has %d fillers, allows %d", what, r.Role, typ, got, hi)
		}
	}
	warned := map[string]bool{}
	for _, a := range args {
		r := byRole[a.Role]
		if r == nil {
			if !warned[a.Role] {
				warned[a.Role] = true
				c.warn(id, "%s has no %s %q", typ, what, a.Role)
			}
			continue
		}
		k, t, ok := c.typeOf(a.Ref)
		if !ok {
			continue // Validate reports it
		}
		if !c.allows(r.Types, k, t) {
			c.warn(id, "%s %s: %s is %s %s %s; %s takes %s", what, a.Role, a.Ref, aOrAn(t), t, k, a.Role, joinOr(r.Types))
		}
	}
}

// joinOr lists names as "A, B or C".
func joinOr(names []string) string {
	switch len(names) {
	case 0:
		return "nothing"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
