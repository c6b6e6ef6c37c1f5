// Package batch prepares annotation batches from a crawl: it reads page
// dumps, saved HTML, JSONL and WARC files, cleans each page with package
// clean, tells its language with package langid, filters by language and
// keyword, drops exact and near-duplicates, draws a stratified sample,
// pre-annotates with a gazetteer and packs the result into gold files for
// annotators, with a report of what each step did.
//
// The steps are plain functions and types so that any engine can run them:
// Prepare (clean, language, filters, fingerprint) is pure and runs on many
// cores at once; a Deduper, a Sampler and a Packer consume documents one at
// a time in input order. Run wires them together on one machine, streaming:
// memory holds the documents in flight, the duplicate index (a few hundred
// bytes a kept document; the peak heap measured grows by about 1.2 KB per
// kept document) and the sample, never the corpus. The Beam module in
// ../beam runs the same functions on a cluster.
//
// Input order is the order of the input arguments, each folder walked in
// lexical order, records in file order. "Earliest" means first in that
// order: of a group of duplicates the first is kept, and every later one is
// recorded as a duplicate of it.
package batch
