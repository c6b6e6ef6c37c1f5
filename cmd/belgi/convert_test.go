//go:build !wasm

package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/internal/shared"
)

// convert runs the convert command and returns what it wrote to standard
// error.
func convert(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stderr, stdout bytes.Buffer
	convertErr, convertOut = &stderr, &stdout
	defer func() { convertErr, convertOut = os.Stderr, os.Stdout }()
	err := runConvert(args)
	return stderr.String(), err
}

func mustConvert(t *testing.T, args ...string) string {
	t.Helper()
	msg, err := convert(t, args...)
	if err != nil {
		t.Fatalf("convert %q: %v\n%s", args, err, msg)
	}
	return msg
}

// samePairs fails unless every .txt and .ann file under want is byte for
// byte the same under got, and got has no other pairs.
func samePairs(t *testing.T, want, got string) int {
	t.Helper()
	n := 0
	seen := map[string]bool{}
	filepath.WalkDir(want, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (filepath.Ext(p) != ".txt" && filepath.Ext(p) != ".ann") {
			return err
		}
		rel, _ := filepath.Rel(want, p)
		seen[rel] = true
		w, _ := os.ReadFile(p)
		g, err := os.ReadFile(filepath.Join(got, rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if !bytes.Equal(w, g) {
			t.Errorf("%s: not byte-exact after brat → json → brat", rel)
		}
		n++
		return nil
	})
	filepath.WalkDir(got, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (filepath.Ext(p) != ".txt" && filepath.Ext(p) != ".ann") {
			return err
		}
		if rel, _ := filepath.Rel(got, p); !seen[rel] {
			t.Errorf("%s: written but not in the input", rel)
		}
		return nil
	})
	return n
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

func TestConvertBratRoundTrip(t *testing.T) {
	dirs := []string{"../../annotations/brat/testdata/corpus"}
	for _, d := range []string{"nerel", "brat-tutorial-news", "bionlp-st-2011-ge", "synthetic"} {
		if p := sharedPath("fixtures/" + d); p != "" {
			dirs = append(dirs, p)
		} else {
			t.Logf("../shared/fixtures/%s is absent: not round-tripped", d)
		}
	}
	for _, dir := range dirs {
		tmp := t.TempDir()
		gold := filepath.Join(tmp, "gold.json")
		mustConvert(t, "--from", "brat", "--to", "json", dir, gold)
		data, err := os.ReadFile(gold)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := annotations.Decode(data); err != nil {
			t.Fatalf("%s: the gold file does not validate: %v", dir, err)
		}
		out := filepath.Join(tmp, "out")
		mustConvert(t, gold, out, "--to", "brat", "--from", "json") // flags after the paths
		n := samePairs(t, dir, out)
		t.Logf("%s: %d files byte-exact", filepath.Base(dir), n)
	}
}

func TestConvertReports(t *testing.T) {
	tmp := t.TempDir()
	gold := filepath.Join(tmp, "gold.json")
	msg := mustConvert(t, "--from", "brat", "--to", "json", "../../annotations/brat/testdata/corpus", gold)
	for _, want := range []string{
		"read: ru_crlf_emoji.ann:24: line kept verbatim",
		"belgi convert: 3 documents, 19 spans from brat to json; 3 input problems and 0 items not carried over",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	// doccano's flat variant holds no events or relations: each is named.
	msg = mustConvert(t, "--from", "json", "--to", "doccano", gold, filepath.Join(tmp, "flat.jsonl"))
	for _, want := range []string{
		"lost: ru_crlf_emoji: E2: event Arrest not written",
		"lost: ru_crlf_emoji: R1: relation LocatedIn not written: the flat variant holds no relations",
		"lost: ru_crlf_emoji: T9: discontinuous span",
		"lost: ru_crlf_emoji: M2: attribute Realis not written",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	// --strict turns losses into failure.
	if _, err := convert(t, "--strict", "--from", "json", "--to", "conll", gold, filepath.Join(tmp, "x.conll")); err == nil || !strings.Contains(err.Error(), "--strict") {
		t.Errorf("--strict: error %v", err)
	}
	// To standard output.
	var stdout bytes.Buffer
	convertErr, convertOut = &bytes.Buffer{}, &stdout
	err := runConvert([]string{"--from", "json", "--to", "labelstudio", gold, "-"})
	convertErr, convertOut = os.Stderr, os.Stdout
	if err != nil || !strings.HasPrefix(stdout.String(), "[\n{") {
		t.Errorf("labelstudio to stdout: %v\n%.100s", err, stdout.String())
	}
}

// TestConvertChain passes documents through every writable format and
// back to the native one, checking that what each format holds survives.
func TestConvertChain(t *testing.T) {
	tmp := t.TempDir()
	gold := filepath.Join(tmp, "gold.json")
	mustConvert(t, "--from", "brat", "--to", "json", "../../annotations/brat/testdata/corpus", gold)
	for _, tc := range []struct {
		format string
		flags  []string
	}{
		{"doccano", []string{"--variant", "entities"}},
		{"labelstudio", nil},
		{"spacy", []string{"--lang", "ru"}},
		{"conll", []string{"--lang", "ru"}},
	} {
		out := filepath.Join(tmp, tc.format+".out")
		args := append([]string{"--from", "json", "--to", tc.format}, tc.flags...)
		mustConvert(t, append(args, gold, out)...)
		back := filepath.Join(tmp, tc.format+".json")
		mustConvert(t, "--from", tc.format, "--to", "json", out, back)
		data, err := os.ReadFile(back)
		if err != nil {
			t.Fatal(err)
		}
		f, err := annotations.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", tc.format, err)
		}
		if len(f.Documents) != 3 {
			t.Errorf("%s: %d documents back, want 3", tc.format, len(f.Documents))
		}
		if tc.format == "conll" {
			continue // CoNLL keeps tokens, not the text
		}
		for _, d := range f.Documents {
			if !strings.Contains(d.Text, "Бос құжат") && len(d.Spans) == 0 {
				t.Errorf("%s: %s lost its spans", tc.format, d.ID)
			}
		}
	}
}

func TestConvertCoNLLFixtures(t *testing.T) {
	dir := shared.Dir(t, "fixtures/kaznerd")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	case4, _ := filepath.Glob(filepath.Join(shared.Dir(t, "fixtures/glocon-case2021/case2021-task1"), "subtask4__*.txt"))
	for _, f := range append(files, case4...) {
		tmp := t.TempDir()
		mustConvert(t, "--from", "conll", "--to", "json", f, filepath.Join(tmp, "g.json"))
		mustConvert(t, "--from", "json", "--to", "conll", filepath.Join(tmp, "g.json"), filepath.Join(tmp, "back.txt"))
		want, _ := os.ReadFile(f)
		got, _ := os.ReadFile(filepath.Join(tmp, "back.txt"))
		if !bytes.Equal(want, got) {
			t.Errorf("%s: not byte-exact after conll → json → conll", filepath.Base(f))
		}
	}
	t.Logf("%d files byte-exact", len(files)+len(case4))
}

func TestConvertErrors(t *testing.T) {
	tmp := t.TempDir()
	full := filepath.Join(tmp, "full")
	os.MkdirAll(full, 0o755)
	os.WriteFile(filepath.Join(full, "x.txt"), []byte("x"), 0o644)
	gold := filepath.Join(tmp, "g.json")
	os.WriteFile(gold, []byte(`{"format":"belgi-gold","version":1,"schema":{"name":"","entities":[]},"documents":[]}`), 0o644)
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"--from", "xml", "--to", "json", "a", "b"}, `unknown input format "xml"`},
		{[]string{"--from", "json", "--to", "json", "a"}, "want --from, --to, IN and OUT"},
		{[]string{"--from", "json", "--to", "brat", gold, full}, "is not empty"},
		{[]string{"--from", "conll", "--to", "json", tmp, "b"}, "is a folder"},
		{[]string{"--from", "json", "--to", "conll", "--scheme", "XYZ", gold, filepath.Join(tmp, "o")}, `unknown tagging scheme "XYZ"`},
		{[]string{"--from", "json", "--to", "doccano", "--variant", "x", gold, filepath.Join(tmp, "o")}, `unknown doccano variant "x"`},
		{[]string{"--from", "doccano", "--to", "json", gold, filepath.Join(tmp, "o")}, `g.json: line 1`},
		{[]string{"--from", "json", "--to", "folia", gold, filepath.Join(tmp, "o")}, "folia is import only"},
	} {
		_, err := convert(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: error %v, want %q", tc.args, err, tc.err)
		}
	}
}

// TestConvertImporters imports the event corpora: the fixtures of our own
// and, when ../shared is there, the GLOCON and FactRuEval samples.
func TestConvertImporters(t *testing.T) {
	type job struct{ format, in string }
	jobs := []job{
		{"folia", "../../annotations/folia/testdata/almaty.folia.xml"},
		{"case", "../../annotations/casefmt/testdata/subtask3.json"},
		{"case", "../../annotations/casefmt/testdata/subtask4.txt"},
		{"factrueval", "../../annotations/factrueval/testdata"},
	}
	if p := sharedPath("fixtures/nerel"); p != "" {
		jobs = append(jobs, job{"brat", p})
	}
	for _, j := range []job{
		{"folia", "fixtures/glocon-case2021/folia"},
		{"case", "fixtures/glocon-case2021/case2021-task1/subtask4__train_sample.txt"},
		{"factrueval", "fixtures/factrueval-2016"},
	} {
		if p := sharedPath(j.in); p != "" {
			jobs = append(jobs, job{j.format, p})
		} else {
			t.Logf("../shared/%s is absent: not imported", j.in)
		}
	}
	for _, j := range jobs {
		gold := filepath.Join(t.TempDir(), "g.json")
		msg := mustConvert(t, "--from", j.format, "--to", "json", "--events-from-relations", "EVENT", j.in, gold)
		data, err := os.ReadFile(gold)
		if err != nil {
			t.Fatal(err)
		}
		f, err := annotations.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", j.in, err)
		}
		events := 0
		for _, d := range f.Documents {
			events += len(d.Events)
		}
		if events == 0 {
			t.Errorf("%s: no events imported", j.in)
		}
		if len(f.Schema.Events) == 0 {
			t.Errorf("%s: no event types in the gathered schema", j.in)
		}
		t.Logf("%s: %d documents, %d events; %s", filepath.Base(j.in), len(f.Documents), events, strings.TrimSpace(msg[strings.LastIndex(msg, "belgi convert"):]))
		// And on to brat, which holds events.
		mustConvert(t, "--from", "json", "--to", "brat", gold, filepath.Join(t.TempDir(), "brat"))
	}
}
