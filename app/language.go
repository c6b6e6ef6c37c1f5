package app

import (
	"belgi/annotations"
	"belgi/langid"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Languages offered when a person corrects a language, in this order.
var Languages = []string{"kk", "kk-Latn", "ru", "en", "uk", "be", "bg", "sr", "mk", "mn", "ky", "tt", "ba", "tg", "uz-Cyrl", "und"}

// detectLanguages sets the document's language and its paragraphs'
// languages from the text, keeping what a person set by hand.
func detectLanguages(d *annotations.Document) {
	doc, paras := langid.Document(d.Text)
	if d.LanguageSource != "manual" {
		d.Language, d.LanguageSource = doc.Tag.String(), "auto"
	}
	manual := map[[2]int]annotations.ParagraphLanguage{}
	for _, p := range d.Paragraphs {
		if p.Source == "manual" {
			manual[[2]int{p.Start, p.End}] = p
		}
	}
	d.Paragraphs = make([]annotations.ParagraphLanguage, 0, len(paras))
	for _, p := range paras {
		if m, ok := manual[[2]int{p.Start, p.End}]; ok {
			d.Paragraphs = append(d.Paragraphs, m)
			continue
		}
		d.Paragraphs = append(d.Paragraphs, annotations.ParagraphLanguage{
			Start: p.Start, End: p.End, Language: p.Result.Tag.String(), Source: "auto",
			Confidence: float64(int(p.Result.Confidence*1000)) / 1000,
		})
	}
}

// languageName shows a tag in English and in the language itself.
func languageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return "Language unknown"
	}
	en := display.English.Tags().Name(t)
	self := display.Self.Name(t)
	if self == "" || self == en {
		return en
	}
	return en + " (" + self + ")"
}
