//go:build !wasm

package main

import (
	"flag"
	"fmt"
	"os"

	"belgi/server"
)

func init() {
	commands["site"] = command{summary: "write the app as a folder for a static host", run: runSite}
}

func runSite(args []string) error {
	fs := flag.NewFlagSet("site", flag.ContinueOnError)
	out := fs.String("out", "site", "write the site to `DIR` (empty, or a site written before)")
	prefix := fs.String("prefix", "/", "the URL `PATH` the host serves the folder under, such as /belgi/")
	web := fs.String("web", "web", "folder holding the built app.wasm and the static files")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := server.WriteSite(*out, *web, version, *prefix); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "belgi %s: wrote %s for %s\n", version, *out, *prefix)
	return nil
}
