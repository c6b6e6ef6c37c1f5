package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// importer is the part of the shell that brings files in: chosen (Open
// files, Folder, Import), dropped on the page, or a backup to restore. A
// batch lives from its first file read to its report being closed.
type importer struct {
	sh       *Shell
	batch    *batch // the files being imported, nil when none
	dragging bool
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

func (im *importer) onFiles(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	im.readFiles(ctx, input.Get("files"))
	input.Set("value", "") // choosing the same file again fires change again
}

func (im *importer) readFiles(ctx app.Context, files app.Value) {
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	total := files.Get("length").Int()
	im.sh.browser.ReadFiles(files, func(f File) {
		ctx.Dispatch(func(ctx app.Context) { im.fileRead(f, total) })
	})
}

// fileRead collects one of total files; once all are read they are added
// in name order, each with its own result, so one bad file is reported and
// skipped while the rest load.
func (im *importer) fileRead(f File, total int) {
	sh := im.sh
	if im.batch == nil || im.batch.done {
		im.batch = &batch{total: total}
	}
	b := im.batch
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
			sh.say("", f.Err)
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
			im.addFile(f)
			res = batchResult{msg: sh.status, ok: !sh.isError}
		case r.Err != nil:
			res = batchResult{msg: r.Err.Error()}
			sh.say("", fmt.Errorf("%s: %v", f.Name, r.Err))
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
		if err := sh.st.AddImported(docs, schema); err != nil {
			sh.say("", err)
			for i := range b.results {
				if b.results[i].ok && !strings.HasPrefix(b.results[i].msg, "Added") {
					b.results[i].ok, b.results[i].msg = false, err.Error()
				}
			}
		} else if b.total == 1 {
			sh.say("Imported "+b.results[0].name+": "+b.results[0].msg, nil)
		}
	}
	for _, r := range b.results {
		if r.ok {
			ok++
		}
	}
	if b.total == 1 {
		im.batch = nil // the status line says it all
		return
	}
	sh.say(fmt.Sprintf("Imported %d of %d files.", ok, b.total), nil)
	if ok < b.total {
		sh.say("", fmt.Errorf("imported %d of %d files; see the list for what was skipped", ok, b.total))
	}
}

func (im *importer) onClose(ctx app.Context, e app.Event) { im.batch = nil }

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
}

// render shows import progress and, when done, the result per file.
func (im *importer) render() app.UI {
	b := im.batch
	if b == nil || b.total < 2 {
		return nil
	}
	return app.Section().Class("batch").Aria("label", "Import").DataSet("testid", "import-panel").Body(
		app.Div().Class("batch-head").Body(
			app.Label().Body(
				app.Text(fmt.Sprintf("Files read: %d of %d ", len(b.files), b.total)),
				app.Progress().DataSet("testid", "import-progress").Max(b.total).Value(len(b.files)),
			),
			app.If(b.done, app.Button().Class("link").OnClick(im.onClose).Text("Close")),
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
func (im *importer) addFile(f File) {
	sh := im.sh
	if sh.st == nil {
		return
	}
	if f.Err != nil {
		sh.say("", f.Err)
		return
	}
	msg, err := sh.st.AddFile(f.Name, f.Data)
	if err == nil {
		if d := sh.st.Doc(); d != nil {
			msg = strings.TrimSpace(msg + " " + describeMarkup(d) + " " + describeControls(inputOf(d)))
		}
	}
	sh.say(msg, err)
}

// onRestore replaces the workspace with a backup, after asking.
func (im *importer) onRestore(ctx app.Context, e app.Event) {
	sh := im.sh
	sh.readChosen(ctx, func(f File) {
		if !sh.browser.Confirm("Replace the whole workspace with " + f.Name + "? Undo can bring back what is here now.") {
			return
		}
		sh.say(sh.st.Restore(f.Name, f.Data))
	})
}

// readChosen reads the file chosen in the input that raised ctx and gives
// it to use on the UI goroutine; a file that cannot be read is reported
// instead. The input is cleared so that choosing the same file again
// fires again.
func (s *Shell) readChosen(ctx app.Context, use func(File)) {
	input := ctx.JSSrc()
	files := input.Get("files")
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	s.browser.ReadFiles(files, func(f File) {
		ctx.Dispatch(func(ctx app.Context) {
			if f.Err != nil {
				s.say("", f.Err)
				return
			}
			use(f)
		})
	})
	input.Set("value", "")
}
