package conll

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"belgi/annotations"
)

// BenchmarkConvert reads 10,000 CoNLL documents holding 200,000 entities
// and writes them back.
func BenchmarkConvert(b *testing.B) {
	words := []string{"Алматыда", "полиция", "12", "активистті", "ұстады", "👩‍⚖️", "митинг", "өтті", "«Oyan", "Qazaqstan»", "сайлау", "."}
	var docs []*annotations.Document
	for i := 0; i < 10000; i++ {
		var sb strings.Builder
		for k := 0; k < 60; k++ {
			if k > 0 {
				sb.WriteString(" ")
			}
			sb.WriteString(words[(i+k)%len(words)])
		}
		d := annotations.NewDocument(fmt.Sprint(i), "", "", sb.String())
		d.Language = "kk"
		toks := strings.Fields(sb.String())
		x := d.Index()
		cp := 0
		for k, t := range toks {
			n := len([]rune(t))
			if k%3 == 0 {
				d.Spans = append(d.Spans, annotations.Span{ID: fmt.Sprintf("T%d", k), Label: "ORG", Start: cp, End: cp + n, Text: x.Slice(cp, cp+n)})
			}
			cp += n + 1
		}
		docs = append(docs, d)
	}
	var in bytes.Buffer
	w := NewWriter(&in, Default, nil)
	for _, d := range docs {
		w.Write(d)
	}
	w.Close()
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data), "bench", Default, nil)
		w := NewWriter(io.Discard, Default, nil)
		spans := 0
		for {
			d, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			spans += len(d.Spans)
			w.Write(d)
		}
		w.Close()
		if spans != 200000 {
			b.Fatalf("%d spans", spans)
		}
	}
}
