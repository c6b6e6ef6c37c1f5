package app

// views is what the shell's components are drawn from, derived from the
// state on each render: colours and palette entries of the schema's
// types, the library's entries, the schema check of the open document.
type views struct {
	colours             map[string]int
	labels, eventLabels []LabelItem
	docs                []DocItem
	problems            map[string][]string
}

func (s *State) views() views {
	sc := &s.WS.Schema
	v := views{
		colours:  make(map[string]int, len(sc.Entities)+len(sc.Events)),
		labels:   make([]LabelItem, 0, len(sc.Entities)),
		docs:     make([]DocItem, len(s.WS.Documents)),
		problems: s.problems(),
	}
	for _, e := range sc.Entities {
		v.colours[e.Type] = s.Colour(e.Type)
		v.labels = append(v.labels, LabelItem{Type: e.Type, Name: e.Name, Key: e.Key, Colour: v.colours[e.Type], Rare: e.Rare})
	}
	for _, e := range sc.Events {
		v.colours[e.Type] = s.Colour(e.Type)
		v.eventLabels = append(v.eventLabels, LabelItem{Type: e.Type, Name: e.Name, Key: e.Key, Colour: v.colours[e.Type], Rare: e.Rare})
	}
	for i, d := range s.WS.Documents {
		v.docs[i] = DocItem{ID: d.ID, Title: d.Title, Language: d.Language, Spans: len(d.Spans)}
	}
	return v
}
