// Package loss records what a conversion between annotation formats could not
// carry over, or had to change, so that nothing is dropped silently.
//
// Importers add an Item for each input line or record they could not read
// (naming the line) and exporters add one for each annotation, or part of one,
// that the target format cannot hold. A conversion that loses nothing leaves
// its Report empty.
package loss

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// An Item is one thing a conversion lost or changed, and why.
type Item struct {
	Doc    string // document ID (or file name); "" for the input as a whole
	ID     string // annotation ID; "" for the document as a whole
	Line   int    // 1-based input line, 0 when not applicable
	Reason string
}

func (it Item) String() string {
	var b strings.Builder
	if it.Doc != "" {
		b.WriteString(it.Doc)
		if it.Line > 0 {
			b.WriteString(":" + strconv.Itoa(it.Line))
		}
		b.WriteString(": ")
	} else if it.Line > 0 {
		b.WriteString("line " + strconv.Itoa(it.Line) + ": ")
	}
	if it.ID != "" {
		b.WriteString(it.ID + ": ")
	}
	b.WriteString(it.Reason)
	return b.String()
}

// A Report collects Items. The zero Report is empty and ready to use; a nil
// *Report discards what is added to it.
type Report struct {
	Items []Item
}

// Add records an item; format and args make its Reason as fmt.Sprintf does.
func (r *Report) Add(doc, id string, line int, format string, args ...any) {
	if r == nil {
		return
	}
	r.Items = append(r.Items, Item{Doc: doc, ID: id, Line: line, Reason: fmt.Sprintf(format, args...)})
}

// Len returns the number of items.
func (r *Report) Len() int {
	if r == nil {
		return 0
	}
	return len(r.Items)
}

// Merge appends the items of o to r.
func (r *Report) Merge(o *Report) {
	if r == nil || o == nil {
		return
	}
	r.Items = append(r.Items, o.Items...)
}

// Print writes one item per line, each prefixed with prefix.
func (r *Report) Print(w io.Writer, prefix string) error {
	if r == nil {
		return nil
	}
	for _, it := range r.Items {
		if _, err := fmt.Fprintf(w, "%s%s\n", prefix, it); err != nil {
			return err
		}
	}
	return nil
}
