// Package devset reads the development pages in ../shared/cleaning-dev
// (Mozilla Readability's test pages with their maintainers' gold) and splits
// them, by a fixed rule, into a development part and a held-out part.
//
// The rule: order the page folders by the SHA-256 of their names, in hex;
// the first HeldOut of them are held out. The held-out pages were set aside
// before any cleaning rule was tuned on this set and are scored once, for
// the report; nothing is tuned after looking at them.
package devset

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// HeldOut is the number of pages in the held-out part.
const HeldOut = 30

// A Page is one test page.
type Page struct {
	Name    string // folder name
	Source  []byte // source.html, as saved
	Gold    string // the text of expected.html, one block a line
	Title   string // expected-metadata.json's title
	Byline  string // expected-metadata.json's byline
	HeldOut bool
}

// Split returns the folder names under dir, development part and held-out
// part, each sorted by name.
func Split(dir string) (dev, held []string, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	type named struct{ name, hash string }
	var all []named
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		h := sha256.Sum256([]byte(e.Name()))
		all = append(all, named{e.Name(), hex.EncodeToString(h[:])})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].hash < all[j].hash })
	for i, n := range all {
		if i < HeldOut {
			held = append(held, n.name)
		} else {
			dev = append(dev, n.name)
		}
	}
	sort.Strings(dev)
	sort.Strings(held)
	return dev, held, nil
}

// Load reads the pages named in names from dir.
func Load(dir string, names []string, heldOut bool) ([]Page, error) {
	var out []Page
	for _, n := range names {
		p := Page{Name: n, HeldOut: heldOut}
		var err error
		if p.Source, err = os.ReadFile(filepath.Join(dir, n, "source.html")); err != nil {
			return nil, err
		}
		exp, err := os.ReadFile(filepath.Join(dir, n, "expected.html"))
		if err != nil {
			return nil, err
		}
		p.Gold = Text(string(exp))
		var meta struct{ Title, Byline string }
		if b, err := os.ReadFile(filepath.Join(dir, n, "expected-metadata.json")); err == nil {
			json.Unmarshal(b, &meta)
		}
		p.Title, p.Byline = meta.Title, meta.Byline
		out = append(out, p)
	}
	return out, nil
}

var blocks = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`address article aside blockquote body br dd details div dl dt
		figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section
		table td th tr ul caption summary`) {
		blocks[t] = true
	}
}

// Text returns the text of an HTML fragment, one block a line, white space
// collapsed, without scripts and styles.
func Text(frag string) string {
	doc, err := html.Parse(strings.NewReader(frag))
	if err != nil {
		return ""
	}
	var lines []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			lines = append(lines, t)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			}
		}
		b := n.Type == html.ElementNode && blocks[n.Data]
		if b {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if b {
			flush()
		}
	}
	walk(doc)
	flush()
	return strings.Join(lines, "\n")
}
