package loss

import (
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	var r Report
	r.Add("a.ann", "T3", 12, "kept verbatim: %s", "no tab")
	r.Add("d1", "", 0, "labels lost")
	r.Add("", "", 4, "bad line")
	var nilReport *Report
	nilReport.Add("x", "", 0, "ignored")
	if nilReport.Len() != 0 || r.Len() != 3 {
		t.Fatalf("Len = %d, %d", nilReport.Len(), r.Len())
	}
	var b strings.Builder
	if err := r.Print(&b, "warning: "); err != nil {
		t.Fatal(err)
	}
	want := "warning: a.ann:12: T3: kept verbatim: no tab\nwarning: d1: labels lost\nwarning: line 4: bad line\n"
	if b.String() != want {
		t.Errorf("Print:\n%s\nwant\n%s", b.String(), want)
	}
	var all Report
	all.Merge(&r)
	all.Merge(nil)
	if all.Len() != 3 {
		t.Errorf("Merge: %d items", all.Len())
	}
}
