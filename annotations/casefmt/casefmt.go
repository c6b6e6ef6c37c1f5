// Package casefmt imports the data of the CASE 2021 shared task 1 (socio-
// political event extraction, from the GLOCON corpus) into Belgi's event
// model. It reads; it does not write (subtask 4 files can be written back
// with package conll, which keeps their layout).
//
// The four subtasks map as follows:
//
//   - Subtask 1, {"id","text","label"}, and subtask 2, {"id","sentence",
//     "label"}: a document per record; label 1 gives the document label
//     "protest" and 0 "not_protest".
//   - Subtask 3, {"id","sentence_no","sentences","event_clusters"}: the
//     sentences joined by line breaks, each a span labelled "sentence" with
//     ID "S<n>" (n its sentence number). Each cluster of sentences about one
//     event becomes an event of type "protest" whose trigger is its first
//     sentence, with the others as arguments in role "sentence": the model
//     has no events without a trigger span.
//   - Subtask 4, "token<TAB>tag" lines with SAMPLE_START and [SEP] lines, read
//     with package conll (so the lines are kept for a byte-exact export):
//     spans labelled trigger, participant, organizer, target, place, etime or
//     fname. The data do not say which trigger an argument belongs to, so
//     each document that has a trigger gets one event of type "protest":
//     triggered by its first trigger span, with its other trigger spans in
//     role "trigger" and every argument span in the role of its label.
package casefmt

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"belgi/annotations"
	"belgi/annotations/conll"
	"belgi/annotations/internal/jsonio"
	"belgi/annotations/loss"
)

// OriginFormat is the Origin.Format of documents read from the JSON subtasks.
// Documents read from subtask 4 keep conll's origin, so that they can be
// written back byte for byte.
const OriginFormat = "case"

// A Reader reads documents from any CASE 2021 task 1 file, one at a time.
type Reader struct {
	name  string
	rep   *loss.Report
	json  *jsonio.Reader
	conll *conll.Reader
	n     int
	ids   map[string]bool
}

// NewReader returns a reader of r, called name in messages. It tells the
// JSON subtasks from subtask 4 by the first character of the input.
func NewReader(r io.Reader, name string, rep *loss.Report) *Reader {
	br := bufio.NewReader(r)
	rd := &Reader{name: name, rep: rep, ids: map[string]bool{}}
	for {
		b, err := br.Peek(1)
		if err != nil || (b[0] != ' ' && b[0] != '\n' && b[0] != '\r' && b[0] != '\t') {
			if err == nil && (b[0] == '{' || b[0] == '[') {
				rd.json = jsonio.NewReader(br, name)
			} else {
				rd.conll = conll.NewReader(br, name, conll.CASE, rep)
			}
			return rd
		}
		br.ReadByte()
	}
}

// Read returns the next document, or io.EOF.
func (r *Reader) Read() (*annotations.Document, error) {
	if r.conll != nil {
		d, err := r.conll.Read()
		if err != nil {
			return nil, err
		}
		addEvent(d)
		return d, nil
	}
	raw, line, err := r.json.Next()
	if err != nil {
		return nil, err
	}
	r.n++
	rec, err := jsonio.ParseObject(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: line %d: not a JSON object", r.name, line)
	}
	id := jsonio.ID(rec["id"])
	if id == "" {
		id = strconv.Itoa(r.n)
	}
	if r.ids[id] {
		nid := id + "#" + strconv.Itoa(line)
		r.rep.Add(r.name, "", line, "id %s is used by an earlier record: this one is called %s", id, nid)
		id = nid
	}
	r.ids[id] = true
	var d *annotations.Document
	switch {
	case rec["sentences"] != nil:
		d, err = r.subtask3(id, rec, line)
		if err != nil {
			return nil, err
		}
	default:
		var text string
		if !rec.Get("text", &text) && !rec.Get("sentence", &text) {
			return nil, fmt.Errorf("%s: line %d: no \"text\", \"sentence\" or \"sentences\"", r.name, line)
		}
		d = annotations.NewDocument(id, "", r.name, text)
		if l, ok := rec.Int("label"); ok {
			switch l {
			case 1:
				d.Labels = []string{"protest"}
			case 0:
				d.Labels = []string{"not_protest"}
			default:
				r.rep.Add(r.name, "", line, "document %s: label %d not read: CASE labels are 0 and 1", id, l)
			}
		}
	}
	rest := rec.Without("id", "text", "sentence", "label", "sentences", "sentence_no", "event_clusters")
	d.Origin = &annotations.Origin{Format: OriginFormat}
	if len(rest) > 0 {
		b, _ := jsonio.Marshal(rest)
		d.Origin.Data = map[string]string{"fields": string(b)}
	}
	return d, nil
}

func (r *Reader) subtask3(id string, rec jsonio.Object, line int) (*annotations.Document, error) {
	var sents []string
	var nos []int
	var clusters [][]int
	if !rec.Get("sentences", &sents) {
		return nil, fmt.Errorf("%s: line %d: \"sentences\" is not a list of strings", r.name, line)
	}
	if _, ok := rec["sentence_no"]; ok && !rec.Get("sentence_no", &nos) {
		return nil, fmt.Errorf("%s: line %d: \"sentence_no\" is not a list of numbers", r.name, line)
	}
	if nos == nil {
		for i := range sents {
			nos = append(nos, i+1)
		}
	}
	if len(nos) != len(sents) {
		return nil, fmt.Errorf("%s: line %d: %d sentence numbers for %d sentences", r.name, line, len(nos), len(sents))
	}
	if _, ok := rec["event_clusters"]; ok && !rec.Get("event_clusters", &clusters) {
		return nil, fmt.Errorf("%s: line %d: \"event_clusters\" is not a list of lists of numbers", r.name, line)
	}
	d := annotations.NewDocument(id, "", r.name, strings.Join(sents, "\n"))
	x := d.Index()
	span := map[int]string{}
	cp := 0
	for i, s := range sents {
		n := len([]rune(s))
		sid := "S" + strconv.Itoa(nos[i])
		if _, dup := span[nos[i]]; dup {
			r.rep.Add(r.name, "", line, "document %s: sentence number %d repeats: its second sentence gets no span", id, nos[i])
		} else if n > 0 {
			d.Spans = append(d.Spans, annotations.Span{ID: sid, Label: "sentence", Start: cp, End: cp + n, Text: x.Slice(cp, cp+n)})
			span[nos[i]] = sid
		}
		cp += n + 1
	}
	for k, c := range clusters {
		ev := annotations.Event{ID: "E" + strconv.Itoa(k+1), Type: "protest"}
		for _, n := range c {
			sid, ok := span[n]
			if !ok {
				r.rep.Add(r.name, "", line, "document %s: event cluster %d: sentence %d is not in the record", id, k+1, n)
				continue
			}
			if ev.Trigger == "" {
				ev.Trigger = sid
			} else {
				ev.Arguments = append(ev.Arguments, annotations.Argument{Role: "sentence", Ref: sid})
			}
		}
		if ev.Trigger != "" {
			d.Events = append(d.Events, ev)
		}
	}
	return d, nil
}

// addEvent gathers the spans of a subtask 4 document into one event.
func addEvent(d *annotations.Document) {
	ev := annotations.Event{ID: "E1", Type: "protest"}
	for _, s := range d.Spans {
		switch {
		case s.Label == "trigger" && ev.Trigger == "":
			ev.Trigger = s.ID
		default:
			ev.Arguments = append(ev.Arguments, annotations.Argument{Role: s.Label, Ref: s.ID})
		}
	}
	if ev.Trigger != "" {
		d.Events = append(d.Events, ev)
	}
}
