package batch

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// Reasons a record is dropped, as counted in Report.Rejected.
const (
	ReasonRead      = "read-error"     // the file could not be read
	ReasonTruncated = "truncated-warc" // a WARC record ends early
	ReasonBadWARC   = "bad-warc"       // a WARC file is malformed
	ReasonBadJSON   = "bad-json"       // a JSONL line is not a JSON object with a text
	ReasonNotText   = "not-text"       // a WARC response that is not HTML or text
	ReasonTooLarge  = "too-large"      // larger than Config.MaxBytes
	ReasonBinary    = "binary"         // binary data (NUL bytes, control characters, known magic)
	ReasonEncoding  = "encoding"       // not UTF-8 and no encoding could be established
	ReasonBadHTML   = "bad-html"       // the HTML could not be parsed
	ReasonNoText    = "no-text"        // nothing left after cleaning
	ReasonLanguage  = "language"       // language not in Config.Languages
	ReasonKeyword   = "keyword"        // none of Config.Keywords
	ReasonLabel     = "label"          // no suggestion with one of Config.Labels
	ReasonSample    = "not-sampled"    // not drawn in the stratified sample
)

var (
	errBinary   = errors.New("binary data")
	errEncoding = errors.New("unknown encoding")
)

// decode returns data as UTF-8 text and the name of the encoding it was
// converted from ("" when it was UTF-8 already). HTML is converted by its
// declared charset (declared is the container's Content-Type, then the
// page's <meta>); other text that is not UTF-8 is tried as the Cyrillic
// code pages of Russian and Kazakh crawls, windows-1251 and KOI8-R, and
// kept only if that gives mostly lower-case Cyrillic letters.
func decode(data []byte, isHTML bool, declared string) (string, string, error) {
	if isBinary(data) {
		return "", "", errBinary
	}
	if utf8.Valid(data) {
		return string(data), "", nil
	}
	if isHTML {
		// DetermineEncoding falls back to windows-1252 when nothing is
		// declared; only a declaration (certain, or a <meta>) is trusted.
		if _, name, certain := charset.DetermineEncoding(data, declared); (certain || name != "windows-1252") && name != "utf-8" {
			if s, ok := convert(data, name); ok {
				return s, name, nil
			}
		}
	} else if name := contentCharset(declared); name != "" && name != "utf-8" {
		if s, ok := convert(data, name); ok {
			return s, name, nil
		}
	}
	best, bestName, bestScore := "", "", 0.0
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{{"windows-1251", charmap.Windows1251}, {"koi8-r", charmap.KOI8R}} {
		s, err := c.enc.NewDecoder().String(string(data))
		if err != nil {
			continue
		}
		if sc := cyrillicScore(s); sc > bestScore {
			best, bestName, bestScore = s, c.name, sc
		}
	}
	if bestScore < 0.6 {
		return "", "", errEncoding
	}
	return best, bestName, nil
}

func contentCharset(contentType string) string {
	i := strings.Index(strings.ToLower(contentType), "charset=")
	if i < 0 {
		return ""
	}
	name := strings.Trim(strings.TrimSpace(strings.SplitN(contentType[i+8:], ";", 2)[0]), `"'`)
	enc, err := htmlindex.Get(name)
	if err != nil {
		return ""
	}
	n, _ := htmlindex.Name(enc)
	return n
}

func convert(data []byte, name string) (string, bool) {
	enc, err := htmlindex.Get(name)
	if err != nil {
		return "", false
	}
	s, err := enc.NewDecoder().String(string(data))
	return s, err == nil && utf8.ValidString(s)
}

// cyrillicScore is the share of lower-case Cyrillic letters among the
// letters of s.
func cyrillicScore(s string) float64 {
	letters, lower := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.Is(unicode.Cyrillic, r) && unicode.IsLower(r) {
			lower++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(lower) / float64(letters)
}

// isBinary reports data that is not text: a NUL byte or more than 1 in 20
// control characters in its first 8 KB, or a signature http sniffing
// knows as an image, archive, PDF or media file.
func isBinary(data []byte) bool {
	head := data[:min(len(data), 8<<10)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	if ctl*20 > len(head) {
		return true
	}
	t := http.DetectContentType(head)
	return !strings.HasPrefix(t, "text/") && t != "application/octet-stream" && !strings.Contains(t, "xml") && !strings.Contains(t, "json")
}
