package ingest

import (
	"strings"
	"testing"

	"belgi/annotations"
)

const dump = "Басты бет\r\nЖаңалықтар\r\nАқтөбеде 👍 митинг өтті\r\nПолиция 12 белсендіні ұстады, деп хабарлады «Ақ жол» партиясы.\r\nБелсенділер әкімдік алдына жиналып, жалақыны көтеруді талап етті.\r\nТақырыпқа қатысты жаңалықтар\r\n08.04.2026\r\nАқтауда құрылысшылар жалақы берешегін талап етті\r\n© 2026 Дала үні. Барлық құқықтар қорғалған.\r\n"

const page = `<!doctype html><html><head><title>T</title></head><body><nav><a href="/">Главная</a></nav>
<article><h1>Заголовок статьи о городе</h1><p>Первый абзац статьи, в котором достаточно слов, запятых, и смысла для читателя.</p>
<p>Второй абзац &laquo;статьи&raquo;, тоже длинный, с запятыми и точкой в конце.</p></article></body></html>`

func TestDocument(t *testing.T) {
	for _, tc := range []struct {
		name, file, data string
		opts             Options
		html             bool
		title, lang      string
		has, lacks       string
	}{
		{name: "page dump", file: "dump.txt", data: dump, title: "Ақтөбеде 👍 митинг өтті", lang: "kk", has: "Полиция 12", lacks: "Басты бет"},
		{name: "HTML by content", file: "page.txt", data: page, html: true, title: "Заголовок статьи о городе", lang: "ru", has: "«статьи»", lacks: "Главная"},
		{name: "HTML by name", file: "page.HTM", data: strings.TrimPrefix(page, "<!doctype html><html>"), html: true, title: "Заголовок статьи о городе", lang: "ru", has: "Второй абзац"},
		{name: "HTML by option", data: strings.TrimPrefix(page, "<!doctype html><html>"), opts: Options{HTML: true}, html: true, title: "Заголовок статьи о городе", lang: "ru"},
		{name: "snippet kept whole", data: "\ufeffАлматы\r\nмитинг", title: "Алматы", has: "Алматы\nмитинг"},
		{name: "long title", data: strings.Repeat("Полиция белсенділерді ұстады ", 10), title: string([]rune(strings.Repeat("Полиция белсенділерді ұстады ", 10))[:79]) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Document("d1", tc.file, []byte(tc.data), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if d.Cleaning == nil || d.Cleaning.Input != tc.data || d.Cleaning.HTML != tc.html {
				t.Errorf("the cleaning record does not keep the input as given (html %v)", d.Cleaning.HTML)
			}
			if d.Title != tc.title || d.Source != tc.file {
				t.Errorf("title %q, source %q", d.Title, d.Source)
			}
			if tc.lang != "" && (d.Language != tc.lang || d.LanguageSource != "auto" || len(d.Paragraphs) == 0) {
				t.Errorf("language %q (%s), %d paragraphs", d.Language, d.LanguageSource, len(d.Paragraphs))
			}
			if !strings.Contains(d.Text, tc.has) || tc.lacks != "" && strings.Contains(d.Text, tc.lacks) {
				t.Errorf("text:\n%s", d.Text)
			}
			w := annotations.NewWorkspace(annotations.DefaultSchema())
			if _, err := w.Apply(annotations.Op{Kind: annotations.OpAddDocument, Document: d}); err != nil {
				t.Errorf("the document does not validate: %v", err)
			}
		})
	}
}

func TestDocumentRefuses(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"latin1.txt", "Alma\xe4ty", "latin1.txt is not UTF-8 text (invalid byte at offset 4)"},
		{"nul.txt", "abc\x00def", "binary"},
		{"", " \r\n\t", "the pasted text is empty"},
		{"tags.html", "<html><body><script>x()</script></body></html>", "tags.html has no text"},
	} {
		if _, err := Document("d1", tc.name, []byte(tc.data), Options{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestDetectLanguagesKeepsManual(t *testing.T) {
	d, err := Document("d1", "", []byte(dump), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Language, d.LanguageSource = "ru", "manual"
	d.Paragraphs[0].Language, d.Paragraphs[0].Source = "en", "manual"
	DetectLanguages(d)
	if d.Language != "ru" || d.Paragraphs[0].Language != "en" || d.Paragraphs[1].Source != "auto" {
		t.Errorf("hand-set languages were overwritten: %s %+v", d.Language, d.Paragraphs)
	}
}

// FuzzDocument checks that any input is either refused with an error or
// becomes a document that validates.
func FuzzDocument(f *testing.F) {
	for _, s := range []string{dump, page, "Алматы", "\ufeff\r\n👨‍👩‍👧 е\u0301", "<p>a</p>", "\x00", ""} {
		f.Add("a.txt", s)
	}
	f.Fuzz(func(t *testing.T, name, data string) {
		d, err := Document("d1", name, []byte(data), Options{})
		if err != nil {
			return
		}
		w := annotations.NewWorkspace(annotations.DefaultSchema())
		if _, err := w.Apply(annotations.Op{Kind: annotations.OpAddDocument, Document: d}); err != nil {
			t.Fatalf("%q: the document does not validate: %v", data, err)
		}
	})
}
