package app

import (
	"strings"

	"belgi/annotations/journal"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Browser is what the components need from the page that Go cannot do
// alone. The wasm entry point hands the real one to NewShell; tests hand
// it fakes.
type Browser interface {
	// Selection returns the two ends of the current selection when both lie
	// in the document text, in DOM order.
	Selection() (a, b DOMPoint, ok bool)
	// ClearSelection collapses the selection.
	ClearSelection()
	// Download offers data to the person as a file.
	Download(name, mime string, data []byte)
	// ReadFiles reads a FileList. done is called once per file, from the
	// browser's event loop; callers hand the result to ctx.Dispatch.
	ReadFiles(files app.Value, done func(f File))
	// Listen sends page-wide keyboard, paste and drop events to h until the
	// returned func is called. go-app runs its handlers after the browser
	// has finished dispatching an event, too late to prevent a default
	// action or to read a drop's files, so the bridge does both in the
	// browser's handler and passes plain values on.
	Listen(h PageHandler) (stop func())
	// Store returns the browser's storage for the workspace, or nil when
	// it has none (then nothing survives a reload, and the UI says so).
	Store() journal.Store
	// Lock asks for the workspace. granted is called with true when this
	// tab holds it, or with false when another tab does, and then with
	// true once that tab closes. It is called from the browser's event loop.
	Lock(granted func(bool))
	// Broadcast tells the other tabs of this origin that msg happened.
	Broadcast(msg string)
	// Confirm asks the person a yes/no question.
	Confirm(question string) bool
	// Reveal scrolls code points [start, end) of the document text into
	// view once the page has drawn, and with selectText focuses the text
	// and selects the range, so that a label key labels it.
	Reveal(start, end int, selectText bool)
	// Focus moves the keyboard focus to the element matching a CSS
	// selector, once the page has drawn.
	Focus(selector string)
}

// PageHandler receives page-wide events. Its methods are called from the
// browser's event loop, not the UI goroutine.
type PageHandler interface {
	Key(k KeyPress)
	Paste(text string)      // text pasted outside a text field, exactly as the clipboard holds it
	File(f File, total int) // one of total files dropped on the page, read
	Dragging(over bool)
	Message(msg string) // a Broadcast from another tab
	// Unexported reports whether leaving the page now would leave changes
	// that were never exported. Called while the page unloads.
	Unexported() bool
	// Claims reports whether Belgi acts on k, so that the browser's own
	// action for it must be prevented. Called while the event dispatches.
	Claims(k KeyPress) bool
}

// A KeyPress is a key pressed outside a text field.
type KeyPress struct {
	Key              string // KeyboardEvent.key
	Code             string // KeyboardEvent.code: the physical key, whatever the layout
	Ctrl, Shift, Alt bool   // Ctrl stands for Meta too
	// OnControl is set when a button or link has the focus: Enter and
	// space are then its own.
	OnControl bool
}

// Binding returns the schema key a press stands for: the Latin letter or
// digit printed on the physical key, so that bindings work the same on
// Russian and Kazakh layouts, where the number row types ә, і, ң….
func (k KeyPress) Binding() string {
	switch {
	case len(k.Code) == 4 && strings.HasPrefix(k.Code, "Key"):
		return strings.ToLower(k.Code[3:])
	case len(k.Code) == 6 && strings.HasPrefix(k.Code, "Digit"):
		return k.Code[5:]
	case len(k.Code) == 7 && strings.HasPrefix(k.Code, "Numpad"):
		return k.Code[6:]
	}
	return strings.ToLower(k.Key)
}

// A File is a file the person chose or dropped, as read by the browser.
type File struct {
	Name string
	Data []byte
	Err  error
}

// noBrowser is the bridge outside a browser: nothing is selected and
// nothing can be read or downloaded.
type noBrowser struct{}

func (noBrowser) Selection() (a, b DOMPoint, ok bool)        { return }
func (noBrowser) ClearSelection()                            {}
func (noBrowser) Download(name, mime string, data []byte)    {}
func (noBrowser) ReadFiles(files app.Value, done func(File)) {}
func (noBrowser) Listen(h PageHandler) func()                { return func() {} }
func (noBrowser) Store() journal.Store                       { return nil }
func (noBrowser) Lock(granted func(bool))                    { granted(true) }
func (noBrowser) Broadcast(msg string)                       {}
func (noBrowser) Confirm(question string) bool               { return true }
func (noBrowser) Reveal(start, end int, selectText bool)     {}
func (noBrowser) Focus(selector string)                      {}
