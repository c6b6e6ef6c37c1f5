//go:build !wasm

// Package innertext makes the visible-text dumps of saved pages that the
// cleaning eval scores, as a person copying a page from a browser would get
// them: each page is opened in headless chromium from a file server on
// 127.0.0.1, with JavaScript off and every other request (images, styles,
// anything off the machine) failed, and document.body.innerText is read.
//
// Dumps are cached outside the repository, one file per page named by the
// SHA-256 of the page's bytes, so that pages nobody may ship never end up in
// the project and a page renders once.
package innertext

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// How is the one-line account of how the dumps are made, for reports.
const How = "headless chromium, document.body.innerText; page served from 127.0.0.1, JavaScript off, every other request failed (so no external CSS, images or network)"

// DefaultDir is the cache folder: $XDG_CACHE_HOME/belgi/innertext, or the
// user cache folder of the system.
func DefaultDir() string {
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		var err error
		if base, err = os.UserCacheDir(); err != nil {
			base = os.TempDir()
		}
	}
	return filepath.Join(base, "belgi", "innertext")
}

// Key names a page's dump: the hex SHA-256 of its bytes.
func Key(page []byte) string {
	h := sha256.Sum256(page)
	return hex.EncodeToString(h[:])
}

// Get returns the cached dump of page from dir.
func Get(dir string, page []byte) (string, bool) {
	b, err := os.ReadFile(filepath.Join(dir, Key(page)+".txt"))
	return string(b), err == nil
}

// Chromium returns the path of the chromium binary: $BELGI_CHROMIUM, or
// chromium on PATH, or "" when there is none.
func Chromium() string {
	if p := os.Getenv("BELGI_CHROMIUM"); p != "" {
		return p
	}
	for _, n := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// Render writes the dump of every page not yet in dir and returns how many
// it rendered. logf, if not nil, is told of each page that failed; a page
// that fails is left out and the others go on.
func Render(ctx context.Context, chromium, dir string, pages [][]byte, logf func(string, ...any)) (int, error) {
	var todo [][]byte
	for _, p := range pages {
		if _, ok := Get(dir, p); !ok {
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return 0, nil
	}
	if chromium == "" {
		return 0, errors.New("no chromium to render page dumps with (set BELGI_CHROMIUM)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
		if err != nil || i < 0 || i >= len(todo) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(todo[i])
	})}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/p/"

	profile, err := os.MkdirTemp("", "belgi-innertext-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("blink-settings", "scriptEnabled=false,imagesEnabled=false"),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// Names resolve to nothing but this machine: no request leaves it
		// even if one slipped past the interception below.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		return 0, fmt.Errorf("starting chromium: %v", err)
	}
	done := 0
	for i, p := range todo {
		text, err := dump(bctx, base+strconv.Itoa(i))
		if err != nil {
			if logf != nil {
				logf("innertext: page %s: %v", Key(p)[:12], err)
			}
			continue
		}
		tmp := filepath.Join(dir, Key(p)+".tmp")
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			return done, err
		}
		if err := os.Rename(tmp, filepath.Join(dir, Key(p)+".txt")); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}

// innerText reads the page's visible text. With JavaScript off, chromium
// shows <noscript> content that a person with JavaScript on never sees: it
// is removed first.
const innerText = `(() => {
	document.querySelectorAll("noscript").forEach(n => n.remove());
	return document.body ? document.body.innerText : "";
})()`

// dump opens url in a new tab, failing every request but the page itself,
// and returns the body's innerText.
func dump(bctx context.Context, url string) (string, error) {
	tab, cancel := chromedp.NewContext(bctx)
	defer cancel()
	tab, cancelTime := context.WithTimeout(tab, 30*time.Second)
	defer cancelTime()
	if err := chromedp.Do(tab); err != nil {
		return "", err
	}
	paused := chromedp.Events(tab, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if ev.Request.URL == url && ev.ResourceType == network.ResourceTypeDocument {
				chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			} else {
				chromedp.Call(tab, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
			}
		}
	}()
	if _, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		return "", err
	}
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return "", err
	}
	return chromedp.Run(tab, chromedp.Evaluate[string](innerText))
}
