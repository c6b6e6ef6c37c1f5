package app

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Languages offered when a person corrects a language, in this order.
var Languages = []string{"kk", "kk-Latn", "ru", "en", "uk", "be", "bg", "sr", "mk", "mn", "ky", "tt", "ba", "tg", "uz-Cyrl", "und"}

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
