// Package langid tells the language of a text, of a paragraph and of a short
// snippet, for the languages of Kazakh and Russian news and their
// look-alikes: Kazakh in Cyrillic (kk) and in Latin letters (kk-Latn),
// Russian (ru), English (en), Ukrainian (uk), Belarusian (be), Bulgarian
// (bg), Serbian in Cyrillic (sr), Macedonian (mk), Mongolian (mn), Kyrgyz
// (ky), Tatar (tt), Bashkir (ba), Tajik (tg) and Uzbek in Cyrillic (uz-Cyrl).
//
// It is pure Go with its model embedded, and runs the same natively and in
// WebAssembly. It is safe for concurrent use.
//
// The model is a multinomial logistic regression over character 1- to
// 5-grams and whole words, one per script, built by "go generate" from the
// project's shared training text (see SOURCES.md for the sources and their
// licences). It replaced a naive Bayes table: trained on sentences and on
// their 1- to 5-word runs, a discriminative model learns which grams tell
// the look-alike languages apart instead of scoring every gram, so short
// Ukrainian, Bulgarian or Kyrgyz text is no longer pulled to Russian or
// Kazakh, and its L1 term keeps the model small. Each class also has its
// alphabet: every distinct letter outside it costs the class a fixed
// penalty, so that є ї ґ (uk), ў (be), ђ ћ (sr), ѓ ќ ѕ (mk), ұ (kk),
// ҙ ҫ ҡ (ba), ә ө ү ң һ (the Turkic group) and і (kk, uk, be) weigh as the
// strong evidence they are. kk, ru and en, the languages of Belgi's news,
// get a prior that helps short text and fades as text grows longer; text
// too short to tell gets language.Und.
package langid

import (
	_ "embed"
	"sync"

	"golang.org/x/text/language"

	"belgi/langid/internal/core"
)

//go:generate go run ./internal/train

// The tg table is a file of its own because it is trained on CC BY-SA 4.0
// text; see SOURCES.md.
var (
	//go:embed model.bin
	mainModel []byte
	//go:embed model_tg.bin
	tgModel []byte
)

// Result is a language judgement.
type Result struct {
	Tag        language.Tag // language.Und when unsure
	Confidence float64      // 0..1; 0 with language.Und
}

// Tuning, chosen with internal/tune on the development set dev-ntrex (real
// news text that the model is not trained on).
var (
	// params halves a prior at 50 letters, and charges 6 nats for each
	// letter outside a class's alphabet (as the trainer does).
	params = core.Params{Tau: 50, Temp: 1, Foreign: 6}
	// domainBoost is the log prior, in nats at the shortest text, of the
	// languages of Belgi's news. Stronger helps one-word kk and ru snippets
	// but labels more short look-alike text ru or kk.
	domainBoost = map[string]float64{"kk": 4, "ru": 4, "en": 4}
)

// minConfidence is the least Confidence of an answer for text of fewer than
// shortLetters letters: below it the text is too short or too ambiguous to
// tell (a word such as "за" or "и" is Russian, Bulgarian, Serbian and
// Macedonian alike), and the Tag is language.Und rather than a guess of
// Russian. Longer text always gets its likeliest language, with its
// Confidence.
const (
	minConfidence = 0.9
	shortLetters  = 40
)

// priorBoost is the log prior, in nats at the shortest text, of the language
// a caller names. Stronger helps short lines of the document's language but
// hides short quotes in another one.
const priorBoost = 8.0

// model is the decoded table with each class's tag and domain prior.
type model struct {
	table  *core.Table
	tags   []language.Tag
	domain []float64
}

var loaded = sync.OnceValue(func() *model {
	var ms []*core.Model
	for _, data := range [][]byte{mainModel, tgModel} {
		m := new(core.Model)
		if err := m.UnmarshalBinary(data); err != nil {
			panic(err) // the embedded model is built and tested with the package
		}
		ms = append(ms, m)
	}
	t, err := core.NewTable(ms...)
	if err != nil {
		panic(err)
	}
	m := &model{table: t}
	for _, c := range t.Classes {
		m.tags = append(m.tags, tagOf(c))
		m.domain = append(m.domain, domainBoost[c])
	}
	return m
})

// tagOf returns the BCP 47 tag of a class code. Uzbek gets its script,
// since plain uz means Latin-script Uzbek.
func tagOf(code string) language.Tag {
	if code == "uz" {
		return language.MustParse("uz-Cyrl")
	}
	return language.MustParse(code)
}

// Detect judges text alone, leaning towards kk, ru and en when it is short.
// The Tag is language.Und when text has no Cyrillic or Latin letters (digits,
// emoji, other scripts), no n-gram the model knows, or when text has fewer
// than 40 letters and the likeliest language a Confidence below 0.9 (too
// short or too ambiguous to tell); otherwise it is the likeliest language, and Confidence tells how
// sure that is.
func Detect(text string) Result {
	m := loaded()
	return m.judge(text, m.domain)
}

// DetectPrior is Detect with a prior: short text leans towards prior (and less
// towards kk, ru and en), and the lean fades as text grows longer. A prior
// that the model does not cover, or language.Und, leaves only the domain
// prior. A prior of kk also leans Latin-script text towards kk-Latn, and the
// other way round.
func DetectPrior(text string, prior language.Tag) Result {
	m := loaded()
	return m.judge(text, m.boost(prior))
}

// boost returns the log priors for a caller's prior tag.
func (m *model) boost(prior language.Tag) []float64 {
	if prior == language.Und {
		return m.domain
	}
	var b [core.MaxClasses]float64
	copy(b[:], m.domain)
	base, _ := prior.Base()
	script, _ := prior.Script()
	for c, t := range m.tags {
		if tb, _ := t.Base(); tb == base {
			if ts, _ := t.Script(); ts == script {
				b[c] += priorBoost
			} else {
				b[c] += priorBoost / 2
			}
		}
	}
	return b[:len(m.tags)]
}

func (m *model) judge(text string, boost []float64) Result {
	return m.result(m.table.Judge(text, boost, params))
}

func (m *model) result(j core.Judgement) Result {
	if j.Class < 0 || j.Letters < shortLetters && j.Confidence < minConfidence {
		return Result{Tag: language.Und}
	}
	return Result{Tag: m.tags[j.Class], Confidence: j.Confidence}
}
