package agree

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"belgi/annotations"
)

func TestJSONKeys(t *testing.T) {
	a, b := workedExample()
	a.Labels, b.Labels = []string{"protest"}, nil
	r := mustCompute(t, Options{}, a, b)
	data, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]any
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatal(err)
	}
	get := func(path ...string) any {
		var v any = o
		for _, p := range path {
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: %s is not an object", path, p)
			}
			v = m[p]
		}
		return v
	}
	for _, c := range []struct {
		path []string
		want float64
	}{
		{[]string{"documents"}, 1},
		{[]string{"spans", "exact", "f1"}, 0.5},
		{[]string{"spans", "exact", "sd"}, 0},
		{[]string{"spans", "exact", "byLabel", "ORG"}, 1},
		{[]string{"spans", "exact", "byDocument", "d1"}, 0.5},
		{[]string{"spans", "overlap", "f1"}, 0.75},
		{[]string{"spans", "alphaU", "byLabel", "TIME"}, 1},
	} {
		if got, ok := get(c.path...).(float64); !ok || math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", strings.Join(c.path, "."), get(c.path...), c.want)
		}
	}
	if _, ok := get("spans", "alphaU", "overall").(float64); !ok {
		t.Error("spans.alphaU.overall missing")
	}
	pairs := get("spans", "exact", "pairs").([]any)
	if p := pairs[0].(map[string]any); p["a"] != "A" || p["b"] != "B" || p["f1"] != 0.5 {
		t.Errorf("pairs %v", pairs)
	}
	if get("events", "trigger", "f1") != nil || get("events", "trigger", "f1Why") == "" {
		t.Errorf("events.trigger.f1 = %v, want null with a reason", get("events", "trigger", "f1"))
	}
	if _, ok := get("documentLabels", "protest").(map[string]any)["kappa"]; !ok {
		t.Error("documentLabels.protest.kappa missing")
	}
	if bytes.Contains(data, []byte("NaN")) {
		t.Error("NaN in the JSON")
	}
}

func TestCSVAndMarkdown(t *testing.T) {
	a, b := workedExample()
	r := mustCompute(t, Options{}, a, b)
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		if len(row) != 7 {
			t.Fatalf("row %q has %d fields", row, len(row))
		}
		found = found || (row[0] == "spans.exact" && row[1] == "overall" && row[5] == "0.5")
	}
	if !found {
		t.Error("no overall exact F1 row of 0.5")
	}
	buf.Reset()
	if err := r.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"| Exact-match span F1 | 0.500 | 0.000 |", "| GROUP | 0.000 | 1.000 |", "boundary", "How this is computed"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

// FuzzReport checks that every figure lies in its range, is never NaN and
// does not depend on which annotator comes first.
func FuzzReport(f *testing.F) {
	f.Add([]byte{0, 3, 1, 4, 1, 2, 1, 3, 9, 1, 9, 0, 5, 8, 2}, uint8(2))
	f.Add([]byte{1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3}, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, n uint8) {
		R := 2 + int(n%2)
		text := "Митинг в Алматы: 12 человек задержаны 👩‍⚖️ вчера."
		L := len([]rune(text))
		docs := make([]*annotations.Document, R)
		for a := range docs {
			docs[a] = doc("d", string(rune('A'+a)), text)
			docs[a].Labels = nil
		}
		labels := []string{"ORG", "GPE", "PER"}
		for i := 0; i+3 <= len(data) && i < 120; i += 3 {
			a := int(data[i]) % R
			s := int(data[i+1]) % L
			e := s + int(data[i+2])%8
			e = min(e, L)
			d := docs[a]
			id := d.NextID("T")
			d.Spans = append(d.Spans, annotations.Span{ID: id, Label: labels[int(data[i+2]/8)%3], Start: s, End: e})
			if data[i]%7 == 0 {
				d.Labels = []string{"relevant"}
			}
			if data[i]%5 == 0 {
				d.Attributes = append(d.Attributes, annotations.Attribute{ID: "A" + id, Name: "Negated", Target: id})
			}
			// Every third span of an annotator triggers an event whose
			// arguments are the spans before it.
			if n := len(d.Spans); n%3 == 0 {
				e := annotations.Event{ID: "E" + id, Type: []string{"Protest", "Arrest"}[int(data[i+1])%2], Trigger: id}
				for k := max(0, n-3); k < n-1; k++ {
					e.Arguments = append(e.Arguments, annotations.Argument{Role: []string{"Agent", "Place"}[(k+int(data[i]))%2], Ref: d.Spans[k].ID})
				}
				d.Events = append(d.Events, e)
			}
		}
		var ids []string
		for a := R - 1; a >= 0; a-- {
			ids = append(ids, string(rune('A'+a)))
		}
		fwd := mustCompute(t, Options{}, docs...)
		rev := mustCompute(t, Options{Annotators: ids}, docs...)
		check := func(what string, s Score, lo float64) {
			if s.OK && (math.IsNaN(s.Value) || s.Value < lo-1e-9 || s.Value > 1+1e-9) {
				t.Errorf("%s = %v, out of [%v, 1]", what, s.Value, lo)
			}
			if !s.OK && s.Why == "" {
				t.Errorf("%s undefined with no reason", what)
			}
		}
		mf, mr := fwd.Measures(), rev.Measures()
		for i, m := range mf {
			lo := 0.0
			if m.Stat != "f1" {
				lo = math.Inf(-1)
				if m.Stat == "kappa" {
					lo = -1
				}
			}
			check(m.Key, m.Mean, lo)
			for _, b := range m.ByLabel {
				check(m.Key+" "+b.Key, b.Mean, lo)
			}
			if !same(m.Mean, mr[i].Mean) {
				t.Errorf("%s: %v with A first, %v with the order reversed", m.Key, m.Mean, mr[i].Mean)
			}
		}
		for i, c := range fwd.Attributes {
			check(c.Key, c.Kappa.Mean, -1)
			check(c.Key+" α", c.Alpha, math.Inf(-1))
			if !same(c.Kappa.Mean, rev.Attributes[i].Kappa.Mean) || !same(c.Alpha, rev.Attributes[i].Alpha) {
				t.Errorf("%s not symmetric", c.Key)
			}
		}
		if len(fwd.Diagnosis) != len(rev.Diagnosis) {
			t.Errorf("%d disagreements with A first, %d reversed", len(fwd.Diagnosis), len(rev.Diagnosis))
		}
	})
}

func same(a, b Score) bool {
	return a.OK == b.OK && (!a.OK || math.Abs(a.Value-b.Value) <= 1e-9)
}
