package main

import (
	"bytes"
	"strings"
	"testing"
)

func uleb(n int) []byte {
	var b []byte
	for {
		c := byte(n & 0x7f)
		n >>= 7
		if n == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func section(id byte, content ...[]byte) []byte {
	body := bytes.Join(content, nil)
	return append(append([]byte{id}, uleb(len(body))...), body...)
}

func name(s string) []byte { return append(uleb(len(s)), s...) }

// testModule imports one function and defines three, named as the Go
// linker names them, with bodies of 200, 3 and 150 bytes, and 1000 bytes
// of data.
func testModule() []byte { return append(unnamedModule(), nameSection()...) }

// unnamedModule is testModule without its name section.
func unnamedModule() []byte {
	m := []byte("\x00asm\x01\x00\x00\x00")
	m = append(m, section(2, uleb(2),
		name("go"), name("debug"), []byte{0}, uleb(0), // a function
		name("go"), name("mem"), []byte{2, 0}, uleb(1), // a memory
	)...)
	body := func(n int) []byte { return append(uleb(n), bytes.Repeat([]byte{0x0b}, n)...) }
	m = append(m, section(10, uleb(3), body(200), body(3), body(150))...)
	return append(m, section(11, make([]byte, 1000))...)
}

func nameSection() []byte {
	names := section(1, uleb(3),
		uleb(1), name("github.com_maxence_charriere_go_app_v9_pkg_app.__htmlDiv_.updateWith"),
		uleb(2), name("type_.eq.main.span"),
		uleb(3), name("belgi_app.__Paragraph_.github.com_maxence_charriere_go_app_v9_pkg_app.name"),
	)
	return section(0, name("name"), names)
}

func TestParse(t *testing.T) {
	mod, err := parse(testModule())
	if err != nil {
		t.Fatal(err)
	}
	if mod.imported != 1 || len(mod.bodies) != 3 || len(mod.bodies[0]) != 200 || len(mod.bodies[2]) != 150 || len(mod.data) < 1000 || len(mod.names) != 3 {
		t.Errorf("imported %d, %d bodies, %d bytes of data, names %v", mod.imported, len(mod.bodies), len(mod.data), mod.names)
	}
	for _, bad := range [][]byte{nil, []byte("\x00asm\x02\x00\x00\x00"), testModule()[:40], append(testModule(), 10, 0xff)} {
		if _, err := parse(bad); err == nil {
			t.Errorf("parse(% x) accepted", bad)
		}
	}
}

func TestPackagesOf(t *testing.T) {
	p := newPackages([]string{"belgi/app", "belgi/annotations", "belgi/annotations/brat", "github.com/maxence-charriere/go-app/v9/pkg/app", "golang.org/x/text/language", "vendor/golang.org/x/net/idna"})
	for sym, want := range map[string]string{
		"belgi_app.__State_.swap":         "belgi/app",
		"belgi_annotations_brat.readConf": "belgi/annotations/brat",
		"belgi_annotations.Index.Rune":    "belgi/annotations",
		"belgi_app.__Paragraph_.github.com_maxence_charriere_go_app_v9_pkg_app.name": "belgi/app",
		"github.com_maxence_charriere_go_app_v9_pkg_app.__htmlTr_.getDispatcher":     "github.com/maxence-charriere/go-app/v9/pkg/app",
		"golang.org_x_text_language.Parse":                                           "golang.org/x/text/language",
		"vendor_golang.org_x_net_idna.ToASCII":                                       "vendor/golang.org/x/net/idna",
		"main.main":                                                                  "main",
		"type_.eq.belgi_app.span":                                                    "(linker)",
		"wasm_pc_f_loop":                                                             "(linker)",
		"belgi_apps.Foo":                                                             "(linker)",
	} {
		if got := p.of(sym); got != want {
			t.Errorf("of(%q) = %q, want %q", sym, got, want)
		}
	}
}

func TestReport(t *testing.T) {
	var b strings.Builder
	pkgs := newPackages([]string{"belgi/app", "github.com/maxence-charriere/go-app/v9/pkg/app"})
	if err := report(&b, testModule(), pkgs, 100); err != nil {
		t.Fatal(err)
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{
		"code of 3 functions: 353 bytes; data: 1000 bytes",
		" github.com/maxence-charriere/go-app/v9/pkg/app 200 56.7% ",
		" belgi/app 150 42.5% ",
		" 1 packages under 100 bytes each 3 0.8% ",
		" go-app v9 200 56.7% ",
		" belgi/app, belgi/wasm (the UI) 150 42.5% ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, b.String())
		}
	}
	if err := report(&b, unnamedModule(), pkgs, 100); err == nil || !strings.Contains(err.Error(), "without -s") {
		t.Errorf("a module without names: %v", err)
	}
}
