package annotations

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// A file records its annotators, the app and the export time; older files
// without them still load, and their documents' annotator is unknown.
func TestAnnotatorMetadata(t *testing.T) {
	f := sampleFile(t)
	f.Annotators = []Annotator{{ID: "aigerim", Name: "Айгерім"}, {ID: "boris"}}
	f.App = "belgi test"
	f.Exported = "2025-03-01T12:00:00Z"
	f.Documents[0].Annotator = "aigerim"
	data, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if i, j := bytes.Index(data, []byte(`"annotators"`)), bytes.Index(data, []byte(`"documents"`)); i < 0 || j < i {
		t.Errorf("annotators must come before documents, so that the file streams:\n%s", data)
	}
	back, err := Decode(data)
	if err != nil {
		t.Fatalf("decoding a file with annotators: %v", err)
	}
	if len(back.Annotators) != 2 || back.Annotators[0].Name != "Айгерім" || back.App != "belgi test" || back.Exported != f.Exported || back.Documents[0].Annotator != "aigerim" {
		t.Errorf("metadata lost: %+v, document annotator %q", back.Annotators, back.Documents[0].Annotator)
	}
	again, _ := Marshal(back)
	if !bytes.Equal(data, again) {
		t.Error("a file with annotators does not round-trip byte for byte")
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := compileSchema(t).Validate(v); err != nil {
		t.Errorf("a file with annotators does not match gold.schema.json: %v", err)
	}

	old, _ := Marshal(sampleFile(t))
	if bytes.Contains(old, []byte(`"annotator`)) || bytes.Contains(old, []byte(`"exported"`)) {
		t.Errorf("a file without annotators writes the fields anyway:\n%s", old)
	}
	if f, err := Decode(old); err != nil || f.Documents[0].Annotator != "" {
		t.Errorf("an older file: %v", err)
	}
}

func TestAnnotatorMetadataErrors(t *testing.T) {
	for _, c := range []struct {
		name, meta, want string
	}{
		{"no id", `"annotators": [{"name": "X"}],`, "annotator 1 has no id"},
		{"twice", `"annotators": [{"id": "a"}, {"id": "a"}],`, `annotator "a" is listed twice`},
		{"bad time", `"exported": "yesterday",`, "not an RFC 3339 time"},
	} {
		data := []byte(`{"format": "belgi-gold", "version": 1, "schema": {"name": "", "entities": []}, ` + c.meta + ` "documents": []}`)
		_, err := Decode(data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
	f := sampleFile(t)
	f.Annotators = []Annotator{{ID: "a"}}
	f.Documents[0].Annotator = "b"
	data, _ := Marshal(f)
	back, err := Decode(data)
	if err != nil {
		t.Fatalf("an unlisted annotator is a warning, not an error: %v", err)
	}
	if probs := back.MetaProblems(); len(probs) != 1 || !probs[0].Warning || !strings.Contains(probs[0].String(), `"b" is not in the file's annotators`) {
		t.Errorf("problems = %v", probs)
	}
}
