//go:build wasm

package main

import (
	"syscall/js"

	belgi "belgi/app"
)

// Listen installs page-wide listeners that decide, while the event is still
// dispatching, whether to prevent the browser's default, and read what
// would be gone afterwards (clipboard text, dropped files).
func (b bridge) Listen(h belgi.PageHandler) func() {
	win := js.Global()
	type listener struct {
		event string
		f     js.Func
	}
	var ls []listener
	on := func(event string, fn func(e js.Value)) {
		f := js.FuncOf(func(_ js.Value, args []js.Value) any {
			fn(args[0])
			return nil
		})
		win.Call("addEventListener", event, f)
		ls = append(ls, listener{event, f})
	}
	on("keydown", func(e js.Value) {
		if inField(e.Get("target")) || e.Get("isComposing").Bool() {
			return
		}
		k := belgi.KeyPress{
			Key:   e.Get("key").String(),
			Code:  e.Get("code").String(),
			Ctrl:  e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool(),
			Shift: e.Get("shiftKey").Bool(),
			Alt:   e.Get("altKey").Bool(),
		}
		if t := e.Get("target"); t.Truthy() && t.Get("closest").Truthy() {
			k.OnControl = t.Call("closest", "button, a, summary, label, [role=button]").Truthy()
		}
		if h.Claims(k) {
			e.Call("preventDefault")
			h.Key(k)
		}
	})
	on("mousedown", func(e js.Value) {
		// Label buttons must not clear the text selection they act on.
		if t := e.Get("target"); t.Truthy() && t.Get("closest").Truthy() && t.Call("closest", "[data-keep-selection]").Truthy() {
			e.Call("preventDefault")
		}
	})
	on("paste", func(e js.Value) {
		data := e.Get("clipboardData")
		if inField(e.Get("target")) || !data.Truthy() {
			return
		}
		text := data.Call("getData", "text/plain").String()
		if text == "" {
			return
		}
		e.Call("preventDefault")
		h.Paste(text)
	})
	dragging := false
	on("dragover", func(e js.Value) {
		e.Call("preventDefault") // allows the drop
		if !dragging {
			dragging = true
			h.Dragging(true)
		}
	})
	on("dragleave", func(e js.Value) {
		if dragging && !e.Get("relatedTarget").Truthy() {
			dragging = false
			h.Dragging(false)
		}
	})
	on("drop", func(e js.Value) {
		e.Call("preventDefault")
		if dragging {
			dragging = false
			h.Dragging(false)
		}
		if dt := e.Get("dataTransfer"); dt.Truthy() {
			// The FileList empties when dispatch ends; its files do not.
			files := dt.Get("files")
			total := files.Length()
			readFiles(files, func(f belgi.File) { h.File(f, total) })
		}
	})
	on("beforeunload", func(e js.Value) {
		if h.Unexported() {
			e.Call("preventDefault")
			e.Set("returnValue", "")
		}
	})
	if c := b.channel; c.Truthy() {
		f := js.FuncOf(func(_ js.Value, args []js.Value) any {
			if d := args[0].Get("data"); d.Type() == js.TypeString {
				h.Message(d.String())
			}
			return nil
		})
		c.Call("addEventListener", "message", f)
		ls = append(ls, listener{"", f})
	}
	return func() {
		for _, l := range ls {
			if l.event == "" {
				b.channel.Call("removeEventListener", "message", l.f)
				l.f.Release()
				continue
			}
			win.Call("removeEventListener", l.event, l.f)
			l.f.Release()
		}
	}
}

// inField reports whether an event target takes typed text.
func inField(t js.Value) bool {
	if !t.Truthy() || t.Get("tagName").IsUndefined() {
		return false
	}
	switch t.Get("tagName").String() {
	case "INPUT", "TEXTAREA", "SELECT":
		return true
	}
	return t.Get("isContentEditable").Bool()
}
