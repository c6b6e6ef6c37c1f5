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
// prints one tag per input line, each line judged alone (an empty line, or
// one without letters, gives "und").
func runLangid(args []string) error {
	fs := flag.NewFlagSet("langid", flag.ContinueOnError)
	lines := fs.Bool("lines", false, "print one tag per input line, judging each line alone")
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
	out := bufio.NewWriter(os.Stdout)
	if *lines {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
		for sc.Scan() {
			fmt.Fprintln(out, langid.Detect(strings.TrimSuffix(sc.Text(), "\r")).Tag)
		}
		if err := sc.Err(); err != nil {
			return err
		}
		return out.Flush()
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	doc, _ := langid.Document(string(data))
	fmt.Fprintln(out, doc.Tag)
	return out.Flush()
}
