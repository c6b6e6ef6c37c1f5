package app

import (
	"strconv"

	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Action names. Components raise actions; Shell, which owns the state,
// handles them. Values are read from data-* attributes, never captured in
// closures, so a reused DOM node cannot act for the wrong item.
const (
	actionOpen      = "belgi/open"
	actionLabel     = "belgi/label"
	actionSelect    = "belgi/select"
	actionTextClick = "belgi/text-click" // a click in the document text
	actionKeep      = "belgi/keep"
	actionLanguage  = "belgi/language"
	actionEditLang  = "belgi/edit-language"
	actionEvent     = "belgi/event"
	actionDocLabel  = "belgi/doc-label"
	actionSearch    = "belgi/search"
)

// Shell is the root component. It holds the State and composes the parts
// of the app, each in a file named for it, the way net/http splits a
// server by lifetime:
//
//   - for the tab: the browser bridge, persistence (store, saver, the
//     second tab, the update banner), the keys Belgi claims;
//   - for the workspace (one State, replaced when another tab's changes
//     are loaded): the suggestion model, which the state keeps up to date;
//   - for the open document: search, the paragraph whose language is being
//     corrected, the place asked to be shown;
//   - for one gesture: a batch import, a paste, an export's loss report,
//     the annotate-all preview, the help overlay, the schema editor.
//
// No handler saves: the state tells its subscribers of every change.
type Shell struct {
	app.Compo

	st      *State
	ctx     app.Context // the shell's own, for work after a render
	browser Browser
	stop    []func()
	keys    claims

	status  string // the status line
	isError bool

	persist persistence
	search  finder
	files   importer
	paste   paster
	export  exporter
	ghosts  suggestions
	all     annotateAll
	help    helpOverlay
	schema  schemaMenu

	editLang int // paragraph whose language picker is open, -1 for none
	focus    int // code point the reader is asked to show
	focusSeq int // counts requests to show focus
}

// NewShell returns the root component over st, talking to the page
// through b (nil outside a browser). With a nil st the shell loads the
// workspace from the browser's storage, or the demo corpus when there is
// none.
func NewShell(st *State, b Browser) *Shell {
	if b == nil {
		b = noBrowser{}
	}
	s := &Shell{st: st, browser: b, editLang: -1}
	s.persist.sh, s.search.sh, s.files.sh, s.paste.sh, s.export.sh = s, s, s, s, s
	s.ghosts.sh, s.all.sh, s.help.sh, s.schema.sh = s, s, s, s
	s.search.hit = -1
	if st != nil {
		s.attach(st)
	}
	return s
}

// OnMount wires the actions and the page-wide handlers, then asks for the
// workspace lock and loads the workspace.
func (s *Shell) OnMount(ctx app.Context) {
	s.ctx = ctx
	ctx.Handle(actionOpen, s.handleOpen)
	ctx.Handle(actionLabel, s.handleLabel)
	ctx.Handle(actionSelect, s.handleSelect)
	ctx.Handle(actionTextClick, s.handleTextClick)
	ctx.Handle(actionKeep, s.handleKeep)
	ctx.Handle(actionLanguage, s.handleLanguage)
	ctx.Handle(actionEditLang, s.handleEditLang)
	ctx.Handle(actionEvent, s.handleEvent)
	ctx.Handle(actionDocLabel, s.handleDocLabel)
	ctx.Handle(actionSearch, s.search.handleSearch)
	ctx.Handle(actionSetSchema, s.schema.handleSet)
	ctx.Handle(actionCloseSchema, s.schema.handleClose)
	s.stop = append(s.stop, s.browser.Listen(pageEvents{s: s, ctx: ctx}))
	if s.st != nil {
		s.ready()
		return
	}
	s.persist.start(ctx)
}

// install makes st the state the shell renders and works on.
func (s *Shell) install(st *State) {
	s.st = st
	s.attach(st)
	s.ready()
}

// attach subscribes the parts that follow every change of st.
func (s *Shell) attach(st *State) {
	s.keys.bind(st)
	st.Subscribe(func(c Change) {
		for _, op := range c.Ops {
			if op.Kind == annotations.OpSetSchema {
				s.keys.bind(st)
				break
			}
		}
	})
	s.persist.attach(st)
	s.ghosts.attach(st)
}

// ready marks the page for tests and benchmarks, which wait for it.
func (s *Shell) ready() {
	root := app.Window().Get("document").Get("documentElement")
	if root.Call("getAttribute", "data-belgi-ready").String() == "true" {
		return
	}
	root.Call("setAttribute", "data-belgi-ready-ms", app.Window().Get("performance").Call("now").Float())
	root.Call("setAttribute", "data-belgi-ready", "true")
}

// OnAppUpdate is called by go-app when a new version has been downloaded.
// It is announced, never applied in the middle of work.
func (s *Shell) OnAppUpdate(ctx app.Context) {
	s.persist.updateReady = ctx.AppUpdateAvailable()
}

// OnDismount removes the page-wide handlers.
func (s *Shell) OnDismount() {
	for _, f := range s.stop {
		f()
	}
	s.stop = nil
}

// State returns the state the shell renders.
func (s *Shell) State() *State { return s.st }

// Render lays out the toolbar, the panels of the moment, the library, the
// reader and the side panels.
func (s *Shell) Render() app.UI {
	st := s.st
	if st == nil {
		return app.Div().Class("shell").Body(
			app.P().Class("loading").Role("status").Text(map[bool]string{true: "Loading your workspace…", false: ""}[s.persist.loading]),
		)
	}
	d := st.Doc()
	s.search.sync(d)
	s.ghosts.sync(st)
	s.keys.span.Store(st.Selected != "" && !isGhost(st.Selected))
	v := st.views()
	reader := &Reader{Colours: v.colours}
	list := &SpanList{Colours: v.colours}
	if d != nil {
		*reader = Reader{
			ID: d.ID, Title: d.Title, Source: d.Source, Language: d.Language, LangSource: d.LanguageSource,
			Paragraphs: d.Paragraphs, Cleaning: d.Cleaning, Text: d.Text, Spans: d.Spans,
			Colours: v.colours, Selected: st.Selected, EditLang: s.editLang,
			DocLabels: st.WS.Schema.DocLabels, Labels: d.Labels, Ghosts: s.ghosts.spans(),
			Query: s.search.query, Hits: s.search.hits, Hit: s.search.hit, Focus: s.focus, FocusSeq: s.focusSeq,
			Arcs: st.arcs(),
		}
		list.Spans, list.Selected = d.Spans, st.Selected
	}
	events, targets := st.eventViews(st.Colour, v.problems)
	return app.Div().Class(map[bool]string{true: "shell dragging", false: "shell"}[s.files.dragging]).Body(
		s.renderToolbar(),
		// Each optional panel has a fixed slot (display: contents), so that
		// one appearing or going does not shift the siblings after it:
		// go-app matches children by position, and a shift would make it
		// mount the whole document view again.
		slot(s.persist.renderReadOnly()),
		slot(s.persist.renderUpdate()),
		slot(s.paste.render()),
		slot(s.export.renderLost()),
		slot(s.all.render()),
		slot(s.help.render()),
		slot(s.schema.renderEditor()),
		slot(s.files.render()),
		app.Style().Text(st.colourCSS()),
		s.renderStatus(),
		app.Div().Class("panes").Body(
			&Library{Docs: v.docs, Current: st.Current},
			app.Div().Class("centre").Body(
				&Palette{Labels: v.labels, Events: v.eventLabels, Armed: armedText(st.Armed)},
				reader,
			),
			app.Aside().Class("side").Body(
				slot(s.ghosts.render()),
				&SpanPanel{Span: st.spanRecord(st.Colour, v.problems)},
				&EventPanel{Events: events, RelTypes: st.eventRelTypes(), Targets: targets},
				list,
			),
		),
	)
}

// slot holds an element that may be absent in a fixed place among its
// siblings.
func slot(ui app.UI) app.UI { return app.Div().Class("lite").Body(ui) }

// say puts a message, or err, on the status line.
func (s *Shell) say(msg string, err error) {
	if err != nil {
		s.status, s.isError = err.Error(), true
		return
	}
	s.status, s.isError = msg, false
}

func (s *Shell) renderStatus() app.UI {
	return app.Div().
		Class(map[bool]string{true: "status error", false: "status"}[s.isError]).
		Role(map[bool]string{true: "alert", false: "status"}[s.isError]).
		Aria("live", "polite").
		DataSet("testid", "status").
		Text(s.status)
}

// pageEvents hands page-wide events to the shell on the UI goroutine.
type pageEvents struct {
	s   *Shell
	ctx app.Context
}

func (p pageEvents) Key(k KeyPress) { p.ctx.Dispatch(func(app.Context) { p.s.key(k) }) }
func (p pageEvents) Paste(text string) {
	p.ctx.Dispatch(func(app.Context) { p.s.paste.add("", text) })
}
func (p pageEvents) File(f File, total int) {
	p.ctx.Dispatch(func(app.Context) { p.s.files.fileRead(f, total) })
}
func (p pageEvents) Dragging(on bool) {
	p.ctx.Dispatch(func(app.Context) { p.s.files.dragging = on })
}
func (p pageEvents) Unexported() bool       { return p.s.persist.unexported.Load() }
func (p pageEvents) Claims(k KeyPress) bool { return p.s.keys.Claims(k) }

// Message follows the tab that holds the workspace.
func (p pageEvents) Message(msg string) {
	p.ctx.Dispatch(func(ctx app.Context) { p.s.persist.follow(ctx, msg) })
}

func clipText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
