package recommend

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"belgi/annotations"
)

// A small synthetic news corpus in Kazakh and Russian, for tests that train:
// templates with entity slots, filled from lists of names. Training names and
// test names are disjoint, so a test can ask for names never labelled.
var (
	templates = []string{
		"{PERSON} мырза {ORG} басшысы болып тағайындалды .",
		"Кеше {GPE} қаласында {ORG} жиналысы өтті .",
		"{ORG} өкілі {PERSON} {GPE} қаласына барды .",
		"{PERSON} {GPE} қаласындағы ереуілге қатысты .",
		"Встреча {PERSON} с представителями {ORG} прошла в городе {GPE} .",
		"В городе {GPE} задержан активист {PERSON} .",
		"Сотрудники {ORG} объявили забастовку .",
		"Бүгін ауа райы жақсы болады .",
		"Жиналыс сағат онда басталды .",
	}
	trainNames = names(
		[]string{"Асқар", "Серік", "Нұрлан", "Ерлан", "Иван", "Бауыржан", "Марат", "Олег", "Айгүл", "Сәуле", "Дмитрий", "Жанна"},
		[]string{"Мамин", "Ахметов", "Ноғаев", "Қошанов", "Петров", "Байбек", "Оспанов", "Смирнов", "Сейітова", "Жұмабаев", "Ким", "Ли"},
		[]string{"Астана", "Алматы", "Шымкент", "Ақтау", "Жаңаөзен", "Павлодар", "Қостанай", "Семей", "Тараз", "Көкшетау"},
		[]string{"Қазмұнайгаз", "Самұрық-Қазына", "Казахтелеком", "Kcell", "Болашақ", "Ақжол", "Заман", "Freedom"})
	testNames = names(
		[]string{"Дәурен", "Гүлшара", "Сергей", "Ерболат", "Мадина"},
		[]string{"Абаев", "Әбдіқалықова", "Иванов", "Тоқаев", "Нұрпейісова"},
		[]string{"Қарағанды", "Атырау", "Орал", "Түркістан", "Петропавл"},
		[]string{"Қазатомөнеркәсіп", "Air Astana", "Халық", "Jusan", "Береке"})
)

// names returns names of people (first and last), places and
// organisations (alone, or followed by a word for what they are).
func names(first, last, places, orgs []string) map[string][]string {
	m := map[string][]string{"GPE": places}
	for _, f := range first {
		for _, l := range last {
			m["PERSON"] = append(m["PERSON"], f+" "+l)
		}
	}
	for _, o := range orgs {
		m["ORG"] = append(m["ORG"], o, o+" банкі", o+" компаниясы")
	}
	return m
}

// synth returns a document of n sentences made from the templates with the
// names, one sentence a line.
func synth(id string, n int, names map[string][]string, seed uint64) *annotations.Document {
	r := rand.New(rand.NewPCG(seed, 1))
	var text strings.Builder
	var spans []annotations.Span
	cp := 0
	write := func(s string) {
		text.WriteString(s)
		cp += len([]rune(s))
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			write("\n")
		}
		t := templates[r.IntN(len(templates))]
		for t != "" {
			open := strings.IndexByte(t, '{')
			if open < 0 {
				write(t)
				break
			}
			write(t[:open])
			end := strings.IndexByte(t, '}')
			label := t[open+1 : end]
			name := names[label][r.IntN(len(names[label]))]
			spans = append(spans, annotations.Span{ID: "T" + strconv.Itoa(len(spans)+1), Label: label, Start: cp, End: cp + len([]rune(name)), Text: name})
			write(name)
			t = t[end+1:]
		}
	}
	d := annotations.NewDocument(id, id, "", text.String())
	d.Language = "kk"
	d.Spans = spans
	return d
}

// train trains a model on the sentences of docs.
func train(docs ...*annotations.Document) (*Trainer, *Model) {
	t := NewTrainer(Options{Seed: 1})
	for _, d := range docs {
		ss, _ := Split(d, nil)
		if err := t.Set(d.ID, ss); err != nil {
			panic(err)
		}
	}
	for !t.Step(1000) {
	}
	return t, t.Model()
}

// has reports whether gs holds a suggestion of the label for text[start:end]
// found by its text.
func has(d *annotations.Document, gs []Suggestion, text, label string) bool {
	rs := []rune(d.Text)
	for _, g := range gs {
		if g.Label == label && string(rs[g.Start:g.End]) == text {
			return true
		}
	}
	return false
}
