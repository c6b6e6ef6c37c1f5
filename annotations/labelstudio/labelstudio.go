// Package labelstudio reads and writes Label Studio's JSON export of text
// tasks labelled with Labels, Relations, Choices and TextArea tags:
//
//	[{"id":1,"data":{"text":"…"},"annotations":[{"result":[
//	  {"id":"r1","from_name":"label","to_name":"text","type":"labels",
//	   "value":{"start":11,"end":17,"text":"Алматы","labels":["LOC"]}},
//	  {"from_id":"r1","to_id":"r2","type":"relation","direction":"right","labels":["in"]}]}]}]
//
// Offsets are code points, as in Belgi's model. The results map as follows:
//
//	labels region         a span per label; the region ID is the span ID
//	                      (a second label adds "#2", and so on)
//	relation              a relation per label, Arg1 → Arg2 in the direction
//	                      of the arrow; "bi" is kept in the Origin
//	choices on a region   an attribute: Name is from_name, Value the choice
//	                      (a choice equal to from_name is a binary attribute)
//	choices on the text   document labels
//	textarea on a region  a note per text
//
// Every annotation of a task that was not cancelled is read, each as a
// version of the document by its own annotator (completed_by: "user5", or
// the name in the e-mail address when the export gives one), and so is each
// prediction, by an annotator named after its model ("model-v2"); the first
// version has the task's ID and the others the ID followed by "-" and the
// annotator, as in a gold file holding several annotators. A writer puts
// consecutive versions of one text by different annotators back into one
// task. Tasks without the "data" wrapper (the text at the top level, which
// Label Studio also imports) and a file holding one task object are read.
// Fields the model has no place for (task, data, annotation and region
// fields, the annotation's id) are kept in the Origin and written back.
package labelstudio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"belgi/annotations"
	"belgi/annotations/internal/jsonio"
	"belgi/annotations/loss"
)

// OriginFormat is the Origin.Format of documents read by this package.
const OriginFormat = "labelstudio"

// Options name the tags of the labelling configuration.
type Options struct {
	TextKey  string // the data field holding the text; "" means "text"
	Labels   string // from_name of the Labels tag; "" means "label"
	Text     string // to_name, the Text tag; "" means "text"
	Choices  string // from_name of document-level Choices; "" means "choice"
	Notes    string // from_name of per-region TextArea; "" means "note"
	Relation string // written as relation "type"; always "relation"
}

func (o *Options) textKey() string { return or(o.TextKey, "text") }
func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Origin.Data keys.
const (
	keyTask       = "task"       // other task fields, JSON
	keyData       = "data"       // other data fields, JSON
	keyAnnotation = "annotation" // other fields of the annotation read, JSON
	keyFrom       = "from_name"  // from_name of the labels read
	keyTo         = "to_name"
	keyDirection  = "direction:" // + relation ID: "bi"
	keyRegion     = "region:"    // + span ID: other region fields, JSON
	keyPrediction = "prediction" // "1": the version is one of the task's predictions
)

// A Reader reads tasks from a Label Studio JSON export (an array) or from
// JSON Lines of tasks, one at a time.
type Reader struct {
	in    *jsonio.Reader
	name  string
	opt   Options
	rep   *loss.Report
	n     int
	ids   jsonio.IDs
	queue []*annotations.Document // versions of the last task not yet returned
}

// NewReader returns a reader of r, called name in messages.
func NewReader(r io.Reader, name string, opt Options, rep *loss.Report) *Reader {
	return &Reader{in: jsonio.NewReader(r, name), name: name, opt: opt, rep: rep, ids: jsonio.IDs{}}
}

// A result is one item of an annotation's result list. Keys are matched
// exactly: Label Studio writes them in lower case.
type result struct {
	ID, FromName, ToName, Type string
	FromID, ToID, Direction    string
	Labels                     []string
	value                      jsonio.Object
	raw                        jsonio.Object
}

func parseResult(raw json.RawMessage) (result, error) {
	o, err := jsonio.ParseObject(raw)
	if err != nil {
		return result{}, err
	}
	r := result{ID: o.Str("id"), FromName: o.Str("from_name"), ToName: o.Str("to_name"), Type: o.Str("type"),
		FromID: o.Str("from_id"), ToID: o.Str("to_id"), Direction: o.Str("direction"), raw: o}
	o.Get("labels", &r.Labels)
	if v, ok := o["value"]; ok {
		r.value, _ = jsonio.ParseObject(v)
	}
	return r, nil
}

// Read returns the next version of a task as a document, or io.EOF. The
// document ID is the task ID, or data.belgi_id when the task was written by
// Belgi from a document whose ID is not a number.
func (r *Reader) Read() (*annotations.Document, error) {
	for len(r.queue) == 0 {
		raw, line, err := r.in.Next()
		if err != nil {
			return nil, err
		}
		if r.queue, err = r.task(raw, line); err != nil {
			return nil, err
		}
	}
	d := r.queue[0]
	r.queue = r.queue[1:]
	return d, nil
}

// task reads one task as its versions: one per annotation not cancelled
// and per prediction, or one without annotations when it has none.
func (r *Reader) task(raw json.RawMessage, line int) ([]*annotations.Document, error) {
	r.n++
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: line %d: task %d: %s", r.name, line, r.n, fmt.Sprintf(format, args...))
	}
	var task map[string]json.RawMessage
	if err := json.Unmarshal(raw, &task); err != nil {
		return nil, fail("not a JSON object")
	}
	var data map[string]json.RawMessage
	if _, ok := task["data"]; !ok && task[r.opt.textKey()] != nil {
		// The text at the top level: every field but the task's own is data.
		data = map[string]json.RawMessage{}
		for k, v := range task {
			switch k {
			case "id", "annotations", "predictions", "meta", "created_at", "updated_at", "project":
				continue
			}
			data[k] = v
			delete(task, k)
		}
	} else if err := json.Unmarshal(task["data"], &data); err != nil || data == nil {
		return nil, fail("no \"data\" object")
	}
	var text string
	if err := json.Unmarshal(data[r.opt.textKey()], &text); err != nil || data[r.opt.textKey()] == nil {
		return nil, fail("no data.%s string", r.opt.textKey())
	}
	id := jsonio.ID(task["id"])
	if b := jsonio.ID(data["belgi_id"]); b != "" {
		id = b
		delete(data, "belgi_id")
	}
	if id == "" {
		id = strconv.Itoa(r.n)
	}
	taskID := id
	warn := func(format string, args ...any) {
		r.rep.Add(r.name, "", line, "task %s: %s", taskID, fmt.Sprintf(format, args...))
	}
	var anns, preds []map[string]json.RawMessage
	if a, ok := task["annotations"]; ok {
		if err := json.Unmarshal(a, &anns); err != nil {
			return nil, fail("\"annotations\" is not a list of objects")
		}
	}
	if p, ok := task["predictions"]; ok {
		if err := json.Unmarshal(p, &preds); err != nil {
			return nil, fail("\"predictions\" is not a list of objects")
		}
	}
	delete(task, "annotations")
	delete(task, "predictions")
	delete(task, "data")
	delete(task, "id")
	delete(data, r.opt.textKey())
	common := map[string]string{}
	if len(task) > 0 {
		b, _ := jsonio.Marshal(task)
		common[keyTask] = string(b)
	}
	if len(data) > 0 {
		b, _ := jsonio.Marshal(data)
		common[keyData] = string(b)
	}
	type version struct {
		a          map[string]json.RawMessage
		who        string
		prediction bool
	}
	var vs []version
	for i, a := range anns {
		var cancelled bool
		json.Unmarshal(a["was_cancelled"], &cancelled)
		if cancelled {
			warn("annotation %d (%s) not read: it was cancelled (skipped) in Label Studio", i+1, describe(a))
			continue
		}
		vs = append(vs, version{a: a, who: annotatorOf(a)})
	}
	for _, p := range preds {
		vs = append(vs, version{a: p, who: modelOf(p), prediction: true})
	}
	if len(vs) == 0 {
		vs = []version{{}}
	}
	var docs []*annotations.Document
	for k, v := range vs {
		vid := id
		if k > 0 {
			vid = id + "-" + or(v.who, "unknown")
		}
		if nid, renamed := r.ids.Unique(vid, r.n); renamed {
			r.rep.Add(r.name, "", line, "task id %s is used by an earlier task: this one is called %s", vid, nid)
			vid = nid
		}
		d := annotations.NewDocument(vid, "", r.name, text)
		d.Annotator = v.who
		origin := map[string]string{}
		for key, val := range common {
			origin[key] = val
		}
		if v.prediction {
			origin[keyPrediction] = "1"
		}
		if v.a != nil {
			var results []json.RawMessage
			if err := json.Unmarshal(v.a["result"], &results); err != nil && v.a["result"] != nil {
				return nil, fail("annotation %d: \"result\" is not a list", k+1)
			}
			vwarn := warn
			if len(vs) > 1 {
				vwarn = func(format string, args ...any) { warn("%s: "+format, append([]any{or(v.who, "unknown")}, args...)...) }
			}
			r.results(d, results, origin, vwarn)
			delete(v.a, "result")
			delete(v.a, "belgi_annotator")
			if len(v.a) > 0 {
				b, _ := jsonio.Marshal(v.a)
				origin[keyAnnotation] = string(b)
			}
		}
		d.Origin = &annotations.Origin{Format: OriginFormat, Data: origin}
		docs = append(docs, d)
	}
	return docs, nil
}

// annotatorOf names the person who made an annotation: belgi_annotator when
// Belgi wrote it, else completed_by as "user<id>", or the name before the @
// of its e-mail address when the export gives one; "" when none is given.
func annotatorOf(a map[string]json.RawMessage) string {
	var who string
	if json.Unmarshal(a["belgi_annotator"], &who) == nil && who != "" {
		return who
	}
	c, ok := a["completed_by"]
	if !ok {
		return ""
	}
	var user struct {
		ID    json.RawMessage `json:"id"`
		Email string          `json:"email"`
	}
	if json.Unmarshal(c, &user) == nil {
		if name, _, ok := strings.Cut(user.Email, "@"); ok && name != "" {
			return name
		}
		return "user" + jsonio.ID(user.ID)
	}
	if id := jsonio.ID(c); id != "" {
		return "user" + id
	}
	return ""
}

// modelOf names the model of a prediction: "model-" and its model_version.
func modelOf(p map[string]json.RawMessage) string {
	var v string
	json.Unmarshal(p["model_version"], &v)
	v = strings.Map(func(r rune) rune {
		if r == ' ' || r == '/' || r == '\\' {
			return '-'
		}
		return r
	}, strings.TrimSpace(v))
	if v == "" {
		return "model"
	}
	return "model-" + v
}

func describe(a map[string]json.RawMessage) string {
	if who := annotatorOf(a); who != "" {
		return "by " + who
	}
	return "anonymous"
}

// results reads the results of one annotation into d.
func (r *Reader) results(d *annotations.Document, raws []json.RawMessage, origin map[string]string, warn func(string, ...any)) {
	x := d.Index()
	var rs []result
	for i, raw := range raws {
		res, err := parseResult(raw)
		if err != nil {
			warn("result %d not read: %v", i+1, err)
			continue
		}
		rs = append(rs, res)
	}
	regions := map[string][]string{} // region ID → span IDs
	// Regions first: relations, notes and attributes refer to them.
	for i, res := range rs {
		if res.Type != "labels" {
			continue
		}
		s, ok1 := res.value.Int("start")
		e, ok2 := res.value.Int("end")
		if !ok1 || !ok2 {
			warn("result %d (%s) not read: no start and end", i+1, res.ID)
			continue
		}
		if s < 0 || e > x.Len() || s >= e {
			warn("region %s [%d, %d) not read: outside the text (%d code points) or empty", res.ID, s, e, x.Len())
			continue
		}
		var labels []string
		res.value.Get("labels", &labels)
		var t string
		if res.value.Get("text", &t) && t != x.Slice(s, e) {
			warn("region %s: text %q differs from the text at [%d, %d), %q; the offsets are kept", res.ID, clip(t), s, e, clip(x.Slice(s, e)))
		}
		if res.ID == "" {
			res.ID = "r" + strconv.Itoa(i+1)
		}
		if _, dup := regions[res.ID]; dup {
			warn("region %s not read: its id is used by an earlier region", res.ID)
			continue
		}
		if len(labels) == 0 {
			warn("region %s has no label: read with label \"\"", res.ID)
			labels = []string{""}
		}
		for k, l := range labels {
			sid := res.ID
			if k > 0 {
				sid += "#" + strconv.Itoa(k+1)
			}
			d.Spans = append(d.Spans, annotations.Span{ID: sid, Label: l, Start: s, End: e, Text: x.Slice(s, e)})
			regions[res.ID] = append(regions[res.ID], sid)
		}
		if origin[keyFrom] == "" {
			origin[keyFrom], origin[keyTo] = res.FromName, res.ToName
		}
		extra := res.raw.Without("id", "from_name", "to_name", "type", "value")
		if len(extra) > 0 {
			b, _ := jsonio.Marshal(extra)
			origin[keyRegion+res.ID] = string(b)
		}
	}
	nrel, nnote, nattr := 0, 0, 0
	for i, res := range rs {
		switch res.Type {
		case "labels":
		case "relation":
			from, to := regions[res.FromID], regions[res.ToID]
			if from == nil || to == nil {
				warn("relation %d (%s → %s) not read: a region it links is not in the annotation", i+1, res.FromID, res.ToID)
				continue
			}
			a1, a2 := from[0], to[0]
			if res.Direction == "left" {
				a1, a2 = a2, a1
			}
			labels := res.Labels
			if len(labels) == 0 {
				labels = []string{""}
			}
			for _, l := range labels {
				nrel++
				id := "R" + strconv.Itoa(nrel)
				d.Relations = append(d.Relations, annotations.Relation{ID: id, Type: l,
					Arguments: []annotations.Argument{{Role: "Arg1", Ref: a1}, {Role: "Arg2", Ref: a2}}})
				if res.Direction == "bi" {
					origin[keyDirection+id] = "bi"
				}
			}
		case "choices":
			var choices []string
			res.value.Get("choices", &choices)
			if res.ID != "" && regions[res.ID] != nil {
				for _, c := range choices {
					nattr++
					a := annotations.Attribute{ID: "A" + strconv.Itoa(nattr), Name: res.FromName, Target: regions[res.ID][0], Value: c}
					if c == res.FromName {
						a.Value = ""
					}
					d.Attributes = append(d.Attributes, a)
				}
				continue
			}
			d.Labels = append(d.Labels, choices...)
			if origin["choices"] == "" {
				origin["choices"] = res.FromName
			}
		case "textarea":
			var texts []string
			res.value.Get("text", &texts)
			if res.ID == "" || regions[res.ID] == nil {
				warn("text area %s not read: it is not on a region, and notes belong to annotations", res.FromName)
				continue
			}
			for _, s := range texts {
				nnote++
				d.Notes = append(d.Notes, annotations.Note{ID: "#" + strconv.Itoa(nnote), Target: regions[res.ID][0], Text: s})
			}
		default:
			warn("result %d of type %q not read: not a text labelling result", i+1, res.Type)
		}
	}
}

// A Writer writes documents as a Label Studio JSON export: an array of
// tasks, one per line. Consecutive documents with the same text by
// different annotators are written as one task with an annotation (or a
// prediction) each.
type Writer struct {
	w   *bufio.Writer
	opt Options
	rep *loss.Report
	n   int

	task  *bytes.Buffer   // the pending task up to its annotations
	tail  string          // the pending task's own fields
	text  string          // its text
	who   map[string]bool // its annotators
	anns  []string        // its annotations, as JSON
	preds []string        // its predictions, as JSON
}

// NewWriter returns a writer to w. What Label Studio cannot hold is
// reported to rep. Close ends the array.
func NewWriter(w io.Writer, opt Options, rep *loss.Report) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), opt: opt, rep: rep}
}

// Close writes the pending task, ends the array and flushes; it does not
// close the underlying writer.
func (w *Writer) Close() error {
	w.flush()
	if w.n == 0 {
		w.w.WriteString("[")
	}
	w.w.WriteString("\n]\n")
	return w.w.Flush()
}

// flush writes the pending task.
func (w *Writer) flush() {
	if w.task == nil {
		return
	}
	if w.n == 0 {
		w.w.WriteString("[\n")
	} else {
		w.w.WriteString(",\n")
	}
	w.n++
	w.w.Write(w.task.Bytes())
	w.w.WriteString(`"annotations":[` + strings.Join(w.anns, ",") + "]")
	if len(w.preds) > 0 {
		w.w.WriteString(`,"predictions":[` + strings.Join(w.preds, ",") + "]")
	}
	w.w.WriteString(w.tail + "}")
	w.task, w.anns, w.preds = nil, nil, nil
}

// Write writes d as one task, or as one more annotation of the task before
// when d is another annotator's version of its text. Discontinuous spans
// are written as one region per fragment; events, normalizations,
// relations that do not link two spans and notes on anything but a span
// are reported.
func (w *Writer) Write(d *annotations.Document) error {
	o := map[string]string{}
	if d.Origin != nil && d.Origin.Format == OriginFormat {
		o = d.Origin.Data
	}
	if w.task == nil || d.Text != w.text || d.Annotator == "" || w.who[d.Annotator] || w.who[""] {
		w.flush()
		var b bytes.Buffer
		b.WriteString("{")
		numeric := jsonio.IDValue(d.ID) == d.ID
		if numeric {
			b.WriteString(`"id":` + d.ID + ",")
		}
		b.WriteString(`"data":{` + jsonio.String(w.opt.textKey()) + ":" + jsonio.String(d.Text))
		if !numeric {
			b.WriteString(`,"belgi_id":` + jsonio.String(d.ID))
		}
		writeFields(&b, o[keyData])
		b.WriteString("},")
		var tail bytes.Buffer
		writeFields(&tail, o[keyTask])
		w.task, w.tail, w.text, w.who = &b, tail.String(), d.Text, map[string]bool{}
	}
	w.who[d.Annotator] = true
	a := w.annotation(d, o)
	if o[keyPrediction] == "1" {
		w.preds = append(w.preds, a)
	} else {
		w.anns = append(w.anns, a)
	}
	if w.w.Buffered() > 32<<10 {
		return w.w.Flush()
	}
	return nil
}

// annotation returns d's annotations as one Label Studio annotation object.
func (w *Writer) annotation(d *annotations.Document, o map[string]string) string {
	x := d.Index()
	from, to := or(o[keyFrom], or(w.opt.Labels, "label")), or(o[keyTo], or(w.opt.Text, "text"))
	var b bytes.Buffer
	b.WriteString(`{"result":[`)
	first := true
	put := func(s string) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(s)
	}
	isSpan := map[string]bool{}
	for _, s := range d.Spans {
		isSpan[s.ID] = true
		frags := s.Fragments
		if len(frags) == 0 {
			frags = []annotations.Fragment{{Start: s.Start, End: s.End}}
		} else {
			w.rep.Add(d.ID, s.ID, 0, "discontinuous span: its %d fragments are written as separate regions", len(frags))
		}
		for k, f := range frags {
			id := s.ID
			if k > 0 {
				id += "/" + strconv.Itoa(k+1)
			}
			var r bytes.Buffer
			fmt.Fprintf(&r, `{"id":%s,"from_name":%s,"to_name":%s,"type":"labels","value":{"start":%d,"end":%d,"text":%s,"labels":[%s]}`,
				jsonio.String(id), jsonio.String(from), jsonio.String(to), f.Start, f.End, jsonio.String(x.Slice(f.Start, f.End)), jsonio.String(s.Label))
			writeFields(&r, o[keyRegion+s.ID])
			r.WriteString("}")
			put(r.String())
		}
	}
	spanOf := func(id string) (annotations.Span, bool) { return d.Span(id) }
	for _, rel := range d.Relations {
		if len(rel.Arguments) != 2 || !isSpan[rel.Arguments[0].Ref] || !isSpan[rel.Arguments[1].Ref] {
			w.rep.Add(d.ID, rel.ID, 0, "relation %s not written: Label Studio relations link two regions", rel.Type)
			continue
		}
		if rel.Arguments[0].Role != "Arg1" || rel.Arguments[1].Role != "Arg2" {
			w.rep.Add(d.ID, rel.ID, 0, "roles %s and %s written as the arrow's tail and head: Label Studio relations have no role names", rel.Arguments[0].Role, rel.Arguments[1].Role)
		}
		dir := or(o[keyDirection+rel.ID], "right")
		labels := ""
		if rel.Type != "" {
			labels = jsonio.String(rel.Type)
		}
		put(fmt.Sprintf(`{"from_id":%s,"to_id":%s,"type":"relation","direction":%s,"labels":[%s]}`,
			jsonio.String(rel.Arguments[0].Ref), jsonio.String(rel.Arguments[1].Ref), jsonio.String(dir), labels))
	}
	for _, a := range d.Attributes {
		s, ok := spanOf(a.Target)
		if !ok {
			w.rep.Add(d.ID, a.ID, 0, "attribute %s not written: Label Studio choices sit on regions, and %s is not a span", a.Name, a.Target)
			continue
		}
		v := a.Value
		if v == "" {
			v = a.Name
		}
		put(fmt.Sprintf(`{"id":%s,"from_name":%s,"to_name":%s,"type":"choices","value":{"start":%d,"end":%d,"choices":[%s]}}`,
			jsonio.String(s.ID), jsonio.String(a.Name), jsonio.String(to), s.Start, s.End, jsonio.String(v)))
	}
	for _, n := range d.Notes {
		s, ok := spanOf(n.Target)
		if !ok {
			w.rep.Add(d.ID, n.ID, 0, "note not written: Label Studio text areas sit on regions, and %s is not a span", n.Target)
			continue
		}
		put(fmt.Sprintf(`{"id":%s,"from_name":%s,"to_name":%s,"type":"textarea","value":{"start":%d,"end":%d,"text":[%s]}}`,
			jsonio.String(s.ID), jsonio.String(or(w.opt.Notes, "note")), jsonio.String(to), s.Start, s.End, jsonio.String(n.Text)))
	}
	if len(d.Labels) > 0 {
		var cs []string
		for _, l := range d.Labels {
			cs = append(cs, jsonio.String(l))
		}
		put(fmt.Sprintf(`{"from_name":%s,"to_name":%s,"type":"choices","value":{"choices":[%s]}}`,
			jsonio.String(or(o["choices"], or(w.opt.Choices, "choice"))), jsonio.String(to), strings.Join(cs, ",")))
	}
	for _, e := range d.Events {
		w.rep.Add(d.ID, e.ID, 0, "event %s not written: Label Studio has no events (its trigger and arguments stay as regions)", e.Type)
	}
	for _, n := range d.Normalizations {
		w.rep.Add(d.ID, n.ID, 0, "normalization %s:%s not written: Label Studio has no normalizations", n.Resource, n.Entry)
	}
	b.WriteString("]")
	writeFields(&b, o[keyAnnotation])
	var fields map[string]json.RawMessage
	json.Unmarshal([]byte(o[keyAnnotation]), &fields)
	if d.Annotator != "" && annotatorOf(fields) != d.Annotator {
		// Label Studio's completed_by is a user of one server: keep ours.
		b.WriteString(`,"belgi_annotator":` + jsonio.String(d.Annotator))
	}
	b.WriteString("}")
	return b.String()
}

// writeFields writes the fields of the JSON object obj, each after a comma.
func writeFields(b *bytes.Buffer, obj string) {
	if obj == "" {
		return
	}
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(obj), &m) != nil {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b.WriteString("," + jsonio.String(k) + ":")
		if json.Compact(b, m[k]) != nil {
			b.WriteString("null")
		}
	}
}

// clip shortens s for a message.
func clip(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
