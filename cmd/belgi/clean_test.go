//go:build !wasm

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	belgi "belgi/app"
)

func runCleanOn(t *testing.T, input string, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	cleanIn, cleanOut = strings.NewReader(input), &out
	defer func() { cleanIn, cleanOut = os.Stdin, os.Stdout }()
	if err := runClean(args); err != nil {
		t.Fatalf("runClean(%q): %v", args, err)
	}
	return out.String()
}

const dump = `Главная
Новости
В Таразе открыли новый парк у реки Талас
12 мая 2024
Новый парк площадью восемь гектаров открылся на берегу реки Талас. В нём высадили две тысячи деревьев и построили детские площадки.
Работы по благоустройству продолжатся летом, когда в парке появятся фонтаны и велодорожки.
Читайте также
В Шымкенте отремонтируют набережную
© 2024 Тараз Ньюс
`

func TestCleanCommand(t *testing.T) {
	got := runCleanOn(t, dump, "-")
	want := "В Таразе открыли новый парк у реки Талас\n" +
		"Новый парк площадью восемь гектаров открылся на берегу реки Талас. В нём высадили две тысячи деревьев и построили детские площадки.\n" +
		"Работы по благоустройству продолжатся летом, когда в парке появятся фонтаны и велодорожки.\n"
	if got != want {
		t.Errorf("clean -:\n%s\nwant:\n%s", got, want)
	}

	// --explain after the file name, from a file.
	path := filepath.Join(t.TempDir(), "page.txt")
	if err := os.WriteFile(path, []byte(dump), 0o644); err != nil {
		t.Fatal(err)
	}
	ex := runCleanOn(t, "", path, "--explain")
	lines := strings.Split(strings.TrimSuffix(ex, "\n"), "\n")
	if len(lines) != 9 {
		t.Fatalf("--explain printed %d lines, want 9:\n%s", len(lines), ex)
	}
	for _, want := range []string{
		"drop  menu      | Главная",
		"keep  title     | В Таразе открыли новый парк у реки Талас",
		"drop  date      | 12 мая 2024",
		"drop  related   | Читайте также",
		"drop  footer    | © 2024 Тараз Ньюс",
	} {
		if !strings.Contains(ex, want+"\n") {
			t.Errorf("--explain lacks %q:\n%s", want, ex)
		}
	}
}

func TestCleanCommandHTML(t *testing.T) {
	page := `<!doctype html><html><head><title>T</title></head><body><nav><a href="/">Главная</a></nav>
<article><h1>Заголовок статьи о городе</h1><p>Первый абзац статьи, в котором достаточно слов, запятых, и смысла для читателя.</p>
<p>Второй абзац &laquo;статьи&raquo;, тоже длинный, с запятыми и точкой в конце.</p></article></body></html>`
	want := "Заголовок статьи о городе\nПервый абзац статьи, в котором достаточно слов, запятых, и смысла для читателя.\nВторой абзац «статьи», тоже длинный, с запятыми и точкой в конце.\n"
	if got := runCleanOn(t, page, "-"); got != want {
		t.Errorf("auto-detected HTML:\n%s\nwant:\n%s", got, want)
	}
	frag := strings.TrimPrefix(page, "<!doctype html><html>")
	if got := runCleanOn(t, frag, "--html", "-"); got != want {
		t.Errorf("--html:\n%s\nwant:\n%s", got, want)
	}
	if ex := runCleanOn(t, page, "--explain", "-"); !strings.Contains(ex, "keep  body      | Второй абзац «статьи»") {
		t.Errorf("--explain on HTML shows markup or entities:\n%s", ex)
	}
}

func TestCleanCommandErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"a", "b"}, {"--nope", "-"}, {"/does/not/exist"}} {
		cleanOut = &bytes.Buffer{}
		if err := runClean(args); err == nil {
			t.Errorf("runClean(%q) succeeded", args)
		}
		cleanOut = os.Stdout
	}
	if _, ok := commands["clean"]; !ok {
		t.Error("clean is not registered")
	}
}

// TestCleanMatchesApp checks that `belgi clean` prints the text of the
// document the app adds for the same file, and --explain its decisions.
func TestCleanMatchesApp(t *testing.T) {
	page := `<!doctype html><html><body><nav>Главная</nav><article><h1>Заголовок статьи о городе</h1><p>Первый абзац статьи, в котором достаточно слов, запятых, и смысла для читателя.</p></article></body></html>`
	dir := t.TempDir()
	for name, data := range map[string]string{
		"dump.txt":    dump,
		"page.html":   page,
		"snippet.txt": "\ufeffАлматы 👍\r\nмитинг",
		"crlf.txt":    strings.ReplaceAll(dump, "\n", "\r\n"),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		st := belgi.NewState()
		if _, err := st.AddFile(name, []byte(data)); err != nil {
			t.Fatalf("%s: the app refused it: %v", name, err)
		}
		d := st.Doc()
		if got := runCleanOn(t, "", path); got != d.Text+"\n" {
			t.Errorf("%s: belgi clean printed\n%s\nthe app's document holds\n%s", name, got, d.Text)
		}
		ex := strings.Split(strings.TrimSuffix(runCleanOn(t, "", path, "--explain"), "\n"), "\n")
		if len(ex) != len(d.Cleaning.Lines) {
			t.Fatalf("%s: --explain has %d rows for %d lines", name, len(ex), len(d.Cleaning.Lines))
		}
		for i, l := range d.Cleaning.Lines {
			if strings.HasPrefix(ex[i], "keep") != l.Keep {
				t.Errorf("%s: line %d: --explain says %q, the app keeps it: %v", name, i, ex[i], l.Keep)
			}
		}
	}
}
