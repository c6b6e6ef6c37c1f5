package annotations_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/internal/shared"
)

func TestDefaultSchema(t *testing.T) {
	s := annotations.DefaultSchema()
	for _, p := range annotations.ValidateSchema(&s) {
		t.Errorf("default schema: %v", p)
	}

	defined := map[string]bool{annotations.AnyEntity: true, annotations.AnyEvent: true, annotations.AnyType: true}
	for _, e := range s.Entities {
		defined[e.Type] = true
	}
	for _, e := range s.Events {
		defined[e.Type] = true
	}
	for _, e := range s.Events {
		if len(e.Roles) == 0 {
			t.Errorf("event %s has no roles", e.Type)
		}
		for _, r := range e.Roles {
			for _, ty := range r.Types {
				if !defined[ty] {
					t.Errorf("event %s role %s: filler type %s is not defined", e.Type, r.Role, ty)
				}
			}
			if len(r.Maps) == 0 {
				t.Errorf("event %s role %s has no mappings", e.Type, r.Role)
			}
		}
		if e.Group == "" || len(e.Maps) == 0 || e.Description == "" {
			t.Errorf("event %s lacks a group, mappings or description", e.Type)
		}
	}
	for _, r := range s.Relations {
		for _, a := range r.Args {
			for _, ty := range a.Types {
				if !defined[ty] {
					t.Errorf("relation %s argument %s: type %s is not defined", r.Type, a.Role, ty)
				}
			}
		}
	}
	for _, e := range s.Entities {
		if len(e.Maps) == 0 || e.Name == "" {
			t.Errorf("entity %s lacks a name or mappings", e.Type)
		}
	}
	for _, a := range s.Attributes {
		if len(a.Maps) == 0 {
			t.Errorf("attribute %s has no mappings", a.Name)
		}
	}

	// Keys 1–9 stay where annotators learned them.
	for i, want := range []string{"PER", "ORG", "GROUP", "GPE", "FAC", "TIME", "NUM", "POSITION", "CRIME"} {
		if e := s.Entities[i]; e.Type != want || e.Key != string(rune('1'+i)) || e.Rare {
			t.Errorf("entity %d = %s on key %q (rare %v), want %s on key %c", i, e.Type, e.Key, e.Rare, want, '1'+i)
		}
	}
	letters := 0
	for _, e := range s.Events {
		if e.Key != "" {
			letters++
			if e.Rare {
				t.Errorf("event %s is on key %s but marked rare", e.Type, e.Key)
			}
		}
	}
	if letters < 6 {
		t.Errorf("%d event types on letter keys, want the common ones (at least 6)", letters)
	}
	if !slices.Contains(s.DocLabels, "relevant") {
		t.Errorf("document labels %q lack relevant", s.DocLabels)
	}

	// Each call returns a fresh copy.
	s.Entities[0].Type = "changed"
	s.Events[0].Roles[0].Types[0] = "changed"
	s.Entities[0].Maps["ace"] = "changed"
	again := annotations.DefaultSchema()
	if again.Entities[0].Type != "PER" || again.Events[0].Roles[0].Types[0] == "changed" || again.Entities[0].Maps["ace"] == "changed" {
		t.Error("DefaultSchema returns shared values")
	}
}

// The reference, as far as the default schema is derived from it.
type reference struct {
	Entities []map[string]any `json:"entities"`
	EntAttrs []map[string]any `json:"entity_attributes"`
	Events   []map[string]any `json:"events"`
	EvAttrs  []map[string]any `json:"event_attributes"`
	Rels     []map[string]any `json:"relations"`
}

// TestDefaultSchemaFollowsReference checks that every type, role, filler
// type, attribute value and mapping of the reference survives in the
// default schema, and that roles keep the reference's cardinalities.
func TestDefaultSchemaFollowsReference(t *testing.T) {
	dir := shared.Dir(t, "design")
	data, err := os.ReadFile(filepath.Join(dir, "default-schema-reference.json"))
	if err != nil {
		t.Skipf("no reference schema: %v", err)
	}
	var ref reference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	s := annotations.DefaultSchema()

	// maps checks that every field of obj but the skipped ones is a mapping
	// kept verbatim in got.
	maps := func(what string, obj map[string]any, got map[string]string, skip ...string) {
		t.Helper()
		for k, v := range obj {
			if slices.Contains(skip, k) {
				continue
			}
			if got[k] != v {
				t.Errorf("%s: mapping %s = %q, reference has %q", what, k, got[k], v)
			}
		}
	}
	for _, re := range ref.Entities {
		id, _ := re["id"].(string)
		e, ok := s.Entity(id)
		if !ok {
			t.Errorf("entity %s of the reference is missing", id)
			continue
		}
		maps("entity "+id, re, e.Maps, "id", "label")
	}
	events := map[string]annotations.EventType{}
	for _, e := range s.Events {
		events[e.Type] = e
	}
	for _, re := range ref.Events {
		id, _ := re["id"].(string)
		e, ok := events[id]
		if !ok {
			t.Errorf("event %s of the reference is missing", id)
			continue
		}
		if e.Group != re["category"] {
			t.Errorf("event %s: group %q, reference category %q", id, e.Group, re["category"])
		}
		maps("event "+id, re, e.Maps, "id", "category", "gloss", "roles")
		roles, _ := re["roles"].(map[string]any)
		if len(roles) != len(e.Roles) {
			t.Errorf("event %s: %d roles, reference has %d", id, len(e.Roles), len(roles))
		}
		for _, r := range e.Roles {
			var want []string
			types, _ := roles[r.Role].([]any)
			for _, ty := range types {
				want = append(want, ty.(string))
			}
			if !reflect.DeepEqual(r.Types, want) {
				t.Errorf("event %s role %s: types %q, reference %q", id, r.Role, r.Types, want)
			}
		}
	}
	attrs := map[string]annotations.AttributeDef{}
	for _, a := range s.Attributes {
		attrs[a.Name] = a
	}
	checkAttrs := func(list []map[string]any, on []string) {
		for _, ra := range list {
			id, _ := ra["id"].(string)
			if ra["kind"] == "normalization" {
				continue // normalizations are not attributes; see Document.Normalizations
			}
			a, ok := attrs[id]
			if !ok {
				t.Errorf("attribute %s of the reference is missing", id)
				continue
			}
			maps("attribute "+id, ra, a.Maps, "id", "applies_to", "values", "kind", "gloss", "default")
			wantOn := on
			if at, ok := ra["applies_to"].([]any); ok {
				wantOn = nil
				for _, x := range at {
					wantOn = append(wantOn, x.(string))
				}
			}
			if !reflect.DeepEqual(a.On, wantOn) {
				t.Errorf("attribute %s: on %q, reference %q", id, a.On, wantOn)
			}
			var values []string
			vs, _ := ra["values"].([]any)
			for _, x := range vs {
				values = append(values, x.(string))
			}
			if !reflect.DeepEqual(a.Values, values) {
				t.Errorf("attribute %s: values %q, reference %q", id, a.Values, values)
			}
		}
	}
	checkAttrs(ref.EntAttrs, nil)
	checkAttrs(ref.EvAttrs, []string{annotations.AnyEvent})
	rels := map[string]annotations.RelationType{}
	for _, r := range s.Relations {
		rels[r.Type] = r
	}
	for _, rr := range ref.Rels {
		id, _ := rr["id"].(string)
		r, ok := rels[id]
		if !ok {
			t.Errorf("relation %s of the reference is missing", id)
			continue
		}
		maps("relation "+id, rr, r.Maps, "id", "kind", "args")
		if args, ok := rr["args"].([]any); ok {
			for i, a := range args {
				if i >= len(r.Args) || strings.Join(r.Args[i].Types, "|") != a {
					t.Errorf("relation %s argument %d: reference %q, have %+v", id, i+1, a, r.Args)
				}
			}
		}
		kind, _ := rr["kind"].(string)
		if strings.HasPrefix(kind, "equivalence") != (r.Symmetric && r.Transitive) {
			t.Errorf("relation %s: kind %q but symmetric %v, transitive %v", id, kind, r.Symmetric, r.Transitive)
		}
	}

	// Cardinalities, from the annotation.conf generated with the reference.
	conf, err := os.ReadFile(filepath.Join(dir, "default-schema-reference.annotation.conf"))
	if err != nil {
		return
	}
	section, n := "", 0
	sc := bufio.NewScanner(strings.NewReader(string(conf)))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "[") {
			section = line
			continue
		}
		if section != "[events]" || !strings.HasPrefix(line, "\t") {
			continue
		}
		typ, args, _ := strings.Cut(strings.TrimSpace(line), "\t")
		for _, a := range strings.Split(args, ", ") {
			role, _, _ := strings.Cut(a, ":")
			card := "1" // brat: no mark means exactly one
			if c := role[len(role)-1]; c == '?' || c == '*' || c == '+' {
				role, card = role[:len(role)-1], string(c)
			}
			i := slices.IndexFunc(events[typ].Roles, func(r annotations.RoleDef) bool { return r.Role == role })
			if i < 0 {
				t.Errorf("annotation.conf: event %s role %s is missing", typ, role)
				continue
			}
			if got := events[typ].Roles[i].Card; got != card {
				t.Errorf("event %s role %s: cardinality %q, annotation.conf %q", typ, role, got, card)
			}
			n++
		}
	}
	if n == 0 {
		t.Error("no event roles read from annotation.conf")
	}
}
