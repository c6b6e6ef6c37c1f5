package app

import (
	"sort"
	"strconv"
	"strings"

	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A RemovedLine is an input line the cleaner dropped.
type RemovedLine struct {
	Index  int // in the cleaning record
	Text   string
	Reason string
}

// Removed shows a run of dropped input lines, collapsed to one line that
// says why they went, with buttons to restore them.
type Removed struct {
	app.Compo

	Lines []RemovedLine
	open  bool
}

// Render draws the run collapsed, or each line when opened.
func (r *Removed) Render() app.UI {
	idx := make([]string, len(r.Lines))
	reasons := map[string]int{}
	for i, l := range r.Lines {
		idx[i] = strconv.Itoa(l.Index)
		reasons[l.Reason]++
	}
	var why []string
	for reason, n := range reasons {
		if n > 1 {
			reason += " ×" + strconv.Itoa(n)
		}
		why = append(why, reason)
	}
	sort.Strings(why)
	summary := plural(len(r.Lines), "line", "lines") + " removed: " + strings.Join(why, ", ")
	return app.Div().
		Class("removed").
		Role("group").
		Aria("label", summary).
		DataSet("testid", "removed-block").
		Body(
			app.Div().Class("removed-head").Body(
				app.Button().Class("link").Aria("expanded", r.open).OnClick(r.toggle).DataSet("testid", "removed-toggle").Text("⋯ "+summary),
				app.Button().Class("link").DataSet("lines", strings.Join(idx, " ")).DataSet("keep", "true").DataSet("testid", "restore-block").Text("Restore all"),
			),
			app.If(r.open, app.Ul().Body(app.Range(r.Lines).Slice(func(i int) app.UI {
				l := r.Lines[i]
				return app.Li().Body(
					app.Span().Class("reason").Text(l.Reason),
					app.Span().Class("removed-text").Text(l.Text),
					app.Button().Class("link").DataSet("lines", l.Index).DataSet("keep", "true").DataSet("testid", "restore-line").Text("Restore"),
				)
			}))),
		)
}

func (r *Removed) toggle(ctx app.Context, e app.Event) { r.open = !r.open }

// removedRuns finds, for each paragraph, the dropped input lines just
// before it, and the run after the last one (index len(paras)). Blank lines
// are left out: there is nothing in them to restore. It also returns the
// input line of each paragraph.
func removedRuns(c *annotations.Cleaning, paras []Para) (runs map[int][]RemovedLine, lineOf []int) {
	lineOf = make([]int, len(paras))
	if c == nil {
		for i := range lineOf {
			lineOf[i] = -1
		}
		return nil, lineOf
	}
	runs = map[int][]RemovedLine{}
	input := []rune(c.Input)
	prev := -1
	collect := func(at, from, to int) {
		for li := from; li < to; li++ {
			l := c.Lines[li]
			if l.Keep || l.Reason == "blank" || l.End <= l.Start || l.End > len(input) {
				continue
			}
			runs[at] = append(runs[at], RemovedLine{Index: li, Text: string(input[l.Start:l.End]), Reason: l.Reason})
		}
	}
	for i, p := range paras {
		orig := c.Map.ToOriginal(p.Start)
		li := sort.Search(len(c.Lines), func(k int) bool { return c.Lines[k].End > orig })
		if li >= len(c.Lines) {
			li = len(c.Lines) - 1
		}
		lineOf[i] = li
		if li > prev {
			collect(i, prev+1, li)
			prev = li
		}
	}
	collect(len(paras), prev+1, len(c.Lines))
	return runs, lineOf
}
