package app

import (
	"fmt"

	"belgi/annotations"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// exporter is the part of the shell that writes the workspace out: the
// chosen format, and what the last export could not hold (its loss
// report), shown until closed.
type exporter struct {
	sh     *Shell
	format string   // export format ID, "" for gold JSON
	lost   []string // what the last export could not hold
}

func (x *exporter) onExportAll(ctx app.Context, e app.Event) { x.export("") }

func (x *exporter) onExportDoc(ctx app.Context, e app.Event) { x.export(x.sh.st.Current) }

func (x *exporter) onFormat(ctx app.Context, e app.Event) {
	x.format = ctx.JSSrc().Get("value").String()
}

// export offers the workspace, or one document, as a file in the chosen
// format, and lists what the format could not hold.
func (x *exporter) export(id string) {
	sh, st := x.sh, x.sh.st
	x.lost = nil
	if x.format == "" || x.format == "json" {
		name, data, err := st.Export(id)
		if err != nil {
			sh.say("", err)
			return
		}
		sh.browser.Download(name, "application/json", data)
		sh.persist.unexported.Store(st.Dirty())
		sh.say("Exported "+name+".", nil)
		return
	}
	docs := st.WS.Documents
	if id != "" {
		docs = []*annotations.Document{st.WS.Document(id)}
	}
	name, data, lost, err := ExportAs(x.format, st.WS.Schema, docs)
	if err != nil {
		sh.say("", err)
		return
	}
	f, _ := exportFormat(x.format)
	sh.browser.Download(name, f.MIME(), data)
	x.lost = lost
	if len(lost) > 0 {
		sh.say(fmt.Sprintf("Exported %s. %s could not hold %s: see the list.", name, f.Name, plural(len(lost), "item", "items")), nil)
	} else {
		sh.say("Exported "+name+". Nothing was lost.", nil)
	}
}

func (x *exporter) onCloseLost(ctx app.Context, e app.Event) { x.lost = nil }

// renderFormat is the toolbar's choice of export format.
func (x *exporter) renderFormat() app.UI {
	return app.Label().Body(
		app.Span().Class("visually-hidden").Text("Export format"),
		app.Select().Class("format-select").DataSet("testid", "export-format").OnChange(x.onFormat).Title("Export format").Body(
			app.Range(ExportFormats).Slice(func(i int) app.UI {
				f := ExportFormats[i]
				return app.Option().Value(f.ID).Title(f.Name).Selected(f.ID == x.format || (x.format == "" && f.ID == "json")).Text(f.Short())
			}),
		),
	)
}

// renderLost lists what the last export could not hold.
func (x *exporter) renderLost() app.UI {
	if len(x.lost) == 0 {
		return nil
	}
	return app.Section().Class("batch").Aria("label", "What the export lost").DataSet("testid", "loss-report").Body(
		app.Div().Class("batch-head").Body(
			app.Strong().Text(plural(len(x.lost), "item", "items")+" the format could not hold"),
			app.Button().Class("link").OnClick(x.onCloseLost).Text("Close"),
		),
		app.Ul().Body(app.Range(x.lost).Slice(func(i int) app.UI {
			return app.Li().DataSet("testid", "lost-item").Text(x.lost[i])
		})),
	)
}
