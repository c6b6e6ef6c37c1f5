//go:build !wasm

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"belgi/annotations"
)

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	d := annotations.NewDocument("d1", "t", "", "Алматы 👍 митинг")
	w := annotations.NewWorkspace(annotations.DefaultSchema())
	w.Apply(annotations.Op{Kind: annotations.OpAddDocument, Document: d})
	w.Apply(annotations.Op{Kind: annotations.OpAddSpan, Doc: "d1", Span: &annotations.Span{Label: "GPE", Start: 0, End: 6}})
	good, _ := annotations.Marshal(annotations.NewFile(w.Schema, w.Documents...))
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	tests := []struct {
		name string
		args []string
		want string // "" means valid
	}{
		{"good", []string{write("good.json", good)}, ""},
		{"bad offset", []string{write("bad.json", []byte(strings.Replace(string(good), `"end": 6`, `"end": 60`, 1)))}, "invalid"},
		{"not JSON", []string{write("x.json", []byte("hello"))}, "broken JSON"},
		{"missing", []string{filepath.Join(dir, "nope.json")}, "no such file"},
		{"no args", nil, "usage"},
	}
	for _, tt := range tests {
		err := runValidate(tt.args)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}
