package annotations

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// The format name and version written in every gold file.
const (
	FormatName = "belgi-gold"
	Version    = 1
)

// A File is the native gold-standard file: a schema and the documents
// annotated with it. See FORMAT.md and gold.schema.json.
type File struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Schema  Schema `json:"schema"`

	// Who made the file, with what and when: optional, absent from older
	// files. They come before the documents so that a file can be read
	// document by document.
	Annotators []Annotator `json:"annotators,omitempty"`
	App        string      `json:"app,omitempty"`      // the program and version that wrote the file, e.g. "belgi 1a2b3c4"
	Exported   string      `json:"exported,omitempty"` // when, as RFC 3339 (UTC)

	Documents []*Document `json:"documents"`
}

// An Annotator is a person (or a program) whose annotations a file holds:
// Document.Annotator names one by ID. A document with no annotator is
// shown as "unknown".
type Annotator struct {
	ID   string `json:"id"`             // short, chosen once: "aigerim", "ann2"
	Name string `json:"name,omitempty"` // shown to people: "Айгерім Сейітова"
}

// Unknown is how a document with no annotator is shown.
const Unknown = "unknown"

// NewFile returns a file holding the given schema and documents.
func NewFile(s Schema, docs ...*Document) *File {
	return &File{Format: FormatName, Version: Version, Schema: s, Documents: docs}
}

// Encode writes f as indented JSON. It recomputes each document's hash and
// writes spans in canonical order, so equal workspaces give equal bytes.
func Encode(w io.Writer, f *File) error {
	out := *f
	out.Format, out.Version = FormatName, Version
	out.Documents = make([]*Document, len(f.Documents))
	for i, d := range f.Documents {
		c := d.clone()
		c.seal()
		if c.Spans == nil {
			c.Spans = []Span{}
		}
		sortSpans(c.Spans)
		out.Documents[i] = c
	}
	if out.Documents == nil {
		out.Documents = []*Document{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(&out)
}

// Marshal returns the encoding of f.
func Marshal(f *File) ([]byte, error) {
	var b bytes.Buffer
	err := Encode(&b, f)
	return b.Bytes(), err
}

// Decode parses and validates a gold file. It returns an error naming the
// document and the annotation for the first problems found; a file with
// errors yields no File. Warnings (a label missing from the schema) are
// returned in File-independent form by Validate.
func Decode(data []byte) (*File, error) {
	if i := InvalidUTF8(data); i >= 0 {
		return nil, fmt.Errorf("not valid UTF-8 (first bad byte at offset %d)", i)
	}
	if err := CheckSurrogates(data); err != nil {
		return nil, err
	}
	var head struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError(data, err)
	}
	switch {
	case head.Format == nil:
		return nil, errors.New(`not a Belgi gold file: no "format" field`)
	case *head.Format != FormatName:
		return nil, fmt.Errorf("not a Belgi gold file: format is %q, want %q", *head.Format, FormatName)
	case head.Version == nil:
		return nil, errors.New(`no "version" field`)
	case *head.Version != Version:
		return nil, fmt.Errorf("unsupported version %d: this Belgi reads version %d", *head.Version, Version)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, jsonError(data, err)
	}
	if dec.More() {
		return nil, errors.New("extra data after the JSON value")
	}
	for _, d := range f.Documents {
		if d != nil && d.Spans == nil {
			d.Spans = []Span{}
		}
	}
	if probs := append(Validate(&f), f.MetaProblems()...); hasError(probs) {
		return nil, &ValidationError{Problems: probs}
	}
	for _, d := range f.Documents {
		sortSpans(d.Spans)
	}
	return &f, nil
}

// CheckSurrogates returns an error naming the field and line of the first
// JSON string in data that escapes half of a UTF-16 surrogate pair on its
// own ("\ud800" without the low half after it, or a low half alone), and
// nil when there is none. encoding/json would read such a string with
// U+FFFD in its place, silently, and the text's hash would then be checked
// against the changed text.
func CheckSurrogates(data []byte) error {
	key, str := "", -1 // the last object key; the start of the string we are in
	for i := 0; i < len(data); i++ {
		c := data[i]
		if str < 0 {
			if c == '"' {
				str = i + 1
			}
			continue
		}
		switch c {
		case '"':
			if j := skipSpace(data, i+1); j < len(data) && data[j] == ':' {
				key = string(data[str:i])
			}
			str = -1
		case '\\':
			if i+1 < len(data) && data[i+1] == 'u' {
				r, ok := hex4(data, i+2)
				switch {
				case ok && r >= 0xd800 && r < 0xdc00:
					if lo, ok := hex4(data, i+8); i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' && ok && lo >= 0xdc00 && lo < 0xe000 {
						i += 11
						continue
					}
					fallthrough
				case ok && r >= 0xdc00 && r < 0xe000:
					return fmt.Errorf("line %d: field %q holds a lone UTF-16 surrogate \\u%04x, which is no character (half of a pair, the text was cut or mangled)", 1+bytes.Count(data[:i], []byte("\n")), key, r)
				}
			}
			i++
		}
	}
	return nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// hex4 reads four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// InvalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8, or -1 when b is valid.
func InvalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// jsonError turns a decoding error into one that names the line and column.
func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset)
		if strings.Contains(syn.Error(), "unexpected end") {
			return fmt.Errorf("broken JSON: the file ends too early, at line %d, column %d", line, col)
		}
		return fmt.Errorf("broken JSON at line %d, column %d: %v", line, col, syn)
	case errors.As(err, &typ):
		line, col := lineCol(data, typ.Offset)
		return fmt.Errorf("wrong type at line %d, column %d: field %q must be %v, not %s", line, col, typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New("broken JSON: the file ends too early")
	}
	return fmt.Errorf("bad JSON: %v", err)
}

func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// MetaProblems checks the optional fields that say who made the file:
// annotator IDs present and unique, the export time in RFC 3339, and (a
// warning) documents whose annotator the list leaves out.
func (f *File) MetaProblems() []Problem {
	var probs []Problem
	seen := map[string]bool{}
	for i, a := range f.Annotators {
		switch {
		case strings.TrimSpace(a.ID) == "":
			probs = append(probs, Problem{Msg: fmt.Sprintf("annotator %d has no id", i+1)})
		case seen[a.ID]:
			probs = append(probs, Problem{Msg: fmt.Sprintf("annotator %q is listed twice", a.ID)})
		}
		seen[a.ID] = true
	}
	for _, d := range f.Documents {
		if d != nil && d.Annotator != "" && len(f.Annotators) > 0 && !seen[d.Annotator] {
			probs = append(probs, Problem{Doc: d.ID, Msg: fmt.Sprintf("annotator %q is not in the file's annotators", d.Annotator), Warning: true})
		}
	}
	if f.Exported != "" {
		if _, err := time.Parse(time.RFC3339, f.Exported); err != nil {
			probs = append(probs, Problem{Msg: fmt.Sprintf("exported %q is not an RFC 3339 time such as 2025-03-01T12:00:00Z", f.Exported)})
		}
	}
	return probs
}
