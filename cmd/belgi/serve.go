//go:build !wasm

package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"belgi/server"
)

// version is set at build time to the git hash.
var version = "dev"

func init() {
	commands["serve"] = command{summary: "serve the app (default 127.0.0.1:8000)", run: runServe}
}

func runServe(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8000", "listen on `HOST:PORT`")
	web := fs.String("web", "web", "folder holding app.wasm and the static files")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*web, "app.wasm")); err != nil {
		return fmt.Errorf("%s has no app.wasm: run 'make build' first", *web)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "belgi %s: serving http://%s\n", version, ln.Addr())
	if err := server.NewServer(*web, version).Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
