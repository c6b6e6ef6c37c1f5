package brat

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// ConfName is the name of the file holding a brat collection's types.
const ConfName = "annotation.conf"

// ReadConf parses a brat annotation.conf into a schema. name names the file
// in messages.
//
// Entity and event types nested under a parent get the parent as their
// Group; abstract types (those written with "!") are not types of their own
// but name their children's group. A role without a cardinality is
// mandatory and gets Card "1"; "?", "*" and "+" are kept and "{2}" becomes
// "2". Macros (<POG>=…) are expanded. What the schema cannot hold is reported
// to rep with its line: deeper hierarchy levels, <NORM> entity settings,
// <OVERLAP> rules, relation groups, aliases after the first of a
// "Type|Alias" term list and unknown attribute keys. [spans] is read as
// [entities], as brat does; <REL-TYPE>:symmetric-transitive sets the
// relation's Symmetric and Transitive.
func ReadConf(name string, data []byte, rep *loss.Report) (annotations.Schema, error) {
	if i := invalidUTF8(data); i >= 0 {
		return annotations.Schema{}, fmt.Errorf("%s: not valid UTF-8 (first bad byte at offset %d)", name, i)
	}
	c := &confReader{name: name, rep: rep, macros: map[string]string{}, defined: map[string]int{}}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(nil, len(data)+1)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		c.line(n, line)
	}
	if err := sc.Err(); err != nil {
		return c.s, fmt.Errorf("%s: %v", name, err)
	}
	if c.s.Entities == nil {
		c.s.Entities = []annotations.EntityType{}
	}
	return c.s, nil
}

// A confReader holds the state of ReadConf between lines.
type confReader struct {
	name    string
	rep     *loss.Report
	s       annotations.Schema
	macros  map[string]string
	section string
	stack   []string       // parents of the current line, by depth
	defined map[string]int // section and type → the line defining it
}

// line reads line n: a section header, a macro, or a definition.
func (c *confReader) line(n int, line string) {
	trimmed := strings.TrimSpace(line)
	switch {
	case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		return
	case strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]"):
		c.section = trimmed[1 : len(trimmed)-1]
		c.stack = c.stack[:0]
		switch c.section {
		case "spans": // brat's other name for [entities]
			c.section = "entities"
		case "entities", "relations", "events", "attributes":
		default:
			c.rep.Add(c.name, "", n, "section [%s] is not read", c.section)
		}
		return
	case strings.HasPrefix(trimmed, "<") && strings.Contains(trimmed, ">=") && !strings.ContainsAny(trimmed, " \t"):
		k, v, _ := strings.Cut(trimmed, "=")
		c.macros[k] = v
		c.rep.Add(c.name, "", n, "macro %s expanded to %s", k, v)
		return
	case strings.Trim(trimmed, "-") == "":
		c.rep.Add(c.name, "", n, "menu separator line not kept")
		return
	}
	for k, v := range c.macros {
		line = strings.ReplaceAll(line, k, v)
	}
	c.definition(n, line)
}

// definition reads a type's line: its depth (brat nests by TAB), its name
// (a "Type|Alias|…" term list names the type by its first term) and its
// arguments.
func (c *confReader) definition(n int, line string) {
	depth := len(line) - len(strings.TrimLeft(line, "\t"))
	line = strings.TrimLeft(line, "\t ")
	typ, args := line, ""
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		typ, args = line[:i], strings.TrimSpace(line[i+1:])
	}
	abstract := strings.HasPrefix(typ, "!")
	typ = strings.TrimPrefix(typ, "!")
	alias := ""
	if terms := strings.Split(typ, "|"); len(terms) > 1 && !strings.HasPrefix(typ, "<") {
		typ, alias = terms[0], terms[1]
		if len(terms) > 2 {
			c.rep.Add(c.name, "", n, "%s: aliases %s are not kept (the schema keeps one name)", typ, strings.Join(terms[2:], "|"))
		}
	}
	depth = min(depth, len(c.stack))
	c.stack = append(c.stack[:depth], typ)
	group := ""
	if depth > 0 {
		group = c.stack[depth-1]
		if depth > 1 {
			c.rep.Add(c.name, "", n, "%s: only its nearest parent %s is kept as its group; %s is lost", typ, group, strings.Join(c.stack[:depth-1], " > "))
		}
	}
	switch {
	case c.section == "":
		c.rep.Add(c.name, "", n, "line outside a section is not read")
	case c.section != "entities" && c.section != "relations" && c.section != "events" && c.section != "attributes":
	case strings.HasPrefix(typ, "<"):
		c.rep.Add(c.name, "", n, "rule %s is not kept: the schema has no place for it", typ)
	case !validName(typ):
		c.rep.Add(c.name, "", n, "%q is not a type name (letters, digits, _ and -); not kept", typ)
	case abstract:
		if args != "" {
			c.rep.Add(c.name, "", n, "arguments of the abstract type %s are not kept", typ)
		}
	default:
		if first, dup := c.defined[c.section+" "+typ]; dup {
			// A schema defines a type once; brat would list it twice.
			c.rep.Add(c.name, "", n, "%s is defined on line %d already: this definition (in group %q) is not kept", typ, first, group)
			return
		}
		c.defined[c.section+" "+typ] = n
		c.add(n, typ, alias, group, args)
	}
}

// add adds the definition of typ to the schema.
func (c *confReader) add(n int, typ, alias, group, args string) {
	switch c.section {
	case "entities":
		if args != "" {
			c.rep.Add(c.name, "", n, "entity %s: settings %q are not kept", typ, args)
		}
		c.s.Entities = append(c.s.Entities, annotations.EntityType{Type: typ, Name: alias, Group: group})
	case "events":
		et := annotations.EventType{Type: typ, Name: alias, Group: group}
		for _, a := range splitArgs(args) {
			rd, err := parseRole(a, true)
			if err != nil {
				c.rep.Add(c.name, "", n, "event %s: %v; not kept", typ, err)
				continue
			}
			et.Roles = append(et.Roles, rd)
		}
		c.s.Events = append(c.s.Events, et)
	case "relations":
		c.s.Relations = append(c.s.Relations, c.relation(n, typ, alias, group, args))
	case "attributes":
		c.s.Attributes = append(c.s.Attributes, c.attribute(n, typ, args))
	}
}

func (c *confReader) relation(n int, typ, alias, group, args string) annotations.RelationType {
	if group != "" {
		c.rep.Add(c.name, "", n, "relation %s: its group %s is not kept", typ, group)
	}
	rt := annotations.RelationType{Type: typ, Name: alias}
	for _, a := range splitArgs(args) {
		if k, v, _ := strings.Cut(a, ":"); k == "<REL-TYPE>" {
			for _, p := range strings.Split(v, "-") {
				switch p {
				case "symmetric":
					rt.Symmetric = true
				case "transitive":
					rt.Transitive = true
				default:
					c.rep.Add(c.name, "", n, "relation %s: property %s is not kept", typ, p)
				}
			}
			continue
		}
		if strings.HasPrefix(a, "<") {
			c.rep.Add(c.name, "", n, "relation %s: property %s is not kept", typ, a)
			continue
		}
		rd, err := parseRole(a, false)
		if err != nil {
			c.rep.Add(c.name, "", n, "relation %s: %v; not kept", typ, err)
			continue
		}
		rt.Args = append(rt.Args, rd)
	}
	return rt
}

func (c *confReader) attribute(n int, typ, args string) annotations.AttributeDef {
	ad := annotations.AttributeDef{Name: typ, On: []string{}}
	for _, a := range splitArgs(args) {
		k, v, _ := strings.Cut(a, ":")
		vs := strings.Split(v, "|")
		switch k {
		case "Arg":
			if slices.ContainsFunc(vs, func(s string) bool { return !validFiller(s) }) {
				c.rep.Add(c.name, "", n, "attribute %s: %q is not a list of types; not kept", typ, a)
				continue
			}
			ad.On = vs
		case "Value":
			// Values are shown, not types: "+", "-" and "High" are
			// all fine.
			if slices.ContainsFunc(vs, func(s string) bool { return s == "" || strings.ContainsAny(s, " \t") }) {
				c.rep.Add(c.name, "", n, "attribute %s: %q is not a list of values; not kept", typ, a)
				continue
			}
			ad.Values = vs
		default:
			c.rep.Add(c.name, "", n, "attribute %s: key %s is not kept", typ, k)
		}
	}
	return ad
}

// validName reports whether s is a type name brat and the gold format accept.
func validName(s string) bool {
	if strings.Trim(s, "-") == "" { // empty, or a menu separator
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// validFiller reports whether s can fill a role: a type name or a special
// like <EVENT>.
func validFiller(s string) bool {
	return validName(s) || len(s) > 2 && s[0] == '<' && s[len(s)-1] == '>' && validName(s[1:len(s)-1])
}

// splitArgs splits "A:x, B?:y|z" into its comma-separated parts.
func splitArgs(args string) []string {
	var out []string
	for _, a := range strings.Split(args, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// parseRole reads ROLE[card]:TYPE|TYPE. withCard says whether a role
// without a cardinality is mandatory ("1", events) or has none (relations).
func parseRole(a string, withCard bool) (annotations.RoleDef, error) {
	role, types, ok := strings.Cut(a, ":")
	if !ok || role == "" || types == "" {
		return annotations.RoleDef{}, fmt.Errorf("argument %q is not ROLE:TYPES", a)
	}
	rd := annotations.RoleDef{Types: strings.Split(types, "|")}
	for _, t := range rd.Types {
		if !validFiller(t) {
			return rd, fmt.Errorf("argument %q: %q is not a type name", a, t)
		}
	}
	switch {
	case strings.HasSuffix(role, "?"), strings.HasSuffix(role, "*"), strings.HasSuffix(role, "+"):
		rd.Role, rd.Card = role[:len(role)-1], role[len(role)-1:]
	case strings.HasSuffix(role, "}"):
		i := strings.LastIndexByte(role, '{')
		if i <= 0 {
			return rd, fmt.Errorf("argument %q has a bad cardinality", a)
		}
		rd.Role, rd.Card = role[:i], role[i+1:len(role)-1]
		if strings.Trim(rd.Card, "0123456789-") != "" || rd.Card == "" {
			return rd, fmt.Errorf("argument %q has a bad cardinality", a)
		}
	default:
		rd.Role = role
		if withCard {
			rd.Card = "1"
		}
	}
	if !validName(rd.Role) {
		return rd, fmt.Errorf("argument %q: %q is not a role name", a, rd.Role)
	}
	return rd, nil
}

// WriteConf writes s as a brat annotation.conf. Groups become parent types:
// abstract ("!") unless the group is itself a type. Role cardinalities are
// written as brat reads them back with ReadConf ("" is written as "?").
// What annotation.conf cannot hold is reported to rep: display names,
// colours, keys and document labels.
func WriteConf(w io.Writer, s annotations.Schema, rep *loss.Report) error {
	bw := bufio.NewWriter(w)
	if s.Name != "" {
		fmt.Fprintf(bw, "# Schema %q, written by Belgi.\n\n", s.Name)
	}
	lost := func(what, typ, field, v string) {
		if v != "" {
			rep.Add("annotation.conf", "", 0, "%s %s: %s %q is not kept (annotation.conf has no place for it)", what, typ, field, v)
		}
	}
	bw.WriteString("[entities]\n\n")
	var ents []grouped
	for _, e := range s.Entities {
		lost("entity", e.Type, "name", e.Name)
		lost("entity", e.Type, "colour", e.Color)
		lost("entity", e.Type, "key", e.Key)
		ents = append(ents, grouped{e.Type, e.Group, ""})
	}
	writeGrouped(bw, ents)
	bw.WriteString("\n[relations]\n\n")
	for _, r := range s.Relations {
		lost("relation", r.Type, "name", r.Name)
		bw.WriteString(r.Type + "\t" + roles(r.Args, false))
		switch {
		case r.Symmetric && r.Transitive:
			bw.WriteString(", <REL-TYPE>:symmetric-transitive")
		case r.Symmetric:
			bw.WriteString(", <REL-TYPE>:symmetric")
		case r.Transitive:
			bw.WriteString(", <REL-TYPE>:transitive")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("\n[events]\n\n")
	var evs []grouped
	for _, e := range s.Events {
		lost("event", e.Type, "name", e.Name)
		lost("event", e.Type, "colour", e.Color)
		lost("event", e.Type, "key", e.Key)
		evs = append(evs, grouped{e.Type, e.Group, roles(e.Roles, true)})
	}
	writeGrouped(bw, evs)
	bw.WriteString("\n[attributes]\n\n")
	for _, a := range s.Attributes {
		bw.WriteString(a.Name + "\tArg:" + strings.Join(a.On, "|"))
		if len(a.Values) > 0 {
			bw.WriteString(", Value:" + strings.Join(a.Values, "|"))
		}
		bw.WriteString("\n")
	}
	for _, l := range s.DocLabels {
		rep.Add("annotation.conf", "", 0, "document label %q is not kept (annotation.conf has no place for it)", l)
	}
	return bw.Flush()
}

type grouped struct{ typ, group, args string }

// writeGrouped writes types under their groups, in order of first use.
func writeGrouped(w *bufio.Writer, items []grouped) {
	isType := map[string]bool{}
	for _, it := range items {
		isType[it.typ] = true
	}
	line := func(indent string, it grouped) {
		w.WriteString(indent + it.typ)
		if it.args != "" {
			w.WriteString("\t" + it.args)
		}
		w.WriteString("\n")
	}
	done := map[string]bool{}
	var emit func(it grouped, indent string)
	emit = func(it grouped, indent string) {
		if done[it.typ] {
			return
		}
		done[it.typ] = true
		line(indent, it)
		for _, c := range items {
			if c.group == it.typ && c.typ != it.typ {
				emit(c, indent+"\t")
			}
		}
	}
	abstract := map[string]bool{}
	for _, it := range items {
		switch {
		case it.group == "":
			emit(it, "")
		case isType[it.group]:
			// Written below its parent.
		case !abstract[it.group]:
			abstract[it.group] = true
			w.WriteString("!" + it.group + "\n")
			for _, c := range items {
				if c.group == it.group {
					emit(c, "\t")
				}
			}
		}
	}
	for _, it := range items { // children of parents in cycles, if any
		if !done[it.typ] {
			emit(it, "")
		}
	}
}

// roles writes role definitions as brat does. For events a role without
// a cardinality is optional; for relations it has none.
func roles(rs []annotations.RoleDef, event bool) string {
	var parts []string
	for _, r := range rs {
		card := r.Card
		switch card {
		case "1":
			card = ""
		case "?", "*", "+":
		case "":
			if event {
				card = "?"
			}
		default:
			card = "{" + card + "}"
		}
		parts = append(parts, r.Role+card+":"+strings.Join(r.Types, "|"))
	}
	return strings.Join(parts, ", ")
}
