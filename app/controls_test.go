package app

import (
	"strings"
	"testing"
)

func TestControlsGetTheirOwnSegments(t *testing.T) {
	text := "a\u202eb\u200bc 👨‍👩‍👧"
	p := Para{Start: 0, End: len([]rune(text)), Text: text}
	var got []string
	for _, s := range Segments(p, nil) {
		got = append(got, s.Control+":"+s.Text)
	}
	want := []string{":a", "RLO:\u202e", ":b", "ZWSP:\u200b", ":c 👨‍👩‍👧"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("segments %q, want %q (ZWJ must stay inside the emoji)", got, want)
	}
	msg := describeControls(text)
	if !strings.Contains(msg, "1 RLO") || !strings.Contains(msg, "1 ZWSP") || strings.Contains(msg, "ZWJ") {
		t.Errorf("describeControls = %q", msg)
	}
	if describeControls("\ufeffА") != "" {
		t.Error("a leading BOM alone is not worth a warning")
	}
}
