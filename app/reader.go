package app

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"belgi/annotations"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Reader shows the open document: its header and one Paragraph component
// per line.
type Reader struct {
	app.Compo

	ID         string
	Title      string
	Source     string
	Language   string
	LangSource string
	Paragraphs []annotations.ParagraphLanguage
	Cleaning   *annotations.Cleaning
	Text       string
	Spans      []annotations.Span // replaced, never modified, on every change
	Colours    map[string]int
	Selected   string
	EditLang   int                // start of the paragraph whose language is being corrected, -1 for none
	DocLabels  []string           // the schema's document labels
	Labels     []string           // the ones set on this document
	Ghosts     []annotations.Span // suggestions, IDs g0, g1…

	// Query is the text searched for, Hits where it occurs, Hit the one
	// the search is at (-1 for none).
	Query string
	Hits  []annotations.Fragment
	Hit   int
	// Focus is a code point to bring into view; each new FocusSeq asks
	// again, so the same place can be asked for twice.
	Focus, FocusSeq int
	// Arcs are the relations to draw between spans.
	Arcs []Arc

	// The paragraphs drawn in full, the ones near the viewport; the others
	// are plain text of the same size. A change to spans far away then
	// costs no DOM work.
	from, to  int
	shownDoc  string
	focusSeen int
}

// window is how many paragraphs beyond the viewport are drawn in full;
// liteBlock how many far ones share a component.
const (
	window    = 12
	liteBlock = 50
)

// Render lays out the document. Paragraph props are recomputed here, but
// only paragraphs whose props differ re-render.
func (r *Reader) Render() app.UI {
	if r.ID == "" {
		return app.Main().Class("reader empty").Body(
			app.P().Text("No document is open. Paste text, open .txt files, or drop them here."),
		)
	}
	paras := Paragraphs(r.Text)
	if r.shownDoc != r.ID {
		r.shownDoc, r.from, r.to = r.ID, 0, 2*window
	}
	views := SpansByParagraph(paras, r.Spans, func(l string) int {
		if c, ok := r.Colours[l]; ok {
			return c
		}
		return PaletteSize
	})
	if len(r.Ghosts) > 0 {
		ghosts := SpansByParagraph(paras, r.Ghosts, func(l string) int {
			if c, ok := r.Colours[l]; ok {
				return c
			}
			return PaletteSize
		})
		for i := range ghosts {
			for j := range ghosts[i] {
				ghosts[i][j].Ghost = true
			}
			views[i] = append(views[i], ghosts[i]...)
		}
	}
	for k, h := range r.Hits {
		i := sort.Search(len(paras), func(i int) bool { return paras[i].End > h.Start })
		for ; i < len(paras) && paras[i].Start < h.End; i++ {
			views[i] = append(views[i], SpanView{ID: "h" + itoa(k), Start: h.Start, End: h.End, Hit: true, Current: k == r.Hit})
		}
	}
	if r.FocusSeq != r.focusSeen {
		// Draw the place asked for in full, with room to scroll around it
		// before the window has to move.
		r.focusSeen = r.FocusSeq
		i := sort.Search(len(paras), func(i int) bool { return paras[i].End >= r.Focus })
		if i < r.from+window || i > r.to-window {
			r.from, r.to = max(0, i-3*window), i+3*window
		}
	}
	runs, lineOf := removedRuns(r.Cleaning, paras)
	langs := map[int]annotations.ParagraphLanguage{}
	for _, p := range r.Paragraphs {
		langs[p.Start] = p
	}
	items := make([]app.UI, 0, 2*len(paras)+1)
	for i, p := range paras {
		if run := runs[i]; len(run) > 0 {
			items = append(items, &Removed{Lines: run})
		}
		sel := ""
		for _, v := range views[i] {
			if v.ID == r.Selected {
				sel = r.Selected
			}
		}
		pl := langs[p.Start]
		if i < r.from || i > r.to {
			// Far paragraphs go in blocks: one component to compare for
			// many paragraphs, so a change elsewhere costs almost nothing.
			if n := len(items); n > 0 {
				if b, ok := items[n-1].(*LiteBlock); ok && len(b.Paras) < liteBlock {
					b.Paras = append(b.Paras, p)
					continue
				}
			}
			items = append(items, &LiteBlock{Paras: []Para{p}})
			continue
		}
		items = append(items, &Paragraph{
			Para: p, Spans: views[i], Selected: sel,
			Line: lineOf[i], Lang: pl.Language, LangManual: pl.Source == "manual",
			DocLang: r.Language, EditLang: r.EditLang == p.Start,
		})
	}
	if run := runs[len(paras)]; len(run) > 0 {
		items = append(items, &Removed{Lines: run})
	}
	return app.Main().
		Class("reader").
		Aria("label", "Document").
		OnScroll(r.onScroll).
		OnClick(r.onHeadClick).
		Body(
			app.Header().Class("doc-head").Body(
				app.H1().DataSet("testid", "document-title").Text(r.Title),
				app.P().Class("meta").Body(
					app.Label().Body(
						app.Span().Class("visually-hidden").Text("Document language"),
						app.Select().
							Class("lang-select").
							DataSet("testid", "document-language").
							DataSet("para", -1).
							Title(languageName(r.Language)+map[bool]string{true: " (set by hand)", false: " (detected)"}[r.LangSource == "manual"]).
							OnChange(onLanguage).
							Body(languageOptions(r.Language)...),
					),
					app.Span().Class("lang-name").Text(" "+languageName(r.Language)+map[bool]string{true: ", set by hand", false: ", detected"}[r.LangSource == "manual"]),
					app.If(r.Source != "", app.Span().Text(" · "+r.Source)),
					app.Span().Text(" · "+plural(len(r.Spans), "span", "spans")),
					app.If(r.Cleaning != nil, app.Span().Text(cleaningSummary(r.Cleaning))),
				),
				r.searchBar(),
				app.If(len(r.DocLabels) > 0, app.Div().Class("doc-labels").Role("group").Aria("label", "Document labels").Body(
					app.Range(r.DocLabels).Slice(func(i int) app.UI {
						l := r.DocLabels[i]
						on := false
						for _, x := range r.Labels {
							on = on || x == l
						}
						return app.Button().Class("doc-label").DataSet("testid", "doc-label-"+l).DataSet("doc-label", l).Aria("pressed", on).Text(l)
					}),
				)),
			),
			app.Article().
				Class(map[bool]string{true: "doc has-arcs", false: "doc"}[len(r.Arcs) > 0]).
				ID("document-text").
				DataSet("testid", "document-text").
				DataSet("doc", r.ID).
				Lang(r.Language).
				Aria("label", "Document text: select text, then press a label key 1–9").
				TabIndex(0).
				OnClick(r.onClick).
				Body(append([]app.UI{r.arcLayer()}, items...)...),
		)
}

// arcLayer is where the browser bridge draws the relations: it renders no
// children of its own, so go-app leaves the drawing alone.
func (r *Reader) arcLayer() app.UI {
	data := "[]"
	if len(r.Arcs) > 0 {
		b, _ := json.Marshal(r.Arcs)
		data = string(b)
	}
	return app.Div().Class("arc-layer").Aria("hidden", true).DataSet("arcs", data)
}

// searchBar finds text in the document: Enter goes to the next match and
// selects it in the text, ready for a label key; Shift+Enter goes back.
// The field's value is the person's alone: setting it from Query would
// race with typing, since go-app handles input events asynchronously.
func (r *Reader) searchBar() app.UI {
	count := ""
	switch {
	case r.Query == "":
	case len(r.Hits) == 0:
		count = "no matches"
	case r.Hit < 0:
		count = plural(len(r.Hits), "match", "matches")
	default:
		count = itoa(r.Hit+1) + " of " + itoa(len(r.Hits))
	}
	if len(r.Hits) == maxHits {
		count = strings.Replace(count, itoa(maxHits), itoa(maxHits)+"+", 1)
	}
	return app.Div().Class("search").Role("search").Body(
		app.Input().Type("search").ID("search").DataSet("testid", "search").
			Placeholder("Find in document ( / )").Aria("label", "Find in this document").
			OnInput(r.onSearchInput).OnKeyDown(r.onSearchKey),
		app.Span().Class("hits").DataSet("testid", "hit-count").Aria("live", "polite").Text(count),
		app.Button().Class("link").DataSet("search-step", -1).Disabled(len(r.Hits) == 0).Aria("label", "Previous match").Title("Previous match (Shift+Enter, Shift+F3)").Text("↑"),
		app.Button().Class("link").DataSet("search-step", 1).Disabled(len(r.Hits) == 0).Aria("label", "Next match").Title("Next match (Enter, F3)").Text("↓"),
	)
}

// A searchCmd is what the search bar asks for: a new query, or a step to
// the next (+1) or previous (-1) match.
type searchCmd struct {
	Query string
	Step  int
}

func (r *Reader) onSearchInput(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionSearch, searchCmd{Query: ctx.JSSrc().Get("value").String()})
}

func (r *Reader) onSearchKey(ctx app.Context, e app.Event) {
	if e.Get("key").String() != "Enter" {
		return
	}
	dir := 1
	if e.Get("shiftKey").Bool() {
		dir = -1
	}
	ctx.NewActionWithValue(actionSearch, searchCmd{Query: ctx.JSSrc().Get("value").String(), Step: dir})
}

// onHeadClick handles the document-label toggles above the text.
func (r *Reader) onHeadClick(ctx app.Context, e app.Event) {
	if b := e.Get("target").Call("closest", ".doc-head [data-search-step]"); b.Truthy() {
		n, _ := strconv.Atoi(b.Get("dataset").Get("searchStep").String())
		ctx.NewActionWithValue(actionSearch, searchCmd{Query: r.Query, Step: n})
		return
	}
	if b := e.Get("target").Call("closest", ".doc-head [data-doc-label]"); b.Truthy() {
		ctx.NewActionWithValue(actionDocLabel, b.Get("dataset").Get("docLabel").String())
	}
}

// onScroll moves the window of fully drawn paragraphs with the viewport.
// It finds the first and last visible rows by binary search on their
// offsets: a handful of DOM reads, whatever the length of the document.
func (r *Reader) onScroll(ctx app.Context, e app.Event) {
	el := ctx.JSSrc()
	rows := el.Call("querySelectorAll", ".doc .row")
	n := rows.Get("length").Int()
	if n == 0 {
		return
	}
	top := el.Get("scrollTop").Float()
	bottom := top + el.Get("clientHeight").Float()
	first := search(n, func(i int) bool {
		row := rows.Index(i)
		return row.Get("offsetTop").Float()+row.Get("offsetHeight").Float() >= top
	})
	last := search(n, func(i int) bool { return rows.Index(i).Get("offsetTop").Float() > bottom }) - 1
	from, to := max(0, first-window), last+window
	if from < r.from || to > r.to || r.to-to > 2*window {
		r.from, r.to = from, to
		r.Update()
	}
}

// search is sort.Search over n items.
func search(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !f(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// languageOptions lists the languages a person can pick, selecting tag.
func languageOptions(tag string) []app.UI {
	opts := make([]app.UI, 0, len(Languages)+1)
	known := false
	for _, l := range Languages {
		known = known || l == tag
		opts = append(opts, app.Option().Value(l).Selected(l == tag).Text(l))
	}
	if !known {
		opts = append(opts, app.Option().Value(tag).Selected(true).Text(tag))
	}
	return opts
}

// onLanguage sends a corrected language; data-para says which paragraph,
// -1 for the whole document.
func onLanguage(ctx app.Context, e app.Event) {
	src := ctx.JSSrc()
	para, _ := strconv.Atoi(src.Get("dataset").Get("para").String())
	ctx.NewActionWithValue(actionLanguage, langChange{Para: para, Tag: src.Get("value").String()})
}

// A langChange corrects the language of a paragraph, or of the document
// when Para is -1.
type langChange struct {
	Para int
	Tag  string
}

// A keepChange restores (Keep) or removes input lines of the open document.
type keepChange struct {
	Lines []int
	Keep  bool
}

// cleaningSummary says how much cleaning removed; "" when d was not
// cleaned. It must accept nil: app.If evaluates its body eagerly.
func cleaningSummary(c *annotations.Cleaning) string {
	if c == nil {
		return ""
	}
	dropped := 0
	for _, l := range c.Lines {
		if !l.Keep && l.Reason != "blank" {
			dropped++
		}
	}
	return " · cleaned: " + plural(dropped, "line", "lines") + " removed"
}

// onClick selects the innermost span under the pointer; the shell ignores
// it when the click ended a text selection (actionTextClick).
func (r *Reader) onClick(ctx app.Context, e app.Event) {
	target := e.Get("target")
	if b := target.Call("closest", "[data-lines]"); b.Truthy() {
		var lines []int
		for _, f := range strings.Fields(b.Get("dataset").Get("lines").String()) {
			if n, err := strconv.Atoi(f); err == nil {
				lines = append(lines, n)
			}
		}
		ctx.NewActionWithValue(actionKeep, keepChange{Lines: lines, Keep: b.Get("dataset").Get("keep").String() == "true"})
		return
	}
	if b := target.Call("closest", "[data-edit-lang]"); b.Truthy() {
		n, _ := strconv.Atoi(b.Get("dataset").Get("editLang").String())
		ctx.NewActionWithValue(actionEditLang, n)
		return
	}
	if target.Call("closest", "select, .removed, .gutter").Truthy() {
		return
	}
	if g := target.Call("closest", "[data-ghost]"); g.Truthy() && !target.Call("closest", "[data-spans]").Truthy() {
		ctx.NewActionWithValue(actionTextClick, g.Get("dataset").Get("ghost").String())
		return
	}
	seg := target.Call("closest", "[data-spans]")
	if !seg.Truthy() {
		ctx.NewActionWithValue(actionTextClick, "")
		return
	}
	ids := strings.Fields(seg.Get("dataset").Get("spans").String())
	if len(ids) == 0 {
		return
	}
	// Repeated clicks walk outwards through nested spans.
	next := ids[len(ids)-1]
	for i, id := range ids {
		if id == r.Selected && i > 0 {
			next = ids[i-1]
		}
	}
	ctx.NewActionWithValue(actionTextClick, next)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}
