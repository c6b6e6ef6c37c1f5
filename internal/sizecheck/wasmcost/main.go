// Command wasmcost prints what each Go package costs in a WebAssembly
// build: the bytes of its functions' code, their share of all code, and
// that code compressed alone with brotli (quality 9). make sizes runs it on a build of
// the app that keeps its name section (no -s); the code is the same as in
// web/app.wasm.
//
// Usage:
//
//	wasmcost [-min BYTES] FILE.wasm PACKAGE...
//
// The packages are the import paths the module was built from, as
// GOOS=js GOARCH=wasm go list -deps prints them: the linker writes a
// function's name with every character but letters, digits, '_' and '.'
// turned into '_', so a name is matched against the paths written so.
//
// Data (strings, type and pc tables) cannot be told apart by package and
// is printed as one line. Compressing a package alone gives more bytes
// than its share of the whole compressed file: read the brotli column to
// compare packages, not to add them up.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
)

func main() {
	min := flag.Int("min", 40000, "list packages with at least `BYTES` of code; group the rest")
	flag.Parse()
	if flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: wasmcost [-min BYTES] FILE.wasm PACKAGE...")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err == nil {
		err = report(os.Stdout, data, newPackages(flag.Args()[1:]), *min)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmcost:", err)
		os.Exit(1)
	}
}

// report prints the cost of each package of the module m with at least
// min bytes of code, the groups that matter, and the rest.
func report(w io.Writer, m []byte, pkgs packages, min int) error {
	mod, err := parse(m)
	if err != nil {
		return err
	}
	if len(mod.names) == 0 {
		return fmt.Errorf("the module has no function names: build it without -s")
	}
	code := map[string]*bytes.Buffer{}
	total := 0
	for i, body := range mod.bodies {
		pkg := pkgs.of(mod.names[mod.imported+i])
		if code[pkg] == nil {
			code[pkg] = &bytes.Buffer{}
		}
		code[pkg].Write(body)
		total += len(body)
	}
	type row struct {
		name string
		raw  int
		code []byte
	}
	var rows []row
	groups := map[string]*row{}
	var small row
	for pkg, b := range code {
		if g := group(pkg); g != "" {
			if groups[g] == nil {
				groups[g] = &row{name: g}
			}
			groups[g].raw += b.Len()
			groups[g].code = append(groups[g].code, b.Bytes()...)
		}
		if b.Len() >= min {
			rows = append(rows, row{pkg, b.Len(), b.Bytes()})
		} else {
			small.raw += b.Len()
			small.code = append(small.code, b.Bytes()...)
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].raw > rows[j].raw })
	print := func(r row) {
		fmt.Fprintf(w, "  %-52s %9d %5.1f%% %9d\n", r.name, r.raw, 100*float64(r.raw)/float64(total), brotliSize(r.code))
	}
	fmt.Fprintf(w, "the module: %d bytes; code of %d functions: %d bytes; data: %d bytes, %d brotli alone\n",
		len(m), len(mod.bodies), total, len(mod.data), brotliSize(mod.data))
	fmt.Fprintf(w, "  %-52s %9s %6s %9s\n", "package", "code", "share", "brotli")
	for _, r := range rows {
		print(r)
	}
	small.name = fmt.Sprintf("%d packages under %d bytes each", len(code)-len(rows), min)
	print(small)
	fmt.Fprintf(w, "  %-52s %9s %6s %9s\n", "group", "code", "share", "brotli")
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Slice(names, func(i, j int) bool { return groups[names[i]].raw > groups[names[j]].raw })
	for _, g := range names {
		print(*groups[g])
	}
	return nil
}

// groups are the sets of packages whose cost is worth knowing together,
// by path prefix: the app's own, and what it depends on.
var groups = []struct{ name, prefix string }{
	{"belgi/annotations/... (model, formats)", "belgi/annotations"},
	{"belgi/app, belgi/wasm (the UI)", "belgi/app"},
	{"belgi/app, belgi/wasm (the UI)", "main"},
	{"belgi/clean", "belgi/clean"},
	{"belgi/langid/...", "belgi/langid"},
	{"belgi/demo", "belgi/demo"},
	{"go-app v9", "github.com/maxence-charriere/go-app/"},
	{"golang.org/x/text/...", "golang.org/x/text/"},
	{"golang.org/x/net/html/...", "golang.org/x/net/html"},
	{"net/http, crypto, math/big, text/template (go-app)", "net/"},
	{"net/http, crypto, math/big, text/template (go-app)", "crypto/"},
	{"net/http, crypto, math/big, text/template (go-app)", "vendor/golang.org/x/"},
	{"net/http, crypto, math/big, text/template (go-app)", "math/big"},
	{"net/http, crypto, math/big, text/template (go-app)", "text/template"},
	{"net/http, crypto, math/big, text/template (go-app)", "mime"},
	{"runtime", "runtime"},
	{"reflect, encoding/json, fmt", "reflect"},
	{"reflect, encoding/json, fmt", "encoding/json"},
	{"reflect, encoding/json, fmt", "fmt"},
}

// group returns the group pkg belongs to, or "".
func group(pkg string) string {
	for _, g := range groups {
		if pkg == g.prefix || strings.HasPrefix(pkg, g.prefix) && (strings.HasSuffix(g.prefix, "/") || pkg[len(g.prefix)] == '/') {
			return g.name
		}
	}
	return ""
}

// packages maps the import paths of a build, as the linker writes them
// in function names, to the paths.
type packages map[string]string

var linkerName = regexp.MustCompile(`[^\w.]`) // as in cmd/link/internal/wasm

func newPackages(paths []string) packages {
	p := packages{}
	for _, path := range paths {
		p[linkerName.ReplaceAllString(path, "_")] = path
	}
	p["main"] = "main"
	return p
}

// of returns the import path of the package the function named sym
// belongs to: the longest path written as sym is up to one of its dots.
// "belgi/wasm" is "main". Functions of no package (type equality, the
// wasm glue) are "(linker)".
func (p packages) of(sym string) string {
	best := "(linker)"
	for i := 0; i < len(sym); i++ {
		if sym[i] == '.' {
			if path, ok := p[sym[:i]]; ok {
				best = path
			}
		}
	}
	return best
}

func brotliSize(b []byte) int {
	var out bytes.Buffer
	w := brotli.NewWriterLevel(&out, 9)
	w.Write(b)
	w.Close()
	return out.Len()
}
