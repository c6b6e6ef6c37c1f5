package app

import (
	"fmt"
	"strings"

	"belgi/annotations"
)

// customSlot is the first colour slot of the colours a schema sets itself;
// the colour-blind-safe palette has slots 0 to PaletteSize.
const customSlot = 100

// Colour returns the colour slot of a label: the colour its schema type
// sets, or else a palette colour by its place in the schema.
func (s *State) Colour(label string) int {
	for i, e := range s.WS.Schema.Entities {
		if e.Type == label {
			if annotations.ValidColor(e.Color) {
				return customSlot + i
			}
			return i % PaletteSize
		}
	}
	for i, e := range s.WS.Schema.Events {
		if e.Type == label {
			if annotations.ValidColor(e.Color) {
				return customSlot + len(s.WS.Schema.Entities) + i
			}
			return (i + 3) % PaletteSize
		}
	}
	return PaletteSize // the "unknown label" slot
}

// colourCSS defines the classes of the colours the schema sets.
func (s *State) colourCSS() string {
	var b strings.Builder
	n := len(s.WS.Schema.Entities)
	add := func(i int, c string) {
		if annotations.ValidColor(c) {
			fmt.Fprintf(&b, ".c%d{--lc:%s}", customSlot+i, c)
		}
	}
	for i, e := range s.WS.Schema.Entities {
		add(i, e.Color)
	}
	for i, e := range s.WS.Schema.Events {
		add(n+i, e.Color)
	}
	return b.String()
}
