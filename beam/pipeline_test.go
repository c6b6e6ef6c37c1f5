package beam_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"belgi/batch"
	"belgi/batch/corpus"
	belgibeam "belgi/beam"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
)

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}

// The Beam pipeline on Prism writes what belgi batch writes, for the same
// input and settings.
func TestSameAsBatch(t *testing.T) {
	in := t.TempDir()
	if _, err := corpus.Example(in); err != nil {
		t.Fatal(err)
	}
	files, _, err := batch.Files([]string{in})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		o    belgibeam.Options
	}{
		{"defaults", belgibeam.Options{}},
		{"sample and packages", belgibeam.Options{Config: batch.Config{PerStratum: 1, Seed: 5, Annotators: 2, Overlap: 0.5, NoDedup: true},
			Gazetteer: "Алматы\tGPE\n"}},
		{"filters", belgibeam.Options{Config: batch.Config{Languages: []string{"kk", "ru"}, Keywords: []string{"ереуіл", "митинг"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.o.BatchConfig()
			if err != nil {
				t.Fatal(err)
			}
			local, viaBeam := t.TempDir(), t.TempDir()
			want, err := batch.Run(context.Background(), c, files, local, batch.Options{})
			if err != nil {
				t.Fatal(err)
			}
			p, s := beam.NewPipelineWithRoot()
			belgibeam.Build(s, tc.o, files, viaBeam)
			if _, err := prism.Execute(context.Background(), p); err != nil {
				t.Fatal(err)
			}
			names := []string{batch.DocumentsFile, batch.DuplicatesFile}
			if tc.o.Gazetteer != "" {
				names = append(names, batch.SuggestionsFile)
			}
			for i := range tc.o.Config.Annotators {
				names = append(names, filepath.Join(batch.PackagesDir, "annotator-0"+string(rune('1'+i))+".json"))
			}
			for _, n := range names {
				a, err := os.ReadFile(filepath.Join(local, n))
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(filepath.Join(viaBeam, n))
				if err != nil {
					t.Fatal(err)
				}
				if string(a) != string(b) {
					t.Errorf("%s differs:\nbelgi batch: %.300s\nbeam:        %.300s", n, a, b)
				}
				if len(a) == 0 && n == batch.DocumentsFile {
					t.Errorf("%s is empty", n)
				}
			}
			var got batch.Report
			data, err := os.ReadFile(filepath.Join(viaBeam, batch.ReportFile))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				name string
				a, b any
			}{
				{"in", want.In, got.In}, {"kept", want.Kept, got.Kept}, {"duplicates", want.Duplicates, got.Duplicates},
				{"rejected", want.Rejected, got.Rejected}, {"languages", want.Languages, got.Languages},
				{"sources", want.Sources, got.Sources}, {"encodings", want.Encodings, got.Encodings},
				{"packages", want.Packages, got.Packages},
			} {
				if !reflect.DeepEqual(f.a, f.b) {
					t.Errorf("report %s: belgi batch %v, beam %v", f.name, f.a, f.b)
				}
			}
			for i := range want.Steps {
				if i >= len(got.Steps) || want.Steps[i].In != got.Steps[i].In || want.Steps[i].Out != got.Steps[i].Out {
					t.Errorf("steps: belgi batch %+v, beam %+v", want.Steps, got.Steps)
					break
				}
			}
		})
	}
}
