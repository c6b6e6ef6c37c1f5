// Package corpus writes test corpora for package batch: a small example
// corpus from the demo texts, and large synthetic corpora from real pages
// for the benchmarks, each with injected duplicates and bad input of known
// counts.
package corpus

import (
	"compress/gzip"
	"fmt"
	"io"
	"time"
)

// A WARCWriter writes WARC/1.0 response records, each as its own gzip
// member, as crawlers write .warc.gz files.
type WARCWriter struct {
	w io.Writer
	n int
	// Level is the gzip level of the records (gzip.DefaultCompression when 0).
	Level int
}

// NewWARCWriter returns a writer to w, with a warcinfo record first.
func NewWARCWriter(w io.Writer) (*WARCWriter, error) {
	ww := &WARCWriter{w: w}
	return ww, ww.record("warcinfo", "", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "application/warc-fields", []byte("software: belgi corpus\r\n"), false)
}

// Response writes an HTTP response record for url fetched at date.
func (ww *WARCWriter) Response(url string, date time.Time, contentType string, body []byte) error {
	http := fmt.Appendf(nil, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))
	return ww.record("response", url, date, "application/http; msgtype=response", append(http, body...), false)
}

// Request writes a request record, which readers skip.
func (ww *WARCWriter) Request(url string, date time.Time) error {
	return ww.record("request", url, date, "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\n\r\n"), false)
}

// Truncated writes a response record cut short: its Content-Length
// promises more than follows. Nothing can follow it.
func (ww *WARCWriter) Truncated(url string, date time.Time, body []byte) error {
	return ww.record("response", url, date, "application/http; msgtype=response", body, true)
}

func (ww *WARCWriter) record(typ, url string, date time.Time, ct string, block []byte, cut bool) error {
	ww.n++
	n := len(block)
	if cut {
		block = block[:n/2]
	}
	level := ww.Level
	if level == 0 {
		level = gzip.DefaultCompression
	}
	gz, err := gzip.NewWriterLevel(ww.w, level)
	if err != nil {
		return err
	}
	fmt.Fprintf(gz, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\nWARC-Date: %s\r\n", typ, ww.n, date.UTC().Format(time.RFC3339))
	if url != "" {
		fmt.Fprintf(gz, "WARC-Target-URI: %s\r\n", url)
	}
	fmt.Fprintf(gz, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ct, n)
	gz.Write(block)
	if !cut {
		io.WriteString(gz, "\r\n\r\n")
	}
	return gz.Close()
}
