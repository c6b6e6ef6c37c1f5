package app

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestLabelUndoRedoAcrossDocuments(t *testing.T) {
	st := NewState()
	if len(st.WS.Documents) < 3 || st.Current == "" {
		t.Fatalf("the demo corpus did not load: %d documents", len(st.WS.Documents))
	}
	first := st.Current
	if err := st.Label("PER", 0, 7); err != nil {
		t.Fatal(err)
	}
	if err := st.Label("PER", 0, 7); err == nil {
		t.Error("labelling the same range twice with the same label: no error")
	}
	if err := st.Label("NOPE", 0, 7); err == nil {
		t.Error("an unknown label: no error")
	}
	st.Open(st.WS.Documents[1].ID)
	if err := st.Label("GPE", 2, 5); err != nil {
		t.Fatal(err)
	}
	if !st.Undo() || len(st.Doc().Spans) != 0 {
		t.Fatal("undo did not remove the second span")
	}
	if !st.Undo() {
		t.Fatal("nothing to undo")
	}
	if st.Current != first || len(st.Doc().Spans) != 0 {
		t.Errorf("undo across a document switch: current %s, %d spans", st.Current, len(st.Doc().Spans))
	}
	if st.Undo() {
		t.Error("undo past the first step")
	}
	if !st.Redo() || !st.Redo() {
		t.Fatal("redo failed")
	}
	if st.Current != st.WS.Documents[1].ID || len(st.Doc().Spans) != 1 {
		t.Errorf("redo did not bring back the second document's span")
	}
	st.Selected = st.Doc().Spans[0].ID
	if err := st.DeleteSelected(); err != nil || len(st.Doc().Spans) != 0 {
		t.Errorf("delete: %v", err)
	}
}

func TestAddFileRefusesWhatIsNotText(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"latin1.txt", []byte("Alma\xe4ty"), "not UTF-8 text (invalid byte at offset 4)"},
		{"nul.txt", []byte("abc\x00def"), "binary"},
		{"empty.txt", []byte(" \r\n"), "empty"},
		{"big.txt", bytes.Repeat([]byte("a"), MaxFileSize+1), "too large"},
		{"photo.png", []byte("\x89PNG\r\n\x1a\n"), "not UTF-8"},
		{"bad.json", []byte("{"), "bad.json: broken JSON"},
	}
	for _, tt := range tests {
		st := NewState()
		before := mustExport(t, st)
		_, err := st.AddFile(tt.name, tt.data)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if !bytes.Equal(before, mustExport(t, st)) {
			t.Errorf("%s: a refused file changed the workspace", tt.name)
		}
	}
}

func mustExport(t *testing.T, st *State) []byte {
	_, data, err := st.Export("")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestImportExportRoundTrip(t *testing.T) {
	st := NewState()
	st.Label("PER", 0, 7)
	_, data, err := st.Export("")
	if err != nil {
		t.Fatal(err)
	}
	// Into the same workspace: everything is already there.
	msg, err := st.Import("ws.json", data)
	if err != nil || !strings.Contains(msg, "3 already here") {
		t.Fatalf("re-import: %q, %v", msg, err)
	}
	if again := mustExport(t, st); !bytes.Equal(again, data) {
		t.Error("export → import → export differs")
	}
	// Into a workspace where d1 holds something else: it gets a new id.
	other := NewState()
	other.Label("ORG", 8, 15)
	msg, err = other.Import("ws.json", data)
	if err != nil || !strings.Contains(msg, "1 given a new id") {
		t.Fatalf("import with a clash: %q, %v", msg, err)
	}
	if n := len(other.WS.Documents); n != 4 {
		t.Errorf("%d documents after importing one changed document, want 4", n)
	}
	// A file that fails validation changes nothing, schema included.
	var raw map[string]any
	json.Unmarshal(data, &raw)
	raw["documents"].([]any)[0].(map[string]any)["spans"].([]any)[0].(map[string]any)["end"] = 7000000
	bad, _ := json.Marshal(raw)
	before := mustExport(t, other)
	if _, err := other.Import("bad.json", bad); err == nil || !strings.Contains(err.Error(), `bad.json: document "d1": "T1": end 7000000`) {
		t.Errorf("err = %v", err)
	}
	if !bytes.Equal(before, mustExport(t, other)) {
		t.Error("a failed import changed the workspace")
	}
}

func TestColourFromSchema(t *testing.T) {
	st := NewState()
	st.WS.Schema.Entities[1].Color = "#123abc"
	st.WS.Schema.Entities[2].Color = "red;background:url(//x)" // never drawn
	if got := st.Colour(st.WS.Schema.Entities[1].Type); got != customSlot+1 {
		t.Errorf("Colour of a type with its own colour = %d, want %d", got, customSlot+1)
	}
	if got := st.Colour(st.WS.Schema.Entities[2].Type); got != 2 {
		t.Errorf("Colour of a type with a bad colour = %d, want palette slot 2", got)
	}
	if css := st.colourCSS(); css != ".c101{--lc:#123abc}" {
		t.Errorf("colourCSS = %q", css)
	}
}
