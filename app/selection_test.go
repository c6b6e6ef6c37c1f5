package app

import (
	"testing"

	"belgi/annotations"
)

func TestSelectionRange(t *testing.T) {
	// Segments as the DOM would hold them: "👍 митинг" is one segment
	// starting at code point 9.
	d := annotations.NewDocument("d", "", "", "Ақтөбеде 👍 митинг\r\nөтті")
	seg := func(start, end, u16 int) DOMPoint { return DOMPoint{SegStart: start, SegEnd: end, UTF16: u16} }
	tests := []struct {
		name       string
		a, b       DOMPoint
		start, end int
		err        bool
	}{
		{"after an emoji", seg(9, 17, 3), seg(9, 17, 9), 11, 17, false},
		{"backwards", seg(9, 17, 9), seg(9, 17, 3), 11, 17, false},
		{"whitespace trimmed", seg(9, 17, 2), seg(9, 17, 9), 11, 17, false},
		{"across the line break", seg(9, 17, 3), seg(19, 23, 4), 11, 23, false},
		{"end past the segment clamps", seg(0, 8, 0), seg(0, 8, 99), 0, 8, false},
		{"inside a surrogate pair", seg(9, 17, 1), seg(9, 17, 9), 0, 0, true},
		{"only spaces", seg(9, 17, 2), seg(9, 17, 3), 0, 0, true},
		{"outside the text", seg(0, 99, 0), seg(0, 99, 1), 0, 0, true},
	}
	for _, tt := range tests {
		start, end, err := SelectionRange(d, tt.a, tt.b)
		if tt.err {
			if err == nil {
				t.Errorf("%s: no error", tt.name)
			}
			continue
		}
		if err != nil || start != tt.start || end != tt.end {
			t.Errorf("%s: got [%d, %d) %v, want [%d, %d)", tt.name, start, end, err, tt.start, tt.end)
		}
	}
}

func TestClaims(t *testing.T) {
	var c claims
	c.bind(&State{WS: annotations.NewWorkspace(annotations.Schema{})}) // no keys bound
	for _, tt := range []struct {
		k    KeyPress
		want bool
	}{
		{KeyPress{Key: "1"}, true},
		{KeyPress{Key: "9"}, true},
		{KeyPress{Key: "0"}, false},
		{KeyPress{Key: "a"}, false},
		{KeyPress{Key: "Delete"}, true},
		{KeyPress{Key: "z", Ctrl: true}, true},
		{KeyPress{Key: "c", Ctrl: true}, false}, // copy stays the browser's
		{KeyPress{Key: "1", Alt: true}, false},
		{KeyPress{Key: "ә", Code: "Digit2"}, true},       // Kazakh layout, number row
		{KeyPress{Key: "в", Code: "KeyD"}, false},        // not bound yet
		{KeyPress{Key: "ъ", Code: "BracketRight"}, true}, // next span, Russian layout
		{KeyPress{Key: "/"}, true},
		{KeyPress{Key: "f", Ctrl: true}, true},
		{KeyPress{Key: "Enter"}, false}, // nothing selected
		{KeyPress{Key: "ArrowRight", Shift: true}, false},
	} {
		if got := c.Claims(tt.k); got != tt.want {
			t.Errorf("Claims(%+v) = %v, want %v", tt.k, got, tt.want)
		}
	}
	// Binding a key to a type, and selecting a span, claim more.
	st := NewState()
	st.WS.Schema.Entities[0].Key = "d"
	c.bind(st)
	c.span.Store(true)
	for _, k := range []KeyPress{{Key: "в", Code: "KeyD"}, {Key: "Enter"}} {
		if !c.Claims(k) {
			t.Errorf("Claims(%+v) = false once bound", k)
		}
	}
	if c.Claims(KeyPress{Key: "Enter", OnControl: true}) {
		t.Error("Enter on a button is the button's")
	}
}
