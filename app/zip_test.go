package app

import (
	"archive/zip"
	"bytes"
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
