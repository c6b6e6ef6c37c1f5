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

	"golang.org/x/text/language"

	"belgi/langid"
)

func init() {
	commands["langid"] = command{
		summary: "print the language of a text, or of each of its lines (--lines)",
		run:     runLangid,
	}
}

// runLangid implements "belgi langid [--lines] FILE|-". Without --lines it
// prints the BCP 47 tag of the document's dominant language; with --lines it
// prints one tag per input line, as langid.Document judges it (short lines
// lean towards the document's language, as they do in the app; an empty
// line, or one without letters, gives "und").
func runLangid(args []string) error {
	fs := flag.NewFlagSet("langid", flag.ContinueOnError)
	lines := fs.Bool("lines", false, "print one tag per input line, each judged within the document")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: belgi langid [--lines] FILE|-")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("want one FILE, or - for standard input")
	}
	var in io.Reader = os.Stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	text := string(data)
	doc, paras := langid.Document(text)
	out := bufio.NewWriter(os.Stdout)
	if !*lines {
		fmt.Fprintln(out, doc.Tag)
		return out.Flush()
	}
	// Document returns a paragraph for each line with text, by code point
	// offset; the other lines are und.
	pos := 0
	for rest := text; rest != ""; {
		l, tail, _ := strings.Cut(rest, "\n")
		tag := language.Und
		for len(paras) > 0 && paras[0].Start < pos {
			paras = paras[1:]
		}
		if len(paras) > 0 && paras[0].Start == pos {
			tag = paras[0].Result.Tag
		}
		fmt.Fprintln(out, tag)
		pos += utf8.RuneCountInString(l) + 1
		rest = tail
	}
	return out.Flush()
}
