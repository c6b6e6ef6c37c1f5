// Package goldstream writes and reads Belgi gold files one document at a
// time, so that a corpus larger than memory can be converted to and from the
// native format. A file written by a Writer is byte for byte what
// annotations.Encode writes for the same schema and documents, and a Reader
// accepts exactly what annotations.Decode accepts, checking each document as
// it comes.
package goldstream

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"

	"belgi/annotations"
)

// A Writer writes a gold file: the header and schema first, then each
// document as it is given.
type Writer struct {
	w    *bufio.Writer
	n    int
	err  error
	done bool
}

// NewWriter writes the start of a gold file holding schema s to w.
func NewWriter(w io.Writer, s annotations.Schema) (*Writer, error) {
	gw := &Writer{w: bufio.NewWriterSize(w, 64<<10)}
	if s.Entities == nil {
		s.Entities = []annotations.EntityType{}
	}
	schema, err := marshal(s, "  ")
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(gw.w, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"schema\": %s,\n  \"documents\": [", annotations.FormatName, annotations.Version, schema)
	return gw, nil
}

// Write writes one document, with its hash recomputed and its spans in
// canonical order, as annotations.Encode writes it. d is not modified.
func (w *Writer) Write(d *annotations.Document) error {
	if w.err != nil {
		return w.err
	}
	c := *d
	c.OffsetUnit = annotations.OffsetUnit
	c.SHA256 = annotations.Hash(c.Text)
	c.Spans = append([]annotations.Span{}, d.Spans...)
	sort.SliceStable(c.Spans, func(i, j int) bool {
		a, b := c.Spans[i], c.Spans[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.ID < b.ID
	})
	b, err := marshal(&c, "    ")
	if err != nil {
		w.err = err
		return err
	}
	if w.n > 0 {
		w.w.WriteString(",")
	}
	w.w.WriteString("\n    ")
	_, w.err = w.w.Write(b)
	w.n++
	return w.err
}

// Close ends the file and flushes it. It does not close the underlying
// writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.done {
		return nil
	}
	w.done = true
	if w.n > 0 {
		w.w.WriteString("\n  ")
	}
	w.w.WriteString("]\n}\n")
	return w.w.Flush()
}

// marshal encodes v as Encode does, indented under prefix.
func marshal(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// A Reader reads a gold file one document at a time.
type Reader struct {
	dec    *json.Decoder
	name   string
	schema annotations.Schema
	meta   annotations.File // the annotators, app and export time
	ids    map[string]bool
	inDocs bool
	done   bool
	utf    *utf8Reader
}

// NewReader reads the start of a gold file from r, up to its first
// document, checking the format and version. name names the input in errors.
func NewReader(r io.Reader, name string) (*Reader, error) {
	u := &utf8Reader{r: bufio.NewReaderSize(r, 64<<10)}
	gr := &Reader{dec: json.NewDecoder(u), name: name, ids: map[string]bool{}, utf: u}
	gr.dec.DisallowUnknownFields()
	if err := gr.expect('{'); err != nil {
		return nil, err
	}
	var format *string
	var version *int
	for {
		if !gr.dec.More() {
			break
		}
		key, err := gr.key()
		if err != nil {
			return nil, err
		}
		switch key {
		case "format":
			if err := gr.decode(&format); err != nil {
				return nil, err
			}
			if format == nil || *format != annotations.FormatName {
				return nil, fmt.Errorf("%s: not a Belgi gold file: format is not %q", name, annotations.FormatName)
			}
		case "version":
			if err := gr.decode(&version); err != nil {
				return nil, err
			}
			if version == nil || *version != annotations.Version {
				return nil, fmt.Errorf("%s: unsupported version: this Belgi reads version %d", name, annotations.Version)
			}
		case "schema":
			if err := gr.decode(&gr.schema); err != nil {
				return nil, err
			}
			if probs := annotations.Validate(annotations.NewFile(gr.schema)); hasError(probs) {
				return nil, fmt.Errorf("%s: %w", name, &annotations.ValidationError{Problems: probs})
			}
		case "annotators", "app", "exported":
			// Who made the file: kept for Meta, checked as Decode checks it.
			field := map[string]any{"annotators": &gr.meta.Annotators, "app": &gr.meta.App, "exported": &gr.meta.Exported}[key]
			if err := gr.decode(field); err != nil {
				return nil, err
			}
		case "documents":
			if probs := gr.meta.MetaProblems(); hasError(probs) {
				return nil, fmt.Errorf("%s: %w", name, &annotations.ValidationError{Problems: probs})
			}
			if format == nil || version == nil {
				return nil, fmt.Errorf("%s: \"format\" and \"version\" must come before \"documents\" to read a file document by document", name)
			}
			if err := gr.expect('['); err != nil {
				return nil, err
			}
			gr.inDocs = true
			return gr, nil
		default:
			return nil, fmt.Errorf("%s: unknown field %q", name, key)
		}
	}
	if format == nil {
		return nil, fmt.Errorf("%s: not a Belgi gold file: no \"format\" field", name)
	}
	return nil, fmt.Errorf("%s: no \"documents\" field", name)
}

// Schema returns the schema read before the documents.
func (r *Reader) Schema() annotations.Schema { return r.schema }

// Meta returns who made the file, as read before the documents: its
// Annotators, App and Exported fields; the rest is zero.
func (r *Reader) Meta() annotations.File { return r.meta }

// Read returns the next document, validated as annotations.Decode validates
// it, or io.EOF after the last.
func (r *Reader) Read() (*annotations.Document, error) {
	if r.done {
		return nil, io.EOF
	}
	if !r.dec.More() {
		if err := r.expect(']'); err != nil {
			return nil, err
		}
		// Nothing but the end of the object may follow.
		if r.dec.More() {
			key, _ := r.key()
			return nil, fmt.Errorf("%s: field %q after \"documents\": cannot be read document by document", r.name, key)
		}
		if err := r.expect('}'); err != nil {
			return nil, err
		}
		if _, err := r.dec.Token(); err != io.EOF {
			return nil, fmt.Errorf("%s: extra data after the JSON value", r.name)
		}
		r.done = true
		return nil, io.EOF
	}
	var d *annotations.Document
	if err := r.decode(&d); err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("%s: document %d is null", r.name, len(r.ids)+1)
	}
	if d.Spans == nil {
		d.Spans = []annotations.Span{}
	}
	f := annotations.NewFile(r.schema, d)
	probs := annotations.Validate(f)
	if r.ids[d.ID] {
		probs = append(probs, annotations.Problem{Doc: d.ID, Msg: "duplicate document id"})
	}
	r.ids[d.ID] = true
	if hasError(probs) {
		return nil, fmt.Errorf("%s: %w", r.name, &annotations.ValidationError{Problems: probs})
	}
	sort.SliceStable(d.Spans, func(i, j int) bool {
		a, b := d.Spans[i], d.Spans[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.ID < b.ID
	})
	return d, nil
}

// Warnings returns the warnings (labels missing from the schema) for d.
func (r *Reader) Warnings(d *annotations.Document) []annotations.Problem {
	var ws []annotations.Problem
	for _, p := range annotations.Validate(annotations.NewFile(r.schema, d)) {
		if p.Warning {
			ws = append(ws, p)
		}
	}
	return ws
}

func (r *Reader) expect(delim json.Delim) error {
	t, err := r.dec.Token()
	if err != nil {
		return r.wrap(err)
	}
	if t != delim {
		return fmt.Errorf("%s: broken JSON near byte %d: want %q, found %v", r.name, r.dec.InputOffset(), delim, t)
	}
	return nil
}

func (r *Reader) key() (string, error) {
	t, err := r.dec.Token()
	if err != nil {
		return "", r.wrap(err)
	}
	k, ok := t.(string)
	if !ok {
		return "", fmt.Errorf("%s: broken JSON near byte %d", r.name, r.dec.InputOffset())
	}
	return k, nil
}

// decode decodes the next value into v, refusing unknown fields and lone
// surrogates, as annotations.Decode does.
func (r *Reader) decode(v any) error {
	var raw json.RawMessage
	if err := r.dec.Decode(&raw); err != nil {
		return r.wrap(err)
	}
	if err := annotations.CheckSurrogates(raw); err != nil {
		return fmt.Errorf("%s: %v", r.name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return r.wrap(err)
	}
	return nil
}

func (r *Reader) wrap(err error) error {
	if r.utf.err != nil {
		return fmt.Errorf("%s: %v", r.name, r.utf.err)
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("%s: broken JSON at byte %d: %v", r.name, syn.Offset, err)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s: broken JSON: the file ends too early", r.name)
	}
	return fmt.Errorf("%s: %v", r.name, err)
}

func hasError(probs []annotations.Problem) bool {
	for _, p := range probs {
		if !p.Warning {
			return true
		}
	}
	return false
}

// utf8Reader fails on bytes that are not UTF-8, which json.Decoder would
// otherwise replace with U+FFFD without a word.
type utf8Reader struct {
	r    *bufio.Reader
	tail []byte // an incomplete sequence held back from the last read
	off  int64
	err  error
}

func (u *utf8Reader) Read(p []byte) (int, error) {
	if u.err != nil {
		return 0, u.err
	}
	if len(p) < utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	n := copy(p, u.tail)
	m, err := u.r.Read(p[n : len(p)-utf8.UTFMax+n])
	n += m
	// Hold back an incomplete sequence at the end, unless the input ended.
	keep := 0
	if err == nil {
		for i := n - 1; i >= 0 && i >= n-utf8.UTFMax+1; i-- {
			if utf8.RuneStart(p[i]) {
				if !utf8.FullRune(p[i:n]) {
					keep = n - i
				}
				break
			}
		}
	}
	u.tail = append(u.tail[:0], p[n-keep:n]...)
	n -= keep
	if !utf8.Valid(p[:n]) {
		for i := 0; i < n; {
			r, size := utf8.DecodeRune(p[i:n])
			if r == utf8.RuneError && size == 1 {
				u.err = fmt.Errorf("not valid UTF-8 (first bad byte at offset %d)", u.off+int64(i))
				return 0, u.err
			}
			i += size
		}
	}
	u.off += int64(n)
	return n, err
}
