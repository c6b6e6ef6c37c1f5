package tokenize

import (
	"strings"
	"testing"
)

func words(text, lang string) string {
	rs := []rune(text)
	var sents []string
	for _, s := range Sentences(text, lang) {
		var ws []string
		for _, t := range s {
			ws = append(ws, string(rs[t.Start:t.End]))
		}
		sents = append(sents, strings.Join(ws, " "))
	}
	return strings.Join(sents, " | ")
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct{ lang, text, want string }{
		{"ru", "5 января в Алматы полиция задержала 12 активистов «Oyan, Qazaqstan».",
			"5 января в Алматы полиция задержала 12 активистов « Oyan , Qazaqstan » ."},
		{"ru", "Кое-что произошло в г. Алма-Ата. Н. Назарбаев сказал: «Всё!» Потом ушёл…",
			"Кое-что произошло в г . Алма-Ата . | Н . Назарбаев сказал : « Всё ! » | Потом ушёл …"},
		{"kk", "Сайлауға 90 %-ы қатысты. 1995-інші жылы Сондай-ақ 8,5 % дауыс.",
			"Сайлауға 90 %-ы қатысты . | 1995-інші жылы Сондай-ақ 8,5 % дауыс ."},
		{"kk", "2024 ж. наурызда шеру өтті.\r\nПолиция 12 адамды ұстады.",
			"2024 ж . наурызда шеру өтті . | Полиция 12 адамды ұстады ."},
		{"en", "Mr. Smith didn't go to the U.S. He's here at 12:05... Really?! Yes.",
			"Mr . Smith did n't go to the U . S . He 's here at 12:05 ... | Really ? ! | Yes ."},
		{"en", "Write to info@belgi.kz or see https://belgi.kz/a?b=1.",
			"Write to info@belgi.kz or see https://belgi.kz/a?b=1 ."},
		{"ru", "📢 Айгу\u0301ль 👩‍⚖️ и 🇰🇿 #Жанаозен2022🇰🇿 — 👍🏽!",
			"📢 Айгу\u0301ль 👩‍⚖️ и 🇰🇿 # Жанаозен2022 🇰🇿 — 👍🏽 !"},
		{"ru", "\ufeffтекст\u200bс\u00a0пробелами", "текст с пробелами"},
		{"", "", ""},
	} {
		if got := words(tc.text, tc.lang); got != tc.want {
			t.Errorf("%s %q:\n got %s\nwant %s", tc.lang, tc.text, got, tc.want)
		}
	}
}

func TestTokensCoverNoSpace(t *testing.T) {
	text := "Полиция\r\n\u00a0задержала 👩‍⚖️ Айгу\u0301ль."
	rs := []rune(text)
	prev := 0
	for _, tok := range Tokens(text, "ru") {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(rs) {
			t.Fatalf("bad token %v", tok)
		}
		for _, r := range rs[prev:tok.Start] {
			if !isSpace(r) && r != '\n' && r != '\r' {
				t.Errorf("%q between tokens is not space", r)
			}
		}
		for _, r := range rs[tok.Start:tok.End] {
			if isSpace(r) {
				t.Errorf("token %q holds a space", string(rs[tok.Start:tok.End]))
			}
		}
		prev = tok.End
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("Mr. Smith didn't go. «Всё!» 90 %-ы 👩‍⚖️🇰🇿", "en")
	f.Fuzz(func(t *testing.T, text, lang string) {
		n := len([]rune(text))
		prev := 0
		for _, s := range Sentences(text, lang) {
			if len(s) == 0 {
				t.Fatal("empty sentence")
			}
			for _, tok := range s {
				if tok.Start < prev || tok.End <= tok.Start || tok.End > n {
					t.Fatalf("bad token %v after %d (len %d)", tok, prev, n)
				}
				prev = tok.End
			}
		}
	})
}
