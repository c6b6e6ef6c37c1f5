package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"belgi/clean/internal/score"
	"belgi/internal/shared"
)

func TestNormalisation(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bom", "\uFEFFСлово и дело.", "Слово и дело."},
		{"crlf", "Первая строка.\r\nВторая строка.", "Первая строка.\nВторая строка."},
		{"cr", "One line here.\rAnother line here.", "One line here.\nAnother line here."},
		{"spaces", "  Много \t\u00a0 пробелов   здесь.  ", "Много пробелов здесь."},
		{"nfc", "Айтылды и\u0306 е\u0308лка.", "Айтылды й ёлка."},
		{"stress mark stays", "Заме\u0301тка о городе.", "Заме\u0301тка о городе."},
		{"emoji zwj", "Семья 👨\u200d👩\u200d👧 на празднике. 🇰🇿", "Семья 👨\u200d👩\u200d👧 на празднике. 🇰🇿"},
		{"soft hyphen and zwsp", "Ал\u00adматы\u200b сегодня.", "Алматы сегодня."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Text(tt.in)
			all := make([]Line, len(r.Lines))
			for i, l := range r.Lines {
				l.Keep = true
				all[i] = l
			}
			got := Apply(tt.in, all)
			if got.Text != tt.want {
				t.Errorf("Apply(all kept) = %q, want %q", got.Text, tt.want)
			}
			checkResult(t, tt.in, got, false)
			checkResult(t, tt.in, r, false)
		})
	}
}

func TestMapEdges(t *testing.T) {
	raw := "\uFEFFЗаголовок и\u0306\r\n\r\n  👍🏽 Абзац  текста.\r\n"
	lines := Text(raw).Lines
	for i := range lines {
		lines[i].Keep = lines[i].End > lines[i].Start
	}
	r := Apply(raw, lines)
	if want := "Заголовок й\n👍🏽 Абзац текста."; r.Text != want {
		t.Fatalf("text %q, want %q", r.Text, want)
	}
	checkResult(t, raw, r, false)
	m := r.Map
	orig := []rune(raw)
	// "й" came from two code points: both map to it.
	j := strings.Index(r.Text, "й")
	cj := len([]rune(r.Text[:j]))
	oj := m.ToOriginal(cj)
	if string(orig[oj:oj+2]) != "и\u0306" {
		t.Errorf("й maps to %q", string(orig[oj:oj+2]))
	}
	if c, ok := m.FromOriginal(oj + 1); !ok || c != cj {
		t.Errorf("FromOriginal(combining breve) = %d, %v; want %d, true", c, ok, cj)
	}
	// The BOM and the blank line are gone.
	if _, ok := m.FromOriginal(0); ok {
		t.Error("BOM still mapped")
	}
	// The "\n" joiner stands for the CRLF after the first line.
	nl := strings.IndexByte(r.Text, '\n')
	cnl := len([]rune(r.Text[:nl]))
	if o := m.ToOriginal(cnl); orig[o] != '\r' {
		t.Errorf("joiner maps to %q, want CR", orig[o])
	}
	// A span over the whole cleaned text covers the kept original.
	s, e := m.OriginalSpan(0, m.CleanLen)
	if s != 1 || string(orig[e-1]) != "." {
		t.Errorf("OriginalSpan = [%d,%d)", s, e)
	}
	// JSON round trip.
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Map
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, m) {
		t.Fatalf("JSON round trip: %v, %s", err, b)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		keep []string // kept lines, in order
	}{{
		name: "portal with menu, related feed and footer",
		in: `Главная
Новости
Спорт
Погода
В Уральске открыли зимний каток на набережной
14 января 2024, 10:12
Зимний каток площадью полторы тысячи квадратных метров открылся на набережной реки Урал. Вход свободный, прокат коньков стоит тысячу тенге в час.
По словам организаторов, лёд будут заливать каждый вечер, а по выходным на катке будет играть музыка.
Читайте также
В Атырау отменили занятия из-за мороза
В Актобе продлили работу ледового городка
В Аксае открыли новую школу искусств
© 2024 Жайық Ньюс. Все права защищены.`,
		keep: []string{
			"В Уральске открыли зимний каток на набережной",
			"Зимний каток площадью полторы тысячи квадратных метров открылся на набережной реки Урал. Вход свободный, прокат коньков стоит тысячу тенге в час.",
			"По словам организаторов, лёд будут заливать каждый вечер, а по выходным на катке будет играть музыка.",
		},
	}, {
		name: "telegram dump with repeats",
		in: `Канал новостей
Жители села Талдыбулак перекрыли дорогу, требуя отремонтировать мост через реку.
Жители села Талдыбулак перекрыли дорогу, требуя отремонтировать мост через реку.
This media is not supported in your browser
VIEW IN TELEGRAM
Аким района пообещал начать ремонт до конца месяца. Люди
разошлись только к вечеру.
разошлись только к вечеру.
1.2K views 18:04`,
		keep: []string{
			"Жители села Талдыбулак перекрыли дорогу, требуя отремонтировать мост через реку.",
			"Аким района пообещал начать ремонт до конца месяца. Люди",
			"разошлись только к вечеру.",
		},
	}, {
		name: "kazakh with author, date, credit and related",
		in: `Ауа райы: елордада аяз күшейеді

Сәуле АХМЕТ

  • 11.12.2023

Синоптиктердің болжамынша, алдағы үш күнде Астанада ауа температурасы түнде 30 градусқа дейін төмендейді. Тұрғындарға сыртта ұзақ жүрмеу ұсынылады.

Қалалық әкімдік жылу желілерінің жұмысы тұрақты екенін, барлық мектептер сабақты әдеттегідей өткізетінін хабарлады.

Фото: ашық дереккөз

Соңғы жаңалықтар

Қарағандыда жол жабылды

10.12.2023`,
		keep: []string{
			"Ауа райы: елордада аяз күшейеді",
			"Синоптиктердің болжамынша, алдағы үш күнде Астанада ауа температурасы түнде 30 градусқа дейін төмендейді. Тұрғындарға сыртта ұзақ жүрмеу ұсынылады.",
			"Қалалық әкімдік жылу желілерінің жұмысы тұрақты екенін, барлық мектептер сабақты әдеттегідей өткізетінін хабарлады.",
		},
	}, {
		name: "english with cookie banner and comments",
		in: `We use cookies to give you the best experience. By using this site you accept our cookie policy.
Accept
Home
News
Local council approves new cycle lanes
By Jane Doe
The city council voted on Tuesday to build twelve kilometres of protected cycle lanes in the centre over the next two years.
Supporters say the plan will make the streets safer, while some shop owners worry about losing parking spaces.
Comments (2)
Mike
Great news, it was about time they did something about it.
Reply`,
		keep: []string{
			"Local council approves new cycle lanes",
			"The city council voted on Tuesday to build twelve kilometres of protected cycle lanes in the centre over the next two years.",
			"Supporters say the plan will make the streets safer, while some shop owners worry about losing parking spaces.",
		},
	}, {
		name: "empty",
		in:   "",
	}, {
		name: "only menu",
		in:   "Главная\nНовости\nКонтакты\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Text(tt.in)
			checkResult(t, tt.in, r, false)
			want := strings.Join(tt.keep, "\n")
			if r.Text != want {
				t.Errorf("kept:\n%s\nwant:\n%s\n%s", r.Text, want, explain(tt.in, r))
			}
		})
	}
}

// explain renders decisions for failure messages.
func explain(raw string, r Result) string {
	rs := []rune(raw)
	var b strings.Builder
	for _, l := range r.Lines {
		k := "drop"
		if l.Keep {
			k = "keep"
		}
		b.WriteString(k + " " + l.Reason + " | " + string(rs[l.Start:l.End]) + "\n")
	}
	return b.String()
}

func TestApplyFlips(t *testing.T) {
	raw := "Заголовок новости про город\nГлавная\nПервый абзац новости, в котором много слов и есть точка в конце.\nВторой абзац новости, в котором тоже много слов и точка.\n"
	r := Text(raw)
	lines := append([]Line(nil), r.Lines...)
	for i := range lines {
		if lines[i].Reason == "menu" {
			lines[i].Keep = true
		}
		if strings.HasPrefix(string([]rune(raw)[lines[i].Start:lines[i].End]), "Второй") {
			lines[i].Keep = false
		}
	}
	got := Apply(raw, lines)
	want := "Заголовок новости про город\nГлавная\nПервый абзац новости, в котором много слов и есть точка в конце."
	if got.Text != want {
		t.Fatalf("got %q\nwant %q\n%s", got.Text, want, explain(raw, r))
	}
	checkResult(t, raw, got, false)
	// Garbage decisions are ignored, not trusted.
	bad := []Line{{Start: 50, End: 10, Keep: true}, {Start: -1, End: 3, Keep: true}, {Start: 0, End: 1 << 30, Keep: true}}
	if r := Apply(raw, bad); r.Text != "" {
		t.Fatalf("bad lines produced %q", r.Text)
	}
}

func TestHTML(t *testing.T) {
	raw := `<!DOCTYPE html><html><head><title>Заголовок | Сайт</title><style>p{color:red}</style></head>
<body><nav><a href="/">Главная</a> <a href="/n">Новости</a></nav>
<article><h1>Тест &amp; проверка</h1>
<p>Первый абзац статьи, достаточно длинный, с запятыми, чтобы попасть в текст&nbsp;статьи.</p>
<p hidden>Скрытый абзац.</p><div style="display: none">Тоже скрытый текст, который не нужен.</div>
<p>Второй абзац <b>с выделением</b> и <a href="#">ссылкой</a>, тоже длинный и полезный для читателя.<script>alert("x")</script></p>
</article><footer>&copy; 2024 Сайт</footer></body></html>`
	r, err := HTML(raw)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, raw, r, true)
	want := "Тест & проверка\nПервый абзац статьи, достаточно длинный, с запятыми, чтобы попасть в текст статьи.\nВторой абзац с выделением и ссылкой, тоже длинный и полезный для читателя."
	if r.Text != want {
		t.Fatalf("got:\n%s\nwant:\n%s", r.Text, want)
	}
	for _, bad := range []string{"alert", "color", "Скрыт", "скрыт", "<"} {
		if strings.Contains(r.Text, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	// "&" maps to the whole "&amp;" and the text around it one to one.
	orig := []rune(raw)
	amp := len([]rune(r.Text[:strings.Index(r.Text, "&")]))
	o := r.Map.ToOriginal(amp)
	if string(orig[o:o+5]) != "&amp;" {
		t.Errorf("& maps to %q", string(orig[o:o+5]))
	}
	if o := r.Map.ToOriginal(0); string(orig[o:o+4]) != "Тест" {
		t.Errorf("title maps to %q", string(orig[o:o+4]))
	}
	// Flip the nav back in.
	lines := append([]Line(nil), r.Lines...)
	for i := range lines {
		if lines[i].Reason == "menu" {
			lines[i].Keep = true
		}
	}
	again, err := ApplyHTML(raw, lines)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(again.Text, "Главная Новости\n") {
		t.Errorf("restored nav: %q", again.Text)
	}
	checkResult(t, raw, again, true)
}

func TestLooksLikeHTML(t *testing.T) {
	for in, want := range map[string]bool{
		"<!DOCTYPE html><p>x":      true,
		"\uFEFF\n  <html lang=ru>": true,
		"<p>not a page":            false,
		"Главная\nНовости":         false,
	} {
		if got := LooksLikeHTML(in); got != want {
			t.Errorf("LooksLikeHTML(%q) = %v", in, got)
		}
	}
}

// testdataSets are the folders of clean/testdata and how many pages each
// holds: a folder that lost its files fails rather than passes empty.
var testdataSets = []struct {
	dir   string
	files int
}{
	{"testdata/tune", 12}, {"testdata/dev1", 7}, {"testdata/dev2", 6},
	{"testdata/html/tune", 3}, {"testdata/html/dev1", 2},
}

// floors are the README's targets for the project's own dumps, applied to
// every page: token F1 ≥ 0.97 for ru and kk, ≥ 0.90 for en.
var floors = map[string]float64{"ru": 0.97, "kk": 0.97, "en": 0.90}

// TestTestdata holds every page of the project's own (development) dumps
// and pages at the README's targets.
func TestTestdata(t *testing.T) {
	for _, set := range testdataSets {
		files, _ := filepath.Glob(filepath.Join(set.dir, "*"))
		n := 0
		for _, f := range files {
			if strings.HasSuffix(f, ".gold.txt") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			gold, err := os.ReadFile(strings.TrimSuffix(strings.TrimSuffix(f, ".txt"), ".html") + ".gold.txt")
			if err != nil {
				t.Errorf("%s: no gold: %v", f, err)
				continue
			}
			n++
			raw := string(b)
			var r Result
			isHTML := strings.HasSuffix(f, ".html")
			if isHTML {
				if r, err = HTML(raw); err != nil {
					t.Fatal(err)
				}
			} else {
				r = Text(raw)
			}
			checkResult(t, raw, r, isHTML)
			lang, _, _ := strings.Cut(filepath.Base(f), "_")
			floor, ok := floors[lang]
			if !ok {
				t.Errorf("%s: no target for language %q", f, lang)
				continue
			}
			if f1 := score.Tokens(r.Text, string(gold), "").F1(); f1 < floor {
				t.Errorf("%s: token F1 %.3f < %.2f\n%s", f, f1, floor, explain(raw, r))
			}
		}
		if n != set.files {
			t.Errorf("%s: %d pages with gold, want %d", set.dir, n, set.files)
		}
	}
}

// TestSeeds runs the cleaner on the real dumps in ../shared/seeds: no
// panics, contracts hold, and an article is found.
func TestSeeds(t *testing.T) {
	dir := shared.Dir(t, "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := Text(string(b))
		checkResult(t, string(b), r, false)
		if len(strings.Split(r.Text, "\n")) < 5 {
			t.Errorf("%s: only %q kept", filepath.Base(f), r.Text)
		}
		// The same page saved with a BOM, CRLF and stray spaces cleans the same.
		v := "\uFEFF" + strings.ReplaceAll(strings.ReplaceAll(string(b), "\n", " \t\r\n"), ". ", ".\u00a0 ")
		rv := Text(v)
		checkResult(t, v, rv, false)
		if rv.Text != r.Text {
			t.Errorf("%s: the CRLF/BOM variant cleans differently:\n%s", filepath.Base(f), explain(v, rv))
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add("Заголовок\r\n\r\nАбзац текста, длинный и с точкой в конце.\nЧитайте также\nДругое")
	f.Add("\uFEFFи\u0306 е\u0301 👨\u200d👩\u200d👧\u2028x\ry\x00\xff")
	f.Add("This media is not supported in your browser\nVIEW IN TELEGRAM\nA post. A post.\nA post. A post.")
	files, _ := filepath.Glob("testdata/tune/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && !strings.HasSuffix(p, ".gold.txt") {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := Text(raw)
		checkResult(t, raw, r, false)
		// Every input line is in Lines.
		if want := len(splitLines(raw)); len(r.Lines) != want {
			t.Fatalf("%d lines, want %d", len(r.Lines), want)
		}
	})
}

func FuzzHTML(f *testing.F) {
	f.Add(`<!doctype html><title>T &amp x</title><p>Абзац &ampx &#1241; &#x1F600; &notit; текста, с запятой.</p><br/><div hidden>h</div>`)
	f.Add("<html><body><ul><li>a<li>b</ul><table><tr><td>x<td>y</table><p>p<div>d</p></div><a><a>z</a>")
	f.Add("<p>\r\nи\u0306\u00a0\u00a0 🇰🇿 <script>x</script><style>y</style><!-- c --><![CDATA[z]]></p>")
	files, _ := filepath.Glob("testdata/html/tune/*.html")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r, err := HTML(raw)
		if err != nil {
			return
		}
		checkResult(t, raw, r, true)
		if strings.ContainsAny(r.Text, "<>") && !strings.ContainsAny(raw, "<>") {
			t.Fatal("markup appeared from nowhere")
		}
	})
}

func BenchmarkText20KB(b *testing.B) {
	raw, err := os.ReadFile("testdata/page20k.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(raw)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Text(s)
	}
}

func BenchmarkHTML(b *testing.B) {
	raw, err := os.ReadFile("testdata/html/tune/ru_news.html")
	if err != nil {
		b.Fatal(err)
	}
	s := string(raw)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		HTML(s)
	}
}
