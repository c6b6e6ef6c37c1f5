// Package factrueval imports the FactRuEval-2016 corpus (Russian named
// entities and facts) into Belgi's event model. It reads; it does not write.
//
// A document is six files sharing a base name: .txt, .tokens, .spans,
// .objects, .coref and .facts. Offsets in them are code points into the .txt
// file, as in the model. They map as follows:
//
//	.spans    a span "Ts<id>" per span, labelled with its type (name,
//	          surname, org_name, loc_name, …)
//	.objects  a span "To<id>" per object (a mention: Person, Org, Location,
//	          LocOrg, …) over the spans it is made of, discontinuous when
//	          they are apart
//	.coref    a normalization "N<id>" linking the first mention of each
//	          entity to entry <id> of resource "FactRuEval", its text the
//	          entity's fields ("firstname=Владимир; lastname=Путин"), and,
//	          for an entity with two mentions or more, an equivalence
//	          relation "*<id>" (type Coref, role "Arg") over them, as brat's
//	          * lines hold
//	.facts    an event "E<fact id>" per fact, of the fact's type (Meeting,
//	          Occupation, Ownership, Deal): each role line an argument (an
//	          entity, "objN", stands for its first mention), further
//	          alternatives after "|" in role "<Role>_alternative", and other
//	          lines ("Сложность повышенная") attributes of the event
//
// Facts have no trigger, but the model's events need one: the span of a
// fact's first argument stands in for it (and stays an argument too). Such
// events are listed in the document's Origin under "triggerless", and
// reported.
package factrueval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// OriginFormat is the Origin.Format of documents read by this package.
const OriginFormat = "factrueval"

// Read imports the document whose files are base.txt, base.spans and so on
// in fsys; base is its ID. Missing layers other than .txt are reported and
// read as empty.
func Read(fsys fs.FS, base string, rep *loss.Report) (*annotations.Document, error) {
	txt, err := fs.ReadFile(fsys, base+".txt")
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(txt) {
		return nil, fmt.Errorf("%s.txt: not valid UTF-8", base)
	}
	d := annotations.NewDocument(base, path.Base(base), base+".txt", string(txt))
	x := d.Index()
	layer := func(ext string) []string {
		name := base + ext
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			rep.Add(name, "", 0, "no such file: read as empty")
			return nil
		}
		if err != nil || !utf8.Valid(data) {
			rep.Add(name, "", 0, "not read: not a UTF-8 file (%v)", err)
			return nil
		}
		var lines []string
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(nil, len(data)+1)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		return lines
	}
	// .spans: id type start len firstToken nTokens # …
	spans := map[string]annotations.Span{}
	for n, l := range layer(".spans") {
		f := strings.Fields(strings.SplitN(l, "#", 2)[0])
		if len(f) == 0 {
			continue
		}
		start, err1 := atoi(f, 2)
		length, err2 := atoi(f, 3)
		if len(f) < 4 || err1 != nil || err2 != nil || start < 0 || length <= 0 || start+length > x.Len() {
			rep.Add(base+".spans", "", n+1, "span not read: not ID TYPE START LENGTH inside the text: %q", l)
			continue
		}
		s := annotations.Span{ID: "Ts" + f[0], Label: f[1], Start: start, End: start + length, Text: x.Slice(start, start+length)}
		if _, dup := spans[f[0]]; dup {
			rep.Add(base+".spans", "", n+1, "span %s not read: its id is used by an earlier span", f[0])
			continue
		}
		spans[f[0]] = s
		d.Spans = append(d.Spans, s)
	}
	// .objects: id type spanID… # text
	objects := map[string]string{} // object ID → span ID
	for n, l := range layer(".objects") {
		f := strings.Fields(strings.SplitN(l, "#", 2)[0])
		if len(f) == 0 {
			continue
		}
		if len(f) < 3 {
			rep.Add(base+".objects", "", n+1, "object not read: not ID TYPE SPAN…: %q", l)
			continue
		}
		var frags []annotations.Fragment
		bad := ""
		for _, sid := range f[2:] {
			s, ok := spans[sid]
			if !ok {
				bad = sid
				break
			}
			frags = append(frags, annotations.Fragment{Start: s.Start, End: s.End})
		}
		if bad != "" {
			rep.Add(base+".objects", "", n+1, "object %s not read: span %s is not in the .spans file", f[0], bad)
			continue
		}
		s := annotations.Span{ID: "To" + f[0], Label: f[1]}
		setExtent(&s, merge(frags, x), x)
		objects[f[0]] = s.ID
		d.Spans = append(d.Spans, s)
	}
	// .coref: blocks of "id objectID…" and then "key value" lines.
	entities := map[string]string{} // entity ID → span ID of its first mention
	lines := layer(".coref")
	for n := 0; n < len(lines); n++ {
		f := strings.Fields(lines[n])
		if len(f) == 0 {
			continue
		}
		head := n + 1
		var fields []string
		for n+1 < len(lines) && strings.TrimSpace(lines[n+1]) != "" {
			n++
			k, v, _ := strings.Cut(strings.TrimSpace(lines[n]), " ")
			fields = append(fields, k+"="+strings.TrimSpace(v))
		}
		var members []annotations.Argument
		for _, oid := range f[1:] {
			sid, ok := objects[oid]
			if !ok {
				rep.Add(base+".coref", "", head, "entity %s: object %s is not in the .objects file; left out", f[0], oid)
				continue
			}
			members = append(members, annotations.Argument{Role: "Arg", Ref: sid})
		}
		if len(members) == 0 {
			rep.Add(base+".coref", "", head, "entity %s not read: none of its objects is known", f[0])
			continue
		}
		entities[f[0]] = members[0].Ref
		d.Normalizations = append(d.Normalizations, annotations.Normalization{ID: "N" + f[0], Type: "Coref", Target: members[0].Ref,
			Resource: "FactRuEval", Entry: f[0], Text: strings.Join(fields, "; ")})
		if len(members) > 1 {
			d.Relations = append(d.Relations, annotations.Relation{ID: "*" + f[0], Type: "Coref", Arguments: members})
		}
	}
	// .facts: blocks of "docid-n Type" and then "Role ref text | ref text" lines.
	var triggerless []string
	lines = layer(".facts")
	for n := 0; n < len(lines); n++ {
		f := strings.Fields(lines[n])
		if len(f) == 0 {
			continue
		}
		head := n + 1
		ev := annotations.Event{ID: "E" + f[0], Type: strings.Join(f[1:], "_")}
		var attrs []annotations.Attribute
		for n+1 < len(lines) && strings.TrimSpace(lines[n+1]) != "" {
			n++
			role, rest, _ := strings.Cut(strings.TrimSpace(lines[n]), " ")
			alts := strings.Split(rest, "|")
			if ref, ok := resolve(firstWord(alts[0]), spans, entities); ok {
				ev.Arguments = append(ev.Arguments, annotations.Argument{Role: role, Ref: ref})
				for _, alt := range alts[1:] {
					w := firstWord(alt)
					if r, ok := resolve(w, spans, entities); ok {
						ev.Arguments = append(ev.Arguments, annotations.Argument{Role: role + "_alternative", Ref: r})
					} else if isRef(w) {
						rep.Add(base+".facts", "", n+1, "fact %s: alternative %s of role %s is not in the document; left out", f[0], w, role)
					} else {
						rep.Add(base+".facts", "", n+1, "fact %s: text-only alternative %q of role %s is not kept", f[0], strings.TrimSpace(alt), role)
					}
				}
				continue
			}
			if w := firstWord(alts[0]); isRef(w) {
				rep.Add(base+".facts", "", n+1, "fact %s: role %s refers to %s, which is not in the document; left out", f[0], role, w)
				continue
			}
			attrs = append(attrs, annotations.Attribute{Name: role, Target: ev.ID, Value: strings.Join(strings.Fields(rest), "_")})
		}
		if len(ev.Arguments) == 0 {
			rep.Add(base+".facts", "", head, "fact %s not read: none of its roles is filled by a span or entity of the document", f[0])
			continue
		}
		ev.Trigger = ev.Arguments[0].Ref
		triggerless = append(triggerless, ev.ID)
		d.Events = append(d.Events, ev)
		for _, a := range attrs {
			a.ID = "A" + strconv.Itoa(len(d.Attributes)+1)
			d.Attributes = append(d.Attributes, a)
		}
	}
	d.Origin = &annotations.Origin{Format: OriginFormat}
	if len(triggerless) > 0 {
		d.Origin.Data = map[string]string{"triggerless": strings.Join(triggerless, " ")}
		rep.Add(base+".facts", "", 0, "%d facts have no trigger: the span of each one's first argument stands in for it (Origin lists them under \"triggerless\")", len(triggerless))
	}
	return d, nil
}

// A Reader reads the FactRuEval documents of a file system, in lexical
// order of their .txt files. A .txt file without a .spans file beside it is
// not a FactRuEval document and is skipped.
type Reader struct {
	fsys  fs.FS
	rep   *loss.Report
	bases []string
	err   error
}

// NewReader returns a reader of the documents in fsys.
func NewReader(fsys fs.FS, rep *loss.Report) *Reader {
	r := &Reader{fsys: fsys, rep: rep}
	r.err = fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || path.Ext(p) != ".txt" {
			return err
		}
		base := strings.TrimSuffix(p, ".txt")
		if _, err := fs.Stat(fsys, base+".spans"); err == nil {
			r.bases = append(r.bases, base)
		}
		return nil
	})
	return r
}

// Read returns the next document, or io.EOF after the last.
func (r *Reader) Read() (*annotations.Document, error) {
	if r.err != nil {
		return nil, r.err
	}
	if len(r.bases) == 0 {
		return nil, io.EOF
	}
	base := r.bases[0]
	r.bases = r.bases[1:]
	return Read(r.fsys, base, r.rep)
}

// ReadFS imports every document of fsys, as a Reader does, and calls fn
// with each.
func ReadFS(fsys fs.FS, rep *loss.Report, fn func(*annotations.Document) error) error {
	r := NewReader(fsys, rep)
	for {
		d, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(d); err != nil {
			return err
		}
	}
}

func atoi(f []string, i int) (int, error) {
	if i >= len(f) {
		return 0, errors.New("missing")
	}
	return strconv.Atoi(f[i])
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func isRef(w string) bool {
	for _, p := range []string{"obj", "span"} {
		if n := strings.TrimPrefix(w, p); n != w && n != "" && strings.Trim(n, "0123456789") == "" {
			return true
		}
	}
	return false
}

// resolve returns the span ID a fact's "objN" or "spanN" stands for.
func resolve(w string, spans map[string]annotations.Span, entities map[string]string) (string, bool) {
	if !isRef(w) {
		return "", false
	}
	if n, ok := strings.CutPrefix(w, "span"); ok {
		s, ok := spans[n]
		return s.ID, ok
	}
	sid, ok := entities[strings.TrimPrefix(w, "obj")]
	return sid, ok
}

// merge sorts fragments and joins those that overlap or that only
// whitespace separates ("Владимир" and "Путин" make one span).
func merge(frags []annotations.Fragment, x *annotations.Index) []annotations.Fragment {
	sort.Slice(frags, func(i, j int) bool { return frags[i].Start < frags[j].Start })
	var out []annotations.Fragment
	for _, f := range frags {
		if n := len(out); n > 0 && (f.Start <= out[n-1].End || strings.TrimSpace(x.Slice(out[n-1].End, f.Start)) == "") {
			out[n-1].End = max(out[n-1].End, f.End)
			continue
		}
		out = append(out, f)
	}
	return out
}

// setExtent sets the fragments, extent and text of s.
func setExtent(s *annotations.Span, frags []annotations.Fragment, x *annotations.Index) {
	if len(frags) == 1 {
		s.Start, s.End, s.Text = frags[0].Start, frags[0].End, x.Slice(frags[0].Start, frags[0].End)
		return
	}
	s.Fragments = frags
	s.Start, s.End = frags[0].Start, frags[len(frags)-1].End
	var parts []string
	for _, f := range frags {
		parts = append(parts, x.Slice(f.Start, f.End))
	}
	s.Text = strings.Join(parts, " ")
}
