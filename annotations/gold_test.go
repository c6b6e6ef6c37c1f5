package annotations

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func sampleFile(t testing.TB) *File {
	w := NewWorkspace(DefaultSchema())
	docs := []*Document{
		NewDocument("d1", "Ақтөбедегі митинг", "aktobe.txt", "\ufeffАқтөбе 👍 қаласында\r\nмитинг өтті. Семья 👨‍👩‍👧 и е\u0301."),
		NewDocument("d2", "Empty", "", ""),
	}
	for _, d := range docs {
		if _, err := w.Apply(Op{Kind: OpAddDocument, Document: d}); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []Span{{Label: "GPE", Start: 1, End: 7}, {Label: "NUM", Start: 8, End: 9}, {Label: "GROUP", Start: 40, End: 50}, {Label: "PER", Fragments: []Fragment{{1, 7}, {10, 19}}}} {
		s := s
		if _, err := w.Apply(Op{Kind: OpAddSpan, Doc: "d1", Span: &s}); err != nil {
			t.Fatal(err)
		}
	}
	return NewFile(w.Schema, w.Documents...)
}

func TestRoundTrip(t *testing.T) {
	first, err := Marshal(sampleFile(t))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Decode(first)
	if err != nil {
		t.Fatalf("decoding our own export: %v", err)
	}
	second, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("export → import → export differs:\n%s\n---\n%s", first, second)
	}
	if !strings.Contains(string(first), `"text": "👨‍👩‍👧 и е́"`) {
		t.Errorf("span text over a ZWJ sequence and a combining mark is missing:\n%s", first)
	}
}

func TestDecodeErrors(t *testing.T) {
	good, err := Marshal(sampleFile(t))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(from, to string) []byte {
		t.Helper()
		if !bytes.Contains(good, []byte(from)) {
			t.Fatalf("sample has no %q", from)
		}
		return bytes.Replace(good, []byte(from), []byte(to), 1)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", []byte(""), "ends too early"},
		{"broken JSON", good[:len(good)/2], "ends too early"},
		{"syntax", []byte("{\n  \"format\": belgi\n}"), "line 2"},
		{"not an object", []byte(`[1,2]`), "wrong type"},
		{"invalid UTF-8", append([]byte(`{"format":"`), 0xff, '"', '}'), "not valid UTF-8"},
		{"other format", []byte(`{"format":"doccano"}`), `format is "doccano"`},
		{"no version", []byte(`{"format":"belgi-gold"}`), `no "version"`},
		{"future version", edit(`"version": 1`, `"version": 2`), "unsupported version 2"},
		{"version as string", edit(`"version": 1`, `"version": "1"`), `field "version" must be int`},
		{"wrong type", edit(`"start": 1,`, `"start": "1",`), `"documents.spans.start"`},
		{"unknown field", edit(`"title": "Empty"`, `"title": "Empty", "colour": 1`), "unknown field"},
		{"end out of range", edit(`"end": 50`, `"end": 500`), `document "d1": "T3": end 500 is past the end`},
		{"negative start", edit(`"start": 40`, `"start": -40`), `"T3": start -40 is negative`},
		{"covered text differs", edit("\"text\": \"Ақтөбе\"\n", "\"text\": \"Актобе\"\n"), `"T1": text "Актобе" does not match`},
		{"hash differs", edit(`"sha256": "`, `"sha256": "0`), "sha256"},
		{"duplicate span id", edit(`"id": "T2"`, `"id": "T1"`), `"T1": duplicate id`},
		{"duplicate document id", edit(`"id": "d2"`, `"id": "d1"`), "duplicate document id"},
		{"bad offset unit", edit(`"offsetUnit": "codepoint"`, `"offsetUnit": "utf16"`), "offsetUnit"},
		{"bad language", edit(`"language": "und"`, `"language": "not a tag!"`), "BCP 47"},
		{"trailing data", append(append([]byte{}, good...), []byte("{}")...), "after top-level value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Decode(tt.data)
			if err == nil {
				t.Fatalf("no error; want one mentioning %q", tt.want)
			}
			if f != nil {
				t.Error("a failed decode returned a file")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestUnknownLabelIsWarning(t *testing.T) {
	good, _ := Marshal(sampleFile(t))
	data := bytes.Replace(good, []byte(`"label": "NUM"`), []byte(`"label": "WEAPONS"`), 1)
	f, err := Decode(data)
	if err != nil {
		t.Fatalf("unknown label should be flagged, not fatal: %v", err)
	}
	probs := Validate(f)
	if len(probs) != 1 || !probs[0].Warning || !strings.Contains(probs[0].String(), "WEAPONS") {
		t.Errorf("problems = %v, want one warning about WEAPONS", probs)
	}
}

func compileSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("gold.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("gold.schema.json")
	if err != nil {
		t.Fatalf("gold.schema.json is not a valid JSON Schema: %v", err)
	}
	return s
}

func TestExportMatchesJSONSchema(t *testing.T) {
	s := compileSchema(t)
	data, _ := Marshal(sampleFile(t))
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("an export does not match gold.schema.json: %v", err)
	}
	// The schema must also reject what Decode rejects for shape.
	var bad map[string]any
	json.Unmarshal(data, &bad)
	bad["version"] = 2
	if err := s.Validate(bad); err == nil {
		t.Error("gold.schema.json accepts version 2")
	}
}

func FuzzDecode(f *testing.F) {
	good, _ := Marshal(sampleFile(f))
	f.Add(good)
	f.Add([]byte(`{"format":"belgi-gold","version":1,"schema":{"name":"","entities":[]},"documents":[]}`))
	f.Add([]byte(`{"format":"belgi-gold","version":1,"documents":[{"id":"d","text":"a","spans":[{"id":"T","start":0,"end":5}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode(data)
		if err != nil {
			return
		}
		out, err := Marshal(file)
		if err != nil {
			t.Fatalf("a decoded file does not encode: %v", err)
		}
		again, err := Decode(out)
		if err != nil {
			t.Fatalf("re-decoding an export failed: %v", err)
		}
		out2, _ := Marshal(again)
		if !bytes.Equal(out, out2) {
			t.Fatal("export is not stable")
		}
	})
}

func TestDecodeRefusesLoneSurrogate(t *testing.T) {
	good, err := Marshal(NewFile(Schema{}, NewDocument("d1", "Митинг 😀", "", "Алматы 😀")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(good); err != nil {
		t.Fatalf("a file with an emoji: %v", err)
	}
	pair := bytes.ReplaceAll(good, []byte("😀"), []byte(`\ud83d\ude00`))
	if _, err := Decode(pair); err != nil {
		t.Fatalf("a file with an escaped pair: %v", err)
	}
	for _, tt := range []struct{ field, lone string }{
		{"text", `\ud800`}, {"title", `\uDC00x`}, {"text", `\ud83d\u0041`},
	} {
		bad := bytes.Replace(pair, []byte(`\ud83d\ude00`), []byte(tt.lone), 1)
		if tt.field == "text" {
			i := bytes.Index(pair, []byte(`"text"`))
			bad = append(append([]byte{}, pair[:i]...), bytes.Replace(pair[i:], []byte(`\ud83d\ude00`), []byte(tt.lone), 1)...)
		}
		_, err := Decode(bad)
		if err == nil || !strings.Contains(err.Error(), `field "`+tt.field+`"`) || !strings.Contains(err.Error(), "surrogate") {
			t.Errorf("%s %s: %v", tt.field, tt.lone, err)
		}
	}
}

func FuzzCheckSurrogates(f *testing.F) {
	f.Add([]byte(`{"text":"\ud800"}`))
	f.Add([]byte(`{"text":"\ud83d\ude00 \\ud800"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := CheckSurrogates(data)
		var v any
		if err != nil && json.Unmarshal(data, &v) == nil && !bytes.Contains(data, []byte(`\u`)) && !bytes.Contains(data, []byte(`\U`)) {
			t.Errorf("refused %q, which has no \\u escape", data)
		}
	})
}
