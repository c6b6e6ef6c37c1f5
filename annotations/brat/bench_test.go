package brat

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"belgi/annotations"
)

// benchCorpus returns n documents with spansPer spans each: Russian and
// Kazakh news-like text with emoji and CRLF, events and relations.
func benchCorpus(n, spansPer int) []*annotations.Document {
	words := []string{"Алматыда", "полиция", "12", "активистті", "ұстады", "👩‍⚖️", "митинг", "өтті", "«Oyan,", "Qazaqstan»", "сайлау", "\r\n"}
	docs := make([]*annotations.Document, n)
	for i := range docs {
		var b strings.Builder
		for k := 0; k < spansPer*3; k++ {
			b.WriteString(words[(i+k)%len(words)])
			b.WriteByte(' ')
		}
		d := annotations.NewDocument(fmt.Sprintf("doc%05d", i), "", "", b.String())
		x := d.Index()
		for k := 0; k < spansPer; k++ {
			s := (k * x.Len()) / spansPer
			e := s + 1 + k%7
			d.Spans = append(d.Spans, annotations.Span{ID: fmt.Sprintf("T%d", k+1), Label: "ORG", Start: s, End: e, Text: x.Slice(s, e)})
		}
		d.Events = []annotations.Event{{ID: "E1", Type: "Arrest", Trigger: "T1", Arguments: []annotations.Argument{{Role: "Person", Ref: "T2"}, {Role: "Person", Ref: "T3"}}}}
		d.Relations = []annotations.Relation{{ID: "R1", Type: "LocatedIn", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "T4"}, {Role: "Arg2", Ref: "T5"}}}}
		docs[i] = d
	}
	return docs
}

// BenchmarkConvert reads 10,000 brat documents holding 200,000 spans and
// writes them back, as brat → native → brat does.
func BenchmarkConvert(b *testing.B) {
	docs := benchCorpus(10000, 20)
	txts, anns := make([][]byte, len(docs)), make([][]byte, len(docs))
	size := 0
	for i, d := range docs {
		var ann bytes.Buffer
		if err := Write(&ann, d, nil); err != nil {
			b.Fatal(err)
		}
		txts[i], anns[i] = []byte(d.Text), ann.Bytes()
		size += len(txts[i]) + len(anns[i])
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	var out bytes.Buffer
	for b.Loop() {
		spans := 0
		for i := range docs {
			d, err := Read(docs[i].ID, txts[i], anns[i], nil)
			if err != nil {
				b.Fatal(err)
			}
			spans += len(d.Spans)
			out.Reset()
			if err := Write(&out, d, nil); err != nil {
				b.Fatal(err)
			}
		}
		if spans != 200000 {
			b.Fatalf("%d spans", spans)
		}
	}
}
