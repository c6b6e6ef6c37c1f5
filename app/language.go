package app

import "golang.org/x/text/language"

//go:generate go run ./internal/genlangnames langnames.go

// Languages offered when a person corrects a language, in this order.
var Languages = []string{"kk", "kk-Latn", "ru", "en", "uk", "be", "bg", "sr", "mk", "mn", "ky", "tt", "ba", "tg", "uz-Cyrl", "und"}

// languageName shows a tag in English and in the language itself. Names
// come from the generated table langNames; a tag outside it is shown as
// written, so an imported "gsw" reads "Language gsw".
func languageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return "Language unknown"
	}
	n, ok := langNames[t.String()]
	if !ok {
		return "Language " + t.String()
	}
	if n[1] == "" {
		return n[0]
	}
	return n[0] + " (" + n[1] + ")"
}
