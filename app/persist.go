package app

import (
	"sync/atomic"

	"belgi/annotations"
	"belgi/annotations/journal"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// persistence is the part of the shell that keeps the workspace in the
// browser: the store, the saver that writes every change to it, whether
// this tab holds the workspace (a second tab follows read-only), and the
// banner that announces a new version. It lives as long as the tab.
type persistence struct {
	sh          *Shell
	store       journal.Store
	saver       *journal.Saver
	saved       journal.Saved
	owner       bool // this tab holds the workspace
	loading     bool
	updateReady bool
	unexported  atomic.Bool // read while the page unloads
}

// start asks for the workspace lock and loads the workspace.
func (p *persistence) start(ctx app.Context) {
	p.store = p.sh.browser.Store()
	p.loading = true
	p.sh.browser.Lock(func(owner bool) {
		ctx.Dispatch(func(ctx app.Context) { p.load(ctx, owner) })
	})
}

// load reads the stored workspace; owner says whether this tab may write.
func (p *persistence) load(ctx app.Context, owner bool) {
	p.owner = owner
	if p.store == nil {
		p.install(ctx, nil, errNoStorage)
		return
	}
	store := p.store
	ctx.Async(func() {
		snap, entries, err := store.Load()
		if err != nil {
			ctx.Dispatch(func(ctx app.Context) {
				p.store = nil // work on, unsaved, and say so
				p.install(ctx, nil, err)
			})
			return
		}
		r, err := journal.Restore(snap, entries)
		ctx.Dispatch(func(ctx app.Context) { p.install(ctx, r, err) })
	})
}

// install makes a loaded workspace current. Nothing stored (a nil r and
// no error) loads the demo corpus. A nil r with an error means what is
// stored cannot be read: the tab goes read-only, so that it is never
// overwritten. Without a store, the demo corpus is worked on unsaved.
func (p *persistence) install(ctx app.Context, r *journal.Restored, err error) {
	var st *State
	var seq int64
	switch {
	case r != nil:
		st, seq = &State{WS: r.Workspace, Current: r.Current}, r.Seq
	case err == nil || p.store == nil:
		st = NewState()
	default:
		p.owner = false
		st = &State{WS: annotations.NewWorkspace(annotations.DefaultSchema())}
	}
	fresh := r == nil && err == nil
	if old := p.sh.st; old != nil && old.Doc() != nil && st.WS.Document(old.Current) != nil {
		st.Current = old.Current // a reload keeps the view
	}
	st.ReadOnly = !p.owner
	p.loading = false
	if p.owner && p.store != nil && p.saver == nil {
		p.saver = journal.NewSaver(p.store, seq, func(r journal.Saved) {
			ctx.Dispatch(func(app.Context) {
				p.saved = r
				if r.Err == nil {
					p.sh.browser.Broadcast("saved")
				}
			})
		})
		if fresh || err != nil || r.Migrated {
			// A new workspace, one whose journal was partly unreadable, or
			// one stored by an older version: store it whole, replacing
			// the journal.
			p.saver.Snapshot(st.WS, st.Current)
		}
	}
	p.sh.install(st)
	if err != nil {
		p.sh.say("", err)
	}
}

// attach makes the saver write every change of st.
func (p *persistence) attach(st *State) {
	st.Subscribe(func(c Change) {
		if p.saver != nil {
			p.saver.Save(c.Ops, st.WS, st.Current)
		}
		p.unexported.Store(st.Dirty())
	})
}

// follow reloads what is stored when the tab that holds the workspace
// says it has saved.
func (p *persistence) follow(ctx app.Context, msg string) {
	if msg == "saved" && !p.owner && p.sh.st != nil {
		p.load(ctx, false)
	}
}

func (p *persistence) onReload(ctx app.Context, e app.Event) { ctx.Reload() }

// renderSaveState shows whether the latest change is stored.
func (p *persistence) renderSaveState() app.UI {
	switch {
	case p.saved.Err != nil:
		return app.Span().Class("save error").Role("alert").DataSet("testid", "save-state").DataSet("state", "error").Body(
			app.Text("Not saved: "+p.saved.Err.Error()+". Export now to keep your latest changes. "),
			app.Button().DataSet("testid", "export-now").OnClick(p.sh.export.onExportAll).Text("Export now"),
		)
	case p.saver == nil:
		return app.Span().Class("save").DataSet("testid", "save-state").DataSet("state", "off").Text(map[bool]string{true: "Read-only", false: "Not stored"}[p.sh.st.ReadOnly])
	case p.saved.Seq < p.saver.Seq():
		return app.Span().Class("save").DataSet("testid", "save-state").DataSet("state", "saving").Text("Saving…")
	}
	return app.Span().Class("save").DataSet("testid", "save-state").DataSet("state", "saved").DataSet("seq", p.saved.Seq).Text("Saved")
}

// renderReadOnly says when this tab only follows another.
func (p *persistence) renderReadOnly() app.UI {
	if !p.sh.st.ReadOnly {
		return nil
	}
	return app.Div().Class("banner").Role("status").DataSet("testid", "readonly-banner").Text(
		"Read-only: Belgi is open in another tab, which holds the workspace. This tab follows its changes and becomes editable when that tab closes.")
}

// renderUpdate says when a new version is ready.
func (p *persistence) renderUpdate() app.UI {
	if !p.updateReady {
		return nil
	}
	return app.Div().Class("banner").Role("status").DataSet("testid", "update-banner").Body(
		app.Text("A new version of Belgi is ready. It loads when you reload; your work is saved. "),
		app.Button().OnClick(p.onReload).Text("Reload now"),
	)
}
