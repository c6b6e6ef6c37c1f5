package app

import "errors"

var (
	errNoDocument  = errors.New("open a document first")
	errCancelled   = errors.New("nothing changed")
	errNoStorage   = errors.New("this browser offers no storage: changes last only until the tab closes, so export often")
	errNoSelection = errors.New("select some text in the document first, then press a label key or click a label")
	errNoPiece     = errors.New("select the text of the new piece first, then press + or click “+ piece”")
)
