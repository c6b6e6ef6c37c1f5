//go:build !wasm

// Command textdump renders the visible-text dumps of saved HTML pages into
// the cache that the cleaning eval reads (see package innertext):
//
//	go run ./clean/internal/textdump [-cache DIR] [-print] PAGE.html...
//
// With -print it writes each page's dump to standard output instead of
// only caching it.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"belgi/clean/internal/innertext"
)

func main() {
	dir := flag.String("cache", innertext.DefaultDir(), "cache folder for the dumps (keep it outside the repository)")
	print := flag.Bool("print", false, "print each dump")
	flag.Parse()
	var pages [][]byte
	for _, f := range flag.Args() {
		b, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		pages = append(pages, b)
	}
	n, err := innertext.Render(context.Background(), innertext.Chromium(), *dir, pages, log.Printf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "textdump: %d rendered, %d already cached, in %s\n", n, len(pages)-n, *dir)
	if *print {
		for _, p := range pages {
			if t, ok := innertext.Get(*dir, p); ok {
				fmt.Println(t)
			}
		}
	}
}
