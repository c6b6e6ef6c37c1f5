package agree

// How each measure is computed, shown next to the numbers (Measure.How,
// Coding.How) and collected in MEASURES.md. Offsets are code points.
const (
	howExact        = "Pairs of spans with the same label and the same code points (every fragment of a discontinuous span) are matched one to one; F1 = 2·matched / (spans of A + spans of B). Pooled over documents by adding the counts; over several annotators, the mean over pairs with its standard deviation. Spans that are an event's trigger are scored under events. Nested and overlapping spans are all kept: each is a unit of its own."
	howOverlap      = "As exact-match F1, but a span also matches a span of the other annotator with the same label that shares at least one code point (brateval's overlap). Exact matches are paired first, then the largest overlaps, each span at most once."
	howAnyLabel     = "As exact-match F1, but the labels are ignored: the same code points with any label match."
	howAlphaU       = "Krippendorff's (1995) α_U as INCEpTION and DKPro Agreement compute it, over code points: per label, D_o from the squared misalignment of overlapping units and the squared length of units inside the other annotator's gap, D_e from the same units placed at random; α_U(label) = 1 − D_o/D_e and overall 1 − mean D_o / mean D_e over the labels; equal disagreements give 0. The continuum is the document (per document) or the pair's shared documents laid end to end (per pair). Each fragment of a discontinuous span is a unit. Overlapping units of one label and one annotator (which the formula cannot take, and INCEpTION silently drops) are dealt into layers that are compared layer by layer and averaged."
	howTokens       = "Cohen's κ over tokens (Belgi's tokenizer), IO tags: a token's tag is the label of the shortest span that overlaps it, O when none does; O–O tokens are included. p_o is the share of tokens with equal tags, p_e = Σ_k p_A(k)·p_B(k). Nested spans are reduced to their innermost; discontinuous spans tag only their fragments."
	howTrigger      = "Trigger identification: events match when their trigger spans cover the same code points, whatever the type; F1 as for spans."
	howTriggerType  = "Trigger classification: the same trigger span and the same event type."
	howArgument     = "Argument identification: an argument is (event type, filler span); arguments match when both are equal. A filler that is an event counts as its trigger's span. The arguments of a version are a set: a filler given twice counts once."
	howArgumentRole = "Argument classification: (event type, role, filler span) equal. A role filled several times is a set of fillers; per role figures in the label breakdown."
	howAttribute    = "Cohen's κ per pair over the units both annotators have (spans with the same label and code points, events with the same type and trigger span) and whose label carries this attribute for someone; the value is the attribute's value, \"(set)\" for a binary attribute, \"(not set)\" when absent. Fleiss' κ over the units every annotator has, Krippendorff's α (nominal) over the units two or more have."
	howDocLabel     = "Cohen's κ per pair over the documents both annotated: the label is \"(set)\" or \"(not set)\" on each; Fleiss' κ over documents every annotator annotated; Krippendorff's α (nominal) over documents two or more annotated."
)
