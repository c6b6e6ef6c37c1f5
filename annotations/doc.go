// Package annotations is Belgi's gold-standard model: documents, spans,
// events, relations, attributes, notes and the label schema, the operations
// that change them, and the native JSON file format with its validator.
//
// Offsets are Unicode code points into Document.Text, end exclusive. Index
// converts them to UTF-8 byte offsets and UTF-16 code units; nothing else in
// Belgi should do that arithmetic.
//
// The package is pure Go: it runs natively, under node and in the browser.
package annotations
