// Package e2e holds Belgi's browser tests: they start the real server on
// 127.0.0.1, drive Debian's chromium through chromedp, and check what a
// person would see and export. They need a built web/app.wasm (make build);
// make test-browser sets BELGI_E2E=1, which turns a missing browser or
// build into a failure instead of a skip.
package e2e
