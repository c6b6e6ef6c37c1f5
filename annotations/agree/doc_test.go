package agree

import (
	"os"
	"strings"
	"testing"
)

// TestMeasuresDocumented checks that MEASURES.md defines every measure the
// report holds, by its JSON key.
func TestMeasuresDocumented(t *testing.T) {
	md, err := os.ReadFile("MEASURES.md")
	if err != nil {
		t.Fatal(err)
	}
	a, b := workedExample()
	r := mustCompute(t, Options{}, a, b)
	for _, m := range r.Measures() {
		if !strings.Contains(string(md), "`"+m.Key+"`") {
			t.Errorf("MEASURES.md does not define %s", m.Key)
		}
		if m.How == "" || m.Name == "" {
			t.Errorf("%s has no name or how", m.Key)
		}
	}
}
