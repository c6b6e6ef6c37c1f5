package conll

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// words the tokenizer keeps whole and that end no sentence.
var words = []string{"Алматыда", "қаласында", "police", "12", "«", "»", ",", "👩‍⚖️", "🇰🇿", "Айгу\u0301ль", "%-ке", "1995-інші", "Сондай-ақ", "8,5", "(", ")"}

// randomDocument returns a document whose text is tokens joined by spaces
// and lines by line breaks, with non-overlapping spans on token boundaries:
// everything a token-per-line file can hold.
func randomDocument(r *rand.Rand, id string) *annotations.Document {
	type tk struct{ start, end int }
	var b strings.Builder
	var toks []tk
	cp := 0
	for line := r.IntN(3) + 1; line > 0; line-- {
		if b.Len() > 0 {
			b.WriteByte('\n')
			cp++
		}
		for n := r.IntN(8) + 1; n > 0; n-- {
			if !strings.HasSuffix(b.String(), "\n") && b.Len() > 0 {
				b.WriteByte(' ')
				cp++
			}
			w := words[r.IntN(len(words))]
			b.WriteString(w)
			l := len([]rune(w))
			toks = append(toks, tk{cp, cp + l})
			cp += l
		}
	}
	d := annotations.NewDocument(id, id, "", b.String())
	x := d.Index()
	labels := []string{"PER", "GPE", "ORG"}
	for i := 0; i < len(toks); {
		if r.IntN(3) != 0 {
			i++
			continue
		}
		j := i + r.IntN(3)
		if j >= len(toks) {
			j = len(toks) - 1
		}
		// Entities stay within a line: the writer keeps the line breaks.
		for k := i; k < j; k++ {
			if strings.Contains(x.Slice(toks[k].end, toks[k+1].start), "\n") {
				j = k
				break
			}
		}
		s, e := toks[i].start, toks[j].end
		d.Spans = append(d.Spans, annotations.Span{ID: fmt.Sprintf("T%d", len(d.Spans)+1), Label: labels[r.IntN(len(labels))], Start: s, End: e, Text: x.Slice(s, e)})
		i = j + 1
	}
	return d
}

// TestPropertyIdentity checks native → CoNLL → native is the identity on
// text and spans, in every scheme, for documents CoNLL can hold.
func TestPropertyIdentity(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, scheme := range []Scheme{IOB1, IOB2, BIOES} {
		opt := Options{Sep: " ", Scheme: scheme, DocStart: []string{"-DOCSTART-"}, Lang: "kk"}
		var docs []*annotations.Document
		for i := 0; i < 300; i++ {
			docs = append(docs, randomDocument(r, fmt.Sprintf("d%d", i)))
		}
		var rep loss.Report
		out := writeAll(t, docs, opt, &rep)
		if rep.Len() != 0 {
			t.Fatalf("%s: losses reported: %v", scheme, rep.Items)
		}
		back := readAll(t, "p", out, opt, nil)
		if len(back) != len(docs) {
			t.Fatalf("%s: %d documents back, want %d", scheme, len(back), len(docs))
		}
		for i, d := range docs {
			if back[i].Text != d.Text || !reflect.DeepEqual(back[i].Spans, d.Spans) && !(len(d.Spans) == 0 && len(back[i].Spans) == 0) {
				t.Fatalf("%s: %s not the identity:\n got %q %v\nwant %q %v", scheme, d.ID, back[i].Text, back[i].Spans, d.Text, d.Spans)
			}
		}
	}
}

// FuzzRead checks that reading never panics, that what is read is valid,
// and that any UTF-8 input read and written back comes back byte for byte.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"kk_ids.iob2", "en_iob1.conll", "ru_case.bioes"} {
		data, _ := os.ReadFile(filepath.Join("testdata", name))
		f.Add(data, false)
	}
	f.Add([]byte("a B-X\nb I-Y\n\nc E-X\r\nd S-X"), true)
	f.Fuzz(func(t *testing.T, data []byte, perSentence bool) {
		opt := Default
		opt.SentencePerDocument = perSentence
		r := NewReader(bytes.NewReader(data), "f", opt, nil)
		var docs []*annotations.Document
		for {
			d, err := r.Read()
			if err != nil {
				break
			}
			if probs := annotations.Validate(annotations.NewFile(annotations.Schema{}, d)); hasError(probs) {
				t.Fatalf("invalid document: %v", probs)
			}
			docs = append(docs, d)
		}
		if !bytesValid(data) {
			return
		}
		var out bytes.Buffer
		w := NewWriter(&out, opt, nil)
		for _, d := range docs {
			w.Write(d)
		}
		w.Close()
		if !bytes.Equal(out.Bytes(), data) {
			t.Fatalf("not byte-exact:\n got %q\nwant %q", out.Bytes(), data)
		}
	})
}

func bytesValid(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

func hasError(probs []annotations.Problem) bool {
	for _, p := range probs {
		if !p.Warning {
			return true
		}
	}
	return false
}
