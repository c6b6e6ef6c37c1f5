//go:build !wasm

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"belgi/annotations"
)

func TestAssign(t *testing.T) {
	dir := t.TempDir()
	var docs []*annotations.Document
	for i := range 10 {
		docs = append(docs, annotations.NewDocument(fmt.Sprint("d", i), "", "", fmt.Sprint("Ереуіл ", i)))
	}
	in := writeGoldFile(t, dir, "corpus.json", docs...)
	out := filepath.Join(dir, "packages")
	var buf bytes.Buffer
	assignOut = &buf
	defer func() { assignOut = os.Stdout }()
	if err := runAssign([]string{"--annotators", "aigerim,boris", "--overlap", "0.2", "--seed", "3", "--out", out, in}); err != nil {
		t.Fatal(err)
	}
	total := 0
	var files []string
	for _, a := range []string{"aigerim", "boris"} {
		p := filepath.Join(out, a+".json")
		files = append(files, p)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := annotations.Decode(data)
		if err != nil {
			t.Fatalf("%s is not a valid gold file: %v", p, err)
		}
		if len(f.Annotators) != 1 || f.Annotators[0].ID != a || f.Exported == "" {
			t.Errorf("%s: annotators %+v, exported %q", p, f.Annotators, f.Exported)
		}
		for _, d := range f.Documents {
			if d.Annotator != a {
				t.Errorf("%s: document %s has annotator %q", p, d.ID, d.Annotator)
			}
		}
		total += len(f.Documents)
	}
	if total != 12 {
		t.Errorf("%d documents in the packages, want 10 + 2 overlapped", total)
	}
	// The packages feed agree: two texts are shared.
	js, _, err := agreeRun(t, append([]string{"--json"}, files...)...)
	if err != nil || !strings.Contains(js, `"documents": 2`) {
		t.Errorf("agree over the packages: %v\n%.300s", err, js)
	}
	for _, bad := range [][]string{
		{in},
		{"--annotators", "a,a", in},
		{"--annotators", "a,b", "--overlap", "2", in},
		{"--annotators", "a/b,c", "--out", out, in},
		{"--annotators", "a,b", filepath.Join(dir, "none.json")},
	} {
		if err := runAssign(bad); err == nil {
			t.Errorf("assign %q: no error", bad)
		}
	}
}
