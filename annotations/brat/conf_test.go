package brat

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/loss"
	"belgi/internal/shared"
)

const newsConf = `# comment
[entities]
Person
Organization
!Place
	GPE
	Location
		Water
[relations]
Located            Arg1:Person, Arg2:GPE
Alias              Arg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive
<OVERLAP>	Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>
[events]
<POG>=Person|Organization|GPE
!Life
	Marry     Person-Arg{2}:Person, Place-Arg?:GPE
	Die       Person-Arg:Person, Agent-Arg?:<POG>
Merge-org  Org-Arg+:Organization
----------
Report	Reporter-Arg*:<POG>, Event-Arg:<EVENT>
[attributes]
Negation     Arg:<EVENT>
Confidence   Arg:<EVENT>, Value:High|Neutral|Low
`

func TestReadConf(t *testing.T) {
	var rep loss.Report
	s, err := ReadConf("annotation.conf", []byte(newsConf), &rep)
	if err != nil {
		t.Fatal(err)
	}
	want := annotations.Schema{
		Entities: []annotations.EntityType{{Type: "Person"}, {Type: "Organization"}, {Type: "GPE", Group: "Place"}, {Type: "Location", Group: "Place"}, {Type: "Water", Group: "Location"}},
		Relations: []annotations.RelationType{
			{Type: "Located", Args: []annotations.RoleDef{{Role: "Arg1", Types: []string{"Person"}}, {Role: "Arg2", Types: []string{"GPE"}}}},
			{Type: "Alias", Symmetric: true, Transitive: true, Args: []annotations.RoleDef{{Role: "Arg1", Types: []string{"Person"}}, {Role: "Arg2", Types: []string{"Person"}}}},
		},
		Events: []annotations.EventType{
			{Type: "Marry", Group: "Life", Roles: []annotations.RoleDef{{Role: "Person-Arg", Types: []string{"Person"}, Card: "2"}, {Role: "Place-Arg", Types: []string{"GPE"}, Card: "?"}}},
			{Type: "Die", Group: "Life", Roles: []annotations.RoleDef{{Role: "Person-Arg", Types: []string{"Person"}, Card: "1"}, {Role: "Agent-Arg", Types: []string{"Person", "Organization", "GPE"}, Card: "?"}}},
			{Type: "Merge-org", Roles: []annotations.RoleDef{{Role: "Org-Arg", Types: []string{"Organization"}, Card: "+"}}},
			{Type: "Report", Roles: []annotations.RoleDef{{Role: "Reporter-Arg", Types: []string{"Person", "Organization", "GPE"}, Card: "*"}, {Role: "Event-Arg", Types: []string{"<EVENT>"}, Card: "1"}}},
		},
		Attributes: []annotations.AttributeDef{{Name: "Negation", On: []string{"<EVENT>"}}, {Name: "Confidence", On: []string{"<EVENT>"}, Values: []string{"High", "Neutral", "Low"}}},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("ReadConf:\n got %+v\nwant %+v", s, want)
	}
	var reasons []string
	for _, it := range rep.Items {
		reasons = append(reasons, it.String())
	}
	for _, w := range []string{
		"annotation.conf:8: Water: only its nearest parent Location is kept as its group; Place is lost",
		"annotation.conf:12: rule <OVERLAP> is not kept",
		"annotation.conf:14: macro <POG> expanded",
		"annotation.conf:19: menu separator line not kept",
	} {
		found := false
		for _, r := range reasons {
			found = found || strings.HasPrefix(r, w)
		}
		if !found {
			t.Errorf("report lacks %q; it has:\n%s", w, strings.Join(reasons, "\n"))
		}
	}
}

// TestConfRoundTrip checks that a schema read from a conf, written and read
// again is unchanged, for the fixtures' confs and our own.
func TestConfRoundTrip(t *testing.T) {
	confs := map[string][]byte{"news": []byte(newsConf)}
	for _, p := range []string{"fixtures/nerel/annotation.conf", "fixtures/brat-tutorial-news/annotation.conf", "fixtures/bionlp-st-2011-ge/annotation.conf",
		"fixtures/synthetic/annotation.conf", "design/default-schema-reference.annotation.conf"} {
		name := sharedPath(p)
		if name == "" {
			t.Logf("../shared/%s is absent: not checked", p)
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		confs[p] = data
	}
	for name, data := range confs {
		s, err := ReadConf(name, data, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(s.Entities) == 0 {
			t.Errorf("%s: no entities", name)
		}
		// A schema read from a conf is a valid gold schema.
		if probs := annotations.Validate(annotations.NewFile(s)); hasError(probs) {
			t.Errorf("%s: %v", name, probs)
		}
		var out bytes.Buffer
		var rep loss.Report
		if err := WriteConf(&out, s, &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Len() != 0 {
			t.Errorf("%s: writing reported %v", name, rep.Items)
		}
		var rep2 loss.Report
		s2, err := ReadConf(name, out.Bytes(), &rep2)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range rep2.Items {
			// Nesting deeper than a group is written as it was read.
			if !strings.Contains(it.Reason, "only its nearest parent") {
				t.Errorf("%s: reading what was written reported %v", name, it)
			}
		}
		if !reflect.DeepEqual(s, s2) {
			t.Errorf("%s: not the same after write and read:\n%+v\n%+v\n%s", name, s, s2, out.String())
		}
	}
}

// sharedPath returns the path of sub in ../shared, or "" when it is absent.
func sharedPath(sub string) string {
	root := shared.Root()
	if root == "" {
		return ""
	}
	p := filepath.Join(root, sub)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

func TestWriteConfLoss(t *testing.T) {
	s := annotations.DefaultSchema()
	s.DocLabels = []string{"relevant"}
	var out bytes.Buffer
	var rep loss.Report
	if err := WriteConf(&out, s, &rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "!Actors\n\tPER\n") {
		t.Errorf("groups not written as abstract parents:\n%s", out.String())
	}
	// Count what is lost of the entity types alone: every name, and the
	// keys 1–9.
	var names, keys, labels int
	for _, it := range rep.Items {
		switch {
		case strings.Contains(it.Reason, "entity ") && strings.Contains(it.Reason, ": name "):
			names++
		case strings.Contains(it.Reason, "entity ") && strings.Contains(it.Reason, ": key "):
			keys++
		case strings.Contains(it.Reason, "document label"):
			labels++
		}
	}
	named := 0
	for _, e := range s.Entities {
		if e.Name != "" {
			named++
		}
	}
	if names != named || keys != 9 || labels != 1 {
		t.Errorf("reported %d names, %d keys, %d labels lost; report: %v", names, keys, labels, rep.Items)
	}
}

func FuzzReadConf(f *testing.F) {
	f.Add(newsConf)
	f.Add("[events]\n!A\n\tB\tR{1-3}:<X>\n<X>=a|b\n")
	f.Add("[entities]\nA\n!B\n\tA\n") // issue 17: the group !B was lost
	f.Add("[spans]\nA|Alias|Other\n[relations]\nR\tArg1:A, Arg2:A, <REL-TYPE>:symmetric-transitive\n[attributes]\nP\tArg:A, Value:+|-\n")
	f.Fuzz(func(t *testing.T, conf string) {
		s, err := ReadConf("f", []byte(conf), nil)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := WriteConf(&out, s, nil); err != nil {
			t.Fatal(err)
		}
		s2, err := ReadConf("f", out.Bytes(), nil)
		if err != nil {
			t.Fatal(err)
		}
		var again bytes.Buffer
		WriteConf(&again, s2, nil)
		if again.String() != out.String() {
			t.Fatalf("write → read → write not stable:\n%s\n%s", out.String(), again.String())
		}
	})
}

// TestReadConfTypeTwice reads a type defined twice, the second time under an
// abstract group: the first definition is kept, the second reported, and the
// schema writes and reads back the same.
func TestReadConfTypeTwice(t *testing.T) {
	var rep loss.Report
	s, err := ReadConf("annotation.conf", []byte("[entities]\nA\n!B\n\tA\n"), &rep)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Entities) != 1 || s.Entities[0].Type != "A" || s.Entities[0].Group != "" {
		t.Errorf("entities %+v", s.Entities)
	}
	if rep.Len() != 1 || !strings.Contains(rep.Items[0].Reason, "defined on line 2 already") || rep.Items[0].Line != 4 {
		t.Errorf("report %v", rep.Items)
	}
	var out bytes.Buffer
	if err := WriteConf(&out, s, nil); err != nil {
		t.Fatal(err)
	}
	s2, err := ReadConf("f", out.Bytes(), nil)
	if err != nil || !reflect.DeepEqual(s, s2) {
		t.Errorf("read back %+v, %v", s2, err)
	}
}

// TestReadConfPeerShapes reads what brat's own configuration files hold:
// [spans], Type|Alias term lists, <REL-TYPE>:symmetric-transitive and
// attribute values such as + and -.
func TestReadConfPeerShapes(t *testing.T) {
	conf := "[spans]\nPerson|Лицо\nLocation|Place|Loc\n[relations]\nEquiv\tArg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive\n[events]\n[attributes]\nPolarity\tArg:Person, Value:+|-\n"
	var rep loss.Report
	s, err := ReadConf("annotation.conf", []byte(conf), &rep)
	if err != nil {
		t.Fatal(err)
	}
	want := annotations.Schema{
		Entities:   []annotations.EntityType{{Type: "Person", Name: "Лицо"}, {Type: "Location", Name: "Place"}},
		Relations:  []annotations.RelationType{{Type: "Equiv", Symmetric: true, Transitive: true, Args: []annotations.RoleDef{{Role: "Arg1", Types: []string{"Person"}}, {Role: "Arg2", Types: []string{"Person"}}}}},
		Attributes: []annotations.AttributeDef{{Name: "Polarity", On: []string{"Person"}, Values: []string{"+", "-"}}},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("schema\n got %+v\nwant %+v", s, want)
	}
	if rep.Len() != 1 || !strings.Contains(rep.Items[0].Reason, "aliases Loc are not kept") {
		t.Errorf("report %v", rep.Items)
	}
	var out bytes.Buffer
	WriteConf(&out, s, nil)
	if !strings.Contains(out.String(), "<REL-TYPE>:symmetric-transitive") || !strings.Contains(out.String(), "Value:+|-") {
		t.Errorf("written\n%s", out.String())
	}
	s2, _ := ReadConf("f", out.Bytes(), nil)
	if !reflect.DeepEqual(s2.Relations, s.Relations) || !reflect.DeepEqual(s2.Attributes, s.Attributes) {
		t.Errorf("read back %+v", s2)
	}
}
