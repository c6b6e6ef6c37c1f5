package batch

import "time"

// A Record is one page as read from the input, before any step.
type Record struct {
	// Seq is the record's position in input order, from 0.
	Seq int64
	// Key names the record stably: the file path as given or found, with
	// "#N" for the Nth record (from 1) of a WARC or JSONL file. A
	// document's ID is derived from it.
	Key string
	// Source is the page's URL when the input records it (for JSONL
	// without a URL, the file and the line's "id"), else Key.
	Source string
	// Date is when the page was published or fetched; zero when unknown.
	Date time.Time
	Data []byte
	// HTML is set when the input says the page is HTML (file extension,
	// JSONL html field, HTTP Content-Type); other pages are sniffed.
	HTML bool
	// ContentType is the container's declared Content-Type, if any.
	ContentType string
	// Reject is set when the record could not be read, with Detail.
	Reject, Detail string
}
