// Package app holds Belgi's go-app components, one per file, and the client
// state they render. Browser-only work (reading the DOM selection, files,
// downloads) goes through the Browser interface, implemented in ../wasm, so
// that everything here also runs natively under app.NewClientTester.
package app
