package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Browser is what the components need from the page that Go cannot do
// alone. The wasm entry point installs the real one with SetBrowser; tests
// install fakes.
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
}

// A File is a file the person chose or dropped, as read by the browser.
type File struct {
	Name string
	Data []byte
	Err  error
}

var browser Browser = noBrowser{}

// SetBrowser installs the browser bridge.
func SetBrowser(b Browser) { browser = b }

// noBrowser is the bridge outside a browser: nothing is selected and
// nothing can be read or downloaded.
type noBrowser struct{}

func (noBrowser) Selection() (a, b DOMPoint, ok bool)        { return }
func (noBrowser) ClearSelection()                            {}
func (noBrowser) Download(name, mime string, data []byte)    {}
func (noBrowser) ReadFiles(files app.Value, done func(File)) {}
