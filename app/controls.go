package app

import (
	"fmt"

	"belgi/annotations"
	"sort"
	"strings"
)

// Invisible characters that change how text reads or hide in it. Belgi
// keeps them (offsets count them) but draws each as a visible marker in its
// own isolated element, so a right-to-left override cannot reorder the text
// around it. ZWJ and ZWNJ are left alone: emoji sequences and Persian need
// them.
var controls = map[rune]string{
	'\u200e': "LRM", '\u200f': "RLM", '\u061c': "ALM",
	'\u202a': "LRE", '\u202b': "RLE", '\u202c': "PDF", '\u202d': "LRO", '\u202e': "RLO",
	'\u2066': "LRI", '\u2067': "RLI", '\u2068': "FSI", '\u2069': "PDI",
	'\u200b': "ZWSP", '\u2060': "WJ", '\ufeff': "BOM", '\u00ad': "SHY",
}

// controlName returns the marker name of a control character, or "".
func controlName(r rune) string { return controls[r] }

// describeControls says which markers text holds, or "" when none.
func describeControls(text string) string {
	count := map[string]int{}
	for i, r := range text {
		if name := controls[r]; name != "" && !(i == 0 && r == '\ufeff') {
			count[name]++
		}
	}
	if len(count) == 0 {
		return ""
	}
	var parts []string
	for name, n := range count {
		parts = append(parts, fmt.Sprintf("%d %s", n, name))
	}
	sort.Strings(parts)
	return "The input holds invisible or direction-changing characters (" + strings.Join(parts, ", ") +
		"). The recorded input keeps them all; those left in the text count in offsets and are shown as markers."
}

// describeMarkup says how markup in an added document was treated, or "".
func describeMarkup(d *annotations.Document) string {
	if d.Cleaning != nil && d.Cleaning.HTML {
		return "Saved HTML: the article was extracted as plain text; scripts, styles, frames and hidden parts were dropped, and nothing from the page runs or loads."
	}
	low := strings.ToLower(d.Text)
	for _, m := range []string{"<script", "<iframe", "<img", "<svg", "javascript:", "onerror=", "onload="} {
		if strings.Contains(low, m) {
			return "The text contains markup (" + strings.TrimSuffix(m, "=") + "…); it is shown as text and never run."
		}
	}
	return ""
}

// inputOf returns what the person brought for d.
func inputOf(d *annotations.Document) string {
	if d.Cleaning != nil {
		return d.Cleaning.Input
	}
	return d.Text
}
