// Package sizecheck measures what packages cost in the app's wasm, for
// make sizes.
//
// Its probes are tiny programs built for WebAssembly: base uses only fmt;
// clean, langid, goapp (the smallest
// go-app program) and annotations (the gold model) each add one package
// to it, so that the difference from base is what that package and what
// it brings add to a wasm, code and data, raw and brotli.
//
// wasmcost attributes the code of the app's own wasm to the packages it
// was built from.
package sizecheck
