package main

import (
	"fmt"

	"belgi/annotations"
	"belgi/annotations/format"
	"belgi/annotations/loss"
)

// readAll reads every document of the file or folder in, in the format
// named, through the registry, as `belgi convert` reads it.
func readAll(name, in string, o format.Options, rep *loss.Report) ([]*annotations.Document, error) {
	f := format.Get(name)
	if f == nil || !f.Readable() {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", name, formatNames(false))
	}
	r, err := openInput(f, in, o, rep)
	if err != nil {
		return nil, err
	}
	docs, err := format.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return docs, nil
}
