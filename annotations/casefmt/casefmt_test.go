package casefmt

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/conll"
	"belgi/annotations/loss"
	"belgi/internal/shared"
)

func readFile(t *testing.T, name string, rep *loss.Report) []*annotations.Document {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(bytes.NewReader(data), filepath.Base(name), rep)
	var docs []*annotations.Document
	for {
		d, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	b, err := annotations.Marshal(annotations.NewFile(annotations.Schema{}, docs...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := annotations.Decode(b); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return docs
}

func TestSharedFixtures(t *testing.T) {
	dir := shared.Dir(t, "fixtures/glocon-case2021/case2021-task1")
	for _, tc := range []struct {
		file         string
		docs, events int
	}{
		{"subtask1__train_sample.json", 5, 0},
		{"subtask2__train_sample.json", 4, 0},
		{"subtask3__train_sample.json", 3, 5},
		{"subtask4__train_sample.txt", 4, 4},
		{"subtask4__test_sample.txt", 2, 0},
		{"subtask4__sample_submission.txt", 2, 2},
	} {
		docs := readFile(t, filepath.Join(dir, tc.file), nil)
		events := 0
		for _, d := range docs {
			events += len(d.Events)
		}
		if len(docs) != tc.docs || events != tc.events {
			t.Errorf("%s: %d documents, %d events; want %d, %d", tc.file, len(docs), events, tc.docs, tc.events)
		}
		if strings.HasPrefix(tc.file, "subtask4") {
			// Written back with conll, the file is unchanged.
			var out bytes.Buffer
			w := conll.NewWriter(&out, conll.CASE, nil)
			for _, d := range docs {
				w.Write(d)
			}
			w.Close()
			want, _ := os.ReadFile(filepath.Join(dir, tc.file))
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%s: not byte-exact through conll", tc.file)
			}
		}
	}
}

func TestOwnFixtures(t *testing.T) {
	var rep loss.Report
	docs := readFile(t, "testdata/subtask12.json", &rep)
	if len(docs) != 3 || !reflect.DeepEqual(docs[0].Labels, []string{"protest"}) || !reflect.DeepEqual(docs[1].Labels, []string{"not_protest"}) || docs[1].Text != "Погода хорошая." {
		t.Errorf("subtask 1/2: %+v", docs)
	}
	docs = readFile(t, "testdata/subtask3.json", &rep)
	d := docs[0]
	if d.Text != "Рабочие вышли на митинг.\nМитинг продолжился 🇰🇿.\nЧерез неделю была забастовка." {
		t.Errorf("text %q", d.Text)
	}
	if s, _ := d.Span("S3"); s.Start != 25 || s.Text != "Митинг продолжился 🇰🇿." {
		t.Errorf("S3 = %+v", s)
	}
	wantEv := []annotations.Event{
		{ID: "E1", Type: "protest", Trigger: "S1", Arguments: []annotations.Argument{{Role: "sentence", Ref: "S3"}}},
		{ID: "E2", Type: "protest", Trigger: "S4"},
	}
	if !reflect.DeepEqual(d.Events, wantEv) {
		t.Errorf("events %+v", d.Events)
	}
	docs = readFile(t, "testdata/subtask4.txt", &rep)
	wantEv = []annotations.Event{{ID: "E1", Type: "protest", Trigger: "T2", Arguments: []annotations.Argument{
		{Role: "participant", Ref: "T1"}, {Role: "trigger", Ref: "T3"}, {Role: "place", Ref: "T4"}, {Role: "target", Ref: "T5"}}}}
	if len(docs) != 2 || !reflect.DeepEqual(docs[0].Events, wantEv) || len(docs[1].Events) != 0 {
		t.Errorf("subtask 4 events %+v", docs[0].Events)
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, it.String())
	}
	want := []string{
		"subtask12.json:3: document 3: label 7 not read: CASE labels are 0 and 1",
		"subtask3.json:1: document 10: event cluster 3: sentence 9 is not in the record",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func FuzzRead(f *testing.F) {
	for _, n := range []string{"subtask12.json", "subtask3.json", "subtask4.txt"} {
		data, _ := os.ReadFile(filepath.Join("testdata", n))
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "f", nil)
		var docs []*annotations.Document
		for {
			d, err := r.Read()
			if err != nil {
				break
			}
			docs = append(docs, d)
		}
		b, err := annotations.Marshal(annotations.NewFile(annotations.Schema{}, docs...))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := annotations.Decode(b); err != nil {
			t.Fatalf("invalid documents: %v", err)
		}
	})
}
