package clean

import (
	"strings"
	"testing"
	"time"
)

// TestStress makes sure no input shape is slow: every case must stay near
// linear time.
func TestStress(t *testing.T) {
	long := strings.Repeat("Очень длинная строка, в которой много слов и запятых. ", 20000)
	cases := map[string]string{
		"blank lines":      "Начало текста, достаточно длинное для абзаца.\n" + strings.Repeat("\n", 200000) + strings.Repeat("продолжение строки\n", 2000),
		"one huge line":    long,
		"many lines":       strings.Repeat("Строка новостей без точки в конце\n", 50000),
		"many paragraphs":  strings.Repeat(long[:300]+"\n", 5000),
		"repeated prefix":  strings.Repeat(long[:200]+"\n"+long[:190]+"\n", 3000),
		"combining marks":  strings.Repeat("е\u0301\u0301\u0301", 50000),
		"separators":       strings.Repeat(" / a", 50000),
		"ampersands":       strings.Repeat("&", 100000),
		"html deep":        "<html>" + strings.Repeat("<div>", 50000) + "текст" + strings.Repeat("</div>", 50000),
		"html entities":    "<html><p>" + strings.Repeat("&amp;&#1241;&ampx&", 20000) + "</p>",
		"html many blocks": "<html>" + strings.Repeat("<p>Абзац текста, длинный и с запятой, и ещё немного слов.</p><br>", 20000),
		"html unclosed":    "<html>" + strings.Repeat("<p><li><td><a>x", 20000),
	}
	for name, in := range cases {
		start := time.Now()
		if strings.HasPrefix(name, "html") {
			HTML(in)
		} else {
			Text(in)
		}
		d := time.Since(start)
		t.Logf("%s: %v", name, d)
		if d > 15*time.Second { // a quadratic path would take minutes
			t.Errorf("%s: %v for %d bytes", name, d, len(in))
		}
	}
}
