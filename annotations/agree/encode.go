package agree

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// JSON returns the report as one object that scripts can rely on:
// "annotators", "documents" (texts two or more annotated), then per measure
// its statistic ("f1", "alpha" or "kappa"; α_U also as "overall"), "sd",
// "byLabel" and "byDocument" (label or document → mean over pairs),
// "pairs" ([{a, b, <stat>, …}]) and "how": "spans.exact", "spans.overlap",
// "spans.anyLabel", "spans.alphaU", "tokens.kappa", "events.trigger",
// "events.triggerType", "events.argument", "events.argumentRole"; then
// "attributes.<name>" and "documentLabels.<label>" with "kappa", "sd",
// "fleiss", "alpha", "items", "pairs"; "diagnosis", "warnings",
// "unmatched". An undefined value is null, with its reason beside it in
// "<stat>Why".
func (r *Report) JSON() ([]byte, error) {
	out := map[string]any{
		"annotators": r.Annotators,
		"documents":  len(r.Texts),
		"texts":      r.Texts,
		"unmatched":  nonNil(r.Unmatched),
		"warnings":   nonNil(r.Warnings),
		"labels":     nonNil(r.Labels),
		"roles":      nonNil(r.Roles),
		"diagnosis":  nonNil(r.Diagnosis),
	}
	for _, m := range r.Measures() {
		group, key, _ := strings.Cut(m.Key, ".")
		g, _ := out[group].(map[string]any)
		if g == nil {
			g = map[string]any{}
			out[group] = g
		}
		g[key] = measureJSON(m)
	}
	attrs := map[string]any{}
	for i := range r.Attributes {
		attrs[r.Attributes[i].Name] = codingJSON(&r.Attributes[i])
	}
	out["attributes"] = attrs
	labels := map[string]any{}
	for i := range r.DocLabels {
		labels[r.DocLabels[i].Name] = codingJSON(&r.DocLabels[i])
	}
	out["documentLabels"] = labels
	return json.MarshalIndent(out, "", "  ")
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func put(o map[string]any, key string, s Score) {
	o[key] = s
	if !s.OK {
		o[key+"Why"] = s.Why
	}
}

func measureJSON(m *Measure) map[string]any {
	o := map[string]any{"name": m.Name, "how": m.How}
	put(o, m.Stat, m.Mean)
	if m.Key == "spans.alphaU" {
		put(o, "overall", m.Mean)
	}
	put(o, "sd", m.SD)
	o["pairs"] = pairsJSON(m.Stat, m.Pairs)
	o["byLabel"] = breakdownJSON(m.ByLabel)
	o["byDocument"] = breakdownJSON(m.ByDocument)
	return o
}

func pairsJSON(stat string, ps []PairScore) []map[string]any {
	out := []map[string]any{}
	for _, p := range ps {
		o := map[string]any{"a": p.A, "b": p.B, "documents": p.Documents}
		put(o, stat, p.Score)
		if p.Counts != nil {
			o["countA"], o["countB"], o["matched"] = p.Counts.A, p.Counts.B, p.Counts.Matched
		}
		if p.Items > 0 {
			o["items"] = p.Items
		}
		out = append(out, o)
	}
	return out
}

func breakdownJSON(bs []Breakdown) map[string]Score {
	out := map[string]Score{}
	for _, b := range bs {
		out[b.Key] = b.Mean
	}
	return out
}

func codingJSON(c *Coding) map[string]any {
	o := map[string]any{"how": c.How, "values": c.Values, "items": c.Items, "fleissItems": c.FleissItems}
	put(o, "kappa", c.Kappa.Mean)
	put(o, "sd", c.Kappa.SD)
	put(o, "fleiss", c.Fleiss)
	put(o, "alpha", c.Alpha)
	o["pairs"] = pairsJSON("kappa", c.Kappa.Pairs)
	o["byDocument"] = breakdownJSON(c.Kappa.ByDocument)
	return o
}

// rows calls fn with every figure of the report as (measure, scope, key,
// a, b, value): scope is "overall", "pair", "label" or "document"; a and b
// are empty for means over pairs.
func (r *Report) rows(fn func(measure, scope, key, a, b string, v Score)) {
	each := func(key string, m *Measure) {
		fn(key, "overall", "", "", "", m.Mean)
		fn(key, "overall-sd", "", "", "", m.SD)
		for _, p := range m.Pairs {
			fn(key, "pair", "", p.A, p.B, p.Score)
		}
		for _, b := range m.ByLabel {
			fn(key, "label", b.Key, "", "", b.Mean)
		}
		for _, b := range m.ByDocument {
			fn(key, "document", b.Key, "", "", b.Mean)
			for _, p := range b.Pairs {
				fn(key, "document-pair", b.Key, p.A, p.B, p.Score)
			}
		}
	}
	for _, m := range r.Measures() {
		each(m.Key, m)
	}
	for _, cs := range [][]Coding{r.Attributes, r.DocLabels} {
		for i := range cs {
			each(cs[i].Key+".kappa", &cs[i].Kappa)
			fn(cs[i].Key+".fleiss", "overall", "", "", "", cs[i].Fleiss)
			fn(cs[i].Key+".alpha", "overall", "", "", "", cs[i].Alpha)
		}
	}
}

// WriteCSV writes every figure as a row: measure, scope, key, a, b, value
// (to full precision, empty when undefined), note (the reason).
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"measure", "scope", "key", "a", "b", "value", "note"})
	r.rows(func(measure, scope, key, a, b string, v Score) {
		val := ""
		if v.OK {
			val = strconv.FormatFloat(v.Value, 'g', -1, 64)
		}
		cw.Write([]string{measure, scope, key, a, b, val, v.Why})
	})
	for _, d := range r.Diagnosis {
		cw.Write([]string{"diagnosis", string(d.Kind), d.Document, d.A, d.B, fmt.Sprintf("%d-%d", d.Start, d.End), d.What + ": " + side(d.InA) + " / " + side(d.InB)})
	}
	cw.Flush()
	return cw.Error()
}

// side describes one side of a disagreement.
func side(m *Mark) string {
	if m == nil {
		return "(nothing)"
	}
	var b strings.Builder
	if m.Name != "" {
		b.WriteString(m.Name + "=" + m.Value)
		if m.Label == "" {
			return b.String()
		}
		b.WriteString(" on ")
	}
	b.WriteString(m.Label)
	if m.Role != "" {
		b.WriteString(" " + m.Role)
	}
	if len(m.Fragments) > 0 {
		for i, f := range m.Fragments {
			sep := " "
			if i > 0 {
				sep = ","
			}
			fmt.Fprintf(&b, "%s[%d,%d)", sep, f.Start, f.End)
		}
	} else {
		fmt.Fprintf(&b, " [%d,%d)", m.Start, m.End)
	}
	return b.String()
}

// WriteMarkdown writes the tables the app shows, to three decimals.
func (r *Report) WriteMarkdown(w io.Writer) error { return r.write(w, true) }

// WriteText writes the same tables as plain aligned text, without the
// warnings (a command prints them on stderr).
func (r *Report) WriteText(w io.Writer) error { return r.write(w, false) }

func (r *Report) write(w io.Writer, md bool) error {
	var b strings.Builder
	tb := func(head []string, rows [][]string) {
		if md {
			b.WriteString("| " + strings.Join(head, " | ") + " |\n|")
			for range head {
				b.WriteString("---|")
			}
			b.WriteByte('\n')
			for _, r := range rows {
				b.WriteString("| " + strings.Join(r, " | ") + " |\n")
			}
			b.WriteByte('\n')
			return
		}
		width := make([]int, len(head))
		for _, r := range append([][]string{head}, rows...) {
			for i, c := range r {
				width[i] = max(width[i], len([]rune(c)))
			}
		}
		for _, r := range append([][]string{head}, rows...) {
			for i, c := range r {
				pad := ""
				if i < len(r)-1 {
					pad = strings.Repeat(" ", width[i]-len([]rune(c))+2)
				}
				b.WriteString(c + pad)
			}
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	title := func(s string) {
		if md {
			b.WriteString("## " + s + "\n\n")
		} else {
			b.WriteString(s + "\n" + strings.Repeat("=", len([]rune(s))) + "\n")
		}
	}
	fmt.Fprintf(&b, "Annotators: %s. Texts annotated by two or more: %d.\n\n", strings.Join(r.Annotators, ", "), len(r.Texts))
	// Plain text goes to a terminal, where the warnings are on stderr.
	if md {
		for _, w := range r.Warnings {
			b.WriteString("warning: " + w + "\n")
		}
		if len(r.Warnings) > 0 {
			b.WriteByte('\n')
		}
	}
	title("Overall (mean over pairs)")
	var rows [][]string
	for _, m := range r.Measures() {
		if strings.HasPrefix(m.Key, "events.") && !r.HasEvents() {
			continue
		}
		rows = append(rows, []string{m.Name, m.Mean.String(), m.SD.String()})
	}
	for _, cs := range [][]Coding{r.Attributes, r.DocLabels} {
		for _, c := range cs {
			rows = append(rows, []string{c.Kappa.Name, c.Kappa.Mean.String(), c.Kappa.SD.String()})
			rows = append(rows, []string{"Fleiss' κ: " + c.Name, c.Fleiss.String(), ""})
			rows = append(rows, []string{"Krippendorff's α: " + c.Name, c.Alpha.String(), ""})
		}
	}
	tb([]string{"measure", "value", "sd"}, rows)
	for _, m := range []*Measure{&r.Spans.Exact, &r.Spans.AlphaU} {
		title(m.Name + " per pair")
		rows = nil
		for _, p := range m.Pairs {
			rows = append(rows, []string{p.A, p.B, p.Score.String(), countsText(p.Counts)})
		}
		tb([]string{"a", "b", m.Stat, "counts"}, rows)
	}
	title("Per label (exact F1, overlap F1, α_U)")
	rows = nil
	for i, l := range r.Spans.Exact.ByLabel {
		rows = append(rows, []string{l.Key, l.Mean.String(), r.Spans.Overlap.ByLabel[i].Mean.String(), r.Spans.AlphaU.ByLabel[i].Mean.String()})
	}
	tb([]string{"label", "exact", "overlap", "alphaU"}, rows)
	title("Per document (exact F1, α_U, token κ)")
	rows = nil
	for i, d := range r.Spans.Exact.ByDocument {
		rows = append(rows, []string{d.Key, d.Mean.String(), r.Spans.AlphaU.ByDocument[i].Mean.String(), r.Tokens.ByDocument[i].Mean.String()})
	}
	tb([]string{"document", "exact", "alphaU", "kappa"}, rows)
	title(fmt.Sprintf("Disagreements (%d)", len(r.Diagnosis)))
	rows = nil
	for _, d := range r.Diagnosis {
		rows = append(rows, []string{d.Document, fmt.Sprintf("%d-%d", d.Start, d.End), string(d.Kind), d.What, d.A + ": " + side(d.InA), d.B + ": " + side(d.InB)})
	}
	tb([]string{"document", "where", "kind", "what", "a", "b"}, rows)
	title("How this is computed")
	for _, m := range r.Measures() {
		fmt.Fprintf(&b, "%s: %s\n\n", m.Name, m.How)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func countsText(c *Counts) string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("%d matched of %d + %d", c.Matched, c.A, c.B)
}
