package app

import (
	"strings"
	"testing"
)

func TestLoadSchema(t *testing.T) {
	st := NewState()
	saved, err := st.SchemaJSON()
	if err != nil {
		t.Fatal(err)
	}
	conf := "[entities]\nPerson\nPlace\n[events]\nRally\tWho:Person, Where?:Place\n[relations]\n[attributes]\nNegated\tArg:<EVENT>\n"
	msg, err := st.LoadSchema("annotation.conf", []byte(conf))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.WS.Schema.Entities) != 2 || len(st.WS.Schema.Events) != 1 || !strings.Contains(msg, "2 entity, 1 event") {
		t.Fatalf("after a brat conf: %+v (%s)", st.WS.Schema, msg)
	}
	if _, err := st.LoadSchema("mine.json", saved); err != nil {
		t.Fatal(err)
	}
	if len(st.WS.Schema.Events) < 10 {
		t.Error("the saved default schema did not load back")
	}
	gold := mustExport(t, st)
	if _, err := st.LoadSchema("ws.json", gold); err != nil {
		t.Errorf("a gold file's schema: %v", err)
	}
	for name, data := range map[string]string{
		"bad.json":   `{"name": "x", "entities": [{"type": "a b"}]}`,
		"junk.json":  `{"colour": 1}`,
		"empty.json": `{"name": "x", "entities": []}`,
	} {
		before := mustExport(t, st)
		if _, err := st.LoadSchema(name, []byte(data)); err == nil {
			t.Errorf("%s: no error", name)
		}
		if string(before) != string(mustExport(t, st)) {
			t.Errorf("%s changed the workspace", name)
		}
	}
}
