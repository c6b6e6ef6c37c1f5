//go:build !wasm

package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// captureLangid runs the langid command with args and returns what it printed.
func captureLangid(t *testing.T, args ...string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	runErr := commands["langid"].run(args)
	os.Stdout = stdout
	w.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if runErr != nil {
		t.Fatalf("langid %v: %v", args, runErr)
	}
	return string(out)
}

func TestLangid(t *testing.T) {
	path := filepath.Join(t.TempDir(), "doc.txt")
	text := "Қазақстан Республикасының Президенті бүгін Астанада шетелдік инвесторлармен кездесті.\r\n" +
		"\r\n" +
		"Президент России провёл совещание с членами правительства по вопросам экономики.\r\n" +
		"Биыл елімізде жаңа мектептер салынып, мұғалімдердің жалақысы көтерілді.\r\n" +
		"2024"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := captureLangid(t, path); got != "kk\n" {
		t.Errorf("langid FILE printed %q, want %q", got, "kk\n")
	}
	want := "kk\nund\nru\nkk\nund\n"
	if got := captureLangid(t, "--lines", path); got != want {
		t.Errorf("langid --lines FILE printed %q, want %q", got, want)
	}
}

// TestLangidLines: --lines judges each line within its document, as the
// app does (issue 13: these short lines of a Russian page were called
// Belarusian and English when judged alone).
func TestLangidLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ru.txt")
	text := "Эхо Казахстана\n" +
		"В Алматы открылась выставка современного искусства, которая продлится до конца месяца.\n" +
		"4 месяца ago\n" +
		"\n" +
		"Фото: newtimes.kz\n" +
		"Президент России провёл совещание с членами правительства по вопросам экономики.\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "ru\nru\nru\nund\nru\nru\n"
	if got := captureLangid(t, "--lines", path); got != want {
		t.Errorf("langid --lines printed %q, want %q", got, want)
	}
}

func TestLangidUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"a", "b"}, {"--bogus", "x"}, {filepath.Join(t.TempDir(), "missing")}} {
		if err := commands["langid"].run(args); err == nil {
			t.Errorf("langid %v: no error", args)
		}
	}
	if !strings.Contains(commands["langid"].summary, "language") {
		t.Errorf("summary %q does not say what the command does", commands["langid"].summary)
	}
}
