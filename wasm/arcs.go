//go:build wasm

package main

import (
	"encoding/json"
	"strconv"
	"syscall/js"

	belgi "belgi/app"
)

const svgNS = "http://www.w3.org/2000/svg"

// drawArcs keeps the relation arcs over the document text drawn. The
// Reader lists the arcs in the data-arcs attribute of an empty
// .arc-layer; whenever the page changes, the layer's SVG is redrawn from
// the spans' positions on the next frame. go-app never touches the
// layer's children, since it renders none.
func drawArcs() {
	pending := false
	var frame js.Func
	frame = js.FuncOf(func(js.Value, []js.Value) any {
		pending = false
		redrawArcs()
		return nil
	})
	schedule := func() {
		if !pending {
			pending = true
			js.Global().Call("requestAnimationFrame", frame)
		}
	}
	observer := js.Global().Get("MutationObserver").New(js.FuncOf(func(_ js.Value, args []js.Value) any {
		recs := args[0]
		for i := 0; i < recs.Length(); i++ {
			t := recs.Index(i).Get("target")
			if t.Get("closest").IsUndefined() {
				t = t.Get("parentElement")
			}
			if !t.Truthy() || !t.Call("closest", ".arc-layer svg").Truthy() {
				schedule()
				return nil
			}
		}
		return nil
	}))
	observer.Call("observe", js.Global().Get("document").Get("body"), map[string]any{
		"childList": true, "subtree": true, "characterData": true,
		"attributes": true, "attributeFilter": []any{"data-arcs", "class", "style"},
	})
	js.Global().Call("addEventListener", "resize", js.FuncOf(func(js.Value, []js.Value) any {
		schedule()
		return nil
	}))
}

func redrawArcs() {
	doc := js.Global().Get("document")
	layer := doc.Call("querySelector", "#document-text .arc-layer")
	if !layer.Truthy() {
		return
	}
	var arcs []belgi.Arc
	if data := layer.Get("dataset").Get("arcs"); data.Truthy() {
		json.Unmarshal([]byte(data.String()), &arcs)
	}
	if len(arcs) == 0 {
		if layer.Get("childElementCount").Int() > 0 {
			layer.Call("replaceChildren")
		}
		return // most documents: no layout to force
	}
	root := layer.Get("parentElement")
	lr := layer.Call("getBoundingClientRect")
	box := func(id string) (belgi.Box, bool) {
		seg := root.Call("querySelector", ".seg[data-spans~=\""+js.Global().Get("CSS").Call("escape", id).String()+"\"]")
		if !seg.Truthy() {
			return belgi.Box{}, false
		}
		rects := seg.Call("getClientRects")
		if rects.Length() == 0 {
			return belgi.Box{}, false
		}
		r := rects.Index(0)
		return belgi.Box{
			Left:   r.Get("left").Float() - lr.Get("left").Float(),
			Top:    r.Get("top").Float() - lr.Get("top").Float(),
			Width:  r.Get("width").Float(),
			Height: r.Get("height").Float(),
		}, true
	}
	var shown []belgi.Arc
	var from, to []belgi.Box
	for _, a := range arcs {
		f, ok1 := box(a.From)
		t, ok2 := box(a.To)
		if ok1 && ok2 {
			shown, from, to = append(shown, a), append(from, f), append(to, t)
		}
	}
	svg := doc.Call("createElementNS", svgNS, "svg")
	svg.Call("setAttribute", "class", "arcs")
	svg.Call("setAttribute", "data-testid", "arcs")
	svg.Call("setAttribute", "aria-hidden", "true")
	defs := el(svg, "defs")
	marker := el(defs, "marker", "id", "arrow", "viewBox", "0 0 8 8", "refX", "7", "refY", "4", "markerWidth", "5", "markerHeight", "5", "orient", "auto-start-reverse")
	el(marker, "path", "d", "M0 0 L8 4 L0 8 z", "class", "arrowhead")
	anySel := false
	for _, a := range shown {
		anySel = anySel || a.Selected
	}
	for _, p := range belgi.LayoutArcs(shown, from, to) {
		class := "arc"
		switch {
		case p.Selected:
			class += " sel"
		case anySel:
			class += " dim"
		}
		g := el(svg, "g", "class", class, "data-relation", p.ID)
		el(g, "path", "d", p.D, "marker-end", "url(#arrow)")
		label := el(g, "text", "x", strconv.FormatFloat(p.LabelX, 'f', 1, 64), "y", strconv.FormatFloat(p.LabelY, 'f', 1, 64))
		label.Set("textContent", p.Type)
	}
	layer.Call("replaceChildren", svg)
}

// el appends an SVG element with the given attributes to parent.
func el(parent js.Value, tag string, attrs ...string) js.Value {
	e := js.Global().Get("document").Call("createElementNS", svgNS, tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		e.Call("setAttribute", attrs[i], attrs[i+1])
	}
	parent.Call("appendChild", e)
	return e
}
