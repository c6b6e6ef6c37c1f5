//go:build !wasm

// Command belgi serves the Belgi annotation app and runs its batch tools.
//
// Usage:
//
//	belgi serve [--addr HOST:PORT]
//	belgi site [--out DIR] [--prefix PATH]
//	belgi validate FILE
//	belgi clean [--html] [--explain] FILE|-
//	belgi langid [--lines] FILE|-
//	belgi agree [--json|--csv|--markdown] [--labels L1,L2] INPUT...
//	belgi assign --annotators A,B,C [--overlap 0.2] [--seed N] [--out DIR] FILE
package main

import (
	"fmt"
	"os"
	"sort"
)

// A command is one belgi subcommand. Each lives in its own file and registers
// itself in commands from an init function.
type command struct {
	summary string
	run     func(args []string) error
}

var commands = map[string]command{}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	name := os.Args[1]
	if name == "-h" || name == "--help" || name == "help" {
		usage()
		return
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "belgi: unknown command %q\n", name)
		usage()
		os.Exit(2)
	}
	if err := c.run(os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "belgi %s: %v\n", name, err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: belgi COMMAND [ARGS]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", n, commands[n].summary)
	}
}
