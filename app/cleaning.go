package app

import (
	"errors"
	"fmt"

	"belgi/annotations"
	"belgi/clean"
	"belgi/ingest"

	"golang.org/x/text/language"
)

// SetKeep keeps or removes input lines of a cleaned document, as one step.
// Spans on removed text are deleted first, with what hangs on them, only
// when confirm agrees; the returned count says how many went. The
// operation records the decisions, not the document (annotations.OpReclean).
func (s *State) SetKeep(id string, lines []int, keep bool, confirm func(lost []annotations.Span) bool) (int, error) {
	d := s.WS.Document(id)
	if d == nil || d.Cleaning == nil {
		return 0, fmt.Errorf("document %q has no cleaning record", id)
	}
	decisions := append([]clean.Line(nil), d.Cleaning.Lines...)
	rc := &annotations.Recleaning{}
	for _, i := range lines {
		if i < 0 || i >= len(decisions) {
			return 0, fmt.Errorf("document %q has no line %d", id, i)
		}
		decisions[i].Keep = keep
		rc.Lines = append(rc.Lines, annotations.LineKeep{Line: i, Keep: keep})
	}
	nd, lost, err := d.Reclean(decisions)
	if err != nil {
		return 0, err
	}
	if len(lost) > 0 && !confirm(lost) {
		return 0, errCancelled
	}
	ingest.DetectLanguages(nd)
	rc.Language, rc.LanguageSource, rc.Paragraphs = nd.Language, nd.LanguageSource, nd.Paragraphs
	var ids []string
	for _, sp := range lost {
		ids = append(ids, sp.ID)
	}
	var ops []annotations.Op
	if len(ids) > 0 {
		ops = d.RemoveOps(ids...)
	}
	if err := s.Do(append(ops, annotations.Op{Kind: annotations.OpReclean, Doc: id, Reclean: rc})...); err != nil {
		return 0, err
	}
	s.Selected = ""
	return len(lost), nil
}

// SetLanguage corrects the language of a document, or of the paragraph
// starting at para when para >= 0. The correction is marked manual.
func (s *State) SetLanguage(id string, para int, tag string) error {
	if s.WS.Document(id) == nil {
		return fmt.Errorf("no document %q", id)
	}
	if _, err := language.Parse(tag); err != nil {
		return fmt.Errorf("%q is not a language tag", tag)
	}
	err := s.Do(annotations.Op{Kind: annotations.OpSetLanguage, Doc: id, Language: &annotations.LanguageTag{Para: para, Tag: tag, Source: "manual"}})
	if errors.Is(err, annotations.ErrNotFound) {
		return fmt.Errorf("document %q has no paragraph at %d", id, para)
	}
	return err
}
