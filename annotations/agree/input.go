package agree

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"belgi/annotations"
)

// Errors that stop a comparison; Compute wraps them with the details.
var (
	ErrOneAnnotator = errors.New("agreement needs two or more annotators")
	ErrNoSharedText = errors.New("no text was annotated by two or more annotators")
	ErrTwoVersions  = errors.New("an annotator has two versions of one text")
)

// A Version is one annotator's annotations of one text.
type Version struct {
	Annotator string // "" is shown as annotations.Unknown
	Doc       *annotations.Document
}

// A Text is one text and its annotators' versions, which share the
// SHA-256 of the text. Versions are matched by that hash only, never by
// id, title or file name.
type Text struct {
	Name     string // how it is shown: the source file name without extension, else the id
	SHA256   string
	Versions []Version
}

// Group sorts versions into texts by the SHA-256 of their text, in the
// order the texts first appear. Each annotator may have one version of a
// text; a second is an error wrapping ErrTwoVersions.
func Group(vs []Version) ([]Text, error) {
	var texts []Text
	at := map[string]int{}
	for _, v := range vs {
		if v.Doc == nil {
			continue
		}
		if v.Annotator == "" {
			v.Annotator = annotations.Unknown
		}
		h := annotations.Hash(v.Doc.Text)
		i, ok := at[h]
		if !ok {
			i = len(texts)
			at[h] = i
			texts = append(texts, Text{Name: DocName(v.Doc), SHA256: h})
		}
		for _, w := range texts[i].Versions {
			if w.Annotator == v.Annotator {
				return nil, fmt.Errorf("%w: %s has two versions of %q (documents %q and %q)", ErrTwoVersions, v.Annotator, texts[i].Name, w.Doc.ID, v.Doc.ID)
			}
		}
		texts[i].Versions = append(texts[i].Versions, v)
	}
	return texts, nil
}

// DocName is how a document is named in a report: its source file name
// without folder and extension, else its id.
func DocName(d *annotations.Document) string {
	if s := d.Source; s != "" && !strings.Contains(s, "://") {
		base := path.Base(strings.ReplaceAll(s, `\`, "/"))
		if n := strings.TrimSuffix(base, path.Ext(base)); n != "" && n != "." && n != "/" {
			return n
		}
	}
	if d.ID != "" {
		return d.ID
	}
	return annotations.Hash(d.Text)[:12]
}

// Options narrow a comparison.
type Options struct {
	// Labels, when not empty, keeps only spans with these labels, events of
	// these types, and attributes on them.
	Labels []string
	// Annotators fixes their order in the report (and which are compared);
	// empty means every annotator, in the order they first appear.
	Annotators []string
	// NoTokens leaves out token-level κ, which tokenizes every text: the
	// costliest step in the browser. Tokens is then undefined, saying so.
	NoTokens bool
}
