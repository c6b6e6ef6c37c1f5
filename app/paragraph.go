package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// PaletteSize is the number of label colours; labels beyond it reuse them.
const PaletteSize = 9

// Paragraph renders one line of the open document with its spans. It holds
// only plain values, so go-app re-renders it only when they change, and it
// has no event handlers: the Reader handles events for all paragraphs and
// reads the range from data-start and data-end.
type Paragraph struct {
	app.Compo

	Para     Para
	Spans    []SpanView // spans overlapping the paragraph
	Selected string     // selected span ID, if it is in this paragraph

	Line       int    // input line in the cleaning record, -1 when none
	Lang       string // the paragraph's language
	LangManual bool
	DocLang    string
	EditLang   bool // show the language picker
}

// Render draws the paragraph as segments, each covered by the same spans.
// The innermost span gives the background; each enclosing span adds an
// underline below it, so nested and crossing spans stay legible.
func (p *Paragraph) Render() app.UI {
	segs := Segments(p.Para, p.Spans)
	text := app.P().
		Class("para").
		DataSet("testid", "paragraph").
		DataSet("start", p.Para.Start).
		DataSet("end", p.Para.End).
		Dir("auto").
		Body(app.Range(segs).Slice(func(i int) app.UI {
			return p.segment(segs[i])
		}))
	if p.Lang != "" && p.Lang != p.DocLang {
		text = text.Lang(p.Lang)
	}
	return app.Div().Class("row").Body(p.gutter(), text)
}

// gutter holds the paragraph's language and a button that removes the
// line; it is not part of the text and cannot be selected.
func (p *Paragraph) gutter() app.UI {
	var lang app.UI
	switch {
	case p.Lang == "":
	case p.EditLang:
		lang = app.Select().
			Class("lang-select").
			AutoFocus(true).
			DataSet("para", p.Para.Start).
			DataSet("testid", "paragraph-language-select").
			Aria("label", "Language of this paragraph").
			OnChange(onLanguage).
			Body(languageOptions(p.Lang)...)
	default:
		class := "lang"
		if p.Lang != p.DocLang {
			class += " other"
		}
		if p.LangManual {
			class += " manual"
		}
		lang = app.Button().
			Class(class).
			DataSet("edit-lang", p.Para.Start).
			DataSet("testid", "paragraph-language").
			Title(languageName(p.Lang) + map[bool]string{true: ", set by hand", false: ", detected"}[p.LangManual] + ": click to correct").
			Text(p.Lang)
	}
	return app.Div().Class("gutter").Body(
		lang,
		app.If(p.Line >= 0, app.Button().
			Class("drop").
			DataSet("lines", p.Line).
			DataSet("keep", "false").
			DataSet("testid", "remove-line").
			Title("Remove this line from the text").
			Aria("label", "Remove this line").
			Text("×")),
	)
}

func (p *Paragraph) segment(s Segment) app.UI {
	el := app.Span().
		DataSet("start", s.Start).
		DataSet("end", s.End).
		Text(s.Text)
	class := []string{"seg"}
	if s.Control != "" {
		el = el.DataSet("ctl", s.Control)
		class = append(class, "ctl")
	}
	if len(s.Spans) == 0 {
		return el.Class(strings.Join(class, " "))
	}
	var real []SpanView
	var ghost *SpanView
	for i, v := range s.Spans {
		switch {
		case v.Hit:
			class = append(class, "hit")
			if v.Current {
				class = append(class, "hit-current")
				el = el.DataSet("hit", "current")
			}
		case v.Ghost:
			ghost = &s.Spans[i]
		default:
			real = append(real, v)
		}
	}
	if ghost == nil && len(real) == 0 {
		return el.Class(strings.Join(class, " "))
	}
	if ghost != nil {
		el = el.DataSet("ghost", ghost.ID).Title("Suggested: " + ghost.Label + " (click, then Enter to accept)")
		class = append(class, "ghost", "g"+strconv.Itoa(ghost.Colour))
		if ghost.ID == p.Selected {
			class = append(class, "ghost-selected")
		}
		if len(real) == 0 {
			return el.Class(strings.Join(class, " ")).DataSet("testid", "ghost")
		}
	}
	s.Spans = real
	ids := make([]string, len(s.Spans))
	class = append(class, "ann")
	selected := false
	for i, v := range s.Spans {
		ids[i] = v.ID
		selected = selected || v.ID == p.Selected
	}
	inner := s.Spans[len(s.Spans)-1]
	class = append(class, "c"+strconv.Itoa(inner.Colour))
	if selected {
		class = append(class, "selected")
	}
	if len(s.Spans) > 1 {
		// One underline per enclosing span, outermost lowest.
		var shadows []string
		for i := len(s.Spans) - 2; i >= 0; i-- {
			depth := len(s.Spans) - 1 - i
			shadows = append(shadows, "inset 0 -"+strconv.Itoa(3*depth)+"px 0 var(--c"+strconv.Itoa(s.Spans[i].Colour)+")")
		}
		el = el.Style("box-shadow", strings.Join(shadows, ", ")).
			Style("padding-bottom", strconv.Itoa(3*(len(s.Spans)-1))+"px")
	}
	var opens []string
	for _, v := range s.Opens {
		if !v.Ghost && !v.Hit {
			opens = append(opens, v.Label)
		}
	}
	if len(opens) > 0 {
		tags := opens
		el = el.DataSet("tag", strings.Join(tags, " · "))
		class = append(class, "opens")
	}
	return el.Class(strings.Join(class, " ")).
		DataSet("spans", strings.Join(ids, " ")).
		DataSet("testid", "span-segment").
		Title(strings.Join(labels(s.Spans), ", "))
}

func labels(vs []SpanView) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Label + " " + v.ID
	}
	return out
}

// liteRow draws a paragraph far from the viewport as plain text, the same
// size as in full, with the offsets selection mapping needs.
func liteRow(p Para) app.UI {
	return app.Div().Class("row").Body(
		app.Div().Class("gutter"),
		app.P().Class("para").DataSet("testid", "paragraph").DataSet("start", p.Start).DataSet("end", p.End).Dir("auto").Body(
			app.Span().Class("seg").DataSet("start", p.Start).DataSet("end", p.End).Text(p.Text),
		),
	)
}

// LiteBlock draws a run of far paragraphs as plain text.
type LiteBlock struct {
	app.Compo

	Paras []Para
}

// Render draws the rows; display: contents keeps them rows of the text.
func (b *LiteBlock) Render() app.UI {
	return app.Div().Class("lite").Body(app.Range(b.Paras).Slice(func(i int) app.UI { return liteRow(b.Paras[i]) }))
}
