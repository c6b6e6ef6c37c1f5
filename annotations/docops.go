package annotations

import (
	"strings"

	"belgi/clean"

	"golang.org/x/text/language"
)

// setLabels sets the document-level labels; none clears them.
func (d *Document) setLabels(op Op) (Op, error) {
	old := d.Labels
	d.Labels = append([]string(nil), op.Labels...)
	return Op{Kind: OpSetLabels, Doc: d.ID, Labels: old}, nil
}

// setLanguage sets the language of d, or of its paragraph that starts at
// op.Language.Para.
func (d *Document) setLanguage(op Op) (Op, error) {
	l := *op.Language
	if _, err := language.Parse(l.Tag); err != nil {
		return Op{}, refuse(op.Kind, d.ID, "", ErrInvalid, "%q is not a BCP 47 tag", l.Tag)
	}
	if l.Para < 0 {
		if l.Source != "" && l.Source != "auto" && l.Source != "manual" {
			return Op{}, refuse(op.Kind, d.ID, "", ErrInvalid, "language source %q is not \"auto\" or \"manual\"", l.Source)
		}
		back := LanguageTag{Para: -1, Tag: d.Language, Source: d.LanguageSource}
		d.Language, d.LanguageSource = l.Tag, l.Source
		return Op{Kind: OpSetLanguage, Doc: d.ID, Language: &back}, nil
	}
	if l.Source != "auto" && l.Source != "manual" {
		return Op{}, refuse(op.Kind, d.ID, "", ErrInvalid, "a paragraph's language source is \"auto\" or \"manual\", not %q", l.Source)
	}
	for i, p := range d.Paragraphs {
		if p.Start != l.Para {
			continue
		}
		back := LanguageTag{Para: p.Start, Tag: p.Language, Source: p.Source, Confidence: p.Confidence}
		paras := append([]ParagraphLanguage(nil), d.Paragraphs...)
		paras[i].Language, paras[i].Source, paras[i].Confidence = l.Tag, l.Source, l.Confidence
		d.Paragraphs = paras
		return Op{Kind: OpSetLanguage, Doc: d.ID, Language: &back}, nil
	}
	return Op{}, refuse(op.Kind, d.ID, "", ErrNotFound, "it has no paragraph at %d", l.Para)
}

// reclean applies new keep decisions to document op.Doc: a new document
// with the new text takes its place, its annotations moved onto that text
// and its languages set from the payload. It refuses when spans lie on
// text the decisions remove: those are removed first, by operations of
// their own (Document.RemoveOps), so that undo brings them back.
func (w *Workspace) reclean(op Op) (Op, error) {
	d, err := w.target(op)
	if err != nil {
		return Op{}, err
	}
	if d.Cleaning == nil {
		return Op{}, refuse(op.Kind, d.ID, "", ErrInvalid, "it was not cleaned")
	}
	rc := op.Reclean
	lines := append([]clean.Line(nil), d.Cleaning.Lines...)
	back := Recleaning{Language: d.Language, LanguageSource: d.LanguageSource, Paragraphs: d.Paragraphs}
	for _, l := range rc.Lines {
		if l.Line < 0 || l.Line >= len(lines) {
			return Op{}, refuse(op.Kind, d.ID, "", ErrNotFound, "it has no input line %d", l.Line)
		}
		back.Lines = append(back.Lines, LineKeep{Line: l.Line, Keep: d.Cleaning.Lines[l.Line].Keep})
		lines[l.Line].Keep = l.Keep
	}
	nd, lost, err := d.Reclean(lines)
	if err != nil {
		return Op{}, refuse(op.Kind, d.ID, "", ErrInvalid, "%v", err)
	}
	if len(lost) > 0 {
		ids := make([]string, len(lost))
		for i, s := range lost {
			ids[i] = s.ID
		}
		return Op{}, refuse(op.Kind, d.ID, ids[0], ErrInUse, "spans %s lie on the text it removes; remove them first", strings.Join(ids, ", "))
	}
	nd.Language, nd.LanguageSource = rc.Language, rc.LanguageSource
	nd.Paragraphs = append([]ParagraphLanguage(nil), rc.Paragraphs...)
	if probs := validateDocument(nd, &w.Schema); hasError(probs) {
		return Op{}, invalid(op.Kind, d.ID, probs)
	}
	w.swap(w.index(d.ID), nd)
	return Op{Kind: OpReclean, Doc: d.ID, Reclean: &back}, nil
}
