//go:build !wasm

package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"belgi/annotations"
)

func init() {
	commands["validate"] = command{summary: "check a gold-standard JSON file", run: runValidate}
}

// maxGold bounds what validate reads, so a wrong file cannot exhaust memory.
const maxGold = 1 << 30

func runValidate(args []string) error {
	if len(args) != 1 {
		return errors.New("usage: belgi validate FILE")
	}
	name := args[0]
	var r io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxGold+1))
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	if len(data) > maxGold {
		return fmt.Errorf("%s: larger than %d MB", name, maxGold>>20)
	}
	f, err := annotations.Decode(data)
	if err != nil {
		var ve *annotations.ValidationError
		if errors.As(err, &ve) {
			for _, p := range ve.Problems {
				fmt.Fprintf(os.Stderr, "%s: %s\n", name, p)
			}
			return fmt.Errorf("%s: invalid", name)
		}
		return fmt.Errorf("%s: %v", name, err)
	}
	for _, p := range annotations.Validate(f) {
		fmt.Fprintf(os.Stderr, "%s: %s\n", name, p)
	}
	spans := 0
	for _, d := range f.Documents {
		spans += len(d.Spans)
	}
	fmt.Printf("%s: valid %s version %d: %d documents, %d spans\n", name, f.Format, f.Version, len(f.Documents), spans)
	return nil
}
