package doccano_test

import (
	"fmt"
	"os"
	"strings"

	"belgi/annotations/doccano"
)

// doccano counts UTF-16 units: 👍 is two of them, but one code point.
func Example() {
	in := `{"id":7,"text":"👍 Алматы","label":[[3,9,"GPE"]]}` + "\n"
	d, err := doccano.NewReader(strings.NewReader(in), "in.jsonl", nil).Read()
	if err != nil {
		panic(err)
	}
	s := d.Spans[0]
	fmt.Println(s.Start, s.End, s.Text)
	w := doccano.NewWriter(os.Stdout, doccano.Relations, nil)
	w.Write(d)
	w.Close()
	// Output:
	// 2 8 Алматы
	// {"id":7,"text":"👍 Алматы","entities":[{"id":1,"label":"GPE","start_offset":3,"end_offset":9}],"relations":[]}
}
