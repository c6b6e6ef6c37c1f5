package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"

	"belgi/annotations"
	"belgi/annotations/suggest"
	"belgi/clean"
	"belgi/langid"
)

// Config chooses the steps and their settings. The zero Config cleans,
// detects languages, removes duplicates at DefaultThreshold and keeps
// everything else.
type Config struct {
	// NoClean keeps each page's text as it is (HTML is still reduced to
	// text by the cleaner, which is the only HTML-to-text converter here).
	NoClean bool
	// Languages keeps only documents whose language is one of these BCP 47
	// tags; "kk" also keeps "kk-Latn". Empty keeps every language.
	Languages []string
	// Keywords keeps only documents with a word that starts with one of
	// these, compared case-folded (so "забастов" finds "Забастовка").
	Keywords []string
	// Suggest pre-annotates a document; nil skips the step. Gazetteer
	// builds one from a list; a trained recommender fits here too.
	Suggest func(*annotations.Document) []suggest.Suggestion `json:"-"`
	// Labels keeps only documents with a suggestion of one of these labels.
	Labels []string
	// NoDedup keeps duplicates. Threshold is the near-duplicate threshold
	// (DefaultThreshold when 0), Shingle the words per shingle
	// (DefaultShingle when 0).
	NoDedup   bool
	Threshold float64
	Shingle   int
	// PerStratum, when positive, keeps a sample of at most this many
	// documents for each source and month, drawn with Seed.
	PerStratum int
	Seed       int64
	// Annotators, when positive, packs the kept documents into that many
	// gold files; Overlap is the share of documents given to two of them.
	Annotators int
	Overlap    float64
	// MaxBytes bounds a page (default 16 MB).
	MaxBytes int
}

// A Doc is a record that went through Prepare.
type Doc struct {
	Seq         int64
	Key         string
	Site, Month string // the stratum: host (or folder) and yyyy-mm ("unknown")
	Doc         *annotations.Document
	Fingerprint Fingerprint
	Suggestions []suggest.Suggestion
	// Encoding is the encoding the page was converted from, "" for UTF-8.
	Encoding string
}

// Rejection says at which step, and why, a record was dropped.
type Rejection struct {
	Step, Reason, Detail string
}

// Steps, in order, as named in Report.Steps.
const (
	StepRead     = "read"
	StepDecode   = "decode"
	StepClean    = "clean"
	StepLanguage = "language"
	StepKeywords = "keywords"
	StepSuggest  = "suggest"
	StepDedup    = "dedup"
	StepSample   = "sample"
	StepPackage  = "package"
	StepWrite    = "write"
)

// stepTimes receives the time Prepare spends in each step; nil ignores it.
type stepTimes func(step string, d time.Duration)

// Prepare runs the per-document steps on r: decode, clean, language id and
// filter, keyword filter, suggestions and label filter, fingerprint. It is
// safe to call from many goroutines at once.
func (c *Config) Prepare(r Record) (*Doc, *Rejection) {
	return c.prepare(r, nil)
}

func (c *Config) prepare(r Record, times stepTimes) (*Doc, *Rejection) {
	if r.Reject != "" {
		return nil, &Rejection{StepRead, r.Reject, r.Detail}
	}
	t := time.Now()
	lap := func(step string) {
		if times != nil {
			now := time.Now()
			times(step, now.Sub(t))
			t = now
		}
	}
	maxBytes := c.MaxBytes
	if maxBytes <= 0 {
		maxBytes = 16 << 20
	}
	if len(r.Data) > maxBytes {
		return nil, &Rejection{StepDecode, ReasonTooLarge, ""}
	}
	isHTML := r.HTML || clean.LooksLikeHTML(string(r.Data[:min(len(r.Data), 1024)]))
	text, enc, err := decode(r.Data, isHTML, r.ContentType)
	switch err {
	case errBinary:
		return nil, &Rejection{StepDecode, ReasonBinary, ""}
	case errEncoding:
		return nil, &Rejection{StepDecode, ReasonEncoding, ""}
	}
	lap(StepDecode)

	var res clean.Result
	var cleaning *annotations.Cleaning
	if isHTML || !c.NoClean {
		if isHTML {
			if res, err = clean.HTML(text); err != nil {
				return nil, &Rejection{StepClean, ReasonBadHTML, err.Error()}
			}
		} else {
			res = clean.Text(text)
		}
		cleaning = &annotations.Cleaning{Input: text, HTML: isHTML, Lines: res.Lines, Map: res.Map}
		text = res.Text
	}
	lap(StepClean)
	if strings.TrimSpace(text) == "" {
		return nil, &Rejection{StepClean, ReasonNoText, ""}
	}

	id := docID(r.Key)
	title, _, _ := strings.Cut(text, "\n")
	if rs := []rune(title); len(rs) > 120 {
		title = string(rs[:120]) + "…"
	}
	d := annotations.NewDocument(id, title, r.Source, text)
	d.Cleaning = cleaning
	lang, paras := langid.Document(text)
	d.Language, d.LanguageSource = lang.Tag.String(), "auto"
	for _, p := range paras {
		d.Paragraphs = append(d.Paragraphs, annotations.ParagraphLanguage{
			Start: p.Start, End: p.End, Language: p.Result.Tag.String(), Source: "auto", Confidence: p.Result.Confidence,
		})
	}
	lap(StepLanguage)
	if len(c.Languages) > 0 && !matchLanguage(d.Language, c.Languages) {
		return nil, &Rejection{StepLanguage, ReasonLanguage, d.Language}
	}
	if len(c.Keywords) > 0 && !hasKeyword(text, c.Keywords) {
		lap(StepKeywords)
		return nil, &Rejection{StepKeywords, ReasonKeyword, ""}
	}
	lap(StepKeywords)
	out := &Doc{Seq: r.Seq, Key: r.Key, Doc: d, Encoding: enc, Site: site(r), Month: "unknown"}
	if !r.Date.IsZero() {
		out.Month = r.Date.UTC().Format("2006-01")
	}
	if c.Suggest != nil {
		out.Suggestions = c.Suggest(d)
		lap(StepSuggest)
		if len(c.Labels) > 0 && !hasLabel(out.Suggestions, c.Labels) {
			return nil, &Rejection{StepSuggest, ReasonLabel, ""}
		}
	}
	if !c.NoDedup {
		out.Fingerprint = fingerprint(text, c.Shingle)
		lap(StepDedup)
	}
	return out, nil
}

// docID derives a document's ID from its record key.
func docID(key string) string {
	h := sha256.Sum256([]byte(key))
	return "b" + hex.EncodeToString(h[:8])
}

// site is the stratum source of a record: the host of its URL, else the
// folder of its file.
func site(r Record) string {
	if u, err := url.Parse(r.Source); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	k, _, _ := strings.Cut(r.Key, "#")
	return path.Dir(k)
}

func matchLanguage(tag string, want []string) bool {
	for _, w := range want {
		if strings.EqualFold(tag, w) || strings.HasPrefix(strings.ToLower(tag), strings.ToLower(w)+"-") {
			return true
		}
	}
	return false
}

// hasKeyword reports whether a word of text starts with one of keywords,
// case-folded.
func hasKeyword(text string, keywords []string) bool {
	fold := func(s string) string {
		return strings.Map(annotations.FoldRune, s)
	}
	ks := make([]string, 0, len(keywords))
	for _, k := range keywords {
		if k = strings.TrimSpace(k); k != "" {
			ks = append(ks, fold(k))
		}
	}
	inWord := false
	for i, r := range text {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !inWord {
			rest := text[i:]
			for _, k := range ks {
				if len(rest) >= len(k) && fold(rest[:len(k)]) == k {
					return true
				}
			}
		}
		inWord = w || unicode.Is(unicode.Mn, r)
	}
	return false
}

func hasLabel(ss []suggest.Suggestion, labels []string) bool {
	for _, s := range ss {
		for _, l := range labels {
			if s.Label == l {
				return true
			}
		}
	}
	return false
}

// SplitList splits a comma-separated list, as of languages or keywords,
// dropping empty items.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
