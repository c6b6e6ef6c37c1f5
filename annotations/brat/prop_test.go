package brat

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/loss"
)

// pieces of text for random documents: Cyrillic, Kazakh, Latin, emoji with
// ZWJ and flags, combining marks, CRLF, NBSP and a BOM-free start.
var pieces = []string{"Алматы", "қаласында", "митинг", "өтті", "police", "👩‍⚖️", "🇰🇿", "Айгу\u0301ль", "12", "%", "«", "»", ".", ",", "\u00a0", "\r\n", "\n", " ", " ", " ", "\t"}

// randomDocument returns a document with everything brat can hold:
// nested, crossing and discontinuous spans, events with repeated roles and
// events as arguments, binary relations, equivalences, attributes,
// normalizations and notes.
func randomDocument(r *rand.Rand, id string) *annotations.Document {
	var b strings.Builder
	if r.IntN(4) == 0 {
		b.WriteString("\ufeff")
	}
	for n := r.IntN(40) + 1; n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	d := annotations.NewDocument(id, id, id+".txt", b.String())
	x := d.Index()
	n := x.Len()
	labels := []string{"PER", "ORG", "GPE", "Demonstrate", "Arrest"}
	for i := 1; i <= r.IntN(8); i++ {
		s := annotations.Span{ID: fmt.Sprintf("T%d", i), Label: labels[r.IntN(len(labels))]}
		if n < 1 {
			break
		}
		if n >= 4 && r.IntN(4) == 0 {
			a := r.IntN(n - 3)
			b := a + 1 + r.IntN((n-a-2)/2+1)
			c := b + 1 + r.IntN(n-b-1)
			s.Fragments = []annotations.Fragment{{Start: a, End: b}, {Start: c, End: c + 1 + r.IntN(n-c)}}
		} else {
			s.Start = r.IntN(n)
			s.End = s.Start + 1 + r.IntN(n-s.Start)
		}
		fillText(&s, x)
		d.Spans = append(d.Spans, s)
	}
	if len(d.Spans) == 0 {
		return d
	}
	span := func() string { return d.Spans[r.IntN(len(d.Spans))].ID }
	roles := []string{"Agent", "Person", "Place", "Event-Arg"}
	for i := 1; i <= r.IntN(4); i++ {
		e := annotations.Event{ID: fmt.Sprintf("E%d", i), Type: "Arrest", Trigger: span()}
		for k := r.IntN(5); k > 0; k-- {
			ref := span()
			if i > 1 && r.IntN(3) == 0 {
				ref = fmt.Sprintf("E%d", 1+r.IntN(i-1))
			}
			e.Arguments = append(e.Arguments, annotations.Argument{Role: roles[r.IntN(len(roles))], Ref: ref})
		}
		d.Events = append(d.Events, e)
	}
	for i := 1; i <= r.IntN(3); i++ {
		d.Relations = append(d.Relations, annotations.Relation{ID: fmt.Sprintf("R%d", i), Type: "LocatedIn",
			Arguments: []annotations.Argument{{Role: "Arg1", Ref: span()}, {Role: "Arg2", Ref: span()}}})
	}
	if r.IntN(3) == 0 {
		d.Relations = append(d.Relations, annotations.Relation{ID: "*1", Type: "Coref",
			Arguments: []annotations.Argument{{Role: EquivRole, Ref: span()}, {Role: EquivRole, Ref: span()}, {Role: EquivRole, Ref: span()}}})
	}
	for i := 1; i <= r.IntN(3); i++ {
		a := annotations.Attribute{ID: fmt.Sprintf("A%d", i), Name: "Negated", Target: span()}
		if r.IntN(2) == 0 {
			a.Name, a.Value = "Realis", "Actual"
		}
		d.Attributes = append(d.Attributes, a)
	}
	if r.IntN(2) == 0 {
		d.Normalizations = []annotations.Normalization{{ID: "N1", Type: "Reference", Target: span(), Resource: "Wikidata", Entry: "Q1", Text: "Алматы қаласы"}}
	}
	if r.IntN(2) == 0 {
		d.Notes = []annotations.Note{{ID: "#1", Target: span(), Text: "тексеру керек"}}
	}
	return d
}

// TestPropertyIdentity checks native → brat → native is the identity for
// documents holding only what brat can hold.
func TestPropertyIdentity(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 500; i++ {
		d := randomDocument(r, fmt.Sprintf("doc%d", i))
		var ann bytes.Buffer
		var rep loss.Report
		if err := Write(&ann, d, &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Len() != 0 {
			t.Fatalf("%s: losses reported: %v", d.ID, rep.Items)
		}
		var rrep loss.Report
		back, err := Read(d.ID, []byte(d.Text), ann.Bytes(), &rrep)
		if err != nil || rrep.Len() != 0 {
			t.Fatalf("%s: %v %v\n%s", d.ID, err, rrep.Items, ann.String())
		}
		back.Origin = nil
		if !reflect.DeepEqual(back, d) {
			t.Fatalf("%s: not the identity:\n got %+v\nwant %+v\n%s", d.ID, back, d, ann.String())
		}
		// The imported document is a valid gold document.
		if probs := annotations.Validate(annotations.NewFile(annotations.Schema{}, back)); hasError(probs) {
			t.Fatalf("%s: %v", d.ID, probs)
		}
	}
}

func hasError(probs []annotations.Problem) bool {
	for _, p := range probs {
		if !p.Warning {
			return true
		}
	}
	return false
}

// FuzzRead checks that reading never panics, that any UTF-8 pair read and
// written back comes back byte for byte, and that what is imported is a
// valid gold document.
func FuzzRead(f *testing.F) {
	for _, id := range []string{"ru_crlf_emoji", "sub/kk_bom", "empty"} {
		txt, _ := os.ReadFile(filepath.Join("testdata/corpus", id+".txt"))
		ann, _ := os.ReadFile(filepath.Join("testdata/corpus", id+".ann"))
		f.Add(string(txt), string(ann))
	}
	f.Add("ab\r\ncd", "T1\tX 0 1\ta\r\nE1\tY:T1 R:T1 R2:E1\n*\tEq T1 T1\nA1\tN E1 v\n#1\tAnnotatorNotes T1\n")
	f.Fuzz(func(t *testing.T, txt, ann string) {
		d, err := Read("f", []byte(txt), []byte(ann), nil)
		if err != nil {
			return
		}
		if probs := annotations.Validate(annotations.NewFile(annotations.Schema{}, d)); hasError(probs) {
			t.Fatalf("imported document is invalid: %v", probs)
		}
		var out bytes.Buffer
		if err := Write(&out, d, nil); err != nil {
			t.Fatal(err)
		}
		if out.String() != ann {
			t.Fatalf("not byte-exact:\n got %q\nwant %q", out.String(), ann)
		}
		// Without the original lines the canonical form is stable.
		d.Origin = nil
		var canon bytes.Buffer
		if err := Write(&canon, d, nil); err != nil {
			t.Fatal(err)
		}
		d2, err := Read("f", []byte(txt), canon.Bytes(), nil)
		if err != nil {
			t.Fatal(err)
		}
		d2.Origin = nil
		var again bytes.Buffer
		if err := Write(&again, d2, nil); err != nil {
			t.Fatal(err)
		}
		if again.String() != canon.String() {
			t.Fatalf("canonical form not stable:\n%q\n%q", canon.String(), again.String())
		}
	})
}
