package app

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"belgi/annotations"
	"belgi/annotations/suggest"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Action names. Components raise actions; Shell, which owns the state,
// handles them. Values are read from data-* attributes, never captured in
// closures, so a reused DOM node cannot act for the wrong item.
const (
	actionOpen     = "belgi/open"
	actionLabel    = "belgi/label"
	actionSelect   = "belgi/select"
	actionKeep     = "belgi/keep"
	actionLanguage = "belgi/language"
	actionEditLang = "belgi/edit-language"
	actionEvent    = "belgi/event"
	actionDocLabel = "belgi/doc-label"
	actionSearch   = "belgi/search"
)

// Shell is the root component: it owns the State and lays out the app.
type Shell struct {
	app.Compo

	st       *State
	ctx      app.Context // the shell's own, for work after a render
	status   string
	isError  bool
	pasting  bool
	paste    string
	dragging bool
	batch    *batch // the files being imported, nil when none
	stop     []func()
	editLang int                  // paragraph whose language picker is open, -1 for none
	preview  *Preview             // annotate-all occurrences awaiting acceptance
	help     bool                 // the keyboard help is open
	editing  bool                 // the schema editor is open
	ghosts   []suggest.Suggestion // suggestions for the open document
	format   string               // export format ID, "" for gold JSON
	lost     []string             // what the last export could not hold

	query    string                 // searched for in the open document
	hits     []annotations.Fragment // where query occurs
	searched string                 // the text hits were found in
	hit      int                    // the match the search is at, -1 for none
	focus    int                    // code point the reader is asked to show
	focusSeq int                    // counts requests to show focus

	store       Store
	saver       *Saver
	saved       Saved
	owner       bool // this tab holds the workspace
	loading     bool
	updateReady bool
	unexported  atomic.Bool // read while the page unloads
}

// NewShell returns the root component over st. With a nil st the shell
// loads the workspace from the browser's storage, or the demo corpus when
// there is none.
func NewShell(st *State) *Shell { return &Shell{st: st, editLang: -1, hit: -1} }

// OnMount wires the actions and the page-wide handlers, then asks for the
// workspace lock and loads the workspace.
func (s *Shell) OnMount(ctx app.Context) {
	s.ctx = ctx
	ctx.Handle(actionOpen, s.handleOpen)
	ctx.Handle(actionLabel, s.handleLabel)
	ctx.Handle(actionSelect, s.handleSelect)
	ctx.Handle(actionKeep, s.handleKeep)
	ctx.Handle(actionLanguage, s.handleLanguage)
	ctx.Handle(actionEditLang, s.handleEditLang)
	ctx.Handle(actionEvent, s.handleEvent)
	ctx.Handle(actionDocLabel, s.handleDocLabel)
	ctx.Handle(actionSearch, s.handleSearch)
	ctx.Handle(actionSetSchema, s.handleSetSchema)
	ctx.Handle(actionCloseSchema, s.handleCloseSchema)
	s.stop = append(s.stop, browser.Listen(pageEvents{s: s, ctx: ctx}))
	if s.st != nil {
		setBound(s.st.boundKeys())
		s.ready()
		return
	}
	s.store = browser.Store()
	s.loading = true
	browser.Lock(func(owner bool) {
		ctx.Dispatch(func(ctx app.Context) { s.load(ctx, owner) })
	})
}

// load reads the stored workspace; owner says whether this tab may write.
func (s *Shell) load(ctx app.Context, owner bool) {
	s.owner = owner
	if s.store == nil {
		s.install(ctx, NewState(), 0, errNoStorage)
		return
	}
	store := s.store
	ctx.Async(func() {
		snap, journal, err := store.Load()
		if err != nil {
			ctx.Dispatch(func(ctx app.Context) {
				s.store = nil // work on, unsaved, and say so
				s.install(ctx, NewState(), 0, err)
			})
			return
		}
		st, seq, err := Restore(snap, journal)
		ctx.Dispatch(func(ctx app.Context) { s.install(ctx, st, seq, err) })
	})
}

// install makes a loaded state current. A nil st with a nil error means
// nothing was stored: the demo corpus is loaded. A nil st with an error
// means what is stored cannot be read: the tab goes read-only so that it
// is never overwritten.
func (s *Shell) install(ctx app.Context, st *State, seq int64, err error) {
	fresh := st == nil && err == nil
	switch {
	case fresh:
		st = NewState()
	case st == nil:
		s.owner = false
		st = &State{WS: annotations.NewWorkspace(annotations.DefaultSchema())}
	}
	if s.st != nil && s.st.WS.Document(s.st.Current) != nil && st.WS.Document(s.st.Current) != nil {
		st.Current = s.st.Current // a reload keeps the view
	}
	st.ReadOnly = !s.owner
	s.st = st
	s.loading = false
	setBound(st.boundKeys())
	s.refreshGhosts()
	if err != nil {
		s.say("", err)
	}
	if s.owner && s.store != nil && s.saver == nil {
		s.saver = NewSaver(s.store, seq, func(r Saved) {
			ctx.Dispatch(func(app.Context) {
				s.saved = r
				if r.Err == nil {
					browser.Broadcast("saved")
				}
			})
		})
		if fresh || err != nil {
			// A new workspace, or one whose journal was partly unreadable:
			// store it whole, replacing the journal.
			s.saver.Snapshot(st)
		}
	}
	s.ready()
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

// changed saves what the last action changed. Every handler that may
// change the workspace calls it.
func (s *Shell) changed() {
	if s.st == nil {
		return
	}
	if s.saver != nil {
		s.saver.Save(s.st)
	} else {
		s.st.TakeApplied()
	}
	s.unexported.Store(s.st.Dirty())
	setBound(s.st.boundKeys())
	s.refreshGhosts()
	if d := s.st.Doc(); d != nil && s.query != "" && d.Text != s.searched {
		// The text changed under the search (re-cleaning, undo across
		// documents); comparing the same string is a pointer check.
		s.researchOpen()
	}
}

// OnAppUpdate is called by go-app when a new version has been downloaded.
// It is announced, never applied in the middle of work.
func (s *Shell) OnAppUpdate(ctx app.Context) {
	s.updateReady = ctx.AppUpdateAvailable()
}

func (s *Shell) onReload(ctx app.Context, e app.Event) { ctx.Reload() }

// OnDismount removes the page-wide handlers.
func (s *Shell) OnDismount() {
	for _, f := range s.stop {
		f()
	}
	s.stop = nil
}

// State returns the state the shell renders.
func (s *Shell) State() *State { return s.st }

// Render lays out the toolbar, library, reader and span list.
func (s *Shell) Render() app.UI {
	st := s.st
	if st == nil {
		return app.Div().Class("shell").Body(
			app.P().Class("loading").Role("status").Text(map[bool]string{true: "Loading your workspace…", false: ""}[s.loading]),
		)
	}
	colours := make(map[string]int, len(st.WS.Schema.Entities)+len(st.WS.Schema.Events))
	labels := make([]LabelItem, 0, len(st.WS.Schema.Entities))
	for _, e := range st.WS.Schema.Entities {
		colours[e.Type] = st.Colour(e.Type)
		labels = append(labels, LabelItem{Type: e.Type, Name: e.Name, Key: e.Key, Colour: colours[e.Type], Rare: e.Rare})
	}
	var eventLabels []LabelItem
	for _, e := range st.WS.Schema.Events {
		colours[e.Type] = st.Colour(e.Type)
		eventLabels = append(eventLabels, LabelItem{Type: e.Type, Name: e.Name, Key: e.Key, Colour: colours[e.Type], Rare: e.Rare})
	}
	problems := st.problems()
	events, targets := st.eventViews(st.Colour, problems)
	spanSelected.Store(st.Selected != "" && !strings.HasPrefix(st.Selected, "g"))
	docs := make([]DocItem, len(st.WS.Documents))
	for i, d := range st.WS.Documents {
		docs[i] = DocItem{ID: d.ID, Title: d.Title, Language: d.Language, Spans: len(d.Spans)}
	}
	reader := &Reader{Colours: colours}
	list := &SpanList{Colours: colours}
	if d := st.Doc(); d != nil {
		*reader = Reader{
			ID: d.ID, Title: d.Title, Source: d.Source, Language: d.Language, LangSource: d.LanguageSource,
			Paragraphs: d.Paragraphs, Cleaning: d.Cleaning, Text: d.Text, Spans: d.Spans,
			Colours: colours, Selected: st.Selected, EditLang: s.editLang,
			DocLabels: st.WS.Schema.DocLabels, Labels: d.Labels, Ghosts: s.ghostSpans(),
			Query: s.query, Hits: s.hits, Hit: s.hit, Focus: s.focus, FocusSeq: s.focusSeq,
			Arcs: st.arcs(),
		}
		list.Spans, list.Selected = d.Spans, st.Selected
	}
	shellClass := "shell"
	if s.dragging {
		shellClass += " dragging"
	}
	return app.Div().Class(shellClass).Body(
		app.Header().Class("bar").Body(
			app.Span().Class("brand").Body(app.Img().Src("/web/icon.svg").Alt(""), app.Text("Belgi")),
			app.Button().DataSet("testid", "paste-button").Aria("expanded", s.pasting).OnClick(s.togglePaste).Title("Paste text as a new document (Ctrl+V outside a field does it too)").Text("Paste"),
			app.Label().Class("button").DataSet("testid", "open-files").Body(
				app.Text("Open files"),
				app.Input().Type("file").Multiple(true).Accept(".txt,.text,text/plain,.json,.zip,.html,.htm").
					DataSet("testid", "file-input").OnChange(s.onFiles),
			),
			app.Label().Class("button").DataSet("testid", "open-folder").Title("Open every file of a folder, such as a brat corpus").Body(
				app.Text("Folder"),
				app.Input().Type("file").Multiple(true).Attr("webkitdirectory", true).
					DataSet("testid", "folder-input").OnChange(s.onFiles),
			),
			app.Label().Class("button").DataSet("testid", "import").Body(
				app.Text("Import"),
				app.Input().Type("file").Accept(".json,application/json").
					DataSet("testid", "import-input").OnChange(s.onFiles),
			),
			app.Label().Class("button").DataSet("testid", "restore").Title("Replace the workspace with a backup made by Export all").Body(
				app.Text("Restore"),
				app.Input().Type("file").Accept(".json,application/json").
					DataSet("testid", "restore-input").OnChange(s.onRestore),
			),
			app.Details().Class("menu").Body(
				app.Summary().Class("button").DataSet("testid", "schema-menu").Text("Schema"),
				app.Div().Class("menu-items").Body(
					app.Button().DataSet("testid", "schema-edit").OnClick(s.onEditSchema).Text("Edit schema…"),
					app.Button().DataSet("testid", "schema-save").OnClick(s.onSaveSchema).Text("Save schema as JSON"),
					app.Label().Class("button").Title("A schema saved by Belgi, a gold file, or a brat annotation.conf").Body(
						app.Text("Load schema…"),
						app.Input().Type("file").Accept(".json,.conf,application/json,text/plain").DataSet("testid", "schema-input").OnChange(s.onLoadSchema),
					),
				),
			),
			app.Span().Class("spacer"),
			s.renderSaveState(),
			app.Button().DataSet("testid", "annotate-all").Disabled(st.Selected == "").OnClick(s.onAnnotateAll).Title("Label every other occurrence of the selected span's text, after a preview").Text("Annotate all"),
			app.Button().DataSet("testid", "undo").Disabled(len(st.undo) == 0).OnClick(s.onUndo).Title("Undo (Ctrl+Z)").Text("Undo"),
			app.Button().DataSet("testid", "redo").Disabled(len(st.redo) == 0).OnClick(s.onRedo).Title("Redo (Ctrl+Shift+Z)").Text("Redo"),
			app.Label().Body(
				app.Span().Class("visually-hidden").Text("Export format"),
				app.Select().Class("format-select").DataSet("testid", "export-format").OnChange(s.onFormat).Title("Export format").Body(
					app.Range(ExportFormats).Slice(func(i int) app.UI {
						f := ExportFormats[i]
						return app.Option().Value(f.ID).Title(f.Name).Selected(f.ID == s.format || (s.format == "" && f.ID == "json")).Text(f.Short())
					}),
				),
			),
			app.Button().DataSet("testid", "export-document").Disabled(st.Doc() == nil).OnClick(s.onExportDoc).Title("Export the open document").Text("Export doc"),
			app.Button().Class("primary").DataSet("testid", "export").OnClick(s.onExportAll).Text("Export all"),
		),
		// Each optional panel has a fixed slot (display: contents), so that
		// one appearing or going does not shift the siblings after it:
		// go-app matches children by position, and a shift would make it
		// mount the whole document view again.
		slot(app.If(st.ReadOnly, app.Div().Class("banner").Role("status").DataSet("testid", "readonly-banner").Text(
			"Read-only: Belgi is open in another tab, which holds the workspace. This tab follows its changes and becomes editable when that tab closes."))),
		slot(app.If(s.updateReady, app.Div().Class("banner").Role("status").DataSet("testid", "update-banner").Body(
			app.Text("A new version of Belgi is ready. It loads when you reload; your work is saved. "),
			app.Button().OnClick(s.onReload).Text("Reload now"),
		))),
		slot(app.If(s.pasting, s.renderPaste())),
		slot(s.renderLost()),
		slot(s.renderPreview()),
		slot(s.renderHelp()),
		slot(s.renderSchemaEditor()),
		slot(s.renderBatch()),
		app.Style().Text(st.colourCSS()),
		app.Div().
			Class(map[bool]string{true: "status error", false: "status"}[s.isError]).
			Role(map[bool]string{true: "alert", false: "status"}[s.isError]).
			Aria("live", "polite").
			DataSet("testid", "status").
			Text(s.status),
		app.Div().Class("panes").Body(
			&Library{Docs: docs, Current: st.Current},
			app.Div().Class("centre").Body(
				&Palette{Labels: labels, Events: eventLabels, Armed: armedText(st.Armed)},
				reader,
			),
			app.Aside().Class("side").Body(
				slot(app.If(len(s.ghosts) > 0, app.Div().Class("ghosts").Body(
					app.Text(plural(len(s.ghosts), "suggestion", "suggestions")+" from your labels, dashed in the text. "),
					app.Button().Class("link").DataSet("testid", "accept-suggestions").OnClick(s.onAcceptGhosts).Text("Accept all"),
				))),
				&SpanPanel{Span: st.spanRecord(st.Colour, problems)},
				&EventPanel{Events: events, RelTypes: st.eventRelTypes(), Targets: targets},
				list,
			),
		),
	)
}

// slot holds an element that may be absent in a fixed place among its
// siblings.
func slot(ui app.UI) app.UI { return app.Div().Class("lite").Body(ui) }

// handleDocLabel turns a document-level label on or off.
func (s *Shell) handleDocLabel(ctx app.Context, a app.Action) {
	l, _ := a.Value.(string)
	d := s.st.Doc()
	if d == nil {
		return
	}
	var labels []string
	on := true
	for _, x := range d.Labels {
		if x == l {
			on = false
			continue
		}
		labels = append(labels, x)
	}
	if on {
		labels = append(labels, l)
	}
	if err := s.st.Do(annotations.Op{Kind: annotations.OpSetLabels, Doc: d.ID, Labels: labels}); err != nil {
		s.say("", err)
	}
	s.changed()
	s.Update()
}

// renderHelp lists the keyboard shortcuts, the schema's included.
func (s *Shell) renderHelp() app.UI {
	if !s.help {
		return nil
	}
	row := func(keys, what string) app.UI {
		return app.Tr().Body(app.Td().Body(app.Kbd().Text(keys)), app.Td().Text(what))
	}
	rows := []app.UI{
		row("1–9, letters", "label the selected text with the entity or event type bound to the key (by the key's place, on any layout)"),
		row("/ or Ctrl+F", "find in the document; Enter selects the next match in the text, ready for a label key; Shift+Enter the previous"),
		row("F3, Ctrl+G", "next match (with Shift: previous), from the text"),
		row("Shift+arrows", "widen or narrow the selected text (Ctrl+Shift+arrows: by word); F7 turns on caret browsing to start a selection anywhere"),
		row("] / [", "select the next / previous span"),
		row("Enter", "on a selected span: go to its record (label, attributes, relations, note); with a role or relation waiting, fill it with the span; on a suggestion: accept it"),
		row("+", "add the selected text to the selected span as another piece (a discontinuous span)"),
		row("Delete", "delete the selected span, with the event it triggers"),
		row("Ctrl+Z / Ctrl+Shift+Z", "undo / redo, across documents"),
		row("Escape", "clear the selection, stop filling a role, close this help"),
		row("Ctrl+V", "outside a text field: add the clipboard text as a document"),
		row("Tab, Enter", "move through controls; in a record, Enter on + arms a role or relation"),
		row("?", "show or hide this help"),
	}
	for _, e := range s.st.WS.Schema.Entities {
		if e.Key != "" {
			rows = append(rows, row(e.Key, e.Type+": "+e.Name))
		}
	}
	for _, e := range s.st.WS.Schema.Events {
		if e.Key != "" {
			rows = append(rows, row(e.Key, "event "+e.Type+": "+e.Name))
		}
	}
	return app.Div().Class("help").Role("dialog").Aria("modal", true).Aria("label", "Keyboard shortcuts").DataSet("testid", "help").Body(
		app.H2().Text("Keyboard shortcuts"),
		app.Table().Body(app.TBody().Body(rows...)),
		app.Button().OnClick(s.onCloseHelp).Text("Close"),
	)
}

func (s *Shell) onSaveSchema(ctx app.Context, e app.Event) {
	data, err := s.st.SchemaJSON()
	if err != nil {
		s.say("", err)
		return
	}
	browser.Download("belgi-schema.json", "application/json", data)
	s.say("Saved the schema as belgi-schema.json.", nil)
}

func (s *Shell) onLoadSchema(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	files := input.Get("files")
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	browser.ReadFiles(files, func(f File) {
		ctx.Dispatch(func(ctx app.Context) {
			defer s.changed()
			if f.Err != nil {
				s.say("", f.Err)
				return
			}
			msg, err := s.st.LoadSchema(f.Name, f.Data)
			s.say(msg, err)
		})
	})
	input.Set("value", "")
}

func (s *Shell) renderSchemaEditor() app.UI {
	if !s.editing {
		return nil
	}
	return &SchemaEditor{Schema: s.st.WS.Schema}
}

func (s *Shell) onEditSchema(ctx app.Context, e app.Event) {
	s.editing = true
	if d := ctx.JSSrc().Call("closest", "details"); d.Truthy() {
		d.Set("open", false)
	}
}

func (s *Shell) handleCloseSchema(ctx app.Context, a app.Action) {
	s.editing = false
	s.Update()
}

// handleSetSchema applies the schema the editor made, as one undoable step.
func (s *Shell) handleSetSchema(ctx app.Context, a app.Action) {
	sc, ok := a.Value.(annotations.Schema)
	if !ok {
		return
	}
	msg, err := s.st.SetSchema(sc)
	s.say(msg, err)
	if err == nil {
		s.editing = false
	}
	s.changed()
	s.Update()
}

func (s *Shell) onCloseHelp(ctx app.Context, e app.Event) { s.help = false }

// refreshGhosts asks the recommender, which learns from every span in the
// workspace, for suggestions in the open document.
func (s *Shell) refreshGhosts() {
	s.ghosts = nil
	ghostSelected.Store(false)
	if s.st == nil || s.st.Doc() == nil || s.st.ReadOnly {
		return
	}
	m := suggest.Learn(s.st.WS.Documents)
	if m.Len() == 0 {
		return
	}
	for _, g := range m.Suggest(s.st.Doc()) {
		if _, isEvent := s.st.eventType(g.Label); !isEvent {
			s.ghosts = append(s.ghosts, g)
		}
	}
}

// ghostSpans returns the suggestions as spans with IDs g0, g1….
func (s *Shell) ghostSpans() []annotations.Span {
	out := make([]annotations.Span, len(s.ghosts))
	for i, g := range s.ghosts {
		out[i] = annotations.Span{ID: "g" + strconv.Itoa(i), Label: g.Label, Start: g.Start, End: g.End}
	}
	return out
}

// acceptGhost turns suggestion id ("g<n>") into a span.
func (s *Shell) acceptGhost(id string) {
	i, err := strconv.Atoi(strings.TrimPrefix(id, "g"))
	if err != nil || i < 0 || i >= len(s.ghosts) {
		return
	}
	g := s.ghosts[i]
	armed := s.st.Armed
	s.st.Armed = nil
	err = s.st.Label(g.Label, g.Start, g.End)
	s.st.Armed = armed
	if err != nil {
		s.say("", err)
		return
	}
	s.say("Accepted the suggestion: "+g.Label+".", nil)
	s.changed()
}

func (s *Shell) onAcceptGhosts(ctx app.Context, e app.Event) {
	if len(s.ghosts) == 0 {
		return
	}
	d := s.st.Doc()
	var ops []annotations.Op
	var spans []annotations.Span
	next := d.NextID("T")
	n, _ := strconv.Atoi(strings.TrimPrefix(next, "T"))
	for _, g := range s.ghosts {
		spans = append(spans, annotations.Span{ID: "T" + strconv.Itoa(n), Label: g.Label, Start: g.Start, End: g.End})
		n++
	}
	ops = append(ops, annotations.Op{Kind: annotations.OpAddSpans, Doc: d.ID, Spans: spans})
	if err := s.st.Do(ops...); err != nil {
		s.say("", err)
		return
	}
	s.say("Accepted "+plural(len(spans), "suggestion", "suggestions")+". One Ctrl+Z takes them back.", nil)
	s.changed()
}

func armedText(a *Arm) string {
	switch {
	case a == nil:
		return ""
	case a.Relation != "":
		return "the other end of " + a.Relation + " from " + a.Event
	}
	return a.Role + " of " + a.Event
}

// handleEvent carries out what a control of the event panel asks.
func (s *Shell) handleEvent(ctx app.Context, a app.Action) {
	c, _ := a.Value.(eventCmd)
	st := s.st
	var err error
	switch c.Cmd {
	case "open":
		if st.SelectedEvent == c.Event {
			st.SelectedEvent = ""
		} else {
			st.SelectedEvent = c.Event
		}
	case "arm":
		if st.Armed != nil && st.Armed.Event == c.Event && st.Armed.Role == c.Role {
			st.Armed = nil
			s.say("", nil)
		} else {
			st.Armed = &Arm{Event: c.Event, Role: c.Role}
			s.say("Click a span to fill "+c.Role+", or select text and press its label key. Escape cancels.", nil)
		}
	case "arm-rel":
		from := st.relationRef(c.Type, 0, c.Event)
		if a := st.Armed; a != nil && a.Relation == c.Type && a.Event == from {
			st.Armed = nil
			s.say("", nil)
		} else {
			st.Armed = &Arm{Event: from, Relation: c.Type}
			s.say("Click the other span of "+c.Type+", or select text and press its label key, or move to it with ] and [ and press Enter. Escape cancels.", nil)
		}
	case "relabel":
		err = st.Relabel(c.Event, c.Value)
	case "piece":
		err = s.addPiece(c.Event)
	case "unpiece":
		err = st.RemoveFragment(c.Event, c.Index)
	case "note":
		err = st.SetNote(c.Ref, c.Value)
	case "unfill":
		err = st.Unfill(c.Event, c.Index)
	case "attr":
		err = st.SetAttribute(c.Event, c.Attr, c.Value)
	case "link":
		err = st.Link(c.Type, c.Event, c.Ref)
	case "remove":
		err = st.Remove(c.Ref)
	}
	if err != nil {
		s.say("", err)
	}
	s.changed()
	s.Update()
}

// renderSaveState shows whether the latest change is stored.
func (s *Shell) renderSaveState() app.UI {
	switch {
	case s.saved.Err != nil:
		return app.Span().Class("save error").Role("alert").DataSet("testid", "save-state").DataSet("state", "error").Body(
			app.Text("Not saved: "+s.saved.Err.Error()+". Export now to keep your latest changes. "),
			app.Button().DataSet("testid", "export-now").OnClick(s.onExportAll).Text("Export now"),
		)
	case s.saver == nil:
		return app.Span().Class("save").DataSet("testid", "save-state").DataSet("state", "off").Text(map[bool]string{true: "Read-only", false: "Not stored"}[s.st.ReadOnly])
	case s.saved.Seq < s.saver.Seq():
		return app.Span().Class("save").DataSet("testid", "save-state").DataSet("state", "saving").Text("Saving…")
	}
	return app.Span().Class("save").DataSet("testid", "save-state").DataSet("state", "saved").DataSet("seq", s.saved.Seq).Text("Saved")
}

func (s *Shell) renderPaste() app.UI {
	return app.Section().Class("paste").Aria("label", "Paste text").Body(
		app.Textarea().
			ID("paste-text").
			DataSet("testid", "paste-text").
			Placeholder("Paste an article here (Ctrl+V anywhere outside a text field also works).").
			Rows(8).
			Text(s.paste).
			OnInput(s.onPasteInput),
		app.Div().Body(
			app.Button().Class("primary").DataSet("testid", "paste-add").OnClick(s.onPasteAdd).Text("Add document"),
			app.Button().OnClick(s.togglePaste).Text("Cancel"),
		),
	)
}

func (s *Shell) say(msg string, err error) {
	if err != nil {
		s.status, s.isError = err.Error(), true
		return
	}
	s.status, s.isError = msg, false
}

func (s *Shell) handleOpen(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	s.st.Open(id)
	s.status, s.editLang = "", -1
	s.researchOpen()
	s.refreshGhosts()
	s.Update()
}

func (s *Shell) handleSelect(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	ghostSelected.Store(strings.HasPrefix(id, "g"))
	if arm := s.st.Armed; arm != nil && id != "" {
		if err := s.st.Fill(*arm, id); err != nil {
			s.say("", err)
		} else {
			s.say("Filled "+arm.Role+".", nil)
			s.st.Armed = nil
		}
		s.changed()
		s.Update()
		return
	}
	s.st.Selected = id
	if ev := s.st.triggered(id); ev != "" {
		s.st.SelectedEvent = ev
	}
	s.Update()
}

func (s *Shell) handleKeep(ctx app.Context, a app.Action) {
	c, _ := a.Value.(keepChange)
	defer s.Update()
	defer s.changed()
	n, err := s.st.SetKeep(s.st.Current, c.Lines, c.Keep, func(lost []annotations.Span) bool {
		var names []string
		for i, sp := range lost {
			if i == 5 {
				names = append(names, "…")
				break
			}
			names = append(names, sp.Label+" “"+clipText(sp.Text)+"”")
		}
		return browser.Confirm("Removing this text deletes " + plural(len(lost), "span", "spans") + ": " + strings.Join(names, ", ") + ". Undo brings them back. Continue?")
	})
	switch {
	case errors.Is(err, errCancelled):
		s.say("Nothing changed.", nil)
	case err != nil:
		s.say("", err)
	case c.Keep:
		s.say("Restored "+plural(len(c.Lines), "line", "lines")+".", nil)
	default:
		msg := "Removed " + plural(len(c.Lines), "line", "lines") + "."
		if n > 0 {
			msg += " " + plural(n, "span was", "spans were") + " deleted with it; Ctrl+Z brings everything back."
		}
		s.say(msg, nil)
	}
}

func (s *Shell) handleLanguage(ctx app.Context, a app.Action) {
	c, _ := a.Value.(langChange)
	s.editLang = -1
	if err := s.st.SetLanguage(s.st.Current, c.Para, c.Tag); err != nil {
		s.say("", err)
	} else {
		s.say("Language set to "+languageName(c.Tag)+".", nil)
	}
	s.changed()
	s.Update()
}

func (s *Shell) handleEditLang(ctx app.Context, a app.Action) {
	s.editLang, _ = a.Value.(int)
	s.Update()
}

func (s *Shell) handleLabel(ctx app.Context, a app.Action) {
	label, _ := a.Value.(string)
	s.labelSelection(label)
	s.changed()
	s.Update()
}

// labelSelection labels the browser's current text selection.
func (s *Shell) labelSelection(label string) {
	d := s.st.Doc()
	if d == nil {
		s.say("", errNoDocument)
		return
	}
	a, b, ok := browser.Selection()
	if !ok {
		s.say("", errNoSelection)
		return
	}
	start, end, err := SelectionRange(d, a, b)
	if err == nil {
		err = s.st.Label(label, start, end)
	}
	if err != nil {
		s.say("", err)
		return
	}
	browser.ClearSelection()
	sp, _ := d.Span(s.st.Selected)
	if arm := s.st.Armed; arm != nil {
		s.st.Armed = nil
		s.say("“"+clipText(sp.Text)+"” ("+label+") fills "+arm.Role+".", nil)
		return
	}
	s.say("Labelled “"+clipText(sp.Text)+"” as "+label+".", nil)
}

// pageEvents hands page-wide events to the shell on the UI goroutine.
type pageEvents struct {
	s   *Shell
	ctx app.Context
}

func (p pageEvents) Key(k KeyPress)    { p.ctx.Dispatch(func(app.Context) { p.s.key(k) }) }
func (p pageEvents) Paste(text string) { p.ctx.Dispatch(func(app.Context) { p.s.addText("", text) }) }
func (p pageEvents) File(f File, total int) {
	p.ctx.Dispatch(func(app.Context) { p.s.fileRead(f, total) })
}
func (p pageEvents) Dragging(on bool) {
	p.ctx.Dispatch(func(app.Context) { p.s.dragging = on })
}
func (p pageEvents) Unexported() bool { return p.s.unexported.Load() }

// Message follows the tab that holds the workspace: when it has saved, a
// read-only tab reloads what is stored.
func (p pageEvents) Message(msg string) {
	p.ctx.Dispatch(func(ctx app.Context) {
		if msg == "saved" && !p.s.owner && p.s.st != nil {
			p.s.load(ctx, false)
		}
	})
}

// key acts on a key pressed outside a text field.
func (s *Shell) key(k KeyPress) {
	if s.st == nil {
		return
	}
	defer s.changed()
	switch {
	case k.Ctrl && (k.Key == "y" || k.Key == "Y" || (k.Shift && (k.Key == "z" || k.Key == "Z"))):
		s.redo()
	case k.Ctrl && (k.Key == "z" || k.Key == "Z"):
		s.undo()
	case k.Ctrl && (k.Key == "f" || k.Key == "F"):
		s.focusOn("#search")
	case k.Ctrl && (k.Key == "g" || k.Key == "G"), k.Key == "F3":
		dir := 1
		if k.Shift {
			dir = -1
		}
		s.search(s.query, dir)
	case k.Ctrl || k.Alt:
	case k.Key == "Delete" || k.Key == "Backspace":
		if s.st.Selected == "" {
			return
		}
		sp, _ := s.st.Doc().Span(s.st.Selected)
		if err := s.st.DeleteSelected(); err != nil {
			s.say("", err)
		} else {
			s.say("Deleted "+sp.Label+" “"+clipText(sp.Text)+"”. Ctrl+Z brings it back.", nil)
		}
	case k.Key == "?":
		s.help = !s.help
	case k.Key == "/":
		s.focusOn("#search")
	case k.Code == "BracketRight" || k.Code == "BracketLeft":
		s.stepSpan(map[bool]int{true: 1, false: -1}[k.Code == "BracketRight"])
	case k.Code == "Equal" || k.Code == "NumpadAdd":
		if s.st.Selected == "" || strings.HasPrefix(s.st.Selected, "g") {
			s.say("", errors.New("select a span first (click it, or press ] or [), then the text of its next piece, then press +"))
		} else if err := s.addPiece(s.st.Selected); err != nil {
			s.say("", err)
		}
	case k.Key == "Enter":
		if strings.HasPrefix(s.st.Selected, "g") {
			id := s.st.Selected
			s.st.Selected = ""
			ghostSelected.Store(false)
			s.acceptGhost(id)
		} else {
			s.enter()
		}
	case k.Key == "Escape":
		s.help = false
		s.st.Selected, s.st.Armed = "", nil
		s.pasting = false
		s.editLang = -1
	default:
		if label, ok := s.st.LabelForKey(k.Binding()); ok {
			s.labelSelection(label)
		}
	}
}

func (s *Shell) onUndo(ctx app.Context, e app.Event) { s.undo(); s.changed() }
func (s *Shell) onRedo(ctx app.Context, e app.Event) { s.redo(); s.changed() }

func (s *Shell) undo() {
	if s.st.Undo() {
		s.say("Undone.", nil)
	}
}

func (s *Shell) redo() {
	if s.st.Redo() {
		s.say("Redone.", nil)
	}
}

func (s *Shell) togglePaste(ctx app.Context, e app.Event) {
	s.pasting = !s.pasting
}

func (s *Shell) onPasteInput(ctx app.Context, e app.Event) {
	s.paste = ctx.JSSrc().Get("value").String()
}

func (s *Shell) onPasteAdd(ctx app.Context, e app.Event) {
	s.addText("", s.paste)
	if !s.isError {
		s.paste, s.pasting = "", false
	}
}

func (s *Shell) addText(name, text string) {
	if s.st == nil {
		return
	}
	defer s.changed()
	d, err := s.st.AddText(name, text)
	if err != nil {
		s.say("", err)
		return
	}
	s.say(strings.TrimSpace("Added “"+clipText(d.Title)+"”. "+describeMarkup(d)+" "+describeControls(inputOf(d))), nil)
}

func (s *Shell) onFiles(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	s.readFiles(ctx, input.Get("files"))
	input.Set("value", "") // choosing the same file again fires change again
}

func (s *Shell) readFiles(ctx app.Context, files app.Value) {
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	total := files.Get("length").Int()
	browser.ReadFiles(files, func(f File) {
		ctx.Dispatch(func(ctx app.Context) { s.fileRead(f, total) })
	})
}

// A batch is a set of files being imported together.
type batch struct {
	total   int
	files   []File
	results []batchResult
	done    bool
}

type batchResult struct {
	name, msg string
	ok        bool
}

// fileRead collects one of total files; once all are read they are added
// in name order, each with its own result, so one bad file is reported and
// skipped while the rest load.
func (s *Shell) fileRead(f File, total int) {
	if s.batch == nil || s.batch.done {
		s.batch = &batch{total: total}
	}
	b := s.batch
	b.files = append(b.files, f)
	if len(b.files) < b.total {
		return
	}
	b.done = true
	sort.SliceStable(b.files, func(i, j int) bool { return b.files[i].Name < b.files[j].Name })
	ok := 0
	var readable []File
	for _, f := range b.files {
		if f.Err != nil {
			b.results = append(b.results, batchResult{name: f.Name, msg: f.Err.Error()})
			s.say("", f.Err)
			continue
		}
		readable = append(readable, f)
	}
	docs, schema, results := ImportFiles(readable)
	for i, r := range results {
		f := readable[i]
		var res batchResult
		switch {
		case errors.Is(r.Err, ErrUseAddFile):
			s.addFile(f)
			res = batchResult{msg: s.status, ok: !s.isError}
		case r.Err != nil:
			res = batchResult{msg: r.Err.Error()}
			s.say("", fmt.Errorf("%s: %v", f.Name, r.Err))
		case r.Docs == 0:
			res = batchResult{msg: strings.Join(r.Notes, " "), ok: true}
		default:
			msg := fmt.Sprintf("read as %s: %s, %s.", r.Format, plural(r.Docs, "document", "documents"), plural(r.Spans, "span", "spans"))
			if len(r.Notes) > 0 {
				msg += " " + strings.Join(firstN(r.Notes, 5), " ")
			}
			res = batchResult{msg: msg, ok: true}
		}
		res.name = f.Name
		b.results = append(b.results, res)
	}
	if len(docs) > 0 {
		if err := s.st.AddImported(docs, schema); err != nil {
			s.say("", err)
			for i := range b.results {
				if b.results[i].ok && !strings.HasPrefix(b.results[i].msg, "Added") {
					b.results[i].ok, b.results[i].msg = false, err.Error()
				}
			}
		} else if b.total == 1 {
			s.say("Imported "+b.results[0].name+": "+b.results[0].msg, nil)
		}
	}
	for _, r := range b.results {
		if r.ok {
			ok++
		}
	}
	if b.total == 1 {
		s.batch = nil // the status line says it all
		return
	}
	s.say(fmt.Sprintf("Imported %d of %d files.", ok, b.total), nil)
	if ok < b.total {
		s.say("", fmt.Errorf("imported %d of %d files; see the list for what was skipped", ok, b.total))
	}
}

func (s *Shell) onCloseBatch(ctx app.Context, e app.Event) { s.batch = nil }

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
}

// renderBatch shows import progress and, when done, the result per file.
func (s *Shell) renderBatch() app.UI {
	b := s.batch
	if b == nil || b.total < 2 {
		return nil
	}
	return app.Section().Class("batch").Aria("label", "Import").DataSet("testid", "import-panel").Body(
		app.Div().Class("batch-head").Body(
			app.Label().Body(
				app.Text(fmt.Sprintf("Files read: %d of %d ", len(b.files), b.total)),
				app.Progress().DataSet("testid", "import-progress").Max(b.total).Value(len(b.files)),
			),
			app.If(b.done, app.Button().Class("link").OnClick(s.onCloseBatch).Text("Close")),
		),
		app.Ul().DataSet("testid", "import-results").Body(app.Range(b.results).Slice(func(i int) app.UI {
			r := b.results[i]
			return app.Li().
				Class(map[bool]string{true: "ok", false: "failed"}[r.ok]).
				DataSet("testid", "import-result").
				DataSet("ok", r.ok).
				Body(app.Strong().Text(r.name+": "), app.Text(r.msg))
		})),
	)
}

// addFile adds a file that was read, reporting the result.
func (s *Shell) addFile(f File) {
	if s.st == nil {
		return
	}
	defer s.changed()
	if f.Err != nil {
		s.say("", f.Err)
		return
	}
	msg, err := s.st.AddFile(f.Name, f.Data)
	if err == nil {
		if d := s.st.Doc(); d != nil {
			msg = strings.TrimSpace(msg + " " + describeMarkup(d) + " " + describeControls(inputOf(d)))
		}
	}
	s.say(msg, err)
}

func (s *Shell) onExportAll(ctx app.Context, e app.Event) { s.export("") }

func (s *Shell) onExportDoc(ctx app.Context, e app.Event) { s.export(s.st.Current) }

func (s *Shell) onFormat(ctx app.Context, e app.Event) {
	s.format = ctx.JSSrc().Get("value").String()
}

// export offers the workspace, or one document, as a file in the chosen
// format, and lists what the format could not hold.
func (s *Shell) export(id string) {
	s.lost = nil
	if s.format == "" || s.format == "json" {
		name, data, err := s.st.Export(id)
		if err != nil {
			s.say("", err)
			return
		}
		browser.Download(name, "application/json", data)
		s.say("Exported "+name+".", nil)
		s.changed()
		return
	}
	docs := s.st.WS.Documents
	if id != "" {
		docs = []*annotations.Document{s.st.WS.Document(id)}
	}
	name, data, lost, err := ExportAs(s.format, s.st.WS.Schema, docs)
	if err != nil {
		s.say("", err)
		return
	}
	f, _ := exportFormat(s.format)
	browser.Download(name, f.MIME(), data)
	s.lost = lost
	if len(lost) > 0 {
		s.say(fmt.Sprintf("Exported %s. %s could not hold %s: see the list.", name, f.Name, plural(len(lost), "item", "items")), nil)
	} else {
		s.say("Exported "+name+". Nothing was lost.", nil)
	}
}

func (s *Shell) onCloseLost(ctx app.Context, e app.Event) { s.lost = nil }

// renderLost lists what the last export could not hold.
func (s *Shell) renderLost() app.UI {
	if len(s.lost) == 0 {
		return nil
	}
	return app.Section().Class("batch").Aria("label", "What the export lost").DataSet("testid", "loss-report").Body(
		app.Div().Class("batch-head").Body(
			app.Strong().Text(plural(len(s.lost), "item", "items")+" the format could not hold"),
			app.Button().Class("link").OnClick(s.onCloseLost).Text("Close"),
		),
		app.Ul().Body(app.Range(s.lost).Slice(func(i int) app.UI {
			return app.Li().DataSet("testid", "lost-item").Text(s.lost[i])
		})),
	)
}

func (s *Shell) onRestore(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	files := input.Get("files")
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	browser.ReadFiles(files, func(f File) {
		ctx.Dispatch(func(ctx app.Context) {
			defer s.changed()
			if f.Err != nil {
				s.say("", f.Err)
				return
			}
			if !browser.Confirm("Replace the whole workspace with " + f.Name + "? Undo can bring back what is here now.") {
				return
			}
			msg, err := s.st.Restore(f.Name, f.Data)
			s.say(msg, err)
		})
	})
	input.Set("value", "")
}

func clipText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
