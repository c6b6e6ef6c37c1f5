//go:build wasm

package main

import (
	"fmt"
	"syscall/js"

	belgi "belgi/app"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// bridge implements belgi.Browser with syscall/js. It only moves values
// across; all offset arithmetic happens in package app. It holds the
// tab's BroadcastChannel, opened once by newBridge, so that Broadcast and
// Listen share it without a package-level variable.
type bridge struct {
	channel js.Value // the "belgi" BroadcastChannel, or null without one
}

// newBridge returns the bridge for this tab.
func newBridge() bridge {
	b := bridge{channel: js.Null()}
	if bc := js.Global().Get("BroadcastChannel"); bc.Truthy() {
		b.channel = bc.New("belgi")
	}
	return b
}

// DOM node types and compareDocumentPosition bits.
const (
	textNode  = 3
	preceding = 2
	following = 4
)

func (bridge) Selection() (a, b belgi.DOMPoint, ok bool) {
	doc := js.Global().Get("document")
	root := doc.Call("getElementById", "document-text")
	sel := js.Global().Call("getSelection")
	if !root.Truthy() || !sel.Truthy() || sel.Get("rangeCount").Int() == 0 || sel.Get("isCollapsed").Bool() {
		return a, b, false
	}
	r := sel.Call("getRangeAt", 0)
	a, okA := point(root, r.Get("startContainer"), r.Get("startOffset").Int(), true)
	b, okB := point(root, r.Get("endContainer"), r.Get("endOffset").Int(), false)
	return a, b, okA && okB
}

// point maps a DOM boundary point to the segment it falls in. A point
// outside the document text is clamped to its start (for the start of a
// selection that began above it) or its end (for an end below it).
func point(root, node js.Value, offset int, isStart bool) (belgi.DOMPoint, bool) {
	segs := root.Call("querySelectorAll", ".seg")
	n := segs.Get("length").Int()
	if n == 0 {
		return belgi.DOMPoint{}, false
	}
	first, last := segs.Index(0), segs.Index(n-1)
	if !root.Call("contains", node).Bool() {
		pos := root.Call("compareDocumentPosition", node).Int()
		switch {
		case isStart && pos&preceding != 0:
			return at(first, 0), true
		case !isStart && pos&following != 0:
			return at(last, 1<<30), true
		}
		return belgi.DOMPoint{}, false
	}
	if node.Get("nodeType").Int() == textNode {
		seg := node.Get("parentElement").Call("closest", ".seg")
		if !seg.Truthy() {
			return belgi.DOMPoint{}, false
		}
		return at(seg, offset), true
	}
	if node.Get("classList").Call("contains", "seg").Bool() {
		if offset == 0 {
			return at(node, 0), true
		}
		return at(node, 1<<30), true
	}
	kids := node.Get("childNodes")
	if offset < kids.Get("length").Int() {
		kid := kids.Index(offset)
		seg := kid
		if kid.Get("nodeType").Int() != 1 || !kid.Get("classList").Call("contains", "seg").Bool() {
			if kid.Get("nodeType").Int() == 1 {
				seg = kid.Call("querySelector", ".seg")
			} else {
				seg = js.Null()
			}
		}
		if seg.Truthy() {
			return at(seg, 0), true
		}
	}
	inside := node.Call("querySelectorAll", ".seg")
	if k := inside.Get("length").Int(); k > 0 {
		return at(inside.Index(k-1), 1<<30), true
	}
	return belgi.DOMPoint{}, false
}

func at(seg js.Value, utf16 int) belgi.DOMPoint {
	var start, end int
	ds := seg.Get("dataset")
	fmt.Sscan(ds.Get("start").String(), &start)
	fmt.Sscan(ds.Get("end").String(), &end)
	return belgi.DOMPoint{SegStart: start, SegEnd: end, UTF16: utf16}
}

func (bridge) ClearSelection() {
	if sel := js.Global().Call("getSelection"); sel.Truthy() {
		sel.Call("removeAllRanges")
	}
}

func (bridge) Download(name, mime string, data []byte) {
	buf := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(buf, data)
	blob := js.Global().Get("Blob").New([]any{buf}, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	js.Global().Call("setTimeout", revoke, 10000)
}

func (bridge) ReadFiles(files app.Value, done func(belgi.File)) {
	readFiles(app.JSValue(files), done)
}

// readFiles starts reading every file of a FileList; done is called as each
// finishes.
func readFiles(list js.Value, done func(belgi.File)) {
	for i := 0; i < list.Get("length").Int(); i++ {
		f := list.Index(i)
		name := f.Get("name").String()
		if size := f.Get("size").Int(); size > belgi.MaxFileSize {
			done(belgi.File{Name: name, Err: fmt.Errorf("%s is too large (%d MB; the limit is %d MB)", name, size>>20, belgi.MaxFileSize>>20)})
			continue
		}
		var ok, fail js.Func
		release := func() { ok.Release(); fail.Release() }
		ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
			u8 := js.Global().Get("Uint8Array").New(args[0])
			data := make([]byte, u8.Get("length").Int())
			js.CopyBytesToGo(data, u8)
			release()
			done(belgi.File{Name: name, Data: data})
			return nil
		})
		fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
			release()
			done(belgi.File{Name: name, Err: fmt.Errorf("%s could not be read: %s", name, args[0].Call("toString").String())})
			return nil
		})
		f.Call("arrayBuffer").Call("then", ok).Call("catch", fail)
	}
}
