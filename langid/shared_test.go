package langid

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"belgi/internal/shared"
	"belgi/langid/internal/corpus"
)

// TestModelUpToDate checks that the committed model files are what the
// generator makes from the shared training text.
func TestModelUpToDate(t *testing.T) {
	dir := shared.Dir(t, "langid/train")
	if testing.Short() || runtime.GOOS == "js" {
		t.Skip("runs the generator: not in -short mode or WebAssembly")
	}
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./internal/train", "-data", dir, "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./internal/train: %v\n%s", err, b)
	}
	for name, embedded := range map[string][]byte{"model.bin": mainModel, "model_tg.bin": tgModel} {
		fresh, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh, embedded) {
			t.Errorf("%s is stale: run go generate in langid", name)
		}
	}
}

// TestDevSplit guards the accuracy on the development split that the
// generator holds out; internal/eval prints the full figures.
func TestDevSplit(t *testing.T) {
	dir := shared.Dir(t, "langid/train")
	rate := func(code string, ok func(got string) bool) float64 {
		s, err := corpus.Load(dir, code)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, l := range s.Dev {
			if ok(Detect(l).Tag.String()) {
				n++
			}
		}
		return float64(n) / float64(len(s.Dev))
	}
	for _, code := range []string{"kk", "ru", "en", corpus.LatinKazakh} {
		if r := rate(code, func(got string) bool { return got == code }); r < 0.99 {
			t.Errorf("%s: %.2f%% of dev sentences right, want ≥ 99%%", code, 100*r)
		}
	}
	for _, code := range []string{"ky", "tt", "ba", "mn", "tg", "uz"} {
		if r := rate(code, func(got string) bool { return got == "kk" }); r > 0.02 {
			t.Errorf("%s: %.2f%% of dev sentences labelled kk, want ≤ 2%%", code, 100*r)
		}
	}
	for _, code := range []string{"uk", "be", "bg", "sr", "mk"} {
		if r := rate(code, func(got string) bool { return got == "ru" }); r > 0.02 {
			t.Errorf("%s: %.2f%% of dev sentences labelled ru, want ≤ 2%%", code, 100*r)
		}
	}
}
