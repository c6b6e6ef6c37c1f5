package batch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
)

// ErrTruncated reports a WARC record whose content ends before its
// Content-Length.
var ErrTruncated = errors.New("truncated WARC record")

// errNotWARC reports a file that does not start with a WARC version line.
var errNotWARC = errors.New("not a WARC record")

// maxRecord bounds the content of one WARC record that is read into memory;
// longer ones are skipped (pages are never that long).
const maxRecord = 64 << 20

// A warcRecord is one WARC record: its named header fields and its content
// block.
type warcRecord struct {
	Header  textproto.MIMEHeader
	Content []byte
}

// A warcReader reads WARC/1.0 and WARC/1.1 records one at a time (ISO
// 28500). It does not decompress: wrap a .warc.gz file in a gzip.Reader,
// which reads every member of a multi-member file.
type warcReader struct {
	r *bufio.Reader
}

func newWARCReader(r io.Reader) *warcReader {
	return &warcReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// Next returns the next record, io.EOF at the end, ErrTruncated when the
// input ends inside a record, or another error for a malformed header
// (after which the reader cannot resynchronise).
func (w *warcReader) Next() (*warcRecord, error) {
	// Skip the blank lines between records.
	var line string
	for {
		l, err := w.r.ReadString('\n')
		if err != nil && (err != io.EOF || l == "") {
			if err == io.EOF {
				return nil, io.EOF
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, ErrTruncated
			}
			return nil, err
		}
		if t := strings.TrimRight(l, "\r\n"); t != "" {
			line = t
			break
		}
		if err == io.EOF {
			return nil, io.EOF
		}
	}
	if !strings.HasPrefix(line, "WARC/") {
		return nil, errNotWARC
	}
	h, err := textproto.NewReader(w.r).ReadMIMEHeader()
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, ErrTruncated
		}
		return nil, fmt.Errorf("WARC header: %w", err)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("WARC header: bad Content-Length %q", h.Get("Content-Length"))
	}
	if n > maxRecord {
		if _, err := io.CopyN(io.Discard, w.r, n); err != nil {
			return nil, ErrTruncated
		}
		return &warcRecord{Header: h}, nil
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(w.r, b); err != nil {
		return nil, ErrTruncated
	}
	return &warcRecord{Header: h, Content: b}, nil
}

// httpBody splits an HTTP response (the content of a WARC response record)
// into its Content-Type and body. Without a status line the whole block is
// the body.
func httpBody(b []byte) (contentType string, body []byte) {
	if !bytes.HasPrefix(b, []byte("HTTP/")) {
		return "", b
	}
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(b)))
	if _, err := r.ReadLine(); err != nil {
		return "", nil
	}
	h, err := r.ReadMIMEHeader()
	if err != nil && !errors.Is(err, io.EOF) {
		return "", nil
	}
	i := bytes.Index(b, []byte("\r\n\r\n"))
	j := 4
	if k := bytes.Index(b, []byte("\n\n")); k >= 0 && (i < 0 || k < i) {
		i, j = k, 2
	}
	if i < 0 {
		return h.Get("Content-Type"), nil
	}
	return h.Get("Content-Type"), b[i+j:]
}
