// Package agree measures inter-annotator agreement between annotators'
// versions of the same texts: span F1 (exact and relaxed), Krippendorff's
// α_U, token-level Cohen's κ, event trigger and argument F1 at the ACE
// levels, and Cohen's κ, Fleiss' κ and Krippendorff's α on attributes and
// document labels; per pair, per document, per label and overall, with a
// diagnosis of every disagreement. MEASURES.md defines each measure; each
// also carries its definition as data (Measure.How).
//
// The package is pure Go: the app runs it in the browser and `belgi agree`
// on the command line, and both print the same numbers. Versions are
// grouped by the SHA-256 of their text (Group), then compared (Compute):
//
//	texts, err := agree.Group(versions)
//	report, err := agree.Compute(texts, agree.Options{})
//	json, err := report.JSON()
//
// Offsets are code points. A measure that cannot be computed is undefined
// (Score.OK false, with the reason in Score.Why), never NaN.
package agree
