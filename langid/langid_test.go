package langid

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/language"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		want, text string
	}{
		{"kk", "Қазақстан Республикасының Президенті бүгін Астанада шетелдік инвесторлармен кездесті."},
		{"kk", "Биыл елімізде жаңа мектептер салынып, мұғалімдердің жалақысы көтерілді."},
		{"ru", "Президент России провёл совещание с членами правительства по вопросам экономики."},
		{"ru", "В Алматы открылась выставка современного искусства, которая продлится до конца месяца."},
		{"en", "The government announced new measures to support small businesses on Tuesday."},
		{"uk", "Україна отримала нову партію гуманітарної допомоги від європейських партнерів."},
		{"be", "Беларуская мова з'яўляецца адной з дзвюх дзяржаўных моў краіны."},
		{"bg", "България ще получи допълнителни средства от Европейския съюз за развитие на инфраструктурата."},
		{"sr", "Влада Србије је данас усвојила нови закон о заштити животне средине."},
		{"mk", "Владата на Северна Македонија денеска усвои нов закон за образованието."},
		{"mn", "Монгол Улсын Ерөнхийлөгч өнөөдөр гадаадын хөрөнгө оруулагчидтай уулзлаа."},
		{"ky", "Кыргызстандын президенти бүгүн чет өлкөлүк инвесторлор менен жолугушту."},
		{"tt", "Татарстан Республикасы Президенты бүген чит ил инвесторлары белән очрашты."},
		{"ba", "Башҡортостан Республикаһы Башлығы бөгөн сит ил инвесторҙары менән осрашты."},
		{"tg", "Президенти Ҷумҳурии Тоҷикистон имрӯз бо сармоягузорони хориҷӣ мулоқот кард."},
		{"uz-Cyrl", "Ўзбекистон Республикаси Президенти бугун хорижий инвесторлар билан учрашди."},
		// Latin-script Kazakh: 2021 alphabet, 2018 acute alphabet, no diacritics.
		{"kk-Latn", "Qazaqstan Respublikasynyñ Prezidentı bügın Astanada şeteldık investorlarmen kezdestı."},
		{"kk-Latn", "Qazaqstan Respýblıkasynyń Prezıdenti búgin Astanada sheteldik ınvestorlarmen kezdesti."},
		{"kk-Latn", "Qazaqstan Respublikasynyn Prezidenti bugin Astanada seteldik investorlarmen kezdesti."},
		{"kk-Latn", "Biyl elımızde jaña mektepter salynyp, mūğalımderdıñ jalaqysy köterıldı."},
		{"kk-Latn", "Bıyl elimizde jańa mektepter salynyp, muǵalimderdiń jalaqysy kóterildi."},
		{"kk-Latn", "Biyl elimizde jana mektepter salynyp, mugalimderdin jalaqysy koterildi."},
		// Short text leans to the domain's languages.
		{"kk", "жаңалықтар"},
		{"kk", "бүгін"},
		{"ru", "новости"},
		{"ru", "и"},
		{"en", "news"},
		{"kk", "Ауа райы"},
		{"ru", "Прогноз погоды на завтра"},
		// Kazakh typed with Latin homoglyphs (i for і) is still Kazakh.
		{"kk", "Бiздiң елiмiздiң тәуелсiздiгi"},
		// Mixed scripts: the script of most letters decides.
		{"kk", "Apple компаниясы жаңа смартфонын таныстырды"},
		{"ru", "Компания Apple представила новый смартфон"},
		// No letters, or letters of no covered script.
		{"und", ""},
		{"und", "   \n\t"},
		{"und", "2024-05-01 12:30"},
		{"und", "🙂🎉👍"},
		{"und", "+7 (727) 123-45-67 ☎"},
		{"und", "中华人民共和国"},
		{"und", "مرحبا بالعالم"},
	}
	for _, tt := range tests {
		got := Detect(tt.text)
		if got.Tag.String() != tt.want {
			t.Errorf("Detect(%q) = %v (%.2f), want %s", tt.text, got.Tag, got.Confidence, tt.want)
		}
		checkResult(t, got)
		if tt.want == "und" && got.Confidence != 0 {
			t.Errorf("Detect(%q).Confidence = %v, want 0 with und", tt.text, got.Confidence)
		}
	}
}

// TestMarkers: letters that mark one language or a small group are strong
// evidence even in one word, and names are not taken for kk-Latn.
func TestMarkers(t *testing.T) {
	tests := []struct {
		text string
		not  []string // labels the text must not get
		want string   // the label it must get, if any
	}{
		{"їхні", nil, "uk"},
		{"Київ", nil, "uk"},
		{"ґанок", nil, "uk"},
		{"єдність", nil, "uk"},
		{"він бачив", []string{"kk", "ru"}, ""},
		{"під час", []string{"kk", "ru"}, ""},
		{"рішення", []string{"kk", "ru"}, ""},
		{"ўсё", []string{"ru", "kk"}, ""}, {"Беларусь ўзяла", nil, "be"},
		{"ђак", []string{"ru", "kk"}, ""},
		{"ћерка", []string{"ru", "kk"}, ""},
		{"ѓубре", []string{"ru", "kk"}, ""},
		{"ќе", []string{"ru", "kk"}, ""},
		{"ұлт", nil, "kk"},
		{"ҡала", []string{"ru", "kk"}, ""},
		{"баҙар", []string{"ru", "kk"}, ""},
		{"өнөр", []string{"ru"}, ""},
		{"John Smith", []string{"kk-Latn"}, ""},
		{"Washington", []string{"kk-Latn"}, ""},
		{"Michael Johnson", []string{"kk-Latn"}, ""},
	}
	for _, tt := range tests {
		got := Detect(tt.text).Tag.String()
		if tt.want != "" && got != tt.want {
			t.Errorf("Detect(%q) = %s, want %s", tt.text, got, tt.want)
		}
		for _, n := range tt.not {
			if got == n {
				t.Errorf("Detect(%q) = %s", tt.text, got)
			}
		}
	}
}

func TestDetectConfidence(t *testing.T) {
	long := Detect("Қазақстан Республикасының Президенті бүгін Астанада шетелдік инвесторлармен кездесті.")
	short := Detect("бар")
	if long.Confidence < 0.99 {
		t.Errorf("a long clear sentence has confidence %.3f, want ≥ 0.99", long.Confidence)
	}
	if short.Confidence >= long.Confidence {
		t.Errorf("one ambiguous word has confidence %.3f, not below a long sentence's %.3f", short.Confidence, long.Confidence)
	}
}

func TestDetectPrior(t *testing.T) {
	kk, ru, en := language.Kazakh, language.Russian, language.English
	tests := []struct {
		text  string
		prior language.Tag
		want  string
	}{
		// A word that is both Kazakh and Russian follows the prior.
		{"он", kk, "kk"},
		{"он", ru, "ru"},
		{"не", kk, "kk"},
		{"не", ru, "ru"},
		{"тек", kk, "kk"},
		{"тек", ru, "ru"},
		{"театр", kk, "kk"},
		{"театр", ru, "ru"},
		// A prior for a look-alike helps its short text.
		{"не", language.MustParse("be"), "be"},
		// A word with letters of its own keeps its language.
		{"Дзякуй ўсім", ru, "be"},
		{"жаңалықтар", ru, "kk"},
		// A long sentence keeps its own language whatever the prior.
		{"Президент России провёл совещание с членами правительства по вопросам экономики.", kk, "ru"},
		{"Қазақстан Республикасының Президенті бүгін Астанада шетелдік инвесторлармен кездесті.", ru, "kk"},
		{"The government announced new measures to support small businesses on Tuesday.", kk, "en"},
		// A Cyrillic kk prior leans Latin text to kk-Latn.
		{"jaña", kk, "kk-Latn"},
		// Und and uncovered priors leave the domain prior.
		{"новости", language.Und, "ru"},
		{"новости", language.Japanese, "ru"},
		{"news", en, "en"},
		{"12:30", kk, "und"},
	}
	for _, tt := range tests {
		got := DetectPrior(tt.text, tt.prior)
		if got.Tag.String() != tt.want {
			t.Errorf("DetectPrior(%q, %v) = %v (%.2f), want %s", tt.text, tt.prior, got.Tag, got.Confidence, tt.want)
		}
		checkResult(t, got)
	}
}

func TestDocument(t *testing.T) {
	text := "Kazakhstan Economy News\r\n" +
		"\r\n" +
		"Қазақстан Республикасының Президенті бүгін Астанада шетелдік инвесторлармен кездесті.\r\n" +
		"Кездесуде министр инвесторларға елдің экономикасы туралы айтып берді, бірақ бір сөзін орысша айтты: «Мы готовы».\r\n" +
		"«Мы готовы обсуждать любые проекты, которые принесут пользу экономике страны и её жителям».\r\n" +
		"Бүгін 🙂\r\n" +
		"   \r\n" +
		"2024 ж.\n" +
		"Биыл елімізде жаңа мектептер салынып, мұғалімдердің жалақысы көтерілді."
	doc, paras := Document(text)
	if doc.Tag.String() != "kk" {
		t.Errorf("Document: dominant language %v, want kk", doc.Tag)
	}
	checkResult(t, doc)
	want := []struct{ tag, line string }{
		{"en", "Kazakhstan Economy News"},
		{"kk", "Қазақстан Республикасының Президенті бүгін Астанада шетелдік инвесторлармен кездесті."},
		{"kk", "Кездесуде министр инвесторларға елдің экономикасы туралы айтып берді, бірақ бір сөзін орысша айтты: «Мы готовы»."},
		{"ru", "«Мы готовы обсуждать любые проекты, которые принесут пользу экономике страны и её жителям»."},
		{"kk", "Бүгін 🙂"},
		{"kk", "2024 ж."},
		{"kk", "Биыл елімізде жаңа мектептер салынып, мұғалімдердің жалақысы көтерілді."},
	}
	if len(paras) != len(want) {
		t.Fatalf("Document: %d paragraphs, want %d: %+v", len(paras), len(want), paras)
	}
	runes := []rune(text)
	for i, p := range paras {
		if p.Start < 0 || p.End > len(runes) || p.Start > p.End {
			t.Fatalf("paragraph %d: bad range [%d, %d)", i, p.Start, p.End)
		}
		if got := string(runes[p.Start:p.End]); got != want[i].line {
			t.Errorf("paragraph %d spans %q, want %q", i, got, want[i].line)
		}
		if p.Result.Tag.String() != want[i].tag {
			t.Errorf("paragraph %d (%q): %v, want %s", i, want[i].line, p.Result.Tag, want[i].tag)
		}
		checkResult(t, p.Result)
	}
}

// TestDocumentShortLines: the short lines of a Russian news page (issue 13)
// are Russian, as the CLI and the app both show through Document.
func TestDocumentShortLines(t *testing.T) {
	text := "Эхо Казахстана\n" +
		"В Алматы открылась выставка современного искусства, которая продлится до конца месяца.\n" +
		"Президент России провёл совещание с членами правительства по вопросам экономики.\n" +
		"4 месяца ago\n" +
		"Фото: newtimes.kz\n" +
		"Организаторы ожидают, что выставку посетят более десяти тысяч человек."
	doc, paras := Document(text)
	if doc.Tag.String() != "ru" {
		t.Errorf("Document: dominant language %v, want ru", doc.Tag)
	}
	lines := strings.Split(text, "\n")
	if len(paras) != len(lines) {
		t.Fatalf("Document: %d paragraphs, want %d", len(paras), len(lines))
	}
	for i, p := range paras {
		if p.Result.Tag.String() != "ru" {
			t.Errorf("line %q: %v (%.2f), want ru", lines[i], p.Result.Tag, p.Result.Confidence)
		}
	}
}

func TestDocumentEdges(t *testing.T) {
	tests := []struct {
		text  string
		doc   string
		paras int
	}{
		{"", "und", 0},
		{"\n\r\n  \n", "und", 0},
		{"12345\n🙂", "und", 2},
		{"Hello world, this is a short English note.", "en", 1},
		{"\nПогода\n", "ru", 1},
		{"no final break\n", "en", 1},
	}
	for _, tt := range tests {
		doc, paras := Document(tt.text)
		if doc.Tag.String() != tt.doc || len(paras) != tt.paras {
			t.Errorf("Document(%q) = %v with %d paragraphs, want %s with %d", tt.text, doc.Tag, len(paras), tt.doc, tt.paras)
		}
		checkParagraphs(t, tt.text, paras)
	}
}

// checkResult fails t unless r is well formed.
func checkResult(t testing.TB, r Result) {
	t.Helper()
	if r.Confidence < 0 || r.Confidence > 1 || r.Confidence != r.Confidence {
		t.Errorf("confidence %v is outside [0, 1]", r.Confidence)
	}
	if _, err := language.Parse(r.Tag.String()); err != nil {
		t.Errorf("tag %v does not parse: %v", r.Tag, err)
	}
}

// checkParagraphs fails t unless paras are ordered, disjoint, inside text,
// free of line breaks and not blank.
func checkParagraphs(t testing.TB, text string, paras []Paragraph) {
	t.Helper()
	runes := []rune(text)
	prev := 0
	for i, p := range paras {
		if p.Start < prev || p.End < p.Start || p.End > len(runes) {
			t.Fatalf("paragraph %d: range [%d, %d) is out of order or outside %d code points", i, p.Start, p.End, len(runes))
		}
		s := string(runes[p.Start:p.End])
		if strings.ContainsRune(s, '\n') || strings.HasSuffix(s, "\r") || strings.TrimSpace(s) == "" {
			t.Errorf("paragraph %d: %q is not one non-blank line", i, s)
		}
		checkResult(t, p.Result)
		prev = p.End
	}
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"", "и", "бар", "Qazaqstan", "Bıyl elimizde", "Привет, мир!\r\nСәлем, әлем!",
		"🙂\n\n2024", "д'Артаньян", "aʼb’c'", "й", "и\u0306", "\xff\xfe", "ШЫМКЕНТ\nalmaty\r",
		strings.Repeat("қазақ ", 100),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkResult(t, Detect(s))
		checkResult(t, DetectPrior(s, language.Kazakh))
		doc, paras := Document(s)
		checkResult(t, doc)
		checkParagraphs(t, s, paras)
		if doc.Tag == language.Und {
			for _, p := range paras {
				if p.Result.Tag != language.Und {
					t.Errorf("document is und but a paragraph is %v", p.Result.Tag)
				}
			}
		}
		if n := utf8.RuneCountInString(s); len(paras) > n {
			t.Errorf("%d paragraphs in %d code points", len(paras), n)
		}
	})
}

// benchSentences are news-like sentences of the domain's languages.
var benchSentences = []string{
	"Қазақстан Республикасының Президенті бүгін Астанада шетелдік инвесторлармен кездесті.",
	"Президент России провёл совещание с членами правительства по вопросам экономики.",
	"The government announced new measures to support small businesses on Tuesday.",
	"Биыл елімізде жаңа мектептер салынып, мұғалімдердің жалақысы көтерілді.",
	"В Алматы открылась выставка современного искусства.",
	"Qazaqstan Respublikasynyñ Prezidentı bügın Astanada şeteldık investorlarmen kezdestı.",
}

// BenchmarkDetect reports sentences/s on one goroutine.
func BenchmarkDetect(b *testing.B) {
	Detect("warm up")
	b.ResetTimer()
	n := 0
	for b.Loop() {
		Detect(benchSentences[n%len(benchSentences)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

func BenchmarkDocument(b *testing.B) {
	text := strings.Join(benchSentences, "\n")
	Detect("warm up")
	for b.Loop() {
		Document(text)
	}
}
