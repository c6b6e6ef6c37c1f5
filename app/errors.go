package app

import "errors"

var (
	errNoDocument  = errors.New("open a document first")
	errNoSelection = errors.New("select some text in the document first, then press a label key or click a label")
)
