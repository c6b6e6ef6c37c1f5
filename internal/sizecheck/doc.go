// Package sizecheck holds three tiny programs that make bench builds for
// WebAssembly to measure what the clean and langid packages add to the
// wasm: base uses only fmt; clean and langid each add one package.
package sizecheck
