package brat_test

import (
	"fmt"
	"os"

	"belgi/annotations/brat"
	"belgi/annotations/loss"
)

// A document read from brat is written back byte for byte; what is new is
// appended in canonical form.
func Example() {
	txt := []byte("📢 Полиция задержала 12 активистов.\r\n")
	ann := []byte("T1\tORG 2 9\tПолиция\nT2\tArrest 10 19\tзадержала\nT3\tGROUP 20 33\t12 активистов\nE1\tArrest:T2 Agent:T1 Person:T3\nstray line\n")
	var rep loss.Report
	d, err := brat.Read("doc", txt, ann, &rep)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Spans[0].Text, d.Events[0].Arguments)
	rep.Print(os.Stdout, "read: ")
	d.Events[0].Arguments = append(d.Events[0].Arguments, d.Events[0].Arguments[1])
	brat.Write(os.Stdout, d, nil)
	// Output:
	// Полиция [{Agent T1} {Person T3}]
	// read: doc.ann:5: line kept verbatim, not imported: no TAB after an id: "stray line"
	// T1	ORG 2 9	Полиция
	// T2	Arrest 10 19	задержала
	// T3	GROUP 20 33	12 активистов
	// E1	Arrest:T2 Agent:T1 Person:T3 Person2:T3
	// stray line
}
