package app

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"belgi/annotations"
)

// formatsSchema and formatsDocs are a small workspace with what formats
// trip over: CRLF line ends, emoji (astral, a ZWJ sequence and a flag),
// a span nested in another and a relation between them.
func formatsSchema() annotations.Schema {
	return annotations.Schema{
		Name:     "test",
		Entities: []annotations.EntityType{{Type: "GPE"}, {Type: "GROUP"}, {Type: "ORG"}},
		Relations: []annotations.RelationType{{Type: "part_of", Args: []annotations.RoleDef{
			{Role: "Arg1", Types: []string{"ORG"}}, {Role: "Arg2", Types: []string{"GROUP"}}}}},
	}
}

func formatsDocs(t *testing.T) []*annotations.Document {
	t.Helper()
	span := func(text, id, label, sub string) annotations.Span {
		i := strings.Index(text, sub)
		if i < 0 {
			t.Fatalf("%q not in %q", sub, text)
		}
		s := utf8.RuneCountInString(text[:i])
		return annotations.Span{ID: id, Label: label, Start: s, End: s + utf8.RuneCountInString(sub), Text: sub}
	}
	t1 := "Митинг в Алматы 👍\r\nПолиция задержала активистов «Oyan, Qazaqstan».\r\n👩‍⚖️ Суд скоро.\r\n"
	d1 := annotations.NewDocument("d1", "Митинг", "a.txt", t1)
	d1.Spans = []annotations.Span{
		span(t1, "T1", "GPE", "Алматы"),
		span(t1, "T2", "GROUP", "активистов «Oyan, Qazaqstan»"),
		span(t1, "T3", "ORG", "Oyan, Qazaqstan"), // nested in T2
	}
	d1.Relations = []annotations.Relation{{ID: "R1", Type: "part_of", Arguments: []annotations.Argument{{Role: "Arg1", Ref: "T3"}, {Role: "Arg2", Ref: "T2"}}}}
	t2 := "Астана 🇰🇿 тихо."
	d2 := annotations.NewDocument("d2", "Астана", "b.txt", t2)
	d2.Spans = []annotations.Span{span(t2, "T1", "GPE", "Астана")}
	docs := []*annotations.Document{d1, d2}
	if probs := annotations.Validate(annotations.NewFile(formatsSchema(), docs...)); len(probs) > 0 {
		t.Fatalf("test workspace: %v", probs)
	}
	return docs
}

// spanKeys lists a document's spans as comparable strings, with their
// offsets when exact, and otherwise by label and text without spaces
// (for CoNLL, which rebuilds the text from tokens).
func spanKeys(d *annotations.Document, exact bool) []string {
	var keys []string
	for _, s := range d.Spans {
		if exact {
			keys = append(keys, fmt.Sprintf("%s [%d,%d) %q", s.Label, s.Start, s.End, s.Text))
		} else {
			keys = append(keys, s.Label+" "+strings.ReplaceAll(s.Text, " ", ""))
		}
	}
	sort.Strings(keys)
	return keys
}

// relationKeys lists relations by type and the texts of their arguments.
func relationKeys(d *annotations.Document) []string {
	var keys []string
	for _, r := range d.Relations {
		k := r.Type
		for _, a := range r.Arguments {
			s, _ := d.Span(a.Ref)
			k += fmt.Sprintf(" %s=%q", a.Role, s.Text)
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestExportImportRoundTrip(t *testing.T) {
	tests := []struct {
		format    string
		exactText bool     // the text comes back byte for byte
		dropped   []string // span keys (inexact form) the format cannot hold
		relations bool     // relations come back
		lost      []string // substrings of lost lines, one each
	}{
		{format: "json", exactText: true, relations: true},
		{format: "brat", exactText: true, relations: true},
		{format: "conll", dropped: []string{"ORG Oyan,Qazaqstan"},
			lost: []string{"d1: T3: span \"Oyan, Qazaqstan\" overlaps span T2", "d1: R1: relation part_of not written", "d1: text not kept", "d2: text not kept"}},
		{format: "doccano", exactText: true, relations: true},
		{format: "labelstudio", exactText: true, relations: true},
		{format: "spacy", exactText: true, relations: true},
	}
	if len(tests) != len(ExportFormats) {
		t.Fatalf("%d formats tested, %d offered", len(tests), len(ExportFormats))
	}
	for i, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			if ExportFormats[i].ID != tt.format {
				t.Fatalf("format %d is %s, want %s", i, ExportFormats[i].ID, tt.format)
			}
			docs := formatsDocs(t)
			before, _ := annotations.Marshal(annotations.NewFile(formatsSchema(), docs...))
			name, data, lost, err := ExportAs(tt.format, formatsSchema(), docs)
			if err != nil {
				t.Fatal(err)
			}
			if after, _ := annotations.Marshal(annotations.NewFile(formatsSchema(), docs...)); !bytes.Equal(before, after) {
				t.Error("exporting changed the workspace's documents")
			}
			if !strings.HasPrefix(name, "belgi-") || !strings.HasSuffix(name, ExportFormats[i].Ext) {
				t.Errorf("file name %q", name)
			}
			if len(lost) != len(tt.lost) {
				t.Errorf("lost:\n%s\nwant %d lines", strings.Join(lost, "\n"), len(tt.lost))
			}
			for _, want := range tt.lost {
				found := false
				for _, l := range lost {
					found = found || strings.Contains(l, want)
				}
				if !found {
					t.Errorf("lost does not say %q:\n%s", want, strings.Join(lost, "\n"))
				}
			}

			got, schema, results := ImportFiles([]File{{Name: name, Data: data}})
			if len(results) != 1 {
				t.Fatalf("%d results", len(results))
			}
			r := results[0]
			if tt.format == "json" {
				// Gold JSON is State.Import's: routed, not read.
				if !errors.Is(r.Err, ErrUseAddFile) || r.Format != "json" || len(got) != 0 {
					t.Fatalf("gold JSON: %+v, %d docs", r, len(got))
				}
				f, err := annotations.Decode(data)
				if err != nil {
					t.Fatal(err)
				}
				got = f.Documents
			} else {
				if r.Err != nil || r.Format != tt.format || r.Docs != len(docs) || r.Docs != len(got) {
					t.Fatalf("result %+v, %d docs", r, len(got))
				}
				spans := 0
				for _, d := range got {
					spans += len(d.Spans)
				}
				if r.Spans != spans {
					t.Errorf("result counts %d spans, documents hold %d", r.Spans, spans)
				}
				for _, e := range []string{"GPE", "GROUP"} {
					if _, ok := schema.Entity(e); !ok {
						t.Errorf("schema lacks %s: %+v", e, schema.Entities)
					}
				}
			}
			ids := map[string]bool{}
			for k, d := range got {
				if ids[d.ID] {
					t.Errorf("duplicate id %s", d.ID)
				}
				ids[d.ID] = true
				want := docs[k]
				if tt.exactText && d.Text != want.Text {
					t.Errorf("doc %d text %q, want %q", k, d.Text, want.Text)
				}
				if !tt.exactText && strings.Join(strings.Fields(d.Text), "") != strings.Join(strings.Fields(want.Text), "") {
					t.Errorf("doc %d text %q, want the tokens of %q", k, d.Text, want.Text)
				}
				wantSpans := spanKeys(want, tt.exactText)
				if !tt.exactText {
					wantSpans = withoutKeys(wantSpans, tt.dropped)
				}
				if g, w := strings.Join(spanKeys(d, tt.exactText), "\n"), strings.Join(wantSpans, "\n"); g != w {
					t.Errorf("doc %d spans:\n%s\nwant\n%s", k, g, w)
				}
				if tt.relations {
					if g, w := relationKeys(d), relationKeys(want); strings.Join(g, "\n") != strings.Join(w, "\n") {
						t.Errorf("doc %d relations %q, want %q", k, g, w)
					}
				}
				if probs := annotations.Validate(annotations.NewFile(schema, d)); hasProblemErrors(probs) {
					t.Errorf("doc %d does not validate: %v", k, probs)
				}
			}
		})
	}
}

func withoutKeys(keys, drop []string) []string {
	var out []string
	for _, k := range keys {
		if !slices.Contains(drop, k) {
			out = append(out, k)
		}
	}
	return out
}

func unzipAll(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

func TestBratRoundTripByteExact(t *testing.T) {
	// Exported, imported and exported again: the same .ann files.
	name, first, _, err := ExportAs("brat", formatsSchema(), formatsDocs(t))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(name, "belgi-") || !strings.HasSuffix(name, ".zip") {
		t.Errorf("name %q", name)
	}
	files := unzipAll(t, first)
	for _, want := range []string{"annotation.conf", "d1.txt", "d1.ann", "d2.txt", "d2.ann"} {
		if files[want] == nil {
			t.Errorf("archive lacks %s: %v", want, files)
		}
	}
	docs, schema, res := ImportFiles([]File{{Name: name, Data: first}})
	if res[0].Err != nil || len(docs) != 2 {
		t.Fatalf("%+v", res[0])
	}
	if _, ok := schema.Entity("ORG"); !ok || len(schema.Relations) != 1 {
		t.Errorf("schema from annotation.conf: %+v", schema)
	}
	_, again, lost, err := ExportAs("brat", schema, docs)
	if err != nil || len(lost) > 0 {
		t.Fatal(err, lost)
	}
	files2 := unzipAll(t, again)
	for n, b := range files {
		if strings.HasSuffix(n, ".ann") || strings.HasSuffix(n, ".txt") {
			if !bytes.Equal(files2[n], b) {
				t.Errorf("%s changed:\n%q\n%q", n, b, files2[n])
			}
		}
	}

	// A hand-made .ann, with a note, a comment-like stray line and odd
	// spacing, comes back byte for byte beside its unchanged .txt.
	txt := "Митинг в Алматы 👍\r\nи всё.\r\n"
	ann := "T1\tGPE 9 15\tАлматы\n#1\tAnnotatorNotes T1\tпроверить\nthis line is not brat\nT2\tEVT 0 6\tМитинг\n"
	docs, _, res = ImportFiles([]File{{Name: "x.txt", Data: []byte(txt)}, {Name: "x.ann", Data: []byte(ann)}})
	if len(docs) != 1 || res[1].Err != nil || res[1].Format != "brat" || res[1].Spans != 2 || res[0].Format != "brat" || res[0].Err != nil {
		t.Fatalf("%+v", res)
	}
	if len(res[1].Notes) == 0 || !strings.Contains(strings.Join(res[1].Notes, "\n"), "not imported") {
		t.Errorf("the stray line is not reported: %q", res[1].Notes)
	}
	if docs[0].Text != txt || docs[0].ID != "x" {
		t.Errorf("doc %q %q", docs[0].ID, docs[0].Text)
	}
	_, out, _, err := ExportAs("brat", annotations.Schema{}, docs)
	if err != nil {
		t.Fatal(err)
	}
	files = unzipAll(t, out)
	if string(files["x.ann"]) != ann || string(files["x.txt"]) != txt {
		t.Errorf("not byte-exact:\n%q\n%q", files["x.ann"], files["x.txt"])
	}
	if _, ok := files["annotation.conf"]; ok {
		t.Error("annotation.conf written for an empty schema")
	}
}

func TestImportFilesBadAmongGood(t *testing.T) {
	gold, err := annotations.Marshal(annotations.NewFile(formatsSchema(), formatsDocs(t)...))
	if err != nil {
		t.Fatal(err)
	}
	files := []File{
		{Name: "good.conll", Data: []byte("-DOCSTART- O\n\nПолиция B-ORG\nв O\nАлматы B-GPE\n")},
		{Name: "bad.jsonl", Data: []byte("{\"text\": oops\n{\"label\": []}\n")}, // no line reads
		{Name: "unread.conll", Err: errors.New("the browser could not read it")},
		{Name: "lonely.ann", Data: []byte("T1\tGPE 0 3\tabc\n")},
		{Name: "latin1.iob", Data: []byte("Almaty\xe9 B-GPE\n")},
		{Name: "a.jsonl", Data: []byte(`{"id":1,"text":"Один 👍","label":[[0,4,"NUM"]]}` + "\n")},
		{Name: "b.jsonl", Data: []byte(`{"id":1,"text":"Два","label":[[0,3,"NUM"]]}` + "\n")},
		{Name: "gold.json", Data: gold},
		{Name: "notes.txt", Data: []byte("Просто текст.\r\n")},
		{Name: "huge.conll", Data: make([]byte, MaxFileSize+1)},
	}
	docs, schema, res := ImportFiles(files)
	if len(res) != len(files) {
		t.Fatalf("%d results for %d files", len(res), len(files))
	}
	want := []struct {
		format string
		docs   int
		err    string
	}{
		{"conll", 1, ""},
		{"doccano", 0, "line 1"},
		{"", 0, "could not read"},
		{"brat", 0, "no lonely.txt"},
		{"", 0, "not UTF-8"},
		{"doccano", 1, ""},
		{"doccano", 1, ""},
		{"json", 0, ErrUseAddFile.Error()},
		{"text", 0, ErrUseAddFile.Error()},
		{"", 0, "too large"},
	}
	for i, w := range want {
		r := res[i]
		if r.Name != files[i].Name || r.Format != w.format || r.Docs != w.docs || (r.Err == nil) != (w.err == "") || r.Err != nil && !strings.Contains(r.Err.Error(), w.err) {
			t.Errorf("%s: %+v, want %+v", files[i].Name, r, w)
		}
	}
	if !errors.Is(res[7].Err, ErrUseAddFile) || !errors.Is(res[8].Err, ErrUseAddFile) {
		t.Error("gold JSON and plain text are not routed to AddFile")
	}
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3", len(docs))
	}
	if docs[1].ID != "1" || docs[2].ID != "b.jsonl#1" || !strings.Contains(strings.Join(res[6].Notes, "\n"), "1 → b.jsonl#1") {
		t.Errorf("ids %q %q, notes %q", docs[1].ID, docs[2].ID, res[6].Notes)
	}
	if docs[1].Text != "Один 👍" || docs[1].Spans[0].Text != "Один" {
		t.Errorf("doccano doc %+v", docs[1])
	}
	for _, e := range []string{"ORG", "GPE", "NUM"} {
		if _, ok := schema.Entity(e); !ok {
			t.Errorf("schema lacks %s", e)
		}
	}
	// What is routed to State.AddFile is read there.
	st := &State{WS: annotations.NewWorkspace(annotations.DefaultSchema())}
	for i, r := range res {
		if errors.Is(r.Err, ErrUseAddFile) {
			if _, err := st.AddFile(files[i].Name, files[i].Data); err != nil {
				t.Errorf("AddFile(%s): %v", files[i].Name, err)
			}
		}
	}
	if len(st.WS.Documents) != 3 {
		t.Errorf("AddFile added %d documents, want 2 gold + 1 text", len(st.WS.Documents))
	}
	// Everything returned goes into a workspace in one step.
	ws := annotations.NewWorkspace(schema)
	for _, d := range docs {
		if _, err := ws.Apply(annotations.Op{Kind: annotations.OpAddDocument, Document: d}); err != nil {
			t.Error(err)
		}
	}
}

// zipOfEntries makes an archive of the given entries, in order.
func zipOfEntries(t *testing.T, entries ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i := 0; i+1 < len(entries); i += 2 {
		f, err := w.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(f, entries[i+1])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// lyingZip holds one entry whose header understates its size.
func lyingZip(t *testing.T, name string, body []byte, declared uint64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(body)
	fw.Close()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	f.Write(comp.Bytes())
	w.Close()
	return b.Bytes()
}

func TestImportZips(t *testing.T) {
	many := make([]string, 0, 2*(maxZipEntries+1))
	for i := 0; i <= maxZipEntries; i++ {
		many = append(many, fmt.Sprintf("f%d.txt", i), "")
	}
	good := zipOfEntries(t,
		"corpus/annotation.conf", "[entities]\nGPE\n[relations]\n[events]\n[attributes]\n",
		"corpus/a.txt", "Алматы 👍\r\n",
		"corpus/a.ann", "T1\tGPE 0 6\tАлматы\n",
		"corpus/sub/b.txt", "Астана\n",
		"corpus/sub/b.ann", "T1\tGPE 0 6\tАстана\n",
		"corpus/unannotated.txt", "Ничего.\n",
		"corpus/tags.iob", "Шымкент B-GPE\n",
		"corpus/README.md", "# read me\n",
		"corpus/gold.json", `{"format":"belgi-gold"}`,
		"__MACOSX/corpus/._a.txt", "\x00\x05\x16\x07",
	)
	tests := []struct {
		name    string
		data    []byte
		format  string
		docs    int
		err     string
		inNotes string
	}{
		{"corpus.zip", good, "brat, conll", 4, "", "gold.json: not read"},
		{"bomb.zip", zipOfEntries(t, "big.conll", strings.Repeat("\x00", 4<<20)), "", 0, "zip bomb", ""},
		{"liar.zip", lyingZip(t, "big.conll", bytes.Repeat([]byte("O O\n"), 1<<18), 100), "", 0, "not a valid zip", ""},
		{"many.zip", zipOfEntries(t, many...), "", 0, "holds 10001 files", ""},
		{"texts.zip", zipOfEntries(t, "a.txt", "Просто текст.", "b.json", "{}"), "zip", 0, ErrUseAddFile.Error(), ""},
		{"broken.zip", []byte("PK\x03\x04 not really"), "", 0, "not a readable zip", ""},
		{"bad.zip", zipOfEntries(t, "x.ann", "T1\tGPE 0 1\tx\n"), "brat", 0, "nothing could be read", "no x.txt"},
	}
	var files []File
	for _, tt := range tests {
		files = append(files, File{Name: tt.name, Data: tt.data})
	}
	docs, schema, res := ImportFiles(files)
	for i, tt := range tests {
		r := res[i]
		if r.Format != tt.format || r.Docs != tt.docs || (r.Err == nil) != (tt.err == "") || r.Err != nil && !strings.Contains(r.Err.Error(), tt.err) ||
			!strings.Contains(strings.Join(r.Notes, "\n"), tt.inNotes) {
			t.Errorf("%s: %+v\nwant format %q, %d docs, error %q, notes with %q", tt.name, r, tt.format, tt.docs, tt.err, tt.inNotes)
		}
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, " "); got != "a sub/b tags.iob unannotated" {
		t.Errorf("ids %s", got)
	}
	if docs[0].Text != "Алматы 👍\r\n" || len(docs[3].Spans) != 0 {
		t.Errorf("docs %+v", docs)
	}
	if _, ok := schema.Entity("GPE"); !ok {
		t.Errorf("schema %+v", schema)
	}
}

// TestImportTestdata reads the sample files of every format package, as a
// person would choose them, and checks each is recognised.
func TestImportTestdata(t *testing.T) {
	want := map[string]string{
		"brat/testdata/corpus/ru_crlf_emoji.ann": "brat",
		"brat/testdata/corpus/ru_crlf_emoji.txt": "brat",
		"brat/testdata/corpus/sub/kk_bom.ann":    "brat",
		"brat/testdata/corpus/sub/kk_bom.txt":    "brat",
		"casefmt/testdata/subtask12.json":        "case",
		"casefmt/testdata/subtask3.json":         "case",
		"casefmt/testdata/subtask4.txt":          "case",
		"conll/testdata/en_iob1.conll":           "conll",
		"conll/testdata/kk_ids.iob2":             "conll",
		"conll/testdata/ru_case.bioes":           "conll", // CASE layout, BIOES tags
		"doccano/testdata/flat.jsonl":            "doccano",
		"doccano/testdata/relations.jsonl":       "doccano",
		"factrueval/testdata/doc_1.txt":          "factrueval",
		"factrueval/testdata/doc_1.spans":        "factrueval",
		"factrueval/testdata/doc_1.tokens":       "factrueval",
		"factrueval/testdata/doc_1.objects":      "factrueval",
		"factrueval/testdata/doc_1.coref":        "factrueval",
		"factrueval/testdata/doc_1.facts":        "factrueval",
		"folia/testdata/almaty.folia.xml":        "folia",
		"labelstudio/testdata/tasks.json":        "labelstudio",
		"labelstudio/testdata/messy.json":        "labelstudio",
		"spacy/testdata/prodigy.jsonl":           "spacy",
	}
	var names []string
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	var files []File
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("..", "annotations", filepath.FromSlash(n)))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: path.Base(n), Data: data})
	}
	docs, _, res := ImportFiles(files)
	total := 0
	for i, r := range res {
		n := names[i]
		if r.Err != nil || r.Format != want[n] {
			t.Errorf("%s: %+v, want format %s", n, r, want[n])
		}
		total += r.Docs
	}
	if total != len(docs) || len(docs) < 12 {
		t.Errorf("%d documents, results count %d", len(docs), total)
	}
}

func TestExportAsRefuses(t *testing.T) {
	if _, _, _, err := ExportAs("xml", formatsSchema(), formatsDocs(t)); err == nil || !strings.Contains(err.Error(), "unknown export format") {
		t.Errorf("unknown format: %v", err)
	}
	if _, _, _, err := ExportAs("conll", formatsSchema(), nil); err == nil {
		t.Error("nothing to export, no error")
	}
	name, _, _, err := ExportAs("doccano", formatsSchema(), formatsDocs(t)[1:])
	if err != nil || name != "belgi-d2-doccano.jsonl" {
		t.Errorf("one document: %q, %v", name, err)
	}
	for _, f := range ExportFormats {
		if f.MIME() == "" || f.Name == "" || !strings.HasPrefix(f.Ext, ".") {
			t.Errorf("format %+v", f)
		}
	}
}
