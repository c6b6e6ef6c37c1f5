//go:build !wasm

package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/app"
)

// TestConvertAgreesWithApp exports the same gold file with `belgi convert`
// and with the app's Export (app.ExportAs), and imports the result back with
// both, and checks that both give the same bytes and the same loss report:
// they are two adapters of one registry.
func TestConvertAgreesWithApp(t *testing.T) {
	d := annotations.NewDocument("d1", "Митинг", "", "Алматы  қаласында\n\nмитинг   өтті.")
	d.Language = "kk"
	d.Spans = []annotations.Span{{ID: "T1", Label: "LOC", Start: 0, End: 6, Text: "Алматы"}}
	schema := annotations.Schema{Name: "s", Entities: []annotations.EntityType{{Type: "LOC"}}}
	gold, err := annotations.Marshal(annotations.NewFile(schema, d))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	if err := os.WriteFile(in, gold, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"conll", "doccano", "labelstudio", "spacy", "brat", "json"} {
		t.Run(to, func(t *testing.T) {
			_, want, lost, err := app.ExportAs(to, schema, []*annotations.Document{d})
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out-"+to)
			msg := mustConvert(t, "--from", "json", "--to", to, in, out)
			var got []byte
			if to == "brat" {
				got = zipOfFolder(t, out, want)
			} else if got, err = os.ReadFile(out); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("convert wrote\n%s\nthe app\n%s", got, want)
			}
			if cli := prefixed(msg, "lost: "); !slices.Equal(cli, lost) {
				t.Errorf("convert lost\n%s\nthe app\n%s", strings.Join(cli, "\n"), strings.Join(lost, "\n"))
			}
			if to == "conll" && !slices.ContainsFunc(lost, func(l string) bool { return strings.Contains(l, "text not kept as it is") }) {
				t.Errorf("CoNLL: the whitespace lost is not reported: %q", lost)
			}
			if to == "brat" {
				return
			}
			// And back: the same documents from both.
			back := filepath.Join(dir, "back-"+to+".json")
			mustConvert(t, "--from", to, "--to", "json", out, back)
			docs, _, res := app.ImportFiles([]app.File{{Name: filepath.Base(out), Data: want}})
			if to == "json" {
				return // the app adds gold JSON as its own file
			}
			if len(res) != 1 || res[0].Err != nil || len(docs) != 1 {
				t.Fatalf("app import: %+v", res)
			}
			f, err := annotations.Decode(mustRead(t, back))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Documents) != 1 || f.Documents[0].Text != docs[0].Text || len(f.Documents[0].Spans) != len(docs[0].Spans) {
				t.Errorf("convert read back %+v, the app %+v", f.Documents, docs)
			}
		})
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// prefixed returns the lines of msg that start with prefix, without it.
func prefixed(msg, prefix string) []string {
	var out []string
	for _, l := range strings.Split(msg, "\n") {
		if s, ok := strings.CutPrefix(l, prefix); ok {
			out = append(out, s)
		}
	}
	return out
}

// zipOfFolder returns want if the folder holds exactly the entries of the
// zip archive want, byte for byte, and the folder's file list otherwise.
func zipOfFolder(t *testing.T, dir string, want []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(want), int64(len(want)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() {
			n++
		}
		return err
	})
	if n != len(zr.File) {
		return fmt.Appendf(nil, "a folder of %d files", n)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		a, _ := io.ReadAll(rc)
		rc.Close()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Name)))
		if err != nil || !bytes.Equal(a, b) {
			return []byte(f.Name + " differs: " + string(b))
		}
	}
	return want
}

// TestConvertReadAgreesWithApp reads the same flawed files with both and
// checks that both report the same problems.
func TestConvertReadAgreesWithApp(t *testing.T) {
	for _, tt := range []struct{ from, name, data string }{
		{"conll", "a.conll", "Алматы B-LOC\nқаласында I-PER\n\nмитинг O\n"},
		{"doccano", "a.jsonl", `{"text":"Алматы","label":[[0,60,"LOC"],[0,6,"LOC"]]}` + "\n"},
		{"spacy", "a.jsonl", `{"text":"Алматы","spans":[{"start":0,"end":60,"label":"LOC"}]}` + "\n"},
	} {
		t.Run(tt.from, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, tt.name)
			os.WriteFile(in, []byte(tt.data), 0o644)
			msg := mustConvert(t, "--from", tt.from, "--to", "json", in, filepath.Join(dir, "out.json"))
			_, _, res := app.ImportFiles([]app.File{{Name: tt.name, Data: []byte(tt.data)}})
			if len(res) != 1 || res[0].Format != tt.from {
				t.Fatalf("app import: %+v", res)
			}
			cli := prefixed(msg, "read: ")
			if len(cli) == 0 || !slices.Equal(cli, res[0].Notes) {
				t.Errorf("convert read\n%s\nthe app\n%s", strings.Join(cli, "\n"), strings.Join(res[0].Notes, "\n"))
			}
		})
	}
}
