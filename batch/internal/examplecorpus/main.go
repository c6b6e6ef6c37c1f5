// Command examplecorpus writes the small example corpus of belgi batch:
// the demo texts as page dumps, a WARC crawl and a JSONL feed, with
// injected exact and near-duplicates and one bad input of each kind.
//
// Usage:
//
//	go run ./batch/internal/examplecorpus DIR
package main

import (
	"fmt"
	"os"

	"belgi/batch/corpus"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: examplecorpus DIR")
		os.Exit(2)
	}
	e, err := corpus.Example(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "examplecorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d records; belgi batch should keep %d, find %d exact and %d near-duplicates, and drop %v\n",
		os.Args[1], e.In, e.Kept, e.Exact, e.Near, e.Rejected)
}
