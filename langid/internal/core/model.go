package core

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"unicode/utf8"
)

// A Model is a linear classifier over character n-grams for some classes,
// as stored in a model file: a class's score for a text is its bias plus the
// weights of the text's grams, less a penalty for each letter outside its
// alphabet. Several files can be merged into one Table, so that the classes
// of one file can be shipped under their own licence.
type Model struct {
	Classes  []string  // class tags, in column order
	Scripts  []Script  // per class: the script its text is written in
	Bias     []float32 // per class
	Alphabet []string  // per class: the lower-case letters it is written with; "" for no rule
	Step     float32   // weight of one quantum
	Grams    []string  // the listed grams, without duplicates
	Values   [][]int8  // per class, per gram: the weight in quanta
}

var magic = []byte("BLID\x02")

// MarshalBinary encodes m. Grams are sorted by length then by text and
// front-coded, and values are written class by class, so that the file packs
// well under general-purpose compression.
func (m *Model) MarshalBinary() ([]byte, error) {
	order := make([]int, len(m.Grams))
	for i := range order {
		order[i] = i
	}
	rs := make([][]rune, len(m.Grams))
	for i, g := range m.Grams {
		rs[i] = []rune(g)
		if n := len(rs[i]); n < 1 || n > MaxGram {
			return nil, fmt.Errorf("gram %q: length %d is outside 1..%d", g, n, MaxGram)
		}
	}
	sort.Slice(order, func(a, b int) bool {
		ga, gb := rs[order[a]], rs[order[b]]
		if len(ga) != len(gb) {
			return len(ga) < len(gb)
		}
		return m.Grams[order[a]] < m.Grams[order[b]]
	})
	var b bytes.Buffer
	b.Write(magic)
	b.Write(binary.AppendUvarint(nil, uint64(len(m.Classes))))
	for i, c := range m.Classes {
		b.Write(binary.AppendUvarint(nil, uint64(len(c))))
		b.WriteString(c)
		b.WriteByte(byte(m.Scripts[i]))
		b.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(m.Bias[i])))
		b.Write(binary.AppendUvarint(nil, uint64(len(m.Alphabet[i]))))
		b.WriteString(m.Alphabet[i])
	}
	b.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(m.Step)))
	for o := 1; o <= MaxGram; o++ {
		n := 0
		for _, i := range order {
			if len(rs[i]) == o {
				n++
			}
		}
		b.Write(binary.AppendUvarint(nil, uint64(n)))
		var prev []rune
		for _, i := range order {
			g := rs[i]
			if len(g) != o {
				continue
			}
			p := 0
			for p < len(prev) && prev[p] == g[p] {
				p++
			}
			if p == o {
				return nil, fmt.Errorf("gram %q is listed twice", string(g))
			}
			b.WriteByte(byte(p))
			b.WriteString(string(g[p:]))
			prev = g
		}
	}
	for c := range m.Classes {
		for _, i := range order {
			b.WriteByte(byte(m.Values[c][i]))
		}
	}
	return b.Bytes(), nil
}

// UnmarshalBinary decodes a model written by MarshalBinary.
func (m *Model) UnmarshalBinary(data []byte) error {
	r := &reader{data: data}
	if !bytes.HasPrefix(data, magic) {
		return errors.New("langid model: bad magic")
	}
	r.pos = len(magic)
	nc := r.uvarint()
	if nc > MaxClasses {
		return errors.New("langid model: too many classes")
	}
	*m = Model{Classes: make([]string, nc), Scripts: make([]Script, nc), Bias: make([]float32, nc), Alphabet: make([]string, nc)}
	for i := range m.Classes {
		m.Classes[i] = string(r.bytes(int(r.uvarint())))
		m.Scripts[i] = Script(r.byte())
		if m.Scripts[i] >= Other {
			return errors.New("langid model: bad script")
		}
		m.Bias[i] = r.float32()
		m.Alphabet[i] = string(r.bytes(int(r.uvarint())))
	}
	m.Step = r.float32()
	var g [MaxGram]rune
	for o := 1; o <= MaxGram; o++ {
		n := r.uvarint()
		for range n {
			if r.err != nil {
				return r.err
			}
			p := int(r.byte())
			if p >= o {
				return errors.New("langid model: bad gram prefix")
			}
			for k := p; k < o; k++ {
				g[k] = r.rune()
			}
			m.Grams = append(m.Grams, string(g[:o]))
		}
	}
	m.Values = make([][]int8, nc)
	for c := range m.Values {
		b := r.bytes(len(m.Grams))
		if b == nil && len(m.Grams) > 0 {
			break
		}
		v := make([]int8, len(b))
		for i, x := range b {
			v[i] = int8(x)
		}
		m.Values[c] = v
	}
	if r.err == nil && r.pos != len(data) {
		return errors.New("langid model: trailing bytes")
	}
	return r.err
}

// reader decodes the parts of a model file; the first error sticks.
type reader struct {
	data []byte
	pos  int
	err  error
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errors.New("langid model: truncated or corrupt")
	}
	r.pos = len(r.data)
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.data[r.pos:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.pos += n
	return v
}

func (r *reader) bytes(n int) []byte {
	if n < 0 || n > len(r.data)-r.pos {
		r.fail()
		return nil
	}
	b := r.data[r.pos : r.pos+n]
	r.pos += n
	return b
}

func (r *reader) byte() byte {
	if b := r.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) float32() float32 {
	b := r.bytes(4)
	if b == nil {
		return 0
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(b))
}

func (r *reader) rune() rune {
	c, n := utf8.DecodeRune(r.data[r.pos:])
	if c == utf8.RuneError {
		r.fail()
		return 0
	}
	r.pos += n
	return c
}
