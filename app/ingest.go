package app

import "belgi/ingest"

// checkText and titleOf are ingest.Check and ingest.Title under the names
// the interchange import (formats.go) calls them by.
func checkText(name string, data []byte) error { return ingest.Check(name, data) }

func titleOf(name, text string) string { return ingest.Title(name, text) }
