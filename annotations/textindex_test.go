package annotations

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// edgeTexts hold what offset code gets wrong: astral emoji, ZWJ sequences,
// combining marks, CRLF and a BOM.
var edgeTexts = []string{
	"",
	"plain ASCII",
	"\ufeffБОМ в начале",
	"Алматы\r\nАстана\r\n",
	"Митинг 👍 в Алматы",
	"Семья 👨‍👩‍👧 пришла",
	"е\u0301 — combining acute, Қазақ",
	"флаг 🇰🇿 и 1️⃣",
	strings.Repeat("Қазақстан 🙂 ", 40),
}

func TestIndexAgainstBruteForce(t *testing.T) {
	for _, s := range edgeTexts {
		x := NewIndex(s)
		runes := []rune(s)
		if x.Len() != len(runes) {
			t.Fatalf("%q: Len = %d, want %d", s, x.Len(), len(runes))
		}
		if want := len(utf16.Encode(runes)); x.Len16() != want {
			t.Fatalf("%q: Len16 = %d, want %d", s, x.Len16(), want)
		}
		for cp := 0; cp <= len(runes); cp++ {
			wantByte := len(string(runes[:cp]))
			wantU16 := len(utf16.Encode(runes[:cp]))
			if got := x.Byte(cp); got != wantByte {
				t.Errorf("%q: Byte(%d) = %d, want %d", s, cp, got, wantByte)
			}
			if got := x.UTF16(cp); got != wantU16 {
				t.Errorf("%q: UTF16(%d) = %d, want %d", s, cp, got, wantU16)
			}
			if got, err := x.FromByte(wantByte); err != nil || got != cp {
				t.Errorf("%q: FromByte(%d) = %d, %v, want %d", s, wantByte, got, err, cp)
			}
			if got, err := x.FromUTF16(wantU16); err != nil || got != cp {
				t.Errorf("%q: FromUTF16(%d) = %d, %v, want %d", s, wantU16, got, err, cp)
			}
		}
	}
}

func TestIndexRejectsSplitUnits(t *testing.T) {
	x := NewIndex("a👍b") // 👍 is 4 bytes, 2 UTF-16 units
	if _, err := x.FromUTF16(2); err == nil {
		t.Error("FromUTF16 inside a surrogate pair: no error")
	}
	if _, err := x.FromByte(2); err == nil {
		t.Error("FromByte inside a UTF-8 sequence: no error")
	}
	if _, err := x.FromByte(99); err == nil {
		t.Error("FromByte past the end: no error")
	}
	if got := x.Slice(1, 2); got != "👍" {
		t.Errorf("Slice(1, 2) = %q, want 👍", got)
	}
}

func FuzzIndex(f *testing.F) {
	for _, s := range edgeTexts {
		f.Add(s)
	}
	f.Add("\xff\xfe broken")
	f.Fuzz(func(t *testing.T, s string) {
		x := NewIndex(s)
		n := utf8.RuneCountInString(s)
		if x.Len() != n {
			t.Fatalf("Len = %d, want %d", x.Len(), n)
		}
		for cp := 0; cp <= n; cp++ {
			if got, err := x.FromByte(x.Byte(cp)); err != nil || got != cp {
				t.Fatalf("FromByte(Byte(%d)) = %d, %v", cp, got, err)
			}
			if got, err := x.FromUTF16(x.UTF16(cp)); err != nil || got != cp {
				t.Fatalf("FromUTF16(UTF16(%d)) = %d, %v", cp, got, err)
			}
		}
	})
}

func BenchmarkIndexUTF16(b *testing.B) {
	x := NewIndex(strings.Repeat("Қазақстан 🙂 митинг ", 2500))
	n := x.Len()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.UTF16((i * 7919) % n)
	}
}
