package recommend

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"unicode/utf8"
)

// The encoding of a model, version 1. Integers are unsigned varints unless
// said otherwise, floats little-endian IEEE 754 bits:
//
//	"BELGIREC"                       magic, 8 bytes
//	version                          1
//	temperature                      float64
//	labels                           count, then length and UTF-8 bytes of each
//	features                         count, then each feature's hash, 8 bytes
//	2 layers, each:
//	  per feature: count, then tag and float32 weight of each
//	  transitions                    (tags+1)×tags float32
//	gazetteer                        count of entries, then each entry's
//	                                 words (count, then length and bytes of
//	                                 each) and uses (count, then label index
//	                                 and uses of each)
//	CRC-32 (IEEE) of all the above   4 bytes, little-endian
const (
	magic   = "BELGIREC"
	version = 1
)

// Decoding errors. Every error Decode returns wraps one of them.
var (
	ErrFormat  = errors.New("recommend: not a valid model")
	ErrVersion = errors.New("recommend: unknown model version")
)

// MarshalBinary encodes m in the format Decode reads.
func (m *Model) MarshalBinary() ([]byte, error) {
	var b []byte
	b = append(b, magic...)
	b = binary.AppendUvarint(b, version)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(m.temp))
	b = binary.AppendUvarint(b, uint64(len(m.labels)))
	for _, l := range m.labels {
		b = appendString(b, l)
	}
	hashes := make([]hash, len(m.ids))
	for h, id := range m.ids {
		hashes[id] = h
	}
	b = binary.AppendUvarint(b, uint64(len(hashes)))
	for _, h := range hashes {
		b = binary.LittleEndian.AppendUint64(b, uint64(h))
	}
	for k := range m.layers {
		f := &m.layers[k]
		for id := range hashes {
			lo, hi := f.off[id], f.off[id+1]
			b = binary.AppendUvarint(b, uint64(hi-lo))
			for j := lo; j < hi; j++ {
				b = binary.AppendUvarint(b, uint64(f.tags[j]))
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f.w[j]))
			}
		}
		for _, v := range f.trans {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
		}
	}
	index := map[string]int{}
	for i, l := range m.labels {
		index[l] = i
	}
	keys := m.gaz.keys()
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, key := range keys {
		e := m.gaz.entries[key]
		b = binary.AppendUvarint(b, uint64(len(e.words)))
		for _, w := range e.words {
			b = appendString(b, w)
		}
		b = binary.AppendUvarint(b, uint64(len(e.counts)))
		for _, c := range e.counts {
			b = binary.AppendUvarint(b, uint64(index[c.label]))
			b = binary.AppendUvarint(b, uint64(c.n))
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// UnmarshalBinary replaces m with the model encoded in data.
func (m *Model) UnmarshalBinary(data []byte) error {
	d, err := Decode(data)
	if err != nil {
		return err
	}
	*m = *d
	return nil
}

// Decode reads a model written by MarshalBinary. It checks everything: the
// magic, the version, the checksum, every count against the bytes left,
// every tag, label and weight; it never panics and allocates at most in
// proportion to len(data).
func Decode(data []byte) (*Model, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: it does not start with %q", ErrFormat, magic)
	}
	r := &reader{b: data[len(magic):]}
	if v := r.uvarint("version"); r.err == nil && v != version {
		return nil, fmt.Errorf("%w: version %d (this build reads version %d)", ErrVersion, v, version)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(data) < len(magic)+4 {
		return nil, fmt.Errorf("%w: truncated", ErrFormat)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch (the file is truncated or damaged)", ErrFormat)
	}
	r.b = r.b[:len(r.b)-4]
	m := &Model{ids: map[hash]int32{}, gaz: newGazetteer()}
	m.temp = math.Float64frombits(r.uint64("temperature"))
	if r.err == nil && !(m.temp > 0 && m.temp < math.Inf(1)) {
		r.fail("temperature %v is not positive and finite", m.temp)
	}
	nl := r.count("labels", 1)
	if nl > MaxLabels {
		r.fail("%d labels, more than %d", nl, MaxLabels)
	}
	seen := map[string]bool{}
	for i := 0; i < nl && r.err == nil; i++ {
		l := r.string("label")
		if r.err == nil && (l == "" || seen[l]) {
			r.fail("label %d is empty or repeated", i)
		}
		seen[l] = true
		m.labels = append(m.labels, l)
	}
	nt := numTags(len(m.labels))
	nf := r.count("features", 8)
	for id := 0; id < nf && r.err == nil; id++ {
		h := hash(r.uint64("feature"))
		if _, dup := m.ids[h]; dup && r.err == nil {
			r.fail("feature %d repeated", id)
		}
		m.ids[h] = int32(id)
	}
	for k := range m.layers {
		f := &m.layers[k]
		f.nt = nt
		f.off = make([]int32, 0, nf+1)
		f.off = append(f.off, 0)
		for id := 0; id < nf && r.err == nil; id++ {
			n := r.count("weights", 5)
			for j := 0; j < n && r.err == nil; j++ {
				tag := r.uvarint("tag")
				w := r.float32("weight")
				if r.err == nil && tag >= uint64(nt) {
					r.fail("tag %d of feature %d, with %d tags", tag, id, nt)
				}
				f.tags = append(f.tags, uint16(tag))
				f.w = append(f.w, w)
			}
			f.off = append(f.off, int32(len(f.tags)))
		}
		if r.err == nil && len(r.b) < 4*(nt+1)*nt {
			r.fail("truncated transitions")
		}
		for i := 0; i < (nt+1)*nt && r.err == nil; i++ {
			f.trans = append(f.trans, r.float32("transition"))
		}
	}
	ne := r.count("gazetteer entries", 2)
	for i := 0; i < ne && r.err == nil; i++ {
		nw := r.count("words", 1)
		if r.err == nil && nw == 0 {
			r.fail("gazetteer entry %d has no words", i)
		}
		words := make([]string, 0, nw)
		for j := 0; j < nw && r.err == nil; j++ {
			w := r.string("word")
			if r.err == nil && (w == "" || bytes.IndexByte([]byte(w), 0) >= 0) {
				r.fail("gazetteer entry %d has an empty word or a NUL", i)
			}
			words = append(words, w)
		}
		nc := r.count("uses", 2)
		key := keyOf(&gazEntry{words: words})
		if _, dup := m.gaz.entries[key]; dup && r.err == nil {
			r.fail("gazetteer entry %d repeated", i)
		}
		for j := 0; j < nc && r.err == nil; j++ {
			li, n := r.uvarint("label index"), r.uvarint("uses")
			if r.err == nil && (li >= uint64(len(m.labels)) || n == 0 || n > math.MaxInt32) {
				r.fail("gazetteer entry %d: label index %d or uses %d out of range", i, li, n)
			}
			if r.err == nil {
				m.gaz.add(key, m.labels[li], int(n))
			}
		}
	}
	if r.err == nil && len(r.b) > 0 {
		r.fail("%d bytes after the model", len(r.b))
	}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}

// A reader reads the fields of an encoded model; after the first error
// every read returns zero.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, args...))
	}
}

func (r *reader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("bad or truncated %s", what)
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a count of items of at least size bytes each, and fails when
// the bytes left cannot hold them.
func (r *reader) count(what string, size int) int {
	v := r.uvarint(what)
	if r.err == nil && v > uint64(len(r.b)/size) {
		r.fail("%d %s do not fit in the %d bytes left", v, what, len(r.b))
		return 0
	}
	return int(v)
}

func (r *reader) uint64(what string) uint64 {
	if r.err == nil && len(r.b) < 8 {
		r.fail("truncated %s", what)
	}
	if r.err != nil {
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) float32(what string) float32 {
	if r.err == nil && len(r.b) < 4 {
		r.fail("truncated %s", what)
	}
	if r.err != nil {
		return 0
	}
	v := math.Float32frombits(binary.LittleEndian.Uint32(r.b))
	r.b = r.b[4:]
	if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
		r.fail("%s is not finite", what)
		return 0
	}
	return v
}

func (r *reader) string(what string) string {
	n := r.count(what, 1)
	if r.err != nil {
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	if !utf8.ValidString(s) {
		r.fail("%s is not valid UTF-8", what)
		return ""
	}
	return s
}
