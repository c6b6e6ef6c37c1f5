// Package conll reads and writes token-per-line named-entity data: CoNLL-2003
// and its relatives (KazNERD, CASE 2021 subtask 4, Label Studio's CoNLL
// export), with IOB1, IOB2, BIOES or IO tags.
//
// Such files hold tokens, not text. On import a document's text is made of its
// tokens joined by one space, with a line break between sentences, and the
// lines as read are kept in the document's Origin, so that the document is
// written back byte for byte: separators, extra columns, sentence-ID lines,
// markers and all. When the spans change, only the tag column of the lines
// that change is rewritten.
//
// A document that does not come from this format is tokenised with package
// tokenize, by the rules of its language. What the format cannot hold is
// reported: nested and crossing spans (IOB tags one entity per token),
// discontinuous spans (written as separate entities), spans that do not
// start or end at a token boundary (widened to whole tokens), spans across a
// sentence break, and every event, relation, attribute, note and
// normalization.
package conll

import (
	"fmt"
	"regexp"
	"strings"
)

// A Scheme is a way of marking entity boundaries in tags.
type Scheme string

// The schemes. IOB1 (CoNLL-2003) writes B- only where an entity follows one
// of the same type; IOB2 writes B- at the start of every entity; BIOES also
// marks the end (E-) and single-token entities (S-); IO has no boundaries,
// so adjacent entities of one type merge.
const (
	IOB1  Scheme = "IOB1"
	IOB2  Scheme = "IOB2"
	BIOES Scheme = "BIOES"
	IO    Scheme = "IO"
)

// ParseScheme returns the scheme named s, in any case; BILOU is BIOES.
func ParseScheme(s string) (Scheme, error) {
	switch strings.ToUpper(s) {
	case "IOB1":
		return IOB1, nil
	case "IOB2", "BIO", "":
		return IOB2, nil
	case "BIOES", "IOBES", "BILOU":
		return BIOES, nil
	case "IO":
		return IO, nil
	}
	return "", fmt.Errorf("unknown tagging scheme %q (want IOB1, IOB2, BIOES or IO)", s)
}

// Options describe a file's layout.
type Options struct {
	// Sep separates columns. On import "" means a TAB when the line has one
	// and a space otherwise; on export "" means a space.
	Sep string
	// TagColumn is the 1-based column of the tag; 0 means the last. The
	// token is always the first column.
	TagColumn int
	// Scheme is the tagging scheme; "" means IOB2.
	Scheme Scheme
	// DocStart lists the tokens of marker lines that start a document, such
	// as "-DOCSTART-" and "SAMPLE_START". On export, documents without an
	// origin in this format start with a marker line made of the first.
	DocStart []string
	// SentenceBreak lists the tokens of lines that end a sentence besides a
	// blank line, such as CASE's "[SEP]".
	SentenceBreak []string
	// SentenceID matches the token of a sentence-ID line at the start of a
	// sentence (KazNERD's "AID327344 O"). Such lines are kept but are not
	// part of the text.
	SentenceID *regexp.Regexp
	// SentencePerDocument makes each sentence a document of its own, named
	// by its sentence ID when it has one.
	SentencePerDocument bool
	// Columns are written between the token and the tag for documents
	// without an origin in this format, such as "-X-", "_" for Label
	// Studio's layout.
	Columns []string
	// Lang is the language used to tokenise documents whose Language is
	// "und".
	Lang string
}

// Layouts of known corpora.
var (
	// Default reads most files: documents start at -DOCSTART- or
	// SAMPLE_START, [SEP] breaks sentences, and sentence IDs are KazNERD's.
	Default = Options{Scheme: IOB2, DocStart: []string{"-DOCSTART-", "SAMPLE_START"}, SentenceBreak: []string{"[SEP]"}, SentenceID: kazNERDID}
	// KazNERD: "token tag", IOB2, optional sentence-ID lines.
	KazNERD = Options{Sep: " ", Scheme: IOB2, SentenceID: kazNERDID}
	// CASE is the layout of CASE 2021 task 1 subtask 4: "token<TAB>tag",
	// IOB2, SAMPLE_START starting each document and [SEP] between sentences.
	CASE = Options{Sep: "\t", Scheme: IOB2, DocStart: []string{"SAMPLE_START"}, SentenceBreak: []string{"[SEP]"}}
	// CoNLL2003: "word POS chunk NE", IOB1, -DOCSTART- lines.
	CoNLL2003 = Options{Sep: " ", Scheme: IOB1, DocStart: []string{"-DOCSTART-"}}
)

var kazNERDID = regexp.MustCompile(`^[A-Z]ID[0-9]+$`)

func (o *Options) scheme() Scheme {
	if o.Scheme == "" {
		return IOB2
	}
	return o.Scheme
}

// OriginFormat is the Origin.Format of documents read by this package.
const OriginFormat = "conll"

// Origin.Data keys.
const (
	keyRaw       = "lines"     // the document's lines as read
	keyScheme    = "scheme"    // the scheme they were read with
	keyTagColumn = "tagColumn" // the tag column they were read with
	keyDocStart  = "docStart"  // DocStart, joined by "\n"
	keyBreak     = "sentenceBreak"
	keyID        = "sentenceID" // the SentenceID pattern
)
