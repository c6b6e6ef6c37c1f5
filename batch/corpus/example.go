package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"time"

	"belgi/clean"
	"belgi/demo"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// Expect is what a run of belgi batch over a corpus with the default
// settings should report.
type Expect struct {
	In, Kept, Exact, Near int
	Rejected              map[string]int
}

// Example writes the example corpus into dir from the demo texts: the
// three articles as page dumps, the same pages as a crawl (WARC) on two
// sites and as a JSONL feed, with exact and near-duplicates of them
// (republished with a few words changed) and one bad input of each kind.
func Example(dir string) (Expect, error) {
	arts := demo.Articles()
	pages := filepath.Join(dir, "pages")
	if err := os.MkdirAll(pages, 0o777); err != nil {
		return Expect{}, err
	}
	write := func(name string, data []byte) error {
		return os.WriteFile(filepath.Join(pages, name), data, 0o666)
	}
	var err error
	keep := func(e error) {
		if err == nil {
			err = e
		}
	}
	// Page dumps: the originals, kept.
	for _, a := range arts {
		keep(write(a.Name, []byte(a.Text)))
	}
	ru := arts[2]
	for _, a := range arts {
		if a.Lang == "ru" {
			ru = a
		}
	}
	// A copy from a site in windows-1251, which lacks the Kazakh letters
	// (written as the nearest Russian ones) and emoji: decoded, then a
	// near-duplicate.
	cp, e := encoding.ReplaceUnsupported(charmap.Windows1251.NewEncoder()).String(
		strings.NewReplacer("қ", "к", "Қ", "К", "ұ", "у", "ң", "н", "😕", "").Replace(ru.Text))
	keep(e)
	keep(write("zz-copy-cp1251.txt", []byte(cp)))
	// Bad input: a binary file, an HTML page with no article, an 8-bit
	// file in no encoding Belgi can tell.
	keep(write("zz-photo.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)))
	keep(write("zz-empty.html", []byte("<!doctype html><html><head><title>Menu</title></head><body><nav><a href=/>Home</a></nav></body></html>")))
	keep(write("zz-latin1.txt", []byte("Caf\xe9 cr\xe8me br\xfbl\xe9e, \xe0 la fran\xe7aise: r\xe9sum\xe9 na\xefve.\n")))

	// A crawl: each article republished as HTML on two sites, the second
	// copy edited (a near-duplicate), a request record, an image and a
	// record cut short.
	f, e := os.Create(filepath.Join(dir, "crawl.warc.gz"))
	if e != nil {
		return Expect{}, e
	}
	w, e := NewWARCWriter(f)
	keep(e)
	date := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	for i, a := range arts {
		slug := strings.TrimSuffix(a.Name, ".txt")
		keep(w.Request("https://news.example.kz/"+slug, date))
		keep(w.Response("https://news.example.kz/"+slug, date, "text/html; charset=utf-8", []byte(page(a.Title, a.Text))))
		keep(w.Response("https://mirror.example.ru/"+slug, date.AddDate(0, 1, i), "text/html; charset=utf-8", []byte(page(a.Title, Edit(a.Text, 3, int64(i))))))
	}
	// The first page fetched again under another URL: an exact duplicate.
	keep(w.Response("http://news.example.kz/"+strings.TrimSuffix(arts[0].Name, ".txt")+"?utm_source=tg", date.AddDate(0, 0, 1), "text/html; charset=utf-8", []byte(page(arts[0].Title, arts[0].Text))))
	keep(w.Response("https://news.example.kz/logo.png", date, "image/png", []byte("\x89PNG\r\n\x1a\n")))
	keep(w.Truncated("https://news.example.kz/cut", date, []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+page(arts[0].Title, arts[0].Text))))
	keep(f.Close())

	// A JSONL feed: the English article again with one word changed, the
	// second page's HTML as crawled (an exact duplicate), a line that is
	// not JSON, and a page with no text.
	f, e = os.Create(filepath.Join(dir, "feed.jsonl"))
	if e != nil {
		return Expect{}, e
	}
	b := bufio.NewWriter(f)
	enc := json.NewEncoder(b)
	en := arts[0]
	for _, a := range arts {
		if a.Lang == "en" {
			en = a
		}
	}
	keep(enc.Encode(map[string]string{"id": "1", "url": "https://feed.example.com/observers", "date": "2026-04-02", "text": Edit(en.Text, 1, 7)}))
	keep(enc.Encode(map[string]string{"id": "4", "url": "https://feed.example.com/copy", "date": "2026-04-03", "html": page(arts[1].Title, arts[1].Text)}))
	b.WriteString("{\"id\": \"2\", \"text\": \"unterminated\n")
	keep(enc.Encode(map[string]string{"id": "3", "url": "https://feed.example.com/empty", "date": "2026-04-02", "text": "   \n\n"}))
	keep(b.Flush())
	keep(f.Close())
	return Expect{
		In:    7 + 3*2 + 3 + 4,
		Kept:  3,
		Exact: 2,
		// The mirrors, the feed's English article, the cp1251 copy and the
		// page dumps, whose text the text cleaner cuts a little differently
		// from the HTML cleaner.
		Near: 3 + 1 + 1 + 3,
		Rejected: map[string]int{
			"binary": 1, "no-text": 2, "encoding": 1, "not-text": 1, "truncated-warc": 1, "bad-json": 1,
		},
	}, err
}

// page makes an HTML page of a page dump: the lines the cleaner drops
// before the article go in a nav, those after it in a footer, the article
// in an article element.
func page(title, text string) string {
	r := clean.Text(text)
	src := []rune(text)
	var nav, art, foot []string
	seen := false
	for _, l := range r.Lines {
		s := html.EscapeString(strings.TrimSpace(string(src[l.Start:l.End])))
		switch {
		case s == "":
		case l.Keep:
			art, seen = append(art, s), true
		case !seen:
			nav = append(nav, "<a href=\"/\">"+s+"</a>")
		default:
			foot = append(foot, "<p>"+s+"</p>")
		}
	}
	return fmt.Sprintf("<!doctype html><html><head><meta charset=utf-8><title>%s</title></head><body>\n<nav>%s</nav>\n<article>\n<p>%s</p>\n</article>\n<footer>%s</footer>\n</body></html>\n",
		html.EscapeString(title), strings.Join(nav, " "), strings.Join(art, "</p>\n<p>"), strings.Join(foot, "\n"))
}
