//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"belgi/annotations"
)

// agreeText is the worked example of agreement.md.
const agreeText = "Полиция задержала 12 участников митинга в Алматы 5 января ."

// agreeDoc returns a document of agreeText with spans given as
// label, start and end in code points.
func agreeDoc(id, annotator string, spans ...any) *annotations.Document {
	d := annotations.NewDocument(id, id, id+".txt", agreeText)
	d.Annotator = annotator
	for i := 0; i+2 < len(spans); i += 3 {
		st, e := spans[i+1].(int), spans[i+2].(int)
		d.Spans = append(d.Spans, annotations.Span{ID: d.NextID("T"), Label: spans[i].(string), Start: st, End: e, Text: string([]rune(agreeText)[st:e])})
	}
	return d
}

// The worked example in code points: ORG [0,7), GROUP [18,39) or [18,31),
// GPE/LOC [42,48), TIME [49,57).
func agreeA(ann string) *annotations.Document {
	return agreeDoc("news1", ann, "ORG", 0, 7, "GROUP", 18, 39, "GPE", 42, 48, "TIME", 49, 57)
}

func agreeB(ann string) *annotations.Document {
	return agreeDoc("news1", ann, "ORG", 0, 7, "GROUP", 18, 31, "LOC", 42, 48, "TIME", 49, 57)
}

func writeGoldFile(t *testing.T, dir, name string, docs ...*annotations.Document) string {
	t.Helper()
	data, err := annotations.Marshal(annotations.NewFile(annotations.DefaultSchema(), docs...))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func agreeRun(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	agreeOut, agreeErr = &o, &e
	defer func() { agreeOut, agreeErr = os.Stdout, os.Stderr }()
	err = runAgree(args)
	return o.String(), e.String(), err
}

func TestAgreeJSON(t *testing.T) {
	dir := t.TempDir()
	a := writeGoldFile(t, dir, "aigerim.json", agreeA(""))
	b := writeGoldFile(t, dir, "boris.json", agreeB(""))
	out, _, err := agreeRun(t, "--json", a, b)
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Annotators []string `json:"annotators"`
		Documents  int      `json:"documents"`
		Spans      struct {
			Exact struct {
				F1         *float64            `json:"f1"`
				SD         *float64            `json:"sd"`
				ByLabel    map[string]*float64 `json:"byLabel"`
				ByDocument map[string]*float64 `json:"byDocument"`
				Pairs      []struct {
					A, B string
					F1   *float64
				} `json:"pairs"`
			} `json:"exact"`
			Overlap struct {
				F1 *float64 `json:"f1"`
			} `json:"overlap"`
			AlphaU struct {
				Overall *float64            `json:"overall"`
				ByLabel map[string]*float64 `json:"byLabel"`
			} `json:"alphaU"`
		} `json:"spans"`
		Events struct {
			Trigger  struct{ F1 *float64 } `json:"trigger"`
			Argument struct{ F1 *float64 } `json:"argument"`
		} `json:"events"`
		Attributes map[string]struct{ Kappa *float64 } `json:"attributes"`
	}
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	eq := func(what string, got *float64, want float64) {
		if got == nil || math.Abs(*got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	if strings.Join(o.Annotators, ",") != "aigerim,boris" || o.Documents != 1 {
		t.Errorf("annotators %q, documents %d", o.Annotators, o.Documents)
	}
	eq("spans.exact.f1", o.Spans.Exact.F1, 0.5)
	eq("spans.exact.sd", o.Spans.Exact.SD, 0)
	eq("spans.exact.byLabel.ORG", o.Spans.Exact.ByLabel["ORG"], 1)
	eq("spans.exact.byDocument.news1", o.Spans.Exact.ByDocument["news1"], 0.5)
	eq("spans.overlap.f1", o.Spans.Overlap.F1, 0.75)
	eq("spans.alphaU.byLabel.TIME", o.Spans.AlphaU.ByLabel["TIME"], 1)
	if len(o.Spans.Exact.Pairs) != 1 || o.Spans.Exact.Pairs[0].A != "aigerim" || o.Spans.Exact.Pairs[0].B != "boris" {
		t.Errorf("pairs %+v", o.Spans.Exact.Pairs)
	}
	if a := o.Spans.AlphaU.Overall; a == nil || *a <= 0 || *a >= 1 {
		t.Errorf("spans.alphaU.overall = %v", a)
	}
	if o.Events.Trigger.F1 != nil || o.Events.Argument.F1 != nil {
		t.Error("event F1 given as a number with no events")
	}
	if strings.Contains(out, "NaN") {
		t.Error("NaN in the output")
	}
}

func TestAgreeText(t *testing.T) {
	dir := t.TempDir()
	// One gold file holding three annotators. Document ids must be unique
	// in a gold file; versions are matched by the text's hash anyway.
	a, b, c := agreeA("a"), agreeB("b"), agreeA("c")
	b.ID, c.ID = "news1-b", "news1-c"
	p := writeGoldFile(t, dir, "team.json", a, b, c)
	out, stderr, err := agreeRun(t, "--labels", "ORG,GROUP", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Annotators: a, b, c", "Exact-match span F1", "0.667", "news1", "boundary"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "NaN") || strings.Contains(stderr, "NaN") {
		t.Error("NaN printed")
	}
	md, _, err := agreeRun(t, "--markdown", p)
	if err != nil || !strings.Contains(md, "| measure | value | sd |") {
		t.Errorf("markdown: %v\n%s", err, md)
	}
}

func TestAgreeBadInput(t *testing.T) {
	dir := t.TempDir()
	a := writeGoldFile(t, dir, "a.json", agreeA(""))
	b := writeGoldFile(t, dir, "b.json", agreeB(""))
	same1 := writeGoldFile(t, dir, "x.json", agreeA("ann"))
	same2 := writeGoldFile(t, dir, "y.json", agreeB("ann"))
	other := annotations.NewDocument("news1", "", "", agreeText+"!")
	diff := writeGoldFile(t, dir, "c.json", other)
	empty := writeGoldFile(t, dir, "e.json", agreeDoc("news1", ""))
	only := writeGoldFile(t, dir, "o.json", agreeDoc("news1", "", "PER", 0, 7))
	broken := filepath.Join(dir, "broken.json")
	os.WriteFile(broken, []byte(`{"format": "belgi-gold", "version": 1, "documents": [`), 0o644)
	tests := []struct {
		name    string
		args    []string
		err     string // in the error, "" for none
		warning string // on stderr
	}{
		{"same annotator twice", []string{same1, same2}, `both hold annotator "ann"`, ""},
		{"texts match nothing", []string{a, diff}, "no text was annotated by two or more", ""},
		{"a single annotator", []string{a}, "two or more annotators", ""},
		{"no input", nil, "no INPUT", ""},
		{"broken file", []string{a, broken}, "broken.json", ""},
		{"missing file", []string{a, filepath.Join(dir, "nope.json")}, "nope.json", ""},
		{"an annotator with no annotations", []string{a, empty}, "", "e has no annotations"},
		{"differing label sets", []string{a, only}, "", "the label sets differ"},
		{"unknown label", []string{"--labels", "XYZ", a, b}, "", `no annotator used label "XYZ"`},
	}
	for _, tt := range tests {
		out, stderr, err := agreeRun(t, append([]string{"--json"}, tt.args...)...)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.warning != "" && !strings.Contains(stderr, tt.warning):
			t.Errorf("%s: stderr %q, want %q", tt.name, stderr, tt.warning)
		}
		if strings.Contains(out, "NaN") {
			t.Errorf("%s: NaN in the output", tt.name)
		}
	}
}
