package app

import (
	"fmt"
	"strings"
	"testing"
)

func TestFindText(t *testing.T) {
	tests := []struct {
		text, query string
		want        string // matched texts, joined by |
	}{
		{"Акция в Алматы. АЛМАТЫ и алматы.", "алматы", "Алматы|АЛМАТЫ|алматы"},
		{"Её задержали; ее отпустили.", "ее", "Её|ее"},
		{"Ел ордасы Астана", "ел  ордасы ", "Ел ордасы"},
		{"two\r\nlines here", "two lines", "two\r\nlines"},
		{"👩‍👩‍👧 Ақорда 👩‍👩‍👧 ақорда", "АҚОРДА", "Ақорда|ақорда"},
		{"aaaa", "aa", "aa|aa"},
		{"nothing", "   ", ""},
		{"nothing", "", ""},
		{"short", "shorter", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rs := []rune(tt.text)
			var got []string
			for _, f := range FindText(tt.text, tt.query) {
				got = append(got, string(rs[f.Start:f.End]))
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("FindText(%q, %q) = %q, want %q", tt.text, tt.query, g, tt.want)
			}
		})
	}
}

func TestFindTextBounded(t *testing.T) {
	if n := len(FindText(strings.Repeat("а ", 5000), "а")); n != maxHits {
		t.Errorf("%d hits, want the bound %d", n, maxHits)
	}
}

func BenchmarkFindText(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 50000 {
		fmt.Fprintf(&sb, "Полиция задержала %d участников акции в Алматы.\n", sb.Len())
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		FindText(text, "алматы")
	}
}
