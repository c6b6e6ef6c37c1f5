package corpus

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
	"time"
)

func TestEdit(t *testing.T) {
	text := "Заголовок\nПолиция задержала участников митинга на площади в центре города вечером"
	for _, tc := range []struct {
		n       int
		changed bool
	}{{0, false}, {1, true}, {3, true}} {
		got := Edit(text, tc.n, 1)
		if (got != text) != tc.changed {
			t.Errorf("Edit(n=%d) = %q", tc.n, got)
		}
		if got != Edit(text, tc.n, 1) {
			t.Errorf("Edit(n=%d) is not deterministic", tc.n)
		}
		if !strings.HasPrefix(got, "Заголовок\n") {
			t.Errorf("Edit(n=%d) changed the title: %q", tc.n, got)
		}
	}
}

func TestJaccard(t *testing.T) {
	a := "one two three four five six seven"
	for _, tc := range []struct {
		b    string
		want float64
	}{
		{a, 1},
		{"one two three four five six", 2.0 / 3},
		{"eight nine ten eleven twelve", 0},
	} {
		if got := jaccard(a, tc.b); got != tc.want {
			t.Errorf("jaccard(%q) = %v, want %v", tc.b, got, tc.want)
		}
	}
}

// Each WARC record is its own gzip member, and a truncated one is short.
func TestWARCWriter(t *testing.T) {
	var b bytes.Buffer
	w, err := NewWARCWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	w.Response("https://a.kz/1", date, "text/html", []byte("<p>x</p>"))
	w.Truncated("https://a.kz/2", date, []byte("HTTP/1.1 200 OK\r\n\r\n0123456789"))
	gz, err := gzip.NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(gz)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "WARC/1.0\r\n"); n != 3 {
		t.Errorf("%d records, want warcinfo, response, truncated", n)
	}
	if !strings.HasSuffix(string(data), "HTTP/1.1 200 O") {
		t.Errorf("truncated record not cut at half: %q", data[len(data)-20:])
	}
}
