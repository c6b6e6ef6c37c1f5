// Package jsonio reads the records of JSON Lines and JSON array files one at
// a time, with the line each starts on, and writes JSON strings the way the
// interchange formats expect (no HTML escaping).
package jsonio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A Reader reads JSON objects from JSON Lines (one per line, blank lines
// skipped), from a JSON array, or from a stream of pretty-printed objects
// (a file whose first line starts an object it does not end), whichever
// the input is.
type Reader struct {
	br     *bufio.Reader
	name   string
	line   int // lines consumed
	array  *json.Decoder
	stream bool // array reads objects one after another, not an array
	cr     *countReader
	begun  bool
	done   bool
}

// Lines reports whether the input is JSON Lines, where an error in one
// record leaves the next ones readable: after an error from Next, Next
// goes on with the next line. In an array or a stream of objects a syntax
// error ends the input.
func (r *Reader) Lines() bool { return r.begun && r.array == nil }

// NewReader returns a reader of r, called name in errors.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, 64<<10), name: name}
}

// Next returns the next record and the line it starts on, or io.EOF.
func (r *Reader) Next() (json.RawMessage, int, error) {
	if r.done {
		return nil, 0, io.EOF
	}
	if !r.begun {
		r.begun = true
		if err := r.start(); err != nil {
			return nil, 0, err
		}
	}
	if r.array != nil {
		return r.nextInArray()
	}
	for {
		b, err := r.br.ReadBytes('\n')
		if len(b) == 0 && err == io.EOF {
			r.done = true
			return nil, 0, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, 0, fmt.Errorf("%s: line %d: %v", r.name, r.line+1, err)
		}
		r.line++
		if r.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if !utf8.Valid(b) {
			return nil, r.line, fmt.Errorf("%s: line %d: not valid UTF-8", r.name, r.line)
		}
		if !json.Valid(b) {
			var v any
			err := json.Unmarshal(b, &v)
			return nil, r.line, fmt.Errorf("%s: line %d: broken JSON: %v", r.name, r.line, err)
		}
		return json.RawMessage(bytes.TrimSpace(b)), r.line, nil
	}
}

// start decides between JSON Lines and a JSON array.
func (r *Reader) start() error {
	for {
		b, err := r.br.Peek(1)
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("%s: %v", r.name, err)
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			if b[0] == '\n' {
				r.line++
			}
			r.br.ReadByte()
			continue
		case 0xEF: // a BOM
			if bom, _ := r.br.Peek(3); bytes.Equal(bom, []byte("\ufeff")) {
				r.br.Discard(3)
				continue
			}
		case '[':
			r.cr = &countReader{r: r.br, line: r.line + 1}
			r.array = json.NewDecoder(r.cr)
			if _, err := r.array.Token(); err != nil {
				return fmt.Errorf("%s: %v", r.name, err)
			}
		case '{':
			// A first line that opens an object and is not one is a
			// pretty-printed object (or several): read them as a stream.
			buf, _ := r.br.Peek(r.br.Size())
			if i := bytes.IndexByte(buf, '\n'); i >= 0 && !json.Valid(buf[:i]) {
				r.cr = &countReader{r: r.br, line: r.line + 1}
				r.array = json.NewDecoder(r.cr)
				r.stream = true
			}
		}
		return nil
	}
}

func (r *Reader) nextInArray() (json.RawMessage, int, error) {
	if r.stream && !r.array.More() {
		r.done = true
		return nil, 0, io.EOF
	}
	if !r.array.More() {
		if _, err := r.array.Token(); err != nil {
			return nil, 0, fmt.Errorf("%s: line %d: %v", r.name, r.cr.lineAt(r.array.InputOffset()), err)
		}
		r.done = true
		return nil, 0, io.EOF
	}
	var m json.RawMessage
	off := r.array.InputOffset()
	if err := r.array.Decode(&m); err != nil {
		r.done = true // a decoder's errors are sticky
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, 0, fmt.Errorf("%s: line %d: broken JSON: %v", r.name, r.cr.lineAt(syn.Offset), err)
		}
		return nil, 0, fmt.Errorf("%s: line %d: %v", r.name, r.cr.lineAt(off), err)
	}
	line := r.cr.lineAt(r.array.InputOffset() - int64(len(m)))
	if !utf8.Valid(m) {
		return nil, line, fmt.Errorf("%s: line %d: not valid UTF-8", r.name, line)
	}
	return m, line, nil
}

// countReader counts line breaks so that positions in the stream can be
// told as line numbers.
type countReader struct {
	r     io.Reader
	line  int     // line of offset 0
	n     int64   // bytes read
	marks []int64 // offsets of the line breaks read
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			c.marks = append(c.marks, c.n+int64(i))
		}
	}
	c.n += int64(n)
	return n, err
}

// lineAt returns the line of byte offset off. Offsets asked for must not
// decrease: the line breaks before off are forgotten.
func (c *countReader) lineAt(off int64) int {
	k := 0
	for k < len(c.marks) && c.marks[k] < off {
		k++
	}
	c.line += k
	c.marks = c.marks[k:]
	return c.line
}

// String returns s as a JSON string, without escaping <, > and &.
func String(s string) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 0x20 && c != '"' && c != '\\'
	}
	// encoding/json also escapes U+2028 and U+2029 and replaces bad UTF-8.
	if plain && utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029") {
		return `"` + s + `"`
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// Marshal returns v as compact JSON without HTML escaping.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// ID returns the text of a JSON id, a number or a string, or "".
func ID(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return ""
	}
	return string(raw)
}

// IDValue returns id as a JSON number when it is a decimal integer, and as
// a string otherwise.
func IDValue(id string) string {
	if n, err := strconv.ParseInt(id, 10, 64); err == nil && strconv.FormatInt(n, 10) == id {
		return id
	}
	return String(id)
}

// An Object is a JSON object whose keys are matched exactly, unlike
// encoding/json's struct decoding, which ignores case.
type Object map[string]json.RawMessage

// ParseObject parses raw as a JSON object.
func ParseObject(raw []byte) (Object, error) {
	var o Object
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	if o == nil {
		return nil, errors.New("not an object")
	}
	return o, nil
}

// Get decodes the value of key into v and reports whether the key is there
// and its value has v's type.
func (o Object) Get(key string, v any) bool {
	raw, ok := o[key]
	if !ok {
		return false
	}
	return json.Unmarshal(raw, v) == nil
}

// Int returns the integer value of key.
func (o Object) Int(key string) (int, bool) {
	var n int
	ok := o.Get(key, &n)
	return n, ok
}

// Str returns the string value of key, or "".
func (o Object) Str(key string) string {
	var s string
	o.Get(key, &s)
	return s
}

// Without returns o without the keys.
func (o Object) Without(keys ...string) Object {
	out := Object{}
	for k, v := range o {
		skip := false
		for _, x := range keys {
			skip = skip || k == x
		}
		if !skip {
			out[k] = v
		}
	}
	return out
}

// IDs is a set of the record IDs read so far.
type IDs map[string]bool

// Unique returns id when no earlier record has it, else id#at (then
// id#at.2, …), and reports whether it renamed; the ID returned joins the set.
func (s IDs) Unique(id string, at int) (string, bool) {
	if !s[id] {
		s[id] = true
		return id, false
	}
	nid := id + "#" + strconv.Itoa(at)
	for k := 2; s[nid]; k++ {
		nid = id + "#" + strconv.Itoa(at) + "." + strconv.Itoa(k)
	}
	s[nid] = true
	return nid, true
}
