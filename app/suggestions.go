package app

import (
	"strconv"
	"strings"

	"belgi/annotations"
	"belgi/annotations/suggest"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// suggestions is the part of the shell that proposes labels from the
// person's own: a model of every span in the workspace, kept up to date
// one document at a time as the state announces changes, and the ghost
// spans of the open document, worked out when it is drawn after a change.
// An edit costs the spans of the documents it touches, whatever the size
// of the workspace (BenchmarkEdit).
type suggestions struct {
	sh     *Shell
	model  *suggest.Model
	learnt map[string][]annotations.Span // each document's spans the model holds
	list   []suggest.Suggestion          // for the open document
	doc    string                        // the document list is for
	stale  bool                          // list may be out of date
}

// attach learns the spans of st and follows its changes.
func (g *suggestions) attach(st *State) {
	g.model, g.learnt, g.stale = suggest.New(), map[string][]annotations.Span{}, true
	for _, d := range st.WS.Documents {
		g.relearn(st.WS, d.ID)
	}
	st.Subscribe(func(c Change) {
		done := map[string]bool{}
		for _, op := range c.Ops {
			if id := op.Target(); id != "" && !done[id] {
				done[id] = true
				g.relearn(st.WS, id)
			}
		}
		g.stale = true
	})
}

// relearn replaces what the model holds of document id with its spans
// now. Apply replaces a span list on every change and never writes into
// one, so a list the model holds that starts where the document's does
// is the same list.
func (g *suggestions) relearn(ws *annotations.Workspace, id string) {
	old := g.learnt[id]
	var now []annotations.Span
	if d := ws.Document(id); d != nil {
		now = d.Spans
	}
	if len(old) == len(now) && (len(old) == 0 || &old[0] == &now[0]) {
		return
	}
	for _, s := range old {
		g.model.Remove(s)
	}
	for _, s := range now {
		g.model.Add(s)
	}
	if now == nil {
		delete(g.learnt, id)
	} else {
		g.learnt[id] = now
	}
}

// sync works out the suggestions for the open document when a change or
// another document made them out of date.
func (g *suggestions) sync(st *State) {
	if !g.stale && g.doc == st.Current {
		return
	}
	g.stale, g.doc, g.list = false, st.Current, nil
	g.sh.keys.ghost.Store(false)
	d := st.Doc()
	if d == nil || st.ReadOnly || g.model == nil || g.model.Len() == 0 {
		return
	}
	for _, s := range g.model.Suggest(d) {
		if _, isEvent := st.eventType(s.Label); !isEvent {
			g.list = append(g.list, s)
		}
	}
}

// spans returns the suggestions as spans with IDs g0, g1….
func (g *suggestions) spans() []annotations.Span {
	out := make([]annotations.Span, len(g.list))
	for i, s := range g.list {
		out[i] = annotations.Span{ID: "g" + strconv.Itoa(i), Label: s.Label, Start: s.Start, End: s.End}
	}
	return out
}

// accept turns suggestion id ("g<n>") into a span.
func (g *suggestions) accept(id string) {
	sh, st := g.sh, g.sh.st
	i, err := strconv.Atoi(strings.TrimPrefix(id, "g"))
	if err != nil || i < 0 || i >= len(g.list) {
		return
	}
	s := g.list[i]
	armed := st.Armed
	st.Armed = nil
	err = st.Label(s.Label, s.Start, s.End)
	st.Armed = armed
	if err != nil {
		sh.say("", err)
		return
	}
	sh.say("Accepted the suggestion: "+s.Label+".", nil)
}

// onAcceptAll accepts every suggestion of the open document, as one step.
func (g *suggestions) onAcceptAll(ctx app.Context, e app.Event) {
	sh, st := g.sh, g.sh.st
	d := st.Doc()
	if len(g.list) == 0 || d == nil {
		return
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(d.NextID("T"), "T"))
	spans := make([]annotations.Span, len(g.list))
	for i, s := range g.list {
		spans[i] = annotations.Span{ID: "T" + strconv.Itoa(n+i), Label: s.Label, Start: s.Start, End: s.End}
	}
	if err := st.Do(annotations.Op{Kind: annotations.OpAddSpans, Doc: d.ID, Spans: spans}); err != nil {
		sh.say("", err)
		return
	}
	sh.say("Accepted "+plural(len(spans), "suggestion", "suggestions")+". One Ctrl+Z takes them back.", nil)
}

// render says how many suggestions the text shows, with Accept all.
func (g *suggestions) render() app.UI {
	if len(g.list) == 0 {
		return nil
	}
	return app.Div().Class("ghosts").Body(
		app.Text(plural(len(g.list), "suggestion", "suggestions")+" from your labels, dashed in the text. "),
		app.Button().Class("link").DataSet("testid", "accept-suggestions").OnClick(g.onAcceptAll).Text("Accept all"),
	)
}
