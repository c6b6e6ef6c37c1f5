package core

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// grams returns the grams of text in script s, joined with "|".
func grams(text string, s Script) string {
	var out []string
	Grams(text, s, func(g []rune, key uint32) {
		if key != Key(g) {
			panic("Grams and Key disagree on " + string(g))
		}
		out = append(out, string(g))
	})
	return strings.Join(out, "|")
}

func TestGrams(t *testing.T) {
	tests := []struct {
		text string
		s    Script
		want string
	}{
		{"Ab", Latin, "a| a|b|ab| ab|b |ab | ab "},
		{"ән!", Cyrillic, "ә| ә|н|ән| ән|н |ән | ән "},
		{"a-b", Latin, "a| a|a | a |b| b|b | b "},
		{"ab", Cyrillic, ""},
		{"мир peace", Latin, "p| p|e|pe| pe|a|ea|pea| pea|c|ac|eac|peac| peac|e|ce|ace|eace|peace|e |ce |ace |eace | peace "},
		// Apostrophes inside a word belong to it; outer ones do not.
		{"'м’я'", Cyrillic, "м| м|'|м'| м'|я|'я|м'я| м'я|я |'я |м'я | м'я "},
		// Latin homoglyphs in a Cyrillic word are read as Cyrillic.
		{"бiр", Cyrillic, grams("бір", Cyrillic)},
		{"бiр", Latin, ""},
		// Decomposed letters are composed; stress marks are dropped.
		{"и\u0306", Cyrillic, grams("й", Cyrillic)},
		{"до\u0301м", Cyrillic, grams("дом", Cyrillic)},
		{"12 🙂 —", Cyrillic, ""},
	}
	for _, tt := range tests {
		if got := grams(tt.text, tt.s); got != tt.want {
			t.Errorf("Grams(%q, %d) = %s, want %s", tt.text, tt.s, got, tt.want)
		}
	}
	long := strings.Repeat("ы", 1000)
	if n := strings.Count(grams(long, Cyrillic), "|") + 1; n > 5*(maxWord+1) {
		t.Errorf("a 1000-letter word gives %d grams, want at most %d", n, 5*(maxWord+1))
	}
}

func TestPick(t *testing.T) {
	tests := []struct {
		text string
		want Script
	}{
		{"", NoScript},
		{"123 🙂", NoScript},
		{"Привет", Cyrillic},
		{"Hello", Latin},
		{"Apple компаниясы", Cyrillic},
		{"中华人民共和国 ok", NoScript},
		{"ok 中", Latin},
	}
	for _, tt := range tests {
		if got := Pick(Letters(tt.text)); got != tt.want {
			t.Errorf("Pick(Letters(%q)) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func testModel() *Model {
	return &Model{
		Classes:  []string{"aa", "bb"},
		Scripts:  []Script{Cyrillic, Latin},
		Bias:     []float32{0, -0.25},
		Alphabet: []string{"", "abc"},
		Step:     0.5,
		Grams:    []string{"ы", " ab", "ab", "ыы", "abcd ", " abcdef "},
		Values:   [][]int8{{3, 0, 0, 7, 0, 0}, {0, 1, -2, 0, 127, -127}},
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := testModel()
	data, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Model
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	// Grams come back sorted by length, then text; values follow them.
	want := &Model{
		Classes: m.Classes, Scripts: m.Scripts, Bias: m.Bias, Alphabet: m.Alphabet, Step: m.Step,
		Grams:  []string{"ы", "ab", "ыы", " ab", "abcd ", " abcdef "},
		Values: [][]int8{{3, 0, 7, 0, 0, 0}, {0, -2, 0, 1, 127, -127}},
	}
	if !reflect.DeepEqual(&got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, *want)
	}
	again, err := got.MarshalBinary()
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("re-encoding differs (err %v)", err)
	}
	for i := range data {
		var m Model
		if err := m.UnmarshalBinary(data[:i]); err == nil {
			t.Errorf("a model cut to %d of %d bytes decodes without error", i, len(data))
		}
	}
	dup := testModel()
	dup.Grams[1] = "ab"
	if _, err := dup.MarshalBinary(); err == nil {
		t.Error("a gram listed twice encodes without error")
	}
}

func TestTable(t *testing.T) {
	a := testModel()
	b := &Model{
		Classes: []string{"cc"}, Scripts: []Script{Cyrillic},
		Bias: []float32{0}, Alphabet: []string{"ы"}, Step: 1,
		Grams: []string{"ы", "ж"}, Values: [][]int8{{1, 2}},
	}
	tab, err := NewTable(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if got := tab.ClassesOf(Cyrillic); !reflect.DeepEqual(got, []int{0, 2}) {
		t.Errorf("Cyrillic classes %v, want [0 2]", got)
	}
	// "ы ж": grams ы (aa 1.5, cc 1) and ж (cc 2); ж is outside cc's
	// alphabet, and aa has no alphabet rule.
	var scores [MaxClasses]float64
	var foreign [MaxClasses]int
	n, found := tab.Score("ы ж", Cyrillic, scores[:], foreign[:])
	if n != 8 || found != 2 {
		t.Errorf("Score found %d of %d grams, want 2 of 8", found, n)
	}
	if scores[0] != 1.5 || scores[2] != 3 || scores[1] != 0 {
		t.Errorf("scores %v, want aa 1.5, bb 0, cc 3", scores[:3])
	}
	if foreign[0] != 0 || foreign[2] != 1 {
		t.Errorf("foreign letters %v, want aa 0, cc 1", foreign[:3])
	}
	if j := tab.Judge("ы ж", nil, Params{Tau: 3, Temp: 1}); j.Class != 2 || j.Letters != 2 {
		t.Errorf("Judge without alphabet penalty = %+v, want class 2 over 2 letters", j)
	}
	if j := tab.Judge("ы ж ж", nil, Params{Tau: 3, Temp: 1, Foreign: 5}); j.Class != 0 {
		t.Errorf("Judge with a penalty of 5 for cc's one foreign letter = %+v, want class 0", j)
	}
	j := tab.Judge("ы ж", []float64{0, 0, 40}, Params{Tau: 3, Temp: 1, Foreign: 5})
	if j.Class != 2 || j.Confidence < 0.99 {
		t.Errorf("Judge with a boost of 40*3/5 for cc = %+v, want class 2, confidence > 0.99", j)
	}
	// A word longer than MaxOrder-2 letters is a gram of its own; the bias
	// of bb counts, and letters outside its alphabet (d e f) cost it.
	var ls [MaxClasses]float64
	var lf [MaxClasses]int
	if _, found := tab.Score("abcdef", Latin, ls[:], lf[:]); found != 3 || ls[1] != -64 || lf[1] != 3 {
		t.Errorf("Score(abcdef) found %d, bb %v with %d foreign letters; want 3 grams (ab,  ab, the word), -64, 3", found, ls[1], lf[1])
	}
	if j := tab.Judge("🙂", nil, Params{Tau: 1, Temp: 1}); j.Class != -1 {
		t.Errorf("Judge of an emoji = %+v, want class -1", j)
	}
	if _, err := NewTable(a, a); err == nil {
		t.Error("a class in two models merges without error")
	}
}
