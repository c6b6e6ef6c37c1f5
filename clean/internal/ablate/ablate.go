// Package ablate lets the cleaning eval switch the cleaner's named rules
// off one at a time, to measure what each is worth. Nothing outside
// clean/internal/eval sets it; with Off empty every rule is on.
package ablate

// Off holds the names of the rules switched off.
var Off = map[string]bool{}

// Names lists every rule the cleaner consults Off for, in the order they
// are tried; the cleaner registers them.
var Names []string
