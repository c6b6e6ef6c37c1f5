//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"belgi/batch"
	"belgi/batch/corpus"
)

func TestBatchCommand(t *testing.T) {
	in := t.TempDir()
	want, err := corpus.Example(in)
	if err != nil {
		t.Fatal(err)
	}
	gaz := filepath.Join(t.TempDir(), "gazetteer.tsv")
	if err := os.WriteFile(gaz, []byte("Алматы\tGPE\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		kept  int64
		files []string
		err   string
	}{
		{"defaults", nil, int64(want.Kept), []string{batch.DocumentsFile, batch.DuplicatesFile, batch.ReportFile}, ""},
		{"packages", []string{"--annotators", "2", "--overlap", "0.5", "--gazetteer", gaz}, int64(want.Kept),
			[]string{"packages/annotator-01.json", "packages/annotator-02.json", batch.SuggestionsFile}, ""},
		{"flags after input", []string{"--languages", "kk"}, 1, nil, ""},
		{"bad overlap", []string{"--overlap", "2"}, 0, nil, "--overlap"},
		{"labels without gazetteer", []string{"--labels", "GPE"}, 0, nil, "--gazetteer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			var stdout, stderr bytes.Buffer
			batchOut, batchErr = &stdout, &stderr
			defer func() { batchOut, batchErr = os.Stdout, os.Stderr }()
			args := append([]string{"--out", out, in}, tc.args...)
			err := runBatch(args)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one about %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err, stderr.String())
			}
			if strings.Contains(stderr.String(), "[") {
				t.Errorf("progress bar drawn when standard error is not a terminal: %q", stderr.String())
			}
			var rep batch.Report
			data, err := os.ReadFile(filepath.Join(out, batch.ReportFile))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Kept != tc.kept {
				t.Errorf("kept %d, want %d", rep.Kept, tc.kept)
			}
			if !strings.Contains(stdout.String(), "kept ") {
				t.Errorf("summary %q", stdout.String())
			}
			for _, f := range tc.files {
				if _, err := os.Stat(filepath.Join(out, f)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}
