package brat

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"belgi/annotations"
	"belgi/annotations/loss"
)

func TestEventsFromRelations(t *testing.T) {
	txt := "Рабочие провели забастовку в Жанаозене 16 декабря, потом начались беспорядки."
	var ann strings.Builder
	add := func(id, label, s string) {
		x := annotations.NewIndex(txt)
		b := strings.Index(txt, s)
		st, _ := x.FromByte(b)
		en, _ := x.FromByte(b + len(s))
		ann.WriteString(id + "\t" + label + " " + itoa(st) + " " + itoa(en) + "\t" + s + "\n")
	}
	add("T1", "PROFESSION", "Рабочие")
	add("T2", "EVENT", "забастовку")
	add("T3", "CITY", "Жанаозене")
	add("T4", "DATE", "16 декабря")
	add("T5", "EVENT", "беспорядки")
	ann.WriteString("R1\tPARTICIPANT_IN Arg1:T1 Arg2:T2\t\nR2\tTAKES_PLACE_IN Arg1:T2 Arg2:T3\t\nR3\tPOINT_IN_TIME Arg1:T2 Arg2:T4\t\nR4\tSUBEVENT_OF Arg1:T5 Arg2:T2\t\n")
	d, err := Read("nerel", []byte(txt), []byte(ann.String()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := EventsFromRelations(d, "EVENT"); n != 2 {
		t.Fatalf("%d events added, want 2", n)
	}
	want := []annotations.Event{
		{ID: "E1", Type: "EVENT", Trigger: "T2", Arguments: []annotations.Argument{{Role: "PARTICIPANT_IN", Ref: "T1"}, {Role: "TAKES_PLACE_IN", Ref: "T3"}, {Role: "POINT_IN_TIME", Ref: "T4"}, {Role: "SUBEVENT_OF", Ref: "E2"}}},
		{ID: "E2", Type: "EVENT", Trigger: "T5", Arguments: []annotations.Argument{{Role: "SUBEVENT_OF", Ref: "E1"}}},
	}
	if !reflect.DeepEqual(d.Events, want) {
		t.Errorf("events\n%+v\nwant\n%+v", d.Events, want)
	}
	// Written back, the original lines stay and the E lines follow.
	var out bytes.Buffer
	if err := Write(&out, d, nil); err != nil {
		t.Fatal(err)
	}
	wantAnn := ann.String() + "E1\tEVENT:T2 PARTICIPANT_IN:T1 TAKES_PLACE_IN:T3 POINT_IN_TIME:T4 SUBEVENT_OF:E2\nE2\tEVENT:T5 SUBEVENT_OF:E1\n"
	if out.String() != wantAnn {
		t.Errorf("got\n%s\nwant\n%s", out.String(), wantAnn)
	}
}

// TestEventsFromRelationsNEREL derives events over the NEREL fixtures.
func TestEventsFromRelationsNEREL(t *testing.T) {
	dir := sharedPath("fixtures/nerel")
	if dir == "" {
		t.Skip("../shared/fixtures/nerel is absent")
	}
	events, args := 0, 0
	err := ReadFS(os.DirFS(dir), nil, func(d *annotations.Document) error {
		events += EventsFromRelations(d, "EVENT")
		for _, e := range d.Events {
			args += len(e.Arguments)
		}
		if probs := annotations.Validate(annotations.NewFile(annotations.Schema{}, d)); hasError(probs) {
			t.Errorf("%s: %v", d.ID, probs)
		}
		var rep loss.Report
		var out bytes.Buffer
		Write(&out, d, &rep)
		back, _ := Read(d.ID, []byte(d.Text), out.Bytes(), nil)
		if len(back.Events) != len(d.Events) || rep.Len() != 0 {
			t.Errorf("%s: %d events written, %d read back; %v", d.ID, len(d.Events), len(back.Events), rep.Items)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if events == 0 || args == 0 {
		t.Errorf("%d events, %d arguments", events, args)
	}
	t.Logf("%d events with %d arguments from %s", events, args, filepath.Base(dir))
}
