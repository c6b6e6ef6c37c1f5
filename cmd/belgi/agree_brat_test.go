//go:build !wasm

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgreeBratFolders compares two annotators' brat folders: the
// annotator is the folder's name.
func TestAgreeBratFolders(t *testing.T) {
	dir := t.TempDir()
	for ann, lines := range map[string]string{
		"aigerim": "T1\tORG 0 7\tПолиция\nT2\tGPE 42 48\tАлматы\n",
		"boris":   "T1\tORG 0 7\tПолиция\nT2\tLOC 42 48\tАлматы\n",
	} {
		d := filepath.Join(dir, ann)
		os.Mkdir(d, 0o755)
		os.WriteFile(filepath.Join(d, "news1.txt"), []byte(agreeText), 0o644)
		os.WriteFile(filepath.Join(d, "news1.ann"), []byte(lines), 0o644)
	}
	out, _, err := agreeRun(t, "--json", filepath.Join(dir, "aigerim"), filepath.Join(dir, "boris"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"aigerim"`, `"boris"`, `"documents": 1`, `"f1": 0.5`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%.600s", want, out)
		}
	}
}
