// Package recommend is a sequence labeller for entity spans that learns from
// a person's own labels, in the browser: it trains, suggests and evaluates
// itself in pure Go, with no server, and nothing it reads leaves the
// machine.
//
// # The model
//
// An averaged structured perceptron (Collins 2002) over BIO tags with
// first-order transitions, decoded by Viterbi with I of a label allowed only
// after B or I of that label. It was chosen over a linear-chain CRF because
// its weights stay sparse (a feature gets a weight only for the tags it was
// wrong about, where a CRF's gradient touches every tag), so that a model of
// 100,000 tokens trains in seconds and fits in a few megabytes; on KazNERD
// it reaches the F1 of the published CRF baseline (see README.md and
// recommend/internal/curve). Confidences and uncertainty read the scores as
// a CRF would, by forward-backward at a temperature fitted on held-out
// folds.
//
// The features of a token, suited to Kazakh and Russian: its lower-cased
// form (without stress marks, ё as е), its prefixes and suffixes of 1 to 5
// letters (Kazakh is agglutinative: "Астанада", "Қазақстанның"), its shape
// ("Xx", "d-x"), script and Kazakh-only letters, capitals, digits, hyphens
// and length; the two words before and after it, their shapes and
// suffixes, and word bigrams; and a gazetteer of the strings the person
// labelled (the token starts or continues one, with its label, or begins
// with a one-word string and goes on for a case ending). While the trainer
// reads a sentence, that sentence's own spans are left out of the
// gazetteer, or the model would learn to trust it blindly.
//
// # What it learns from, and what it cannot
//
// Split cuts a document into sentences with package tokenize and places
// every span on the tokens. Nested spans are learnt: the top layer tags the
// spans that no other holds, and a second layer, with its own weights, tags
// the tokens of each span for the spans directly inside it (knowing the
// enclosing label), recursively; suggestions go MaxDepth layers deep. What it
// cannot learn, each counted in Coverage and never dropped silently:
//
//   - a span that crosses another (overlaps it without either holding the
//     other): the one that starts first, then the longer, is learnt;
//   - a span with the same extent as another of another label: the label
//     first in byte order is learnt (an exact duplicate is learnt once);
//   - a discontinuous span;
//   - a span that starts or ends inside a token, or runs across a sentence
//     end.
//
// The person's documents are partly labelled, so the trainer learns only
// from the sentences it is given: an app gives it the sentences a person has
// looked at (Sentence.Labelled), or whole documents marked done. Within a
// sentence every token outside a span is taken to be outside every span. A
// rejected suggestion is negative evidence: its sentence is learnt from, and
// while the model scores that span within a margin of the person's tags the
// trainer pushes it down (a cost-augmented perceptron update).
//
// # Working in the browser
//
// Trainer.Step does a bounded amount of work (a number of tokens), so a page
// trains in slices between frames or in a worker; Trainer.Set replaces one
// document's sentences as the person labels, and training goes on from the
// weights it has. Trainer.Model takes a fixed Model to suggest with
// (Model.Suggest, with confidences), to order documents and sentences by
// uncertainty (Model.Uncertainty), and to save (Model.MarshalBinary,
// Decode). CrossValidation is k-fold cross-validation on the person's
// sentences, also in steps: precision, recall and exact-match F1 per label
// and overall, so an app shows them and suggests a label only above a
// threshold.
package recommend
