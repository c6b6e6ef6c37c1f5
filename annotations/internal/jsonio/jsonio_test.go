package jsonio

import (
	"io"
	"strings"
	"testing"
)

func TestReader(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		lines    []int
		err      string
	}{
		{"jsonl", "\ufeff{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}", []int{1, 3, 4}, ""},
		{"array", "\n[\n {\"a\":1},\n\n {\"b\":\n2}\n]\n", []int{3, 5}, ""},
		{"broken jsonl", "{\"a\":1}\n{\"b\":}\n", []int{1}, "x: line 2: broken JSON"},
		{"broken array", "[{\"a\":1},\n{\"b\":}]", []int{1}, "x: line 2: broken JSON"},
		{"empty", "  \n", nil, ""},
	} {
		r := NewReader(strings.NewReader(tc.in), "x")
		var lines []int
		var err error
		for {
			var line int
			_, line, err = r.Next()
			if err != nil {
				break
			}
			lines = append(lines, line)
		}
		if err == io.EOF {
			err = nil
		}
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.err)) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
		}
		if len(lines) != len(tc.lines) {
			t.Errorf("%s: lines %v, want %v", tc.name, lines, tc.lines)
		}
		for i := range lines {
			if i < len(tc.lines) && lines[i] != tc.lines[i] {
				t.Errorf("%s: lines %v, want %v", tc.name, lines, tc.lines)
				break
			}
		}
	}
}

func TestString(t *testing.T) {
	if got := String("<a> & \"b\"\u2028"); got != `"<a> & \"b\"\u2028"` {
		t.Errorf("String = %s", got)
	}
	if IDValue("12") != "12" || IDValue("012") != `"012"` || IDValue("d1") != `"d1"` {
		t.Error("IDValue")
	}
	if ID([]byte(`"x"`)) != "x" || ID([]byte(`7`)) != "7" || ID(nil) != "" {
		t.Error("ID")
	}
}

func FuzzString(f *testing.F) {
	f.Add("Алматы 👍 \u2028 \" \\ \x01 \xff <&>")
	f.Fuzz(func(t *testing.T, s string) {
		b, _ := Marshal(s)
		if got := String(s); got != string(b) {
			t.Fatalf("String(%q) = %s, want %s", s, got, b)
		}
	})
}

func TestUnique(t *testing.T) {
	s := IDs{}
	var got []string
	for _, id := range []string{"1", "1", "1", "2", "1#3"} {
		nid, _ := s.Unique(id, 3)
		got = append(got, nid)
	}
	if want := []string{"1", "1#3", "1#3.2", "2", "1#3#3"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}
