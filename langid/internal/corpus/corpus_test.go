package corpus

import (
	"strings"
	"testing"

	"belgi/internal/shared"
)

func TestLoad(t *testing.T) {
	dir := shared.Dir(t, "langid/train")
	kk, err := Load(dir, "kk")
	if err != nil {
		t.Fatal(err)
	}
	n := len(kk.Train) + len(kk.Dev)
	if len(kk.Dev) != n/DevEvery {
		t.Errorf("kk: %d dev lines of %d, want %d", len(kk.Dev), n, n/DevEvery)
	}
	lat, err := Load(dir, LatinKazakh)
	if err != nil {
		t.Fatal(err)
	}
	if len(lat.Dev) != 4*len(kk.Dev) || len(lat.Train) != 4*len(kk.Train) {
		t.Errorf("kk-Latn: %d/%d lines, want four spellings of kk's %d/%d", len(lat.Train), len(lat.Dev), len(kk.Train), len(kk.Dev))
	}
	for _, l := range lat.Dev {
		if strings.ContainsAny(l, "әғқңөұүһі") {
			t.Fatalf("kk-Latn line still has Kazakh Cyrillic letters: %q", l)
		}
	}
	train := map[string]bool{}
	for _, l := range kk.Train {
		train[l] = true
	}
	for _, l := range kk.Dev {
		if train[l] {
			t.Errorf("dev line is also a training line: %q", l)
		}
	}
}
