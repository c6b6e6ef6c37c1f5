package brat

import (
	"fmt"
	"path"
	"unicode/utf8"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// OriginFormat is the Origin.Format of documents read by this package.
const OriginFormat = "brat"

// originAnn is the Origin.Data key holding the .ann file as read.
const originAnn = "ann"

// Read returns the document made of a brat .txt file and its .ann file. id
// becomes the document ID; it is usually the path of the pair without the
// extension ("train/16684_text"), and names the files in messages.
//
// The text is kept exactly, BOM, CR and all, and offsets are code points
// into it, as brat counts them. Lines that cannot be read (a stray fragment,
// two records run together, a duplicate ID, a reference to an annotation
// that is not there) are reported to rep with their line number and kept
// verbatim in the document's Origin, so Write puts them back. Read fails
// only when a file is not UTF-8.
func Read(id string, txt, ann []byte, rep *loss.Report) (*annotations.Document, error) {
	if i := invalidUTF8(txt); i >= 0 {
		return nil, fmt.Errorf("%s.txt: not valid UTF-8 (first bad byte at offset %d)", id, i)
	}
	if i := invalidUTF8(ann); i >= 0 {
		return nil, fmt.Errorf("%s.ann: not valid UTF-8 (first bad byte at offset %d)", id, i)
	}
	d := annotations.NewDocument(id, path.Base(id), id+".txt", string(txt))
	x := d.Index()
	annName := id + ".ann"
	for _, e := range parseAnn(string(ann), x) {
		switch e.kind {
		case kindNone:
			if e.problem != "" {
				rep.Add(annName, "", e.line, "line kept verbatim, not imported: %s: %q", e.problem, clip(e.raw))
			}
		case kindSpan:
			if e.textErr != "" {
				rep.Add(annName, e.id, e.line, "%s", e.textErr)
			}
			d.Spans = append(d.Spans, *e.span)
		case kindEvent:
			d.Events = append(d.Events, *e.event)
		case kindRelation, kindEquiv:
			d.Relations = append(d.Relations, *e.rel)
		case kindAttr:
			d.Attributes = append(d.Attributes, *e.attr)
		case kindNorm:
			d.Normalizations = append(d.Normalizations, *e.norm)
		case kindNote:
			d.Notes = append(d.Notes, *e.note)
		}
	}
	d.Origin = &annotations.Origin{Format: OriginFormat, Data: map[string]string{originAnn: string(ann)}}
	return d, nil
}

// invalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8, or -1.
func invalidUTF8(b []byte) int {
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
