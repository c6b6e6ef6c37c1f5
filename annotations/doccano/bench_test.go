package doccano

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"belgi/annotations"
)

// BenchmarkConvert reads 10,000 doccano records holding 200,000 spans and
// writes them back, converting every offset between UTF-16 and code points.
func BenchmarkConvert(b *testing.B) {
	words := []string{"Алматыда", "полиция", "12", "активистті", "ұстады", "👩‍⚖️", "митинг", "өтті", "«Oyan,", "Qazaqstan»", "сайлау", "\r\n"}
	var in bytes.Buffer
	w := NewWriter(&in, Relations, nil)
	for i := 0; i < 10000; i++ {
		var sb strings.Builder
		for k := 0; k < 60; k++ {
			sb.WriteString(words[(i+k)%len(words)] + " ")
		}
		d := annotations.NewDocument(fmt.Sprint(i), "", "", sb.String())
		x := d.Index()
		for k := 0; k < 20; k++ {
			s := k * x.Len() / 20
			d.Spans = append(d.Spans, annotations.Span{ID: fmt.Sprintf("T%d", k), Label: "ORG", Start: s, End: s + 1 + k%7, Text: x.Slice(s, s+1+k%7)})
		}
		d.Relations = []annotations.Relation{{ID: "R0", Type: "in", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "T1"}, {Role: "Arg2", Ref: "T2"}}}}
		w.Write(d)
	}
	w.Close()
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data), "bench", nil)
		w := NewWriter(io.Discard, Relations, nil)
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
