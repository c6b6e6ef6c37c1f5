package annotations_test

import (
	"errors"
	"fmt"

	"belgi/annotations"
)

// Apply is the only way a workspace changes: each operation returns the
// one that undoes it, and a refused one says why, in an error that
// errors.Is can test.
func ExampleWorkspace_Apply() {
	ws := annotations.NewWorkspace(annotations.DefaultSchema())
	doc := annotations.NewDocument("d1", "Митинг", "", "Алматыда 👍 митинг өтті.")
	if _, err := ws.Apply(annotations.Op{Kind: annotations.OpAddDocument, Document: doc}); err != nil {
		fmt.Println(err)
	}

	// Label "Алматыда": code points [0, 8).
	undo, err := ws.Apply(annotations.Op{Kind: annotations.OpAddSpan, Doc: "d1", Span: &annotations.Span{Label: "GPE", Start: 0, End: 8}})
	fmt.Println(ws.Document("d1").Spans[0].ID, ws.Document("d1").Spans[0].Text, err)
	fmt.Println(undo.Kind, undo.ID)

	// Undo it, then try to delete it again.
	ws.Apply(undo)
	_, err = ws.Apply(undo)
	fmt.Println(errors.Is(err, annotations.ErrNotFound), err)
	// Output:
	// T1 Алматыда <nil>
	// deleteSpan T1
	// true deleteSpan: document "d1": it has no span "T1"
}

// An Index converts a document's code point offsets, which every offset in
// Belgi is, to the UTF-8 byte offsets of Go strings and the UTF-16 units
// of the browser's DOM, and back.
func ExampleIndex() {
	x := annotations.NewIndex("👍 Ақтөбе")
	fmt.Println(x.Len(), x.Len16())    // code points, UTF-16 units
	fmt.Println(x.Byte(2), x.UTF16(2)) // where "Ақтөбе" starts
	cp, _ := x.FromUTF16(3)            // a DOM selection's offset
	fmt.Println(cp, x.Slice(cp, cp+2)) // back to code points
	// Output:
	// 8 9
	// 5 3
	// 2 Ақ
}
