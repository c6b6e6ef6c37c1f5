package app

import "testing"

func TestLanguageName(t *testing.T) {
	for _, c := range []struct{ tag, want string }{
		{"kk", "Kazakh (қазақ тілі)"},
		{"ru", "Russian (русский)"},
		{"en", "English"},
		{"kk-Latn", "Kazakh (Latin)"},
		{"gsw", "Language gsw"},
		{"und", "Language unknown"},
		{"", "Language unknown"},
		{"not a tag!", "Language unknown"},
	} {
		if got := languageName(c.tag); got != c.want {
			t.Errorf("languageName(%q) = %q, want %q", c.tag, got, c.want)
		}
	}
}

// Every language the menu offers has a generated name.
func TestLanguagesNamed(t *testing.T) {
	for _, tag := range Languages {
		if tag == "und" {
			continue
		}
		if _, ok := langNames[tag]; !ok {
			t.Errorf("%s offered but not in langNames: run go generate ./app", tag)
		}
	}
}
