//go:build !wasm

package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"belgi/annotations"
	"belgi/ingest"

	"golang.org/x/net/html"
)

// cleanIn and cleanOut are the standard streams of the clean command; tests
// replace them.
var (
	cleanIn  io.Reader = os.Stdin
	cleanOut io.Writer = os.Stdout
)

func init() {
	commands["clean"] = command{summary: "print the article text of a page dump or saved HTML page", run: runClean}
}

// runClean implements `belgi clean [--html] [--explain] FILE|-`. It
// prints the text of the document the app makes of the same file
// (ingest.Document): when the cleaner keeps nothing, every line.
func runClean(args []string) error {
	fs := flag.NewFlagSet("clean", flag.ContinueOnError)
	asHTML := fs.Bool("html", false, "treat the input as HTML (automatic when it starts with <!doctype or <html)")
	explain := fs.Bool("explain", false, "print every input line or block with its decision and reason")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: belgi clean [--html] [--explain] FILE|-")
		fs.PrintDefaults()
	}
	// Flags may come before or after the file name.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		fs.Usage()
		return errors.New("want one FILE, or - for standard input")
	}
	name := files[0]
	raw, err := readInput(name)
	if err != nil {
		return err
	}
	if name == "-" {
		name = "standard input"
	}
	d, err := ingest.Document("d1", name, raw, ingest.Options{HTML: *asHTML})
	if err != nil {
		return err
	}
	w := bufio.NewWriter(cleanOut)
	if *explain {
		writeExplain(w, string(raw), d.Cleaning)
	} else {
		fmt.Fprintln(w, d.Text)
	}
	return w.Flush()
}

func readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(cleanIn)
	}
	return os.ReadFile(name)
}

// writeExplain prints one row per input line or block:
// "keep  body      | text" or "drop  related   | text". The text is the
// line's source with white space collapsed (for HTML, with tags removed and
// character references decoded).
func writeExplain(w io.Writer, raw string, c *annotations.Cleaning) {
	idx := make([]int, 0, len(raw)+1)
	for i := range raw {
		idx = append(idx, i)
	}
	idx = append(idx, len(raw))
	for _, l := range c.Lines {
		d := "drop"
		if l.Keep {
			d = "keep"
		}
		text := ""
		if l.Start >= 0 && l.Start <= l.End && l.End < len(idx) {
			text = raw[idx[l.Start]:idx[l.End]]
			if c.HTML {
				text = html.UnescapeString(stripTags(text))
			}
			text = strings.Join(strings.Fields(text), " ")
		}
		if utf8.RuneCountInString(text) > 200 {
			text = string([]rune(text)[:200]) + "…"
		}
		fmt.Fprintf(w, "%s  %-10s| %s\n", d, l.Reason, text)
	}
}

// stripTags removes markup from a block's source span for display.
func stripTags(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return b.String()
		}
		s = s[i+j+1:] // inline markup only: blocks never span block tags
	}
}
