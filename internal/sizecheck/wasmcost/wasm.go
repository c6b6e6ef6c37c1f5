package main

import (
	"errors"
	"fmt"
)

// A module is what wasmcost reads of a WebAssembly binary: the function
// bodies, the names of functions by index (imported ones come first),
// and the data section.
type module struct {
	imported int
	bodies   [][]byte
	names    map[int]string
	data     []byte
}

var errTruncated = errors.New("truncated WebAssembly module")

// reader reads the binary encoding of WebAssembly modules.
type reader struct {
	b   []byte
	err error
}

func (r *reader) byte() byte {
	if r.err != nil || len(r.b) == 0 {
		r.err = errTruncated
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// uint reads an unsigned LEB128 number.
func (r *reader) uint() int {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int(v)
		}
	}
	r.err = errors.New("bad LEB128 number")
	return 0
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = errTruncated
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) name() string { return string(r.bytes(r.uint())) }

// limits skips a table's or a memory's limits.
func (r *reader) limits() {
	if r.byte()&1 != 0 {
		r.uint()
	}
	r.uint()
}

func parse(m []byte) (*module, error) {
	if len(m) < 8 || string(m[:4]) != "\x00asm" || m[4] != 1 {
		return nil, errors.New("not a WebAssembly module (version 1)")
	}
	mod := &module{names: map[int]string{}}
	r := &reader{b: m[8:]}
	for len(r.b) > 0 && r.err == nil {
		id := r.byte()
		sec := &reader{b: r.bytes(r.uint())}
		switch id {
		case 0:
			if sec.name() == "name" {
				names(sec, mod)
			}
		case 2: // imports
			for n := sec.uint(); n > 0 && sec.err == nil; n-- {
				sec.name()
				sec.name()
				switch kind := sec.byte(); kind {
				case 0:
					sec.uint()
					mod.imported++
				case 1:
					sec.byte()
					sec.limits()
				case 2:
					sec.limits()
				case 3:
					sec.byte()
					sec.byte()
				default:
					sec.err = fmt.Errorf("import of unknown kind %d", kind)
				}
			}
		case 10: // code
			for n := sec.uint(); n > 0 && sec.err == nil; n-- {
				mod.bodies = append(mod.bodies, sec.bytes(sec.uint()))
			}
		case 11: // data
			mod.data = sec.b
		}
		if sec.err != nil {
			return nil, fmt.Errorf("section %d: %w", id, sec.err)
		}
	}
	return mod, r.err
}

// names reads the function names of a name section.
func names(sec *reader, mod *module) {
	for len(sec.b) > 0 && sec.err == nil {
		id := sec.byte()
		sub := &reader{b: sec.bytes(sec.uint())}
		if id != 1 {
			continue
		}
		for n := sub.uint(); n > 0 && sub.err == nil; n-- {
			i := sub.uint()
			mod.names[i] = sub.name()
		}
		if sub.err != nil {
			sec.err = sub.err
		}
	}
}
