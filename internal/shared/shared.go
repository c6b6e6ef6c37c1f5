// Package shared locates the read-only ../shared folder that sits beside the
// repository in development and CI. Tests that need it skip when it is absent,
// so a fresh clone still passes.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the path of the shared folder, or "" when there is none.
// BELGI_SHARED overrides the default of ../shared next to the module root.
func Root() string {
	if d := os.Getenv("BELGI_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(filepath.Dir(dir), "shared")
			if fi, err := os.Stat(d); err == nil && fi.IsDir() {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Dir returns the path of sub inside the shared folder, and skips tb with a
// clear message when that folder is absent.
func Dir(tb testing.TB, sub string) string {
	tb.Helper()
	root := Root()
	if root == "" {
		tb.Skip("../shared is absent: skipping a test that needs shared data")
	}
	d := filepath.Join(root, sub)
	if _, err := os.Stat(d); err != nil {
		tb.Skipf("../shared/%s is absent: skipping a test that needs it", sub)
	}
	return d
}
