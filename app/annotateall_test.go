package app

import (
	"strings"
	"testing"
)

func TestAnnotateAll(t *testing.T) {
	st := NewState()
	if _, err := st.AddText("", "Досов выступил. Потом досов ушёл.\nДосовы и Досов 👍 вернулись. ДОСОВ!"); err != nil {
		t.Fatal(err)
	}
	text := st.Doc().Text
	i := strings.Index(text, "Досов")
	a := len([]rune(text[:i]))
	if err := st.Label("PER", a, a+5); err != nil {
		t.Fatal(err)
	}
	p, err := st.PreviewAll()
	if err != nil {
		t.Fatal(err)
	}
	// досов, Досов and ДОСОВ; not Досовы, which is another word.
	if len(p.Matches) != 3 || p.Matches[0].Before == "" {
		t.Fatalf("preview %+v", p)
	}
	p.Matches[0].Checked = false
	n, err := st.AcceptAll(p)
	if err != nil || n != len(p.Matches)-1 {
		t.Fatalf("accepted %d, %v", n, err)
	}
	if !st.Undo() || len(st.Doc().Spans) != 1 {
		t.Error("one undo should take all the new spans back")
	}
	st.Selected = ""
	if _, err := st.PreviewAll(); err == nil {
		t.Error("a preview without a selected span")
	}
}
