package demo

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestArticles(t *testing.T) {
	arts := Articles()
	if len(arts) < 3 {
		t.Fatalf("%d demo articles, want at least 3", len(arts))
	}
	langs := map[string]bool{}
	for _, a := range arts {
		langs[a.Lang] = true
		if !utf8.ValidString(a.Text) || a.Title == "" {
			t.Errorf("%s: bad text or no title", a.Name)
		}
		if !strings.ContainsAny(a.Text, "😕✊🗳") {
			t.Errorf("%s: no emoji", a.Name)
		}
		// A repeated paragraph, as real page dumps have.
		seen := map[string]bool{}
		repeated := false
		for _, l := range strings.Split(a.Text, "\n") {
			if len(l) > 40 && seen[l] {
				repeated = true
			}
			seen[l] = true
		}
		if !repeated {
			t.Errorf("%s: no repeated paragraph", a.Name)
		}
	}
	if !langs["ru"] || !langs["kk"] {
		t.Errorf("languages %v, want ru and kk", langs)
	}
}
