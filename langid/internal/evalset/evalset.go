// Package evalset reads the language-id evaluation sets, which live outside
// the repository, cuts them into the snippets the figures are reported on,
// and tallies what a detector makes of them. The langid evaluator and the
// lingua-go comparison (a module of its own) share it, so that both are
// measured on exactly the same text.
//
// A set is a folder of <code>.txt files, one sentence a line, where code is a
// class of the model (kk, ru, uk, …, kk-Latn) or a language the model does
// not cover (uz-Latn), whose lines are then scored only for the labels they
// must not get. A set whose path has a component starting with "heldout" is
// held out: it is reported as such and must be scored only once, after all
// tuning is done. Every other set is a development set.
package evalset

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// EnvData names the environment variable that holds the root folder of the
// evaluation sets.
const EnvData = "BELGI_LANGID_DATA"

// ErrNoData is returned by Find when the root holds no set.
var ErrNoData = errors.New("no evaluation data")

// Classes lists the codes a detector can answer, besides "und".
var Classes = []string{"kk", "kk-Latn", "ru", "en", "uk", "be", "bg", "sr", "mk", "mn", "ky", "tt", "ba", "tg", "uz", "uz-Latn"}

// Uncovered lists the codes of languages a set may hold that no class
// stands for.
var Uncovered = []string{}

// LookAlikes are the Cyrillic languages that short Russian or Kazakh text is
// mistaken for, and the other way round. Lingua covers the first six.
var (
	LookAlikes = []string{"uk", "be", "bg", "mk", "sr", "mn"}
	Turkic     = []string{"ky", "tt", "ba"}
)

// MinLines is the least number of lines a set's file must have: a file with
// fewer is an error, not a figure.
const MinLines = 100

// A Set is one folder of evaluation text.
type Set struct {
	Name    string // path relative to the root
	Dir     string
	HeldOut bool
	Lines   map[string][]string // by code
}

// Codes returns the codes of the set's files, in Classes order, then the
// uncovered ones.
func (s *Set) Codes() []string {
	var out []string
	for _, c := range append(append([]string{}, Classes...), Uncovered...) {
		if len(s.Lines[c]) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// Kind says how a figure measured on the set may be reported.
func (s *Set) Kind() string {
	if s.HeldOut {
		return "held-out (never tuned on; score once)"
	}
	return "development (tuned on)"
}

func known(code string) bool {
	for _, c := range append(append([]string{}, Classes...), Uncovered...) {
		if c == code {
			return true
		}
	}
	return false
}

// Find returns every set under root, sorted by name. only, when not empty,
// keeps the sets whose name is in it. A .txt file whose name is not a known
// code, or that has fewer than MinLines lines, is an error.
func Find(root string, only []string) ([]*Set, error) {
	sets := map[string]*Set{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return nil
		}
		dir := filepath.Dir(path)
		name, err := filepath.Rel(root, dir)
		if err != nil {
			return err
		}
		if len(only) > 0 && !contains(only, name) {
			return nil
		}
		code := strings.TrimSuffix(d.Name(), ".txt")
		if !known(code) {
			return fmt.Errorf("%s: %q is not a language code of the evaluation", path, code)
		}
		lines, err := readLines(path)
		if err != nil {
			return err
		}
		if len(lines) < MinLines {
			return fmt.Errorf("%s: %d lines, want at least %d", path, len(lines), MinLines)
		}
		s := sets[name]
		if s == nil {
			s = &Set{Name: name, Dir: dir, Lines: map[string][]string{}}
			for _, part := range strings.Split(filepath.ToSlash(name), "/") {
				if strings.HasPrefix(part, "heldout") {
					s.HeldOut = true
				}
			}
			sets[name] = s
		}
		s.Lines[code] = lines
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []*Set
	for _, s := range sets {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	for _, name := range only {
		if !contains(setNames(out), name) {
			return nil, fmt.Errorf("set %s: no .txt files under %s", name, filepath.Join(root, name))
		}
	}
	if len(out) == 0 {
		return nil, ErrNoData
	}
	return out, nil
}

func setNames(sets []*Set) []string {
	var out []string
	for _, s := range sets {
		out = append(out, s.Name)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return lines, nil
}

// Tokens splits a line as the snippet builder does: whitespace words, outer
// punctuation stripped, tokens without letters dropped, lower-cased.
func Tokens(line string) []string {
	var toks []string
	for _, f := range strings.Fields(line) {
		f = strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if strings.IndexFunc(f, unicode.IsLetter) < 0 {
			continue
		}
		toks = append(toks, strings.ToLower(f))
	}
	return toks
}

// PerLine caps the snippets of one length cut from one line.
const PerLine = 3

// Snippets cuts runs of n consecutive tokens from each line: up to PerLine
// runs that do not overlap, spread over the line.
func Snippets(lines []string, n int) []string {
	var out []string
	for _, l := range lines {
		toks := Tokens(l)
		k := len(toks) / n // runs that fit without overlap
		if k == 0 {
			continue
		}
		take := min(k, PerLine)
		for i := range take {
			at := (i * k / take) * n
			out = append(out, strings.Join(toks[at:at+n], " "))
		}
	}
	return out
}
