//go:build wasm

package main

import (
	"strconv"
	"syscall/js"

	belgi "belgi/app"
)

// afterDraw runs f once the page has drawn the pending update: go-app
// writes the DOM before the next animation frame.
func afterDraw(f func()) {
	var cb js.Func
	cb = js.FuncOf(func(js.Value, []js.Value) any {
		cb.Release()
		f()
		return nil
	})
	js.Global().Call("requestAnimationFrame", cb)
}

func (bridge) Focus(selector string) {
	afterDraw(func() {
		if el := js.Global().Get("document").Call("querySelector", selector); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (bridge) Reveal(start, end int, selectText bool) {
	afterDraw(func() {
		root := js.Global().Get("document").Call("getElementById", "document-text")
		if !root.Truthy() {
			return
		}
		segs := root.Call("querySelectorAll", ".seg")
		a, okA := segAt(segs, start, false)
		b, okB := segAt(segs, end, true)
		if !okA {
			return
		}
		el := a.seg
		if r := el.Call("getBoundingClientRect"); r.Get("top").Float() < 0 || r.Get("bottom").Float() > js.Global().Get("innerHeight").Float() {
			el.Call("scrollIntoView", map[string]any{"block": "center"})
		} else if box := root.Call("closest", ".reader"); box.Truthy() {
			// Inside the reader's own scrolling box.
			br := box.Call("getBoundingClientRect")
			if r.Get("top").Float() < br.Get("top").Float() || r.Get("bottom").Float() > br.Get("bottom").Float() {
				el.Call("scrollIntoView", map[string]any{"block": "center"})
			}
		}
		if !selectText || !okB {
			return
		}
		root.Call("focus", map[string]any{"preventScroll": true})
		rng := js.Global().Get("document").Call("createRange")
		rng.Call("setStart", a.node, a.offset)
		rng.Call("setEnd", b.node, b.offset)
		sel := js.Global().Call("getSelection")
		sel.Call("removeAllRanges")
		sel.Call("addRange", rng)
	})
}

// A boundary is a point in a segment's text node.
type boundary struct {
	seg, node js.Value
	offset    int // UTF-16
}

// segAt finds the segment holding code point cp, by binary search on the
// segments' data-start, and the text node offset of cp within it. With
// isEnd, a cp at a segment's end belongs to that segment.
func segAt(segs js.Value, cp int, isEnd bool) (boundary, bool) {
	n := segs.Get("length").Int()
	startOf := func(i int) int {
		v, _ := strconv.Atoi(segs.Index(i).Get("dataset").Get("start").String())
		return v
	}
	// The last segment starting at or before cp (before it, for an end).
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s := startOf(m); s < cp || (!isEnd && s == cp) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i := lo - 1
	if i < 0 {
		return boundary{}, false
	}
	seg := segs.Index(i)
	segStart := startOf(i)
	segEnd, _ := strconv.Atoi(seg.Get("dataset").Get("end").String())
	if cp > segEnd {
		return boundary{}, false
	}
	node := seg.Get("firstChild")
	if !node.Truthy() {
		return boundary{}, false
	}
	text := node.Get("data").String()
	return boundary{seg: seg, node: node, offset: belgi.UTF16Offset(text, cp-segStart)}, true
}
