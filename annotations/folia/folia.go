// Package folia imports FoLiA XML documents annotated for protest events as
// the GLOCON Gold corpus is (made with the FLAT tool), into Belgi's event
// model. It reads; it does not write.
//
// The text is rebuilt from the <w> tokens: tokens are joined by a space
// unless a token has space="no", sentences of a paragraph by a space and
// paragraphs by a blank line. Each <entity> becomes a span over the tokens its
// <wref>s name (a discontinuous one when they skip tokens), labelled
// "Set-class", where Set is the short name of the entity's set (Event,
// Participant, Organizer, Target, Semantic, Psemantic, Osemantic): the same
// class means different things in different sets. An entity's annotator
// becomes an attribute "annotator"; <meta> fields become document labels
// ("RelevantCountry=Yes").
//
// Events: GLOCON keeps event membership in a free-text <comment> on each
// entity ("Event 2", "Event 3, Event 4"); no comment means event 1. Event n
// becomes annotations.Event "E<n>", triggered by its first Event-etype span
// (or, lacking one, its first Event-emention span). Its type is the class of
// its first Semantic span ("demonst"), or "Event". Every other span of the
// event is an argument: Participant, Organizer and Target spans in roles of
// those names, Event-set spans in the role of their class ("place", "etime";
// further etype spans as "etype", emention spans as "emention"), and
// Semantic, Psemantic and Osemantic spans in roles of those names. A span in
// several events is an argument of each.
package folia

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// OriginFormat is the Origin.Format of documents read by this package.
const OriginFormat = "folia"

type token struct {
	id      string
	text    string
	sep     string // what comes between the previous token and this one
	noSpace bool   // space="no": nothing between this token and the next
	start   int    // code points
	end     int
}

type entity struct {
	id, set, class, annotator string
	refs                      []string
	comments                  []string
	line                      int
}

// Read imports one FoLiA document from r. name names the input in messages
// and becomes the document's Source; the document ID is the FoLiA xml:id.
// What the model has no place for is reported to rep.
func Read(r io.Reader, name string, rep *loss.Report) (*annotations.Document, error) {
	dec := xml.NewDecoder(r)
	var (
		docID, lang string
		meta        []string
		toks        []token
		ents        []entity
		stack       []string
		cur         *entity
		inT         bool // inside the <t> of a <w>
		tText       strings.Builder
		metaID      string
		metaText    strings.Builder
		dates       int
		para, sent  int  // paragraphs and sentences of the paragraph seen
		newPara     bool // the next token starts a paragraph
		skipped     = map[string]int{}
	)
	w := -1 // index of the current <w> in toks
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, fmt.Errorf("%s: line %d: %v", name, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			attr := func(local string) string {
				for _, a := range t.Attr {
					if a.Name.Local == local {
						return a.Value
					}
				}
				return ""
			}
			switch t.Name.Local {
			case "FoLiA":
				docID = attr("id")
			case "meta":
				metaID = attr("id")
				metaText.Reset()
			case "p":
				para++
				sent = 0
				newPara = true
			case "s":
				sent++
			case "w":
				sep := ""
				if n := len(toks); n > 0 {
					switch {
					case newPara:
						sep = "\n\n"
					case !toks[n-1].noSpace:
						sep = " "
					}
				}
				newPara = false
				toks = append(toks, token{id: attr("id"), sep: sep, noSpace: attr("space") == "no"})
				w = len(toks) - 1
			case "t":
				if w >= 0 && parent(stack) == "w" && attr("class") == "" || w >= 0 && parent(stack) == "w" && attr("class") == "current" {
					inT = true
					tText.Reset()
				}
			case "entity":
				line, _ := dec.InputPos()
				cur = &entity{id: attr("id"), set: attr("set"), class: attr("class"), annotator: attr("annotator"), line: line}
				if attr("datetime") != "" {
					dates++
				}
			case "wref":
				if cur != nil {
					cur.refs = append(cur.refs, attr("id"))
				}
			case "comment":
			case "text", "metadata", "annotations", "entities", "desc":
			default:
				if !strings.HasSuffix(t.Name.Local, "-annotation") {
					skipped[t.Name.Local]++
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "w":
				w = -1
			case "t":
				if inT {
					toks[w].text = tText.String()
					inT = false
				}
			case "entity":
				if cur != nil {
					ents = append(ents, *cur)
					cur = nil
				}
			case "meta":
				v := strings.TrimSpace(metaText.String())
				if metaID == "language" {
					lang = v
				} else if metaID != "" {
					meta = append(meta, metaID+"="+v)
				}
				metaID = ""
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			switch {
			case inT:
				tText.Write(t)
			case len(stack) > 0 && stack[len(stack)-1] == "comment" && cur != nil:
				cur.comments = append(cur.comments, strings.TrimSpace(string(t)))
			case len(stack) > 0 && stack[len(stack)-1] == "meta":
				metaText.Write(t)
			}
		}
	}
	text := buildText(toks)
	if docID == "" {
		docID = strings.TrimSuffix(path.Base(name), ".xml")
	}
	d := annotations.NewDocument(docID, docID, name, text)
	if lang != "" {
		d.Language = bcp47(lang)
	}
	d.Labels = meta
	x := d.Index()
	at := map[string]int{}
	for i, t := range toks {
		at[t.id] = i
	}
	// Spans.
	type member struct {
		span  string
		set   string
		class string
	}
	events := map[int][]member{}
	for k, e := range ents {
		var idx []int
		bad := ""
		for _, r := range e.refs {
			i, ok := at[r]
			if !ok {
				bad = r
				break
			}
			idx = append(idx, i)
		}
		if bad != "" || len(idx) == 0 {
			rep.Add(name, e.id, e.line, "entity not read: it refers to token %q, which is not in the document", bad)
			continue
		}
		sort.Ints(idx)
		sid := "T" + strconv.Itoa(k+1)
		set := setName(e.set)
		s := annotations.Span{ID: sid, Label: set + "-" + e.class}
		for j := 0; j < len(idx); {
			k := j
			for k+1 < len(idx) && idx[k+1] <= idx[k]+1 {
				k++
			}
			s.Fragments = append(s.Fragments, annotations.Fragment{Start: toks[idx[j]].start, End: toks[idx[k]].end})
			j = k + 1
		}
		if len(s.Fragments) == 1 {
			s.Start, s.End = s.Fragments[0].Start, s.Fragments[0].End
			s.Fragments = nil
			s.Text = x.Slice(s.Start, s.End)
		} else {
			var parts []string
			s.Start, s.End = s.Fragments[0].Start, s.Fragments[len(s.Fragments)-1].End
			for _, f := range s.Fragments {
				parts = append(parts, x.Slice(f.Start, f.End))
			}
			s.Text = strings.Join(parts, " ")
		}
		if s.Start >= s.End {
			rep.Add(name, e.id, e.line, "entity not read: its tokens hold no text")
			continue
		}
		d.Spans = append(d.Spans, s)
		if e.annotator != "" {
			d.Attributes = append(d.Attributes, annotations.Attribute{ID: "A" + strconv.Itoa(len(d.Attributes)+1), Name: "annotator", Target: sid, Value: cleanValue(e.annotator)})
		}
		nums, notes := eventNumbers(e.comments)
		for _, n := range notes {
			d.Notes = append(d.Notes, annotations.Note{ID: "#" + strconv.Itoa(len(d.Notes)+1), Target: sid, Text: n})
		}
		for _, n := range nums {
			events[n] = append(events[n], member{sid, set, e.class})
		}
	}
	// Events.
	var ns []int
	for n := range events {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	for _, n := range ns {
		ms := events[n]
		trig := -1
		for _, want := range []string{"etype", "emention"} {
			for i, m := range ms {
				if trig < 0 && m.set == "Event" && m.class == want {
					trig = i
				}
			}
		}
		if trig < 0 {
			rep.Add(name, "E"+strconv.Itoa(n), 0, "event %d not made: none of its spans is an Event-etype or Event-emention mention to trigger it (its spans are kept)", n)
			continue
		}
		ev := annotations.Event{ID: "E" + strconv.Itoa(n), Type: "Event", Trigger: ms[trig].span}
		for _, m := range ms {
			if m.set == "Semantic" && ev.Type == "Event" {
				ev.Type = m.class
			}
		}
		for i, m := range ms {
			if i == trig {
				continue
			}
			role := m.set
			if m.set == "Event" {
				role = m.class
			}
			ev.Arguments = append(ev.Arguments, annotations.Argument{Role: cleanRole(role), Ref: m.span})
		}
		d.Events = append(d.Events, ev)
	}
	if dates > 0 {
		rep.Add(name, "", 0, "the datetime of %d entities is not kept", dates)
	}
	var kinds []string
	for k, n := range skipped {
		kinds = append(kinds, fmt.Sprintf("<%s> (%d)", k, n))
	}
	sort.Strings(kinds)
	if len(kinds) > 0 {
		rep.Add(name, "", 0, "elements not read: %s", strings.Join(kinds, ", "))
	}
	d.Origin = &annotations.Origin{Format: OriginFormat}
	return d, nil
}

func parent(stack []string) string {
	if len(stack) < 2 {
		return ""
	}
	return stack[len(stack)-2]
}

// buildText joins the tokens and sets their offsets.
func buildText(toks []token) string {
	var b strings.Builder
	cp := 0
	for i := range toks {
		b.WriteString(toks[i].sep)
		cp += utf8.RuneCountInString(toks[i].sep)
		toks[i].start = cp
		b.WriteString(toks[i].text)
		cp += utf8.RuneCountInString(toks[i].text)
		toks[i].end = cp
	}
	return b.String()
}

var setRE = regexp.MustCompile(`^[a-z]+[0-9]*-`)

// setName returns the short name of a FoLiA set URL:
// ".../prote11-Event.foliaset.xml" is "Event".
func setName(set string) string {
	s := path.Base(set)
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".xml"), ".foliaset")
	s = setRE.ReplaceAllString(s, "")
	return cleanRole(s)
}

// cleanRole keeps letters, digits, _ and -, and drops trailing digits so
// that a role is never confused with brat's numbered repeats.
func cleanRole(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			return r
		}
		return '_'
	}, s)
	if t := strings.TrimRight(s, "0123456789"); t != "" {
		s = t
	}
	if s == "" {
		s = "Arg"
	}
	return s
}

func cleanValue(s string) string { return strings.Join(strings.Fields(s), "_") }

var eventRE = regexp.MustCompile(`^(?i)event\s*([0-9]+)$`)

// eventNumbers reads "Event 2", "Event 3, Event 4" from an entity's
// comments; other comments are returned as notes. No event number means 1.
func eventNumbers(comments []string) (nums []int, notes []string) {
	for _, c := range comments {
		ok := c != ""
		var found []int
		for _, part := range strings.Split(c, ",") {
			m := eventRE.FindStringSubmatch(strings.TrimSpace(part))
			if m == nil {
				ok = false
				break
			}
			n, _ := strconv.Atoi(m[1])
			found = append(found, n)
		}
		if ok {
			nums = append(nums, found...)
		} else if c != "" {
			notes = append(notes, c)
		}
	}
	if len(nums) == 0 {
		nums = []int{1}
	}
	return nums, notes
}

// bcp47 maps the ISO 639-2 codes FoLiA uses to BCP 47.
func bcp47(lang string) string {
	switch strings.ToLower(lang) {
	case "eng":
		return "en"
	case "por":
		return "pt"
	case "spa":
		return "es"
	case "rus":
		return "ru"
	case "kaz":
		return "kk"
	case "tur":
		return "tr"
	case "hin":
		return "hi"
	}
	if n := utf8.RuneCountInString(lang); n == 2 || n == 3 {
		return strings.ToLower(lang)
	}
	return "und"
}
