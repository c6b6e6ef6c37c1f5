package app

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func makeZip(t *testing.T, files map[string][]byte) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, data := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(data)
	}
	w.Close()
	return b.Bytes()
}

func TestImportZip(t *testing.T) {
	st := NewState()
	gold := mustExport(t, NewState())
	data := makeZip(t, map[string][]byte{
		"corpus/a.txt":   []byte("Алматы 👍\r\nмитинг"),
		"corpus/b.txt":   []byte("Астана"),
		"corpus/c.json":  gold, // the demo corpus again: skipped as identical
		"corpus/x.png":   {0x89, 'P', 'N', 'G'},
		"corpus/sub/":    nil,
		"corpus/d/e.txt": []byte("Шымкент"),
	})
	msg, err := st.AddFile("corpus.zip", data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "Added 3 document(s)") || !strings.Contains(msg, "Skipped 1") {
		t.Errorf("report %q", msg)
	}
	if n := len(st.WS.Documents); n != 6 {
		t.Errorf("%d documents, want 3 demo + 3", n)
	}
	if !st.Undo() || len(st.WS.Documents) != 3 {
		t.Error("one undo should take the whole archive back")
	}
}

func TestImportZipRefusesBadArchives(t *testing.T) {
	bomb := makeZip(t, map[string][]byte{"big.txt": bytes.Repeat([]byte("a"), 300<<20)})
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"bomb.zip", bomb, "zip bomb"},
		{"half.zip", makeZip(t, map[string][]byte{"ok.txt": []byte("fine"), "bad.txt": []byte("\xff\xfe")}), "bad.txt is not UTF-8"},
		{"empty.zip", makeZip(t, map[string][]byte{"x.png": []byte("png")}), "no .txt or .json"},
		{"broken.zip", []byte("PK\x03\x04 not really"), "not a readable zip"},
	}
	for _, tt := range tests {
		st := NewState()
		before := mustExport(t, st)
		_, err := st.AddFile(tt.name, tt.data)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if !bytes.Equal(before, mustExport(t, st)) {
			t.Errorf("%s changed the workspace", tt.name)
		}
	}
	if len(bomb) > 1<<20 {
		t.Logf("the bomb is %d KB", len(bomb)>>10)
	}
}

// manyFiles is an archive of n files, each of the same text, deflated.
func manyFiles(t *testing.T, n int, text []byte) []byte {
	t.Helper()
	files := make(map[string][]byte, n)
	for i := range n {
		files[fmt.Sprintf("corpus/%05d.txt", i)] = text
	}
	return makeZip(t, files)
}

// stored is an archive of n files, each of the same text, not compressed.
func stored(t *testing.T, n int, text []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i := range n {
		f, err := w.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("%05d.txt", i), Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(text)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadZipLimits builds the archives that froze the tab (250 files of
// 1 MB in under 1 MB; 10,000 small files) and others at and past each
// limit: readZip takes what is within them and refuses the rest at once,
// naming the limit, and a refusal leaves the workspace as it was.
func TestReadZipLimits(t *testing.T) {
	megabyte := bytes.Repeat([]byte("Ереуіл. Митинг. "), 1<<20/len("Ереуіл. Митинг. ")+1)[:1<<20]
	article := []byte(strings.Repeat("Жанаөзенде мұнайшылар ереуілге шықты. ", 12)) // 450 bytes
	// 250 MB in well under 1 MB, as the archive that froze the tab.
	bomb250 := manyFiles(t, 250, megabyte)
	tests := []struct {
		name    string
		data    []byte
		entries int    // when accepted
		want    string // in the refusal
	}{
		{"250x1MB.zip", bomb250, 0, "expands to 250 MB, 3"}, // 300-odd times
		{"250x1MB.zip", bomb250, 0, "; the limit is 200 times: refusing what looks like a zip bomb"},
		{"64x1MB.zip", manyFiles(t, 64, megabyte), 0, "the limit is 200 times"}, // within the size limit, but a bomb by ratio
		{"stored64x1MB.zip", stored(t, 64, megabyte), 64, ""},
		{"stored65x1MB.zip", stored(t, 65, megabyte), 0, "expands to 65 MB; the limit is 64 MB"},
		{"10000.zip", manyFiles(t, maxZipEntries, article), maxZipEntries, ""},
		{"10001.zip", manyFiles(t, maxZipEntries+1, article), 0, "holds 10001 files; the limit is 10000 files"},
		{"one300MB.zip", makeZip(t, map[string][]byte{"big.txt": bytes.Repeat([]byte("a"), 300<<20)}), 0, "expands to 300 MB, "},
		{"declares8GB.zip", lyingZip(t, "big.txt", []byte("small"), 8<<30), 0, "expands to 8.0 GB, "},
		{"declares2^64.zip", lyingZip(t, "big.txt", []byte("small"), 1<<64-1), 0, "expands to more than 1 TB, "},
		{"declaresless.zip", lyingZip(t, "lie.txt", bytes.Repeat([]byte("b"), 5000), 10), 0, "lie.txt"},
		{"repetitive900KB.zip", makeZip(t, map[string][]byte{"a.txt": bytes.Repeat([]byte("a"), 900<<10)}), 1, ""},
		{"ratio.zip", makeZip(t, map[string][]byte{"a.txt": bytes.Repeat([]byte("a"), 2<<20)}), 0, "the limit is 200 times"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, _, err := readZip(tt.name, tt.data, func(string) bool { return true })
			if tt.want == "" {
				if err != nil || len(entries) != tt.entries {
					t.Fatalf("%d entries, %v; want %d", len(entries), err, tt.entries)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), tt.name) {
				t.Fatalf("err = %v, want %q (archive of %d KB)", err, tt.want, len(tt.data)>>10)
			}
			st := NewState()
			before := mustExport(t, st)
			// A stored archive past the limit is itself too large a file.
			if _, err := st.AddFile(tt.name, tt.data); err == nil || !strings.Contains(err.Error(), "limit") && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("AddFile: %v, want %q", err, tt.want)
			}
			if !bytes.Equal(before, mustExport(t, st)) {
				t.Error("the refused archive changed the workspace")
			}
		})
	}
}
