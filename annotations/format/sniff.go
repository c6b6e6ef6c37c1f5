package format

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"

	"belgi/annotations"
	"belgi/annotations/conll"
)

// Sniff tells the format of a text file from its name and its first bytes
// (a few kilobytes are enough; the whole file is best for CoNLL's scheme):
// the name of a format, or "json" for gold JSON, or "text" for plain text.
// JSON formats are told apart by the keys of their first records; a JSON
// record with a "text" and nothing that tells is doccano's, which keeps the
// text as it is. CASE subtask 4 is token-per-line IOB2 with SAMPLE_START
// lines; the same layout in another scheme is CoNLL.
func Sniff(name string, data []byte) string {
	f := sniff(name, data)
	if f == "case" {
		head := bytes.TrimLeft(data, "\ufeff \t\r\n")
		if !bytes.HasPrefix(head, []byte("{")) && !bytes.HasPrefix(head, []byte("[")) && DetectScheme(data, strings.ToLower(path.Ext(name))) != conll.IOB2 {
			return "conll"
		}
	}
	return f
}

func sniff(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	switch {
	case len(head) > 0 && (head[0] == '{' || head[0] == '['):
		if k := sniffJSON(head); k != "" {
			return k
		}
	case bytes.HasPrefix(head, []byte("<")):
		if bytes.Contains(head[:min(len(head), 4096)], []byte("<FoLiA")) {
			return "folia"
		}
	}
	first := head
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	switch {
	case bytes.HasPrefix(first, []byte("SAMPLE_START")):
		return "case"
	case bytes.HasPrefix(first, []byte("-DOCSTART-")):
		return "conll"
	}
	switch ext {
	case ".conll", ".conllu", ".conll03", ".iob", ".iob1", ".iob2", ".bio", ".bioes", ".iobes", ".bilou", ".tsv":
		if bytes.Contains(data, []byte("\nSAMPLE_START\t")) {
			return "case"
		}
		return "conll"
	case ".jsonl", ".ndjson":
		return "doccano"
	case ".json":
		return "json"
	case ".xml":
		return "folia" // the reader says why it is not FoLiA
	}
	return "text"
}

// sniffJSON tells the JSON formats apart by the keys of their first
// records.
func sniffJSON(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	array := data[0] == '['
	if array {
		if _, err := dec.Token(); err != nil {
			return ""
		}
	}
	for n := 0; n < 20; n++ {
		if array && !dec.More() {
			break
		}
		var rec map[string]json.RawMessage
		if err := dec.Decode(&rec); err != nil {
			break
		}
		if k := recordKind(rec, !array && n == 0); k != "" {
			return k
		}
		if rec["text"] != nil {
			// Text and nothing that tells: read as doccano, which
			// keeps the text as it is.
			return "doccano"
		}
	}
	return ""
}

func recordKind(rec map[string]json.RawMessage, whole bool) string {
	first := func(key string) byte {
		v := bytes.TrimSpace(rec[key])
		if len(v) > 0 && v[0] == '[' {
			v = bytes.TrimSpace(v[1:])
		}
		if len(v) == 0 {
			return 0
		}
		return v[0]
	}
	has := func(keys ...string) bool {
		for _, k := range keys {
			if rec[k] != nil {
				return true
			}
		}
		return false
	}
	var format string
	json.Unmarshal(rec["format"], &format)
	switch {
	case whole && (format == annotations.FormatName || has("documents") && has("schema")):
		return "json"
	case rec["data"] != nil:
		if v := bytes.TrimSpace(rec["data"]); len(v) > 0 && v[0] == '"' {
			return "doccano" // before doccano 1.0
		}
		return "labelstudio"
	case has("annotations", "predictions"):
		return "labelstudio"
	case first("cats") != 0 && bytes.HasPrefix(bytes.TrimSpace(rec["cats"]), []byte("[")):
		return "doccano" // intent detection: cats a list, where spaCy has an object
	case has("sentences", "sentence_no", "event_clusters", "sentence"):
		return "case"
	case has("tokens", "spans", "_input_hash", "_task_hash", "answer", "cats", "paragraphs"):
		return "spacy"
	}
	switch first("entities") {
	case '[':
		return "spacy"
	case '{':
		return "doccano"
	}
	if first("relations") == '{' {
		var rels []map[string]json.RawMessage
		if json.Unmarshal(rec["relations"], &rels) == nil && len(rels) > 0 {
			if rels[0]["from_id"] != nil {
				return "doccano"
			}
			if rels[0]["head"] != nil || rels[0]["child"] != nil {
				return "spacy"
			}
		}
	}
	if l := bytes.TrimSpace(rec["label"]); len(l) > 0 {
		switch c := l[0]; {
		case c == '[':
			return "doccano"
		case c == '-' || c >= '0' && c <= '9':
			return "case"
		}
	}
	return ""
}

// DetectScheme tells the tagging scheme of a token-per-line file from its
// extension (lower case, with its dot) and its tags: BIOES when a tag has an E-, S-, L- or U- prefix,
// IOB1 when more entities start with I- than with B-, IOB2 otherwise.
func DetectScheme(data []byte, ext string) conll.Scheme {
	switch ext {
	case ".bioes", ".iobes", ".bilou":
		return conll.BIOES
	case ".iob1":
		return conll.IOB1
	}
	prevType := ""
	iStarts, bStarts := 0, 0
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimRight(line, " \t\r")
		i := bytes.LastIndexAny(line, " \t")
		if i < 0 {
			prevType = ""
			continue
		}
		tag := string(line[i+1:])
		if len(tag) < 3 || (tag[1] != '-' && tag[1] != '_') {
			prevType = ""
			continue
		}
		typ := tag[2:]
		switch tag[0] {
		case 'E', 'S', 'L', 'U':
			return conll.BIOES
		case 'I':
			if typ != prevType {
				iStarts++
			}
		case 'B':
			if typ != prevType {
				bStarts++
			}
		}
		prevType = typ
	}
	if iStarts > bStarts {
		return conll.IOB1
	}
	return conll.IOB2
}
