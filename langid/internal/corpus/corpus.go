// Package corpus reads the langid training text from the shared folder and
// splits it the one way that the trainer and the evaluator must agree on.
package corpus

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"belgi/internal/shared"
	"belgi/langid/internal/translit"
)

// Codes lists the language codes of the files in train/, in the order the
// model's classes are written.
var Codes = []string{"kk", "ru", "en", "uk", "be", "bg", "sr", "mk", "mn", "ky", "tt", "ba", "tg", "uz"}

// LatinKazakh and LatinUzbek are the class codes of Kazakh and Uzbek in Latin
// script. They have no file of their own: their text is transliterated from
// kk and uz.
const (
	LatinKazakh = "kk-Latn"
	LatinUzbek  = "uz-Latn"
)

// DevEvery makes every DevEvery-th line (the last of each block) a
// development line. The trainer never sees these lines.
const DevEvery = 10

// Dir returns the folder of the training files, or "" when the shared
// folder is absent.
func Dir() string {
	root := shared.Root()
	if root == "" {
		return ""
	}
	d := filepath.Join(root, "langid", "train")
	if _, err := os.Stat(d); err != nil {
		return ""
	}
	return d
}

// Split is one language's text, split into training and development lines.
type Split struct {
	Train, Dev []string
}

// Load reads train/<code>.txt from dir. Line i (from 0) goes to Dev when
// i%DevEvery == DevEvery-1, and to Train otherwise. For LatinKazakh it reads
// kk.txt and transliterates every line into each Latin spelling, and for
// LatinUzbek uz.txt into the Latin alphabet, keeping the same split.
func Load(dir, code string) (Split, error) {
	switch code {
	case LatinKazakh:
		kk, err := Load(dir, "kk")
		if err != nil {
			return Split{}, err
		}
		return Split{Train: LatinLines(kk.Train), Dev: LatinLines(kk.Dev)}, nil
	case LatinUzbek:
		uz, err := Load(dir, "uz")
		if err != nil {
			return Split{}, err
		}
		return Split{Train: uzbekLines(uz.Train), Dev: uzbekLines(uz.Dev)}, nil
	}
	f, err := os.Open(filepath.Join(dir, code+".txt"))
	if err != nil {
		return Split{}, err
	}
	defer f.Close()
	var s Split
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for i := 0; sc.Scan(); i++ {
		if i%DevEvery == DevEvery-1 {
			s.Dev = append(s.Dev, sc.Text())
		} else {
			s.Train = append(s.Train, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		return Split{}, fmt.Errorf("%s: %w", f.Name(), err)
	}
	return s, nil
}

// LatinLines transliterates each Cyrillic Kazakh line into every spelling in
// translit.Spellings, spelling by spelling.
func LatinLines(lines []string) []string {
	out := make([]string, 0, len(lines)*len(translit.Spellings))
	for _, sp := range translit.Spellings {
		for _, l := range lines {
			out = append(out, translit.Latin(l, sp))
		}
	}
	return out
}

func uzbekLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = translit.UzbekLatin(l)
	}
	return out
}
