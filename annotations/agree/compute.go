package agree

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"belgi/annotations"
	"belgi/annotations/tokenize"
)

// A version reduced to what agreement compares.
type reduced struct {
	spans    []mark // spans that are no event's trigger, sorted by compareFull
	triggers []mark // one per event, label = event type
	args     []mark // (event type, role, filler), a set
	argIDs   []mark // (event type, filler), a set
	units    []Unit // α_U units: every fragment of every span in spans
	// coded are the values of each attribute name on each unit, keyed by
	// the unit's identity (what it covers and its label).
	coded  map[string]map[string]string
	labels map[string]bool // document labels
	empty  bool            // no span, event or document label
}

// A study is the texts and annotators a report covers.
type study struct {
	opt    Options
	ann    []string
	annIdx map[string]int
	texts  []Text
	red    [][]reduced // [text][annotator], zero when absent
	has    [][]bool
	length []int
	labels map[string]int
	roles  map[string]int
	// attrLabels[name] are the labels (span labels, event types) on which
	// some annotator set the attribute.
	attrLabels map[string]map[string]bool
	attrNames  []string
	docLabels  []string
	keep       map[string]bool  // opt.Labels as a set, nil for all
	slab       []Mark           // see public
	diag       [][]Disagreement // per text
}

// Compute compares the annotators' versions of the texts and returns the
// report. Only texts that two or more of the compared annotators annotated
// count; the others are listed in Report.Unmatched. It fails with
// ErrOneAnnotator when fewer than two annotators are compared and with
// ErrNoSharedText when no text has two of their versions; what the figures
// cannot show (an annotator with no annotations, a label only one side
// uses) is in Report.Warnings.
func Compute(texts []Text, opt Options) (*Report, error) {
	s := &study{opt: opt, annIdx: map[string]int{}, labels: map[string]int{}, roles: map[string]int{}, attrLabels: map[string]map[string]bool{}}
	if len(opt.Labels) > 0 {
		s.keep = map[string]bool{}
		for _, l := range opt.Labels {
			s.keep[l] = true
		}
	}
	add := func(a string) {
		if _, ok := s.annIdx[a]; !ok {
			s.annIdx[a] = len(s.ann)
			s.ann = append(s.ann, a)
		}
	}
	if len(opt.Annotators) > 0 {
		for _, a := range opt.Annotators {
			add(a)
		}
	} else {
		for _, t := range texts {
			for _, v := range t.Versions {
				add(name(v.Annotator))
			}
		}
	}
	if len(s.ann) < 2 {
		who := "none"
		if len(s.ann) == 1 {
			who = "only " + s.ann[0]
		}
		return nil, fmt.Errorf("%w (%s)", ErrOneAnnotator, who)
	}
	r := &Report{Annotators: s.ann}
	names := map[string]bool{}
	for _, t := range texts {
		info := TextInfo{Name: t.Name, SHA256: t.SHA256}
		n := 0
		for _, v := range t.Versions {
			if _, ok := s.annIdx[name(v.Annotator)]; ok {
				n++
			}
		}
		row := make([]Version, len(s.ann))
		has := make([]bool, len(s.ann))
		for _, v := range t.Versions {
			if i, ok := s.annIdx[name(v.Annotator)]; ok && v.Doc != nil {
				row[i], has[i] = v, true
			}
		}
		for i, v := range row {
			if has[i] {
				info.Annotators = append(info.Annotators, s.ann[i])
				info.IDs = append(info.IDs, v.Doc.ID)
				info.Length = utf8.RuneCountInString(v.Doc.Text)
			}
		}
		if n < 2 {
			r.Unmatched = append(r.Unmatched, info)
			continue
		}
		// Names key the per-document figures: two texts with one name
		// (the same id in two files) are told apart by their hash.
		if names[info.Name] {
			info.Name += "#" + t.SHA256[:min(8, len(t.SHA256))]
		}
		names[info.Name] = true
		s.texts = append(s.texts, Text{Name: info.Name, SHA256: t.SHA256, Versions: row})
		s.has = append(s.has, has)
		s.length = append(s.length, info.Length)
		r.Texts = append(r.Texts, info)
	}
	if len(s.texts) == 0 {
		return nil, fmt.Errorf("%w: %d texts, each annotated by one annotator only", ErrNoSharedText, len(r.Unmatched))
	}
	s.reduceAll()
	s.diag = make([][]Disagreement, len(s.texts))
	r.Labels = slices.Sorted(maps.Keys(s.labels))
	r.Roles = slices.Sorted(maps.Keys(s.roles))
	s.warn(r)
	s.spans(r)
	s.tokens(r)
	s.events(r)
	s.codings(r)
	n := 0
	for _, ds := range s.diag {
		n += len(ds)
	}
	r.Diagnosis = make([]Disagreement, 0, n)
	for _, ds := range s.diag {
		slices.SortStableFunc(ds, func(a, b Disagreement) int { return cmpInt(a.Start, b.Start) })
		r.Diagnosis = append(r.Diagnosis, ds...)
	}
	return r, nil
}

func name(a string) string {
	if a == "" {
		return annotations.Unknown
	}
	return a
}

// reduceAll reduces every version and collects the labels, roles and
// attribute names.
func (s *study) reduceAll() {
	s.red = make([][]reduced, len(s.texts))
	attrs := map[string]bool{}
	docLabels := map[string]bool{}
	for t, text := range s.texts {
		s.red[t] = make([]reduced, len(s.ann))
		for a, v := range text.Versions {
			if s.has[t][a] {
				s.red[t][a] = s.reduce(v.Doc, s.length[t], attrs, docLabels)
			}
		}
	}
	// Label indexes follow the sorted order, so that reports do not depend
	// on the order of the input.
	for i, l := range slices.Sorted(maps.Keys(s.labels)) {
		s.labels[l] = i
	}
	for i, l := range slices.Sorted(maps.Keys(s.roles)) {
		s.roles[l] = i
	}
	for t := range s.red {
		for a := range s.red[t] {
			red := &s.red[t][a]
			for _, ms := range [][]mark{red.spans, red.triggers, red.args, red.argIDs} {
				s.index(ms)
			}
		}
	}
	for n := range attrs {
		s.attrNames = append(s.attrNames, n)
	}
	sort.Strings(s.attrNames)
	for n := range docLabels {
		s.docLabels = append(s.docLabels, n)
	}
	sort.Strings(s.docLabels)
}

// reduce turns one document into marks over a text of n code points.
// Annotations with offsets outside the text are left out (the gold reader
// rejects them already).
func (s *study) reduce(d *annotations.Document, n int, attrs, docLabels map[string]bool) reduced {
	var r reduced
	r.coded = map[string]map[string]string{}
	r.labels = map[string]bool{}
	// Ids are looked up only when events or attributes refer to them.
	refs := len(d.Events) > 0 || len(d.Attributes) > 0
	marks := make([]mark, len(d.Spans))
	okMark := make([]bool, len(d.Spans))
	var byID map[string]mark
	if refs {
		byID = make(map[string]mark, len(d.Spans))
	}
	for i, sp := range d.Spans {
		if m, ok := spanMark(sp, n); ok {
			marks[i], okMark[i] = m, true
			if refs {
				byID[sp.ID] = m
			}
		}
	}
	trig := map[string]bool{}
	evType := map[string]string{}
	evTrig := map[string]mark{}
	for _, e := range d.Events {
		if m, ok := byID[e.Trigger]; ok {
			trig[e.Trigger] = true
			evType[e.ID] = e.Type
			evTrig[e.ID] = m
		}
	}
	keyOf := map[string]string{} // annotation id → unit key, for attributes
	labelOf := map[string]string{}
	hasAttrs := len(d.Attributes) > 0
	r.spans = marks[:0] // filtered in place: byID holds copies
	r.units = make([]Unit, 0, len(d.Spans))
	lastLabel := "\x00"
	for i, sp := range d.Spans {
		m := marks[i]
		if !okMark[i] || trig[sp.ID] || (s.keep != nil && !s.keep[m.label]) {
			continue
		}
		if m.label != lastLabel {
			lastLabel = m.label
			if _, ok := s.labels[m.label]; !ok {
				s.labels[m.label] = 0
			}
		}
		r.spans = append(r.spans, m)
		for _, f := range m.fragments() {
			r.units = append(r.units, Unit{Start: f.Start, End: f.End, Category: m.label})
		}
		if hasAttrs {
			keyOf[sp.ID] = "span " + m.label + " " + m.fragsKey()
			labelOf[sp.ID] = m.label
		}
	}
	argSeen := map[string]bool{}
	idSeen := map[string]bool{}
	for _, e := range d.Events {
		tm, ok := evTrig[e.ID]
		if !ok || (s.keep != nil && !s.keep[e.Type]) {
			continue
		}
		s.labels[e.Type] = 0
		tm.id, tm.label = e.ID, e.Type
		r.triggers = append(r.triggers, tm)
		keyOf[e.ID] = "event " + e.Type + " " + tm.fragsKey()
		labelOf[e.ID] = e.Type
		for _, a := range e.Arguments {
			f, ok := byID[a.Ref]
			if !ok {
				if t, isEv := evTrig[a.Ref]; isEv {
					f, ok = t, true
				}
			}
			if !ok {
				continue
			}
			am := mark{id: e.ID, label: e.Type, role: a.Role, start: f.start, end: f.end, frags: f.frags}
			k := e.Type + "\x00" + a.Role + "\x00" + am.fragsKey()
			if !argSeen[k] {
				argSeen[k] = true
				s.roles[a.Role] = 0
				r.args = append(r.args, am)
			}
			k = e.Type + "\x00" + am.fragsKey()
			if !idSeen[k] {
				idSeen[k] = true
				am.role = ""
				r.argIDs = append(r.argIDs, am)
			}
		}
	}
	for _, at := range d.Attributes {
		k, ok := keyOf[at.Target]
		if !ok {
			continue
		}
		attrs[at.Name] = true
		if s.attrLabels[at.Name] == nil {
			s.attrLabels[at.Name] = map[string]bool{}
		}
		s.attrLabels[at.Name][labelOf[at.Target]] = true
		if r.coded[at.Name] == nil {
			r.coded[at.Name] = map[string]string{}
		}
		v := at.Value
		if v == "" {
			v = setValue
		}
		if _, dup := r.coded[at.Name][k]; !dup {
			r.coded[at.Name][k] = v
		}
	}
	for _, l := range d.Labels {
		docLabels[l] = true
		r.labels[l] = true
	}
	sortMarks(r.spans)
	sortMarks(r.triggers)
	sortMarks(r.args)
	sortMarks(r.argIDs)
	r.empty = len(r.spans) == 0 && len(r.triggers) == 0 && len(r.labels) == 0 && len(d.Attributes) == 0
	return r
}

// The values of a binary attribute or document label.
const (
	setValue    = "(set)"
	notSetValue = "(not set)"
)

// warn lists what the figures cannot show.
func (s *study) warn(r *Report) {
	if len(r.Unmatched) > 0 {
		names := make([]string, 0, 5)
		for i, u := range r.Unmatched {
			if i == 5 {
				names = append(names, "…")
				break
			}
			names = append(names, u.Name)
		}
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d texts were annotated by one annotator only and are left out: %s", len(r.Unmatched), strings.Join(names, ", ")))
	}
	used := make([]map[string]bool, len(s.ann))
	seen := make([]bool, len(s.ann))
	nonEmpty := make([]bool, len(s.ann))
	for t := range s.texts {
		for a := range s.ann {
			if !s.has[t][a] {
				continue
			}
			seen[a] = true
			red := &s.red[t][a]
			if !red.empty {
				nonEmpty[a] = true
			}
			if used[a] == nil {
				used[a] = map[string]bool{}
			}
			for _, m := range red.spans {
				used[a][m.label] = true
			}
			for _, m := range red.triggers {
				used[a][m.label] = true
			}
		}
	}
	for a, who := range s.ann {
		switch {
		case !seen[a]:
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s annotated none of the shared texts", who))
		case !nonEmpty[a]:
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s has no annotations in the shared texts: every figure with %s is 0 or undefined", who, who))
		}
	}
	for _, l := range slices.Sorted(maps.Keys(s.labels)) {
		var with, without []string
		for a, who := range s.ann {
			if !seen[a] {
				continue
			}
			if used[a][l] {
				with = append(with, who)
			} else {
				without = append(without, who)
			}
		}
		if len(without) > 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("label %q is used by %s but never by %s: the label sets differ", l, strings.Join(with, ", "), strings.Join(without, ", ")))
		}
	}
}

// pairs calls fn for every pair of annotators a < b with its index.
func (s *study) pairs(fn func(p, a, b int)) {
	p := 0
	for a := range s.ann {
		for b := a + 1; b < len(s.ann); b++ {
			fn(p, a, b)
			p++
		}
	}
}

func (s *study) npairs() int { n := len(s.ann); return n * (n - 1) / 2 }

// A tally gathers one F1 measure's counts per pair, per text and per label.
type tally struct {
	s       *study
	total   []Counts   // [pair]
	byDoc   [][]Counts // [text][pair]
	byLabel [][]Counts // [label][pair]
	docs    []int      // [pair] texts both annotated
	inDoc   [][]bool   // [text][pair]
	names   []string   // label names by index
}

func (s *study) newTally(names []string) *tally {
	np := s.npairs()
	t := &tally{s: s, total: make([]Counts, np), docs: make([]int, np), names: names}
	t.byDoc = make([][]Counts, len(s.texts))
	t.inDoc = make([][]bool, len(s.texts))
	for i := range t.byDoc {
		t.byDoc[i] = make([]Counts, np)
		t.inDoc[i] = make([]bool, np)
	}
	t.byLabel = make([][]Counts, len(names))
	for i := range t.byLabel {
		t.byLabel[i] = make([]Counts, np)
	}
	return t
}

// count records one text's comparison of a pair: a's and b's marks and
// the pairs found, each label counted by lab (nil for no per-label figures).
func (t *tally) count(text, p int, a, b []mark, pairs [][2]int, lab func(*mark) int) {
	c := Counts{A: len(a), B: len(b), Matched: len(pairs)}
	t.total[p] = t.total[p].Add(c)
	t.byDoc[text][p] = t.byDoc[text][p].Add(c)
	if !t.inDoc[text][p] {
		t.inDoc[text][p] = true
		t.docs[p]++
	}
	if lab == nil {
		return
	}
	for i := range a {
		t.byLabel[lab(&a[i])][p].A++
	}
	for i := range b {
		t.byLabel[lab(&b[i])][p].B++
	}
	for _, pr := range pairs {
		t.byLabel[lab(&a[pr[0]])][p].Matched++
	}
}

// measure turns the tally into a Measure.
func (t *tally) measure(m Measure) Measure {
	s := t.s
	m.Stat = "f1"
	m.Pairs = t.pairScores(t.total, nil)
	m.Mean, m.SD = meanSD(scores(m.Pairs))
	if len(t.byLabel) > 0 {
		for l, counts := range t.byLabel {
			b := Breakdown{Key: t.names[l], Pairs: t.pairScores(counts, nil)}
			b.Mean, b.SD = meanSD(scores(b.Pairs))
			m.ByLabel = append(m.ByLabel, b)
		}
	}
	for d, counts := range t.byDoc {
		b := Breakdown{Key: s.texts[d].Name, Pairs: t.pairScores(counts, t.inDoc[d])}
		b.Mean, b.SD = meanSD(scores(b.Pairs))
		m.ByDocument = append(m.ByDocument, b)
	}
	return m
}

// pairScores lists the F1 of each pair; in, when not nil, keeps only the
// pairs it marks.
func (t *tally) pairScores(counts []Counts, in []bool) []PairScore {
	var out []PairScore
	t.s.pairs(func(p, a, b int) {
		if in != nil && !in[p] {
			return
		}
		c := counts[p]
		if in == nil && t.docs[p] == 0 {
			out = append(out, PairScore{A: t.s.ann[a], B: t.s.ann[b], Score: undefined("no text annotated by both")})
			return
		}
		docs := t.docs[p]
		if in != nil {
			docs = 1
		}
		out = append(out, PairScore{A: t.s.ann[a], B: t.s.ann[b], Score: c.F1(), Counts: &c, Documents: docs})
	})
	return out
}

func scores(ps []PairScore) []Score {
	out := make([]Score, len(ps))
	for i, p := range ps {
		out[i] = p.Score
	}
	return out
}

// index sets the label and role indexes of marks, looking a name up only
// when it differs from the previous mark's.
func (s *study) index(ms []mark) {
	last, li := "", -1
	lastRole, ri := "", -1
	for i := range ms {
		m := &ms[i]
		if li < 0 || m.label != last {
			last, li = m.label, s.labels[m.label]
		}
		if ri < 0 || m.role != lastRole {
			lastRole, ri = m.role, s.roles[m.role]
		}
		m.li, m.ri = li, ri
	}
}

func labelOf(m *mark) int { return m.li }
func roleOf(m *mark) int  { return m.ri }

// compareMarks pairs two annotators' marks as agreement does: exact
// pairs, then the same label over overlapping stretches (boundary), then
// other labels over overlapping stretches (label); the rest are missing on
// the other side. It adds every disagreement to diag.
func compareMarks(a, b []mark) (exact, boundary, label [][2]int, p *pairing) {
	p = newPairing(len(a), len(b))
	exact = append([][2]int(nil), equalPairs(p, a, b, compareFull)...)
	boundary = append([][2]int(nil), overlapPairs(p, a, b, true)...)
	label = append([][2]int(nil), overlapPairs(p, a, b, false)...)
	return exact, boundary, label, p
}

// diagnose adds the disagreements between a and b.
func (s *study) diagnose(r *Report, what string, text, ai, bi int, a, b []mark, boundary, label [][2]int, p *pairing) {
	add := func(k Kind, x, y *mark) {
		d := Disagreement{Kind: k, What: what, Document: s.texts[text].Name, Text: text, A: s.ann[ai], B: s.ann[bi], Start: -1}
		for _, m := range []*mark{x, y} {
			if m == nil {
				continue
			}
			if d.Start < 0 || m.start < d.Start {
				d.Start = m.start
			}
			d.End = max(d.End, m.end)
		}
		if x != nil {
			d.InA = s.public(x)
		}
		if y != nil {
			d.InB = s.public(y)
		}
		s.diag[text] = append(s.diag[text], d)
	}
	s.diag[text] = slices.Grow(s.diag[text], len(a)+len(b)-2*len(p.pairs)+len(boundary)+len(label))
	for _, pr := range boundary {
		add(Boundary, &a[pr[0]], &b[pr[1]])
	}
	for _, pr := range label {
		k := Label
		if what == "argument" && a[pr[0]].label == b[pr[1]].label && compareFrags(&a[pr[0]], &b[pr[1]]) == 0 {
			k = Role
		}
		add(k, &a[pr[0]], &b[pr[1]])
	}
	for i := range a {
		if !p.usedA[i] {
			add(Missing, &a[i], nil)
		}
	}
	for j := range b {
		if !p.usedB[j] {
			add(Missing, nil, &b[j])
		}
	}
}

// public returns m as a Mark, allocated in chunks: a diagnosis can hold
// hundreds of thousands.
func (s *study) public(m *mark) *Mark {
	if len(s.slab) == cap(s.slab) {
		s.slab = make([]Mark, 0, 1024)
	}
	s.slab = append(s.slab, Mark{ID: m.id, Label: m.label, Role: m.role, Start: m.start, End: m.end})
	out := &s.slab[len(s.slab)-1]
	if m.frags != nil {
		out.Fragments = append([]annotations.Fragment(nil), m.frags...)
	}
	return out
}

// spans computes the span measures and their disagreements.
func (s *study) spans(r *Report) {
	labels := r.Labels
	exact, over, anyL := s.newTally(labels), s.newTally(labels), s.newTally(nil)
	np := s.npairs()
	// α_U: per pair, the shared texts end to end; per text, that text.
	pairUnits := make([][][]Unit, np)
	pairLen := make([]int, np)
	docAlpha := make([][]PairScore, len(s.texts))
	s.pairs(func(p, ai, bi int) {
		n := [2]int{}
		for t := range s.texts {
			if s.has[t][ai] && s.has[t][bi] {
				n[0] += len(s.red[t][ai].units)
				n[1] += len(s.red[t][bi].units)
			}
		}
		pairUnits[p] = [][]Unit{make([]Unit, 0, n[0]), make([]Unit, 0, n[1])}
	})
	for t := range s.texts {
		s.pairs(func(p, ai, bi int) {
			if !s.has[t][ai] || !s.has[t][bi] {
				return
			}
			a, b := s.red[t][ai].spans, s.red[t][bi].spans
			ex, bd, lb, pr := compareMarks(a, b)
			exact.count(t, p, a, b, ex, labelOf)
			over.count(t, p, a, b, append(ex, bd...), labelOf)
			q := newPairing(len(a), len(b))
			anyL.count(t, p, a, b, equalPairs(q, a, b, compareFrags), nil)
			s.diagnose(r, "span", t, ai, bi, a, b, bd, lb, pr)

			ua, ub := s.red[t][ai].units, s.red[t][bi].units
			u := AlphaU(s.length[t], [][]Unit{ua, ub})
			docAlpha[t] = append(docAlpha[t], PairScore{A: s.ann[ai], B: s.ann[bi], Score: alphaScore(u.Overall), Documents: 1})
			off := pairLen[p]
			for k, us := range [][]Unit{ua, ub} {
				for _, x := range us {
					pairUnits[p][k] = append(pairUnits[p][k], Unit{Start: x.Start + off, End: x.End + off, Category: x.Category})
				}
			}
			pairLen[p] += s.length[t]
		})
	}
	r.Spans.Exact = exact.measure(Measure{Key: "spans.exact", Name: "Exact-match span F1", How: howExact})
	r.Spans.Overlap = over.measure(Measure{Key: "spans.overlap", Name: "Overlap span F1", How: howOverlap})
	r.Spans.AnyLabel = anyL.measure(Measure{Key: "spans.anyLabel", Name: "Same-span F1, any label", How: howAnyLabel})

	m := Measure{Key: "spans.alphaU", Name: "Krippendorff's α_U", Stat: "alpha", How: howAlphaU}
	byLabel := make([][]PairScore, len(labels))
	s.pairs(func(p, ai, bi int) {
		ps := PairScore{A: s.ann[ai], B: s.ann[bi], Documents: exact.docs[p]}
		if pairLen[p] == 0 {
			ps.Score = undefined("no text annotated by both")
			m.Pairs = append(m.Pairs, ps)
			return
		}
		u := AlphaU(pairLen[p], pairUnits[p])
		ps.Score = alphaScore(u.Overall)
		m.Pairs = append(m.Pairs, ps)
		for l, name := range labels {
			q := ps
			if a, ok := u.ByCategory[name]; ok {
				q.Score = a.Value
			} else {
				q.Score = undefined("neither annotator used %q", name)
			}
			byLabel[l] = append(byLabel[l], q)
		}
	})
	m.Mean, m.SD = meanSD(scores(m.Pairs))
	for l, name := range labels {
		b := Breakdown{Key: name, Pairs: byLabel[l]}
		b.Mean, b.SD = meanSD(scores(b.Pairs))
		m.ByLabel = append(m.ByLabel, b)
	}
	for t := range s.texts {
		b := Breakdown{Key: s.texts[t].Name, Pairs: docAlpha[t]}
		b.Mean, b.SD = meanSD(scores(b.Pairs))
		m.ByDocument = append(m.ByDocument, b)
	}
	r.Spans.AlphaU = m
}

// alphaScore is α_U's value, with a clearer reason when there are no units.
func alphaScore(a Alpha) Score {
	if !a.Value.OK && a.Value.Why == "no units on any side" {
		return undefined("neither annotator marked a span")
	}
	return a.Value
}

// tokens computes token-level Cohen's κ with IO tags.
func (s *study) tokens(r *Report) {
	m := Measure{Key: "tokens.kappa", Name: "Token-level Cohen's κ (IO)", Stat: "kappa", How: howTokens}
	if s.opt.NoTokens {
		m.Mean = undefined("not computed (NoTokens)")
		m.SD = m.Mean
		r.Tokens = m
		return
	}
	nl := len(r.Labels) + 1
	np := s.npairs()
	total := make([][]int, np)
	items := make([]int, np)
	docs := make([]int, np)
	for p := range total {
		total[p] = make([]int, nl*nl)
	}
	for t, text := range s.texts {
		var toks []tokenize.Token
		var tags [][]int // [annotator][token]
		for a := range s.ann {
			if !s.has[t][a] {
				tags = append(tags, nil)
				continue
			}
			if toks == nil {
				d := text.Versions[a].Doc
				toks = tokenize.Tokens(d.Text, d.Language)
			}
			tags = append(tags, s.tag(toks, s.red[t][a].spans))
		}
		var doc []PairScore
		s.pairs(func(p, ai, bi int) {
			if tags[ai] == nil || tags[bi] == nil {
				return
			}
			table := make([]int, nl*nl)
			for k := range toks {
				table[tags[ai][k]*nl+tags[bi][k]]++
			}
			for k, c := range table {
				total[p][k] += c
			}
			items[p] += len(toks)
			docs[p]++
			doc = append(doc, PairScore{A: s.ann[ai], B: s.ann[bi], Score: kappaTable(table, nl).Value, Documents: 1, Items: len(toks)})
		})
		b := Breakdown{Key: text.Name, Pairs: doc}
		b.Mean, b.SD = meanSD(scores(doc))
		m.ByDocument = append(m.ByDocument, b)
	}
	s.pairs(func(p, ai, bi int) {
		ps := PairScore{A: s.ann[ai], B: s.ann[bi], Documents: docs[p], Items: items[p]}
		if docs[p] == 0 {
			ps.Score = undefined("no text annotated by both")
		} else {
			ps.Score = kappaTable(total[p], nl).Value
		}
		m.Pairs = append(m.Pairs, ps)
	})
	m.Mean, m.SD = meanSD(scores(m.Pairs))
	r.Tokens = m
}

// tag gives each token the index+1 of the label of the shortest span that
// overlaps it (ties: the label first in order), 0 (O) when none does.
func (s *study) tag(toks []tokenize.Token, spans []mark) []int {
	tags := make([]int, len(toks))
	best := make([]int, len(toks)) // size of the span that gave the tag
	for i := range spans {
		m := &spans[i]
		size := m.size()
		li := m.li + 1
		for _, f := range m.fragments() {
			k := sort.Search(len(toks), func(k int) bool { return toks[k].End > f.Start })
			for ; k < len(toks) && toks[k].Start < f.End; k++ {
				if tags[k] == 0 || size < best[k] || (size == best[k] && li < tags[k]) {
					tags[k], best[k] = li, size
				}
			}
		}
	}
	return tags
}

// kappaTable is Cohen's κ of an n×n table stored row by row.
func kappaTable(flat []int, n int) Kappa {
	t := make([][]int, n)
	for i := range t {
		t[i] = flat[i*n : (i+1)*n]
	}
	return CohenKappa(t)
}

// events computes the event measures and their disagreements.
func (s *study) events(r *Report) {
	trig, trigT := s.newTally(nil), s.newTally(r.Labels)
	arg, argR := s.newTally(r.Labels), s.newTally(r.Roles)
	for t := range s.texts {
		s.pairs(func(p, ai, bi int) {
			if !s.has[t][ai] || !s.has[t][bi] {
				return
			}
			ra, rb := &s.red[t][ai], &s.red[t][bi]
			a, b := ra.triggers, rb.triggers
			q := newPairing(len(a), len(b))
			trig.count(t, p, a, b, equalPairs(q, a, b, compareFrags), nil)
			ex, bd, lb, pr := compareMarks(a, b)
			trigT.count(t, p, a, b, ex, labelOf)
			s.diagnose(r, "trigger", t, ai, bi, a, b, bd, lb, pr)

			a, b = ra.argIDs, rb.argIDs
			q = newPairing(len(a), len(b))
			arg.count(t, p, a, b, equalPairs(q, a, b, compareLabelled), labelOf)

			a, b = ra.args, rb.args
			ex, bd, lb, pr = compareArgs(a, b)
			argR.count(t, p, a, b, ex, roleOf)
			s.diagnose(r, "argument", t, ai, bi, a, b, bd, lb, pr)
		})
	}
	r.Events.Trigger = trig.measure(Measure{Key: "events.trigger", Name: "Trigger identification F1", How: howTrigger})
	r.Events.TriggerType = trigT.measure(Measure{Key: "events.triggerType", Name: "Trigger classification F1", How: howTriggerType})
	r.Events.Argument = arg.measure(Measure{Key: "events.argument", Name: "Argument identification F1", How: howArgument})
	r.Events.ArgumentRole = argR.measure(Measure{Key: "events.argumentRole", Name: "Argument classification F1", How: howArgumentRole})
}

// compareArgs pairs arguments: exact (type, role, filler), then the same
// type and filler in another role (reported as Label pairs, which diagnose
// calls a role disagreement), then the same type and role over an
// overlapping filler (boundary).
func compareArgs(a, b []mark) (exact, boundary, role [][2]int, p *pairing) {
	p = newPairing(len(a), len(b))
	exact = append([][2]int(nil), equalPairs(p, a, b, compareFull)...)
	for i := range a {
		if p.usedA[i] {
			continue
		}
		for j := range b {
			if !p.usedB[j] && a[i].label == b[j].label && compareFrags(&a[i], &b[j]) == 0 {
				p.add(i, j)
				role = append(role, [2]int{i, j})
				break
			}
		}
	}
	for _, pr := range overlapPairs(p, a, b, true) {
		if a[pr[0]].role == b[pr[1]].role {
			boundary = append(boundary, pr)
		} else {
			role = append(role, pr)
		}
	}
	return exact, boundary, role, p
}

// codings computes the agreement on attributes and document labels.
func (s *study) codings(r *Report) {
	for _, n := range s.attrNames {
		c := s.coding("attributes."+n, n, howAttribute, func(t, a int) map[string]string {
			red := &s.red[t][a]
			out := map[string]string{}
			for _, m := range red.spans {
				if s.attrLabels[n][m.label] {
					out["span "+m.label+" "+m.fragsKey()] = notSetValue
				}
			}
			for _, m := range red.triggers {
				if s.attrLabels[n][m.label] {
					out["event "+m.label+" "+m.fragsKey()] = notSetValue
				}
			}
			for k, v := range red.coded[n] {
				out[k] = v
			}
			return out
		}, r)
		r.Attributes = append(r.Attributes, c)
	}
	for _, l := range s.docLabels {
		c := s.coding("labels."+l, l, howDocLabel, func(t, a int) map[string]string {
			v := notSetValue
			if s.red[t][a].labels[l] {
				v = setValue
			}
			return map[string]string{"document": v}
		}, r)
		r.DocLabels = append(r.DocLabels, c)
	}
}

// coding measures one attribute or document label: values(t, a) are
// annotator a's values on text t, keyed by item.
func (s *study) coding(key, nm, how string, values func(t, a int) map[string]string, r *Report) Coding {
	c := Coding{Key: key, Name: nm, How: how}
	c.Kappa = Measure{Key: key, Name: "Cohen's κ: " + nm, Stat: "kappa", How: how}
	np := s.npairs()
	pairVals := make([][][2]string, np)
	docs := make([]int, np)
	seenVals := map[string]bool{}
	var alphaUnits [][]string
	var fleissItems [][]string
	for t := range s.texts {
		vals := make([]map[string]string, len(s.ann))
		keys := map[string]bool{}
		for a := range s.ann {
			if s.has[t][a] {
				vals[a] = values(t, a)
				for k, v := range vals[a] {
					keys[k] = true
					seenVals[v] = true
				}
			}
		}
		var doc []PairScore
		s.pairs(func(p, ai, bi int) {
			if vals[ai] == nil || vals[bi] == nil {
				return
			}
			docs[p]++
			var pv [][2]string
			for _, k := range slices.Sorted(maps.Keys(keys)) {
				va, oka := vals[ai][k]
				vb, okb := vals[bi][k]
				if !oka || !okb {
					continue
				}
				pv = append(pv, [2]string{va, vb})
				if va != vb {
					s.valueDiag(r, nm, key, t, ai, bi, k, va, vb)
				}
			}
			pairVals[p] = append(pairVals[p], pv...)
			doc = append(doc, PairScore{A: s.ann[ai], B: s.ann[bi], Score: s.kappaPairs(pv), Documents: 1, Items: len(pv)})
		})
		b := Breakdown{Key: s.texts[t].Name, Pairs: doc}
		b.Mean, b.SD = meanSD(scores(doc))
		c.Kappa.ByDocument = append(c.Kappa.ByDocument, b)
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			var u []string
			for a := range s.ann {
				if v, ok := vals[a][k]; ok {
					u = append(u, v)
				}
			}
			if len(u) >= 2 {
				alphaUnits = append(alphaUnits, u)
			}
			if len(u) == len(s.ann) {
				fleissItems = append(fleissItems, u)
			}
		}
	}
	c.Items = len(alphaUnits)
	s.pairs(func(p, ai, bi int) {
		ps := PairScore{A: s.ann[ai], B: s.ann[bi], Documents: docs[p], Items: len(pairVals[p])}
		ps.Score = s.kappaPairs(pairVals[p])
		c.Kappa.Pairs = append(c.Kappa.Pairs, ps)
	})
	c.Kappa.Mean, c.Kappa.SD = meanSD(scores(c.Kappa.Pairs))
	for v := range seenVals {
		c.Values = append(c.Values, v)
	}
	sort.Strings(c.Values)
	c.Alpha = KrippendorffNominal(alphaUnits).Value
	c.FleissItems = len(fleissItems)
	if len(fleissItems) == 0 {
		c.Fleiss = undefined("no item was coded by every annotator")
	} else {
		idx := map[string]int{}
		for i, v := range c.Values {
			idx[v] = i
		}
		counts := make([][]int, len(fleissItems))
		for i, u := range fleissItems {
			counts[i] = make([]int, len(c.Values))
			for _, v := range u {
				counts[i][idx[v]]++
			}
		}
		c.Fleiss = FleissKappa(counts).Value
	}
	return c
}

func (s *study) kappaPairs(pv [][2]string) Score {
	if len(pv) == 0 {
		return undefined("no item coded by both")
	}
	return cohenPairs(pv).Value
}

// valueDiag records an attribute or document label set differently. The
// item key is "span LABEL frags", "event TYPE frags" or "document".
func (s *study) valueDiag(r *Report, nm, key string, t, ai, bi int, item, va, vb string) {
	d := Disagreement{Kind: Value, What: "attribute", Document: s.texts[t].Name, Text: t, A: s.ann[ai], B: s.ann[bi]}
	mk := func(v string) *Mark { return &Mark{Name: nm, Value: v} }
	ma, mb := mk(va), mk(vb)
	if strings.HasPrefix(key, "labels.") {
		d.What = "document label"
		d.End = s.length[t]
	} else if f := strings.Fields(item); len(f) >= 3 {
		// The label may hold spaces: the fragments are the last field.
		frags := f[len(f)-1]
		label := strings.TrimSuffix(strings.TrimPrefix(item, f[0]+" "), " "+frags)
		d.Start, d.End = -1, 0
		var fs []annotations.Fragment
		for _, part := range strings.Split(frags, ",") {
			var a, b int
			if _, err := fmt.Sscanf(part, "%d-%d", &a, &b); err == nil {
				fs = append(fs, annotations.Fragment{Start: a, End: b})
				if d.Start < 0 {
					d.Start = a
				}
				d.End = max(d.End, b)
			}
		}
		d.Start = max(d.Start, 0)
		for _, m := range []*Mark{ma, mb} {
			m.Label, m.Start, m.End = label, d.Start, d.End
			if len(fs) > 1 {
				m.Fragments = fs
			}
		}
	}
	d.InA, d.InB = ma, mb
	s.diag[t] = append(s.diag[t], d)
}
