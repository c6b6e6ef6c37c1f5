//go:build wasm

// Command wasm is Belgi's browser entry point, built to web/app.wasm. It
// installs the syscall/js bridges and starts the go-app UI.
package main

import (
	belgi "belgi/app"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	if app.IsClient {
		drawArcs()
	}
	var b bridge
	if app.IsClient {
		b = newBridge()
	}
	app.RouteFunc("/", func() app.Composer { return belgi.NewShell(nil, b) })
	app.RunWhenOnBrowser()
}
