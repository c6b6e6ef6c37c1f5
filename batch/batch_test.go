package batch_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/batch"
	"belgi/batch/corpus"
)

func example(t *testing.T) (string, corpus.Expect) {
	t.Helper()
	dir := t.TempDir()
	e, err := corpus.Example(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, e
}

func run(t *testing.T, c batch.Config, dir string, workers int) (*batch.Report, string) {
	t.Helper()
	files, _, err := batch.Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	rep, err := batch.Run(context.Background(), c, files, out, batch.Options{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return rep, out
}

func lines[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	return out
}

func TestExampleCorpus(t *testing.T) {
	dir, want := example(t)
	rep, out := run(t, batch.Config{}, dir, 2)
	if rep.In != int64(want.In) || rep.Kept != int64(want.Kept) || rep.Exact != int64(want.Exact) || rep.Near != int64(want.Near) {
		t.Errorf("in %d kept %d exact %d near %d, want %d %d %d %d", rep.In, rep.Kept, rep.Exact, rep.Near, want.In, want.Kept, want.Exact, want.Near)
	}
	got := map[string]int{}
	for r, n := range rep.Rejected {
		got[r] = int(n)
	}
	if !reflect.DeepEqual(got, want.Rejected) {
		t.Errorf("rejected %v, want %v", got, want.Rejected)
	}
	if rep.Encodings["windows-1251"] != 1 {
		t.Errorf("encodings %v, want one windows-1251 page", rep.Encodings)
	}
	if rep.Languages["ru"] != 1 || rep.Languages["kk"] != 1 || rep.Languages["en"] != 1 {
		t.Errorf("languages %v, want one each of ru, kk, en", rep.Languages)
	}
	var sum int64
	for _, n := range rep.Rejected {
		sum += n
	}
	if sum+rep.Duplicates+rep.Kept != rep.In {
		t.Errorf("rejected %d + duplicates %d + kept %d != in %d", sum, rep.Duplicates, rep.Kept, rep.In)
	}
	if last := rep.Steps[len(rep.Steps)-1]; last.Out != rep.Kept {
		t.Errorf("last step %+v does not end with the kept count %d", last, rep.Kept)
	}
	for i := 1; i < len(rep.Steps); i++ {
		if rep.Steps[i].In != rep.Steps[i-1].Out {
			t.Errorf("step %s starts with %d, previous ended with %d", rep.Steps[i].Name, rep.Steps[i].In, rep.Steps[i-1].Out)
		}
	}

	docs := lines[batch.DocumentLine](t, filepath.Join(out, batch.DocumentsFile))
	dups := lines[batch.DuplicateLine](t, filepath.Join(out, batch.DuplicatesFile))
	if len(docs) != int(rep.Kept) || len(dups) != int(rep.Duplicates) {
		t.Fatalf("%d documents, %d duplicates in the files; report says %d, %d", len(docs), len(dups), rep.Kept, rep.Duplicates)
	}
	kept := map[string]bool{}
	for _, d := range docs {
		if d.ID == "" || d.Source == "" || d.Language == "" || d.Text == "" {
			t.Errorf("document line with an empty field: %+v", d)
		}
		kept[d.ID] = true
	}
	for _, d := range dups {
		if !kept[d.DuplicateOf] {
			t.Errorf("%s is a duplicate of %s, which was not kept", d.Key, d.DuplicateOf)
		}
		if d.Kind == batch.Near && d.Similarity < batch.DefaultThreshold {
			t.Errorf("%s: near-duplicate at similarity %v, below the threshold", d.Key, d.Similarity)
		}
	}
	// The report on disk is the one returned.
	var onDisk batch.Report
	data, err := os.ReadFile(filepath.Join(out, batch.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &onDisk); err != nil || onDisk.Kept != rep.Kept || onDisk.In != rep.In {
		t.Errorf("report.json: %v, kept %d in %d", err, onDisk.Kept, onDisk.In)
	}
}

// The output depends on the input and the settings, not on the number of
// workers.
func TestDeterministic(t *testing.T) {
	dir, _ := example(t)
	c := batch.Config{PerStratum: 1, Seed: 3, Annotators: 2, Overlap: 0.5}
	_, a := run(t, c, dir, 1)
	_, b := run(t, c, dir, 4)
	for _, f := range []string{batch.DocumentsFile, batch.DuplicatesFile, "packages/annotator-01.json", "packages/annotator-02.json"} {
		x, err := os.ReadFile(filepath.Join(a, f))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, f))
		if err != nil {
			t.Fatal(err)
		}
		if string(x) != string(y) {
			t.Errorf("%s differs between 1 and 4 workers", f)
		}
	}
}

func TestFilters(t *testing.T) {
	dir, _ := example(t)
	gaz := "# names\nАлматы\tGPE\nAlmaty\tGPE\nЖаңаөзен\tGPE\n"
	for _, tc := range []struct {
		name      string
		c         batch.Config
		kept      int64
		languages []string
		reason    string
	}{
		{"languages", batch.Config{Languages: []string{"kk", "en"}}, 2, []string{"en", "kk"}, batch.ReasonLanguage},
		{"keywords", batch.Config{Keywords: []string{"ереуіл", "STRIKE"}}, 1, []string{"kk"}, batch.ReasonKeyword},
		{"labels", batch.Config{Labels: []string{"GPE"}}, 2, []string{"kk", "ru"}, batch.ReasonLabel},
		{"nothing matches", batch.Config{Languages: []string{"tt"}}, 0, []string{}, batch.ReasonLanguage},
		{"no dedup", batch.Config{NoDedup: true}, 13, []string{"en", "kk", "ru"}, ""},
		// Four strata: the folder, and three sites each in one month.
		{"sample", batch.Config{PerStratum: 1, NoDedup: true}, 4, nil, batch.ReasonSample},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.c.Labels != nil {
				s, n, err := batch.Gazetteer(strings.NewReader(gaz))
				if err != nil || n != 3 {
					t.Fatalf("Gazetteer: %d names, %v", n, err)
				}
				tc.c.Suggest = s
			}
			rep, out := run(t, tc.c, dir, 2)
			if rep.Kept != tc.kept {
				t.Errorf("kept %d, want %d (report %+v)", rep.Kept, tc.kept, rep.Rejected)
			}
			langs := []string{}
			for l := range rep.Languages {
				langs = append(langs, l)
			}
			if len(langs) > 1 {
				for i := range langs {
					for j := i + 1; j < len(langs); j++ {
						if langs[j] < langs[i] {
							langs[i], langs[j] = langs[j], langs[i]
						}
					}
				}
			}
			if tc.languages != nil && !reflect.DeepEqual(langs, tc.languages) {
				t.Errorf("languages %v, want %v", langs, tc.languages)
			}
			if tc.reason != "" && rep.Rejected[tc.reason] == 0 {
				t.Errorf("no record rejected for %q: %v", tc.reason, rep.Rejected)
			}
			if tc.kept == 0 && len(rep.Warnings) == 0 {
				t.Error("no warning when nothing was kept")
			}
			if tc.c.Suggest != nil {
				sl := lines[batch.SuggestionLine](t, filepath.Join(out, batch.SuggestionsFile))
				if len(sl) != int(rep.Kept) || rep.Suggestions == 0 {
					t.Errorf("%d suggestion lines, %d suggestions for %d documents", len(sl), rep.Suggestions, rep.Kept)
				}
			}
		})
	}
}

func TestPackages(t *testing.T) {
	dir, _ := example(t)
	rep, out := run(t, batch.Config{NoDedup: true, Annotators: 3, Overlap: 0.5, Seed: 9}, dir, 2)
	seen := map[string]int{}
	var total int64
	for i, p := range rep.Packages {
		data, err := os.ReadFile(filepath.Join(out, p.File))
		if err != nil {
			t.Fatal(err)
		}
		f, err := annotations.Decode(data)
		if err != nil {
			t.Fatalf("package %d: %v", i, err)
		}
		if len(f.Documents) != int(p.Documents) {
			t.Errorf("%s: %d documents, report says %d", p.File, len(f.Documents), p.Documents)
		}
		for _, d := range f.Documents {
			seen[d.ID]++
			if d.Cleaning == nil || d.Language == "" || len(d.Paragraphs) == 0 {
				t.Errorf("%s: document %s lacks its cleaning record or languages", p.File, d.ID)
			}
		}
		total += p.Documents
	}
	if len(seen) != int(rep.Kept) {
		t.Errorf("%d documents packaged, %d kept", len(seen), rep.Kept)
	}
	two := 0
	for id, n := range seen {
		if n > 2 {
			t.Errorf("%s given to %d annotators", id, n)
		}
		if n == 2 {
			two++
		}
	}
	if two == 0 || two == len(seen) {
		t.Errorf("%d of %d documents given to two annotators at overlap 0.5", two, len(seen))
	}
}

func TestAssign(t *testing.T) {
	for _, tc := range []struct {
		n       int
		overlap float64
	}{{1, 0.5}, {2, 0}, {3, 0.2}, {5, 1}} {
		two := 0
		const docs = 2000
		for i := range docs {
			a := batch.Assign(string(rune('a'+i%26))+strings.Repeat("x", i/26), tc.n, tc.overlap, 1)
			if len(a) == 0 || len(a) > 2 || (len(a) == 2 && a[0] == a[1]) {
				t.Fatalf("n=%d: Assign gave %v", tc.n, a)
			}
			for _, x := range a {
				if x < 0 || x >= tc.n {
					t.Fatalf("n=%d: annotator %d", tc.n, x)
				}
			}
			if len(a) == 2 {
				two++
			}
		}
		want := tc.overlap
		if tc.n == 1 {
			want = 0
		}
		if got := float64(two) / docs; got < want-0.05 || got > want+0.05 {
			t.Errorf("n=%d overlap %v: %.3f given to two", tc.n, tc.overlap, got)
		}
	}
}

func TestFilesAndJSONL(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	write("b.jsonl", `{"id":"1","body":"Забастовка нефтяников продолжается третий день подряд в Жанаозене."}`+"\n"+
		`{"id":"1","body":"Митинг в Алматы прошёл без задержаний, сообщила полиция города."}`+"\n")
	write("a.txt", "Полиция задержала участников акции протеста у здания акимата в Астане.")
	write("notes.md", "not an input")
	files, total, err := batch.Files([]string{dir, filepath.Join(dir, "*.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || filepath.Base(files[0]) != "a.txt" || total == 0 {
		t.Fatalf("Files = %v, %d bytes; want a.txt, b.jsonl once each", files, total)
	}
	out := t.TempDir()
	rep, err := batch.Run(context.Background(), batch.Config{}, files, out, batch.Options{Reader: batch.Reader{TextField: "body"}})
	if err != nil {
		t.Fatal(err)
	}
	docs := lines[batch.DocumentLine](t, filepath.Join(out, batch.DocumentsFile))
	if rep.Kept != 3 || len(docs) != 3 {
		t.Fatalf("kept %d (%v), want 3", rep.Kept, rep.Rejected)
	}
	ids := map[string]bool{}
	for _, d := range docs {
		ids[d.ID] = true
	}
	if len(ids) != 3 || docs[1].Source != docs[2].Source || docs[1].Key == docs[2].Key {
		t.Errorf("documents %+v: want three IDs, one source for the two lines with id 1", docs)
	}
}
