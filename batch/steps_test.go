package batch

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"belgi/annotations"

	"golang.org/x/text/encoding/charmap"
)

func warcText(typ, body string) string {
	return "WARC/1.0\r\nWARC-Type: " + typ + "\r\nWARC-Target-URI: https://example.kz/a\r\nContent-Length: " +
		itoa(len(body)) + "\r\n\r\n" + body + "\r\n\r\n"
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestWARCReader(t *testing.T) {
	resp := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Привет</p>"
	good := warcText("warcinfo", "software: x\r\n") + warcText("response", resp)
	for _, tc := range []struct {
		name  string
		in    string
		types []string
		err   error
	}{
		{"two records", good, []string{"warcinfo", "response"}, nil},
		{"empty", "", nil, nil},
		{"cut in content", good[:len(good)-10], []string{"warcinfo"}, ErrTruncated},
		{"cut in header", good[:len(good)-len(resp)-30], []string{"warcinfo"}, ErrTruncated},
		{"not WARC", "<html>", nil, errNotWARC},
		{"bad length", "WARC/1.0\r\nContent-Length: x\r\n\r\n", nil, errors.New("bad")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWARCReader(strings.NewReader(tc.in))
			var types []string
			var err error
			for {
				var r *warcRecord
				r, err = w.Next()
				if err != nil {
					break
				}
				types = append(types, r.Header.Get("WARC-Type"))
			}
			if strings.Join(types, ",") != strings.Join(tc.types, ",") {
				t.Errorf("types %v, want %v", types, tc.types)
			}
			switch {
			case tc.err == nil && err != io.EOF:
				t.Errorf("error %v, want EOF", err)
			case tc.err != nil && tc.err.Error() == "bad" && (err == io.EOF || err == nil):
				t.Errorf("error %v, want one", err)
			case tc.err != nil && tc.err.Error() != "bad" && !errors.Is(err, tc.err):
				t.Errorf("error %v, want %v", err, tc.err)
			}
		})
	}
	ct, body := httpBody([]byte(resp))
	if ct != "text/html; charset=utf-8" || string(body) != "<p>Привет</p>" {
		t.Errorf("httpBody: %q %q", ct, body)
	}
}

// A .warc.gz cut inside a gzip member reads as a truncated record.
func TestWARCGzipCut(t *testing.T) {
	var b bytes.Buffer
	for range 3 {
		gz := gzip.NewWriter(&b)
		io.WriteString(gz, warcText("response", strings.Repeat("слово ", 2000)))
		gz.Close()
	}
	cut := b.Bytes()[:b.Len()-200]
	gz, err := gzip.NewReader(bytes.NewReader(cut))
	if err != nil {
		t.Fatal(err)
	}
	w := newWARCReader(gz)
	n := 0
	for {
		_, err = w.Next()
		if err != nil {
			break
		}
		n++
	}
	if n != 2 || !errors.Is(err, ErrTruncated) {
		t.Errorf("%d records then %v, want 2 then ErrTruncated", n, err)
	}
}

func FuzzWARC(f *testing.F) {
	f.Add([]byte(warcText("response", "HTTP/1.1 200 OK\r\n\r\nhi")))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w := newWARCReader(bytes.NewReader(data))
		for range 100 {
			r, err := w.Next()
			if err != nil {
				return
			}
			httpBody(r.Content)
		}
	})
}

func TestDecode(t *testing.T) {
	ru := "Акимат Алматы отказал активистам в проведении митинга"
	cp, _ := charmap.Windows1251.NewEncoder().String(ru)
	koi, _ := charmap.KOI8R.NewEncoder().String(ru)
	for _, tc := range []struct {
		name, in string
		html     bool
		declared string
		want     string
		enc      string
		err      error
	}{
		{"utf-8", ru, false, "", ru, "", nil},
		{"windows-1251", cp, false, "", ru, "windows-1251", nil},
		{"koi8-r", koi, false, "", ru, "koi8-r", nil},
		{"declared", koi, false, "text/plain; charset=KOI8-R", ru, "koi8-r", nil},
		{"html meta", `<html><head><meta charset="windows-1251"></head><body>` + cp, true, "", `<html><head><meta charset="windows-1251"></head><body>` + ru, "windows-1251", nil},
		{"latin-1", "caf\xe9 cr\xe8me br\xfbl\xe9e na\xefve", false, "", "", "", errEncoding},
		{"binary", "\x00\x01\x02abc", false, "", "", "", errBinary},
		{"png", "\x89PNG\r\n\x1a\n....", false, "", "", "", errBinary},
		{"pdf", "%PDF-1.4\n%âãÏÓ\n1 0 obj", false, "", "", "", errBinary},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, enc, err := decode([]byte(tc.in), tc.html, tc.declared)
			if err != tc.err || s != tc.want || enc != tc.enc {
				t.Errorf("decode = %q, %q, %v; want %q, %q, %v", s, enc, err, tc.want, tc.enc, tc.err)
			}
		})
	}
}

func TestDeduper(t *testing.T) {
	base := strings.Repeat("Полиция задержала участников митинга на площади в центре города. ", 3) +
		"Организаторы заявили, что подадут в суд на решение акимата о запрете акции протеста, " +
		"а правозащитники потребовали освободить задержанных активистов и журналистов."
	other := "Жанаозен мұнайшылары жалақыны көтеруді талап етіп ереуілге шықты. Компания өкілдері келіссөз жүргізуге уәде берді, бірақ жұмысшылар алаңнан кетпеді."
	d := NewDeduper(0)
	for _, tc := range []struct {
		id, text   string
		dupOf, kin string
	}{
		{"a", base, "", ""},
		{"b", other, "", ""},
		{"c", strings.ToUpper(base) + "!!!", "a", Exact},
		{"d", strings.Replace(base, "журналистов", "блогеров", 1), "a", Near},
		{"e", other[:len(other)/2], "", ""},
		{"f", "", "", ""},
		{"g", "...", "f", Exact}, // no words: only exact matches
	} {
		of, kind, sim := d.Add(tc.id, fingerprint(tc.text, DefaultShingle))
		if of != tc.dupOf || kind != tc.kin {
			t.Errorf("%s: duplicate of %q (%s, %.2f), want %q (%s)", tc.id, of, kind, sim, tc.dupOf, tc.kin)
		}
	}
	if d.Len() != 4 {
		t.Errorf("kept %d, want 4", d.Len())
	}
}

func TestSampler(t *testing.T) {
	mk := func(i int, site string) *Doc {
		return &Doc{Seq: int64(i), Site: site, Month: "2026-03", Doc: nil, Key: site + itoa(i)}
	}
	var docs []*Doc
	for i := range 50 {
		d := mk(i, []string{"a.kz", "b.kz", "c.kz"}[i%3])
		d.Doc = newDocForTest(d.Key)
		docs = append(docs, d)
	}
	draw := func(order []*Doc) []string {
		s := NewSampler(4, 7)
		for _, d := range order {
			s.Add(d)
		}
		var ids []string
		for _, d := range s.Sample() {
			ids = append(ids, d.Doc.ID)
		}
		return ids
	}
	a := draw(docs)
	rev := make([]*Doc, len(docs))
	for i, d := range docs {
		rev[len(docs)-1-i] = d
	}
	b := draw(rev)
	if len(a) != 12 || strings.Join(a, ",") != strings.Join(b, ",") {
		t.Errorf("sample %v; reversed input %v: want the same 12", a, b)
	}
}

func TestParseDate(t *testing.T) {
	if got := parseDate("2026-04-02"); !got.Equal(time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("parseDate = %v", got)
	}
	if !parseDate("yesterday").IsZero() {
		t.Error("parseDate accepted nonsense")
	}
}

func newDocForTest(key string) *annotations.Document {
	return annotations.NewDocument(docID(key), "", key, "text")
}

// FuzzRecords feeds any bytes to every reader and every record they give
// to Prepare: nothing panics, and each record has a key.
func FuzzRecords(f *testing.F) {
	f.Add([]byte(`{"text": "Привет, мир. Это проверка."}`+"\n{bad\n"), "jsonl")
	f.Add([]byte(warcText("response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Сәлем</p>")), "warc")
	f.Add([]byte("<html><body><p>Митинг</p>"), "html")
	f.Add([]byte("\xff\xfe\x00t\x00e"), "txt")
	c := &Config{Keywords: []string{"митинг"}}
	f.Fuzz(func(t *testing.T, data []byte, kind string) {
		if kind != "jsonl" && kind != "warc" && kind != "html" {
			kind = "txt"
		}
		var rd Reader
		err := rd.From("x."+kind, bytes.NewReader(data), func(r Record) error {
			if r.Key == "" {
				t.Fatal("record without a key")
			}
			c.Prepare(r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkDeduperMemory reports the live heap the duplicate index keeps
// per distinct document.
func BenchmarkDeduperMemory(b *testing.B) {
	const docs = 100000
	var bytesPerDoc float64
	for range b.N {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d := NewDeduper(0)
		for i := range docs {
			var f Fingerprint
			f.Exact[0], f.Exact[1], f.Exact[2] = byte(i), byte(i>>8), byte(i>>16)
			f.Sig = make([]uint32, numHashes)
			s := uint64(i)
			for k := range f.Sig {
				f.Sig[k] = uint32(splitmix(&s))
			}
			d.Add(docID(strconv.Itoa(i)), f)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		bytesPerDoc = float64(after.HeapAlloc-before.HeapAlloc) / docs
		runtime.KeepAlive(d)
	}
	b.ReportMetric(bytesPerDoc, "bytes/doc")
	b.ReportMetric(0, "ns/op")
}
