package brat

import (
	"strconv"
	"strings"

	"belgi/annotations"
)

// EventsFromRelations adds to d an event for every span labelled
// triggerLabel, for corpora that annotate events as an entity and relations
// rather than as E lines: NEREL marks each event as an EVENT span and links
// its participants with AGENT, PARTICIPANT_IN, TAKES_PLACE_IN, POINT_IN_TIME
// and other relations. Every binary relation with such a span as one argument
// gives the event an argument in a role named after the relation type,
// filled by the other argument (by its event when that is a trigger span
// too, so SUBEVENT_OF links events). The event's type is triggerLabel.
//
// The relations stay, so nothing is lost; written back to brat, the document
// gains the new E lines. EventsFromRelations returns the number of events
// added.
func EventsFromRelations(d *annotations.Document, triggerLabel string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(d.NextID("E"), "E"))
	event := map[string]int{} // trigger span → index in d.Events
	for _, s := range d.Spans {
		if s.Label != triggerLabel {
			continue
		}
		event[s.ID] = len(d.Events)
		d.Events = append(d.Events, annotations.Event{ID: "E" + strconv.Itoa(n), Type: triggerLabel, Trigger: s.ID})
		n++
	}
	added := len(event)
	isSpan := map[string]bool{}
	for _, s := range d.Spans {
		isSpan[s.ID] = true
	}
	for _, r := range d.Relations {
		if len(r.Arguments) != 2 || r.Type == "" {
			continue
		}
		for k, a := range r.Arguments {
			i, ok := event[a.Ref]
			if !ok {
				continue
			}
			other := r.Arguments[1-k].Ref
			if j, ok := event[other]; ok {
				other = d.Events[j].ID
			} else if !isSpan[other] {
				continue // an event argument is a span or an event
			}
			d.Events[i].Arguments = append(d.Events[i].Arguments, annotations.Argument{Role: r.Type, Ref: other})
		}
	}
	return added
}
