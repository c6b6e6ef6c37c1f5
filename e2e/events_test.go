package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"belgi/annotations"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// role clicks the + of a role of an event, arming it.
func (s *session) role(event, role string) {
	s.t.Helper()
	sel := fmt.Sprintf(`[data-testid=event][data-event=%s] [data-testid=role][data-role=%s] [data-testid=arm-role]`, event, role)
	s.do(chromedp.Click(chromedp.CSS(sel)))
	s.waitFor(`document.querySelector('[data-testid=armed]') !== null`)
}

// fill arms a role and fills it with new text labelled by key.
func (s *session) fill(event, role, text, key string) {
	s.t.Helper()
	before := s.count(fmt.Sprintf(`[data-testid=event][data-event=%s] [data-testid=filler]`, event))
	s.role(event, role)
	s.selectWords(text)
	s.key(key)
	s.waitFor(fmt.Sprintf(`document.querySelectorAll('[data-testid=event][data-event=%s] [data-testid=filler]').length === %d`, event, before+1))
}

// trigger makes text the trigger of a new event, by its key.
func (s *session) trigger(text, key, id string) {
	s.t.Helper()
	s.selectWords(text)
	s.key(key)
	s.waitFor(fmt.Sprintf(`document.querySelector('[data-testid=event][data-event=%s].open') !== null`, id))
}

type eventWant struct {
	typ, trigger string
	args         []string // role=text
}

func checkEvents(t *testing.T, d *annotations.Document, want []eventWant) {
	t.Helper()
	text := map[string]string{}
	for _, s := range d.Spans {
		text[s.ID] = s.Text
	}
	for _, e := range d.Events {
		text[e.ID] = e.Type
	}
	if len(d.Events) != len(want) {
		t.Fatalf("%d events, want %d: %+v", len(d.Events), len(want), d.Events)
	}
	for i, w := range want {
		e := d.Events[i]
		var args []string
		for _, a := range e.Arguments {
			args = append(args, a.Role+"="+text[a.Ref])
		}
		if e.Type != w.typ || text[e.Trigger] != w.trigger || strings.Join(args, "; ") != strings.Join(w.args, "; ") {
			t.Errorf("event %s = %s %q [%s], want %s %q [%s]", e.ID, e.Type, text[e.Trigger], strings.Join(args, "; "), w.typ, w.trigger, strings.Join(w.args, "; "))
		}
	}
}

func TestBrowserEventsRussian(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	s.openDoc("d1")
	s.trigger("митинга", "d", "E1")
	s.fill("E1", "Organizer", "«Жаңа толқын»", "2")
	s.fill("E1", "Participant", "Ерлан Досов", "1")
	s.fill("E1", "Place", "у памятника Абаю", "5")
	// Time by keyboard: focus the role's +, press Enter, then label.
	s.do(chromedp.Focus(chromedp.CSS(`[data-testid=event][data-event=E1] [data-testid=role][data-role=Time] [data-testid=arm-role]`)))
	s.key("\r")
	s.waitFor(`document.querySelector('[data-testid=armed]') !== null`)
	s.selectWords("21 марта")
	s.key("6")
	s.waitFor(`document.querySelectorAll('[data-testid=event][data-event=E1] [data-testid=filler]').length === 4`)
	// Marked Planned.
	s.do(chromedp.Evaluate[chromedp.Void](`(e => { e.value = "Planned"; e.dispatchEvent(new Event("change", {bubbles: true})) })(document.querySelector('[data-testid=event][data-event=E1] [data-testid=attr-Realis]'))`))
	s.waitFor(`document.querySelector('[data-testid=event][data-event=E1] [data-testid=attr-Realis]').value === "Planned"`)

	// A later arrest, its agent filled by clicking a span already there.
	s.trigger("задержала", "a", "E2")
	s.fill("E2", "Agent", "полиция", "2")
	s.fill("E2", "Person", "четырёх участников", "3")
	// Link the rally to the arrest.
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=event][data-event=E1] .event-title`)))
	s.waitFor(`document.querySelector('[data-testid=event][data-event=E1].open') !== null`)
	s.do(chromedp.Evaluate[chromedp.Void](`(box => { box.querySelector('[data-testid=link-type]').value = "Precedes"; box.querySelector('[data-testid=link-to]').value = "E2" })(document.querySelector('[data-testid=event][data-event=E1] .link-add'))`))
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=event][data-event=E1] [data-testid=link-add]`)))
	s.waitFor(`document.querySelectorAll('[data-testid=event][data-event=E1] [data-testid=link]').length === 1`)

	f, err := annotations.Decode(s.download("export-document"))
	if err != nil {
		t.Fatal(err)
	}
	d := f.Documents[0]
	checkEvents(t, d, []eventWant{
		{"Demonstrate", "митинга", []string{"Organizer=«Жаңа толқын»", "Participant=Ерлан Досов", "Place=у памятника Абаю", "Time=21 марта"}},
		{"Arrest", "задержала", []string{"Agent=полиция", "Person=четырёх участников"}},
	})
	if len(d.Attributes) != 1 || d.Attributes[0].Name != "Realis" || d.Attributes[0].Value != "Planned" || d.Attributes[0].Target != "E1" {
		t.Errorf("attributes %+v, want Realis=Planned on E1", d.Attributes)
	}
	if len(d.Relations) != 1 || d.Relations[0].Type != "Precedes" || d.Relations[0].Arguments[0] != (annotations.Argument{Role: "Before", Ref: "E1"}) || d.Relations[0].Arguments[1] != (annotations.Argument{Role: "After", Ref: "E2"}) {
		t.Errorf("relations %+v, want Precedes Before=E1 After=E2", d.Relations)
	}
	if probs := annotations.CheckDocument(d, &f.Schema); len(probs) != 0 {
		t.Errorf("the schema check flags %v", probs)
	}

	// Undo and redo across a document switch.
	links := func(n int) {
		t.Helper()
		s.waitFor(`document.querySelector('[data-testid=document-text]').dataset.doc === "d1"`)
		s.do(chromedp.Click(chromedp.CSS(`[data-testid=event][data-event=E1] .event-title`)))
		s.waitFor(fmt.Sprintf(`document.querySelector('[data-testid=event][data-event=E1].open') !== null && document.querySelectorAll('[data-testid=event][data-event=E1] [data-testid=link]').length === %d`, n))
	}
	s.openDoc("d3")
	s.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	links(0)
	s.openDoc("d2")
	s.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierShift))
	links(1)
}

const kazakhRally = "«Oyan, Qazaqstan» қозғалысы 5 қаңтарда Алматыдағы Республика алаңында бейбіт митинг өткізуді жоспарлап отыр.\r\n" +
	"Ұйымдастырушылардың айтуынша, акцияға жүзге жуық белсенді қатысады.\r\n" +
	"Келесі күні полиция алаңға жиналған белсенділерді ұстады 🚓.\r\n"

func TestBrowserEventsKazakh(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	s.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__belgi.paste(%q)`, kazakhRally)))
	s.waitFor(`document.querySelector('[data-testid=document-title]').textContent.startsWith("«Oyan")`)
	s.trigger("митинг", "d", "E1")
	s.fill("E1", "Organizer", "«Oyan, Qazaqstan» қозғалысы", "2")
	s.fill("E1", "Participant", "жүзге жуық белсенді", "3")
	s.fill("E1", "Place", "Алматыдағы Республика алаңында", "5")
	s.fill("E1", "Time", "5 қаңтарда", "6")
	s.do(chromedp.Evaluate[chromedp.Void](`(e => { e.value = "Planned"; e.dispatchEvent(new Event("change", {bubbles: true})) })(document.querySelector('[data-testid=event][data-event=E1] [data-testid=attr-Realis]'))`))
	s.trigger("ұстады", "a", "E2")
	s.fill("E2", "Agent", "полиция", "2")
	// The participants of the rally are the ones detained: click their
	// span to fill the role.
	s.role("E2", "Person")
	s.do(chromedp.Evaluate[chromedp.Void](`(() => { const b = [...document.querySelectorAll('[data-testid=span]')].find(b => b.textContent.includes("жүзге жуық белсенді")); b.click() })()`))
	s.waitFor(`document.querySelectorAll('[data-testid=event][data-event=E2] [data-testid=filler]').length === 2`)
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=event][data-event=E1] .event-title`)))
	s.waitFor(`document.querySelector('[data-testid=event][data-event=E1].open') !== null`)
	s.do(chromedp.Evaluate[chromedp.Void](`(box => { box.querySelector('[data-testid=link-type]').value = "Precedes"; box.querySelector('[data-testid=link-to]').value = "E2" })(document.querySelector('[data-testid=event][data-event=E1] .link-add'))`))
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=event][data-event=E1] [data-testid=link-add]`)))
	s.waitFor(`document.querySelectorAll('[data-testid=event][data-event=E1] [data-testid=link]').length === 1`)
	if dir := os.Getenv("BELGI_SCREENSHOTS"); dir != "" {
		shot, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "belgi-events.png"), shot, 0o644)
	}

	f, err := annotations.Decode(s.download("export-document"))
	if err != nil {
		t.Fatal(err)
	}
	d := f.Documents[0]
	checkEvents(t, d, []eventWant{
		{"Demonstrate", "митинг", []string{"Organizer=«Oyan, Qazaqstan» қозғалысы", "Participant=жүзге жуық белсенді", "Place=Алматыдағы Республика алаңында", "Time=5 қаңтарда"}},
		{"Arrest", "ұстады", []string{"Agent=полиция", "Person=жүзге жуық белсенді"}},
	})
	if len(d.Attributes) != 1 || d.Attributes[0].Value != "Planned" || len(d.Relations) != 1 || d.Relations[0].Type != "Precedes" {
		t.Errorf("attributes %+v relations %+v", d.Attributes, d.Relations)
	}
	// Offsets stay exact after the emoji and in the recorded input.
	for _, sp := range d.Spans {
		a, b := d.Cleaning.Map.OriginalSpan(sp.Start, sp.End)
		if got := string([]rune(d.Cleaning.Input)[a:b]); got != sp.Text {
			t.Errorf("span %s %q maps back to %q", sp.ID, sp.Text, got)
		}
	}
}

func TestBrowserHelpAndDocumentLabels(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	s.key("?")
	s.waitFor(`(h => h && h.getAttribute("role") === "dialog" && h.textContent.includes("Demonstrate"))(document.querySelector('[data-testid=help]'))`)
	s.key(kb.Escape)
	s.waitFor(`document.querySelector('[data-testid=help]') === null`)

	s.do(chromedp.Click(chromedp.CSS(`[data-testid=doc-label-relevant]`)))
	s.waitFor(`document.querySelector('[data-testid=doc-label-relevant]').getAttribute("aria-pressed") === "true"`)
	f, err := annotations.Decode(s.download("export-document"))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Documents[0].Labels; len(got) != 1 || got[0] != "relevant" {
		t.Errorf("document labels %v, want [relevant]", got)
	}
}

func TestBrowserSchemaLoadAndSave(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	path := filepath.Join(t.TempDir(), "annotation.conf")
	os.WriteFile(path, []byte("[entities]\nActivist\nCity\n[events]\nRally\tWho:Activist, Where?:City\n[relations]\n[attributes]\n"), 0o644)
	s.upload("schema-input", path)
	s.waitFor(`document.querySelector('[data-testid=label-Activist]') !== null && document.querySelector('[data-testid=label-PER]') === null`)
	s.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid=schema-menu]').click()`))
	data := s.download("schema-save")
	if !strings.Contains(string(data), `"type": "Rally"`) {
		t.Errorf("saved schema lacks the loaded event type:\n%s", data)
	}
	s.key("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	s.waitFor(`document.querySelector('[data-testid=label-PER]') !== null`)
}

func TestBrowserSuggestions(t *testing.T) {
	s := newSession(t)
	s.waitSaved()
	s.do(chromedp.Evaluate[chromedp.Void](`__belgi.paste("Ерлан Досов выступил на митинге в Алматы.\nПозже Ерлан Досов ушёл домой, а полиция осталась.")`))
	s.waitFor(`document.querySelector('[data-testid=document-title]').textContent.startsWith("Ерлан")`)
	s.selectWords("Ерлан Досов")
	s.key("1")
	// The second mention is suggested, dashed; clicking it and pressing
	// Enter accepts it.
	s.waitFor(`document.querySelectorAll('[data-testid=ghost]').length === 1`)
	s.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid=ghost]').click()`))
	s.waitFor(`document.querySelector('.ghost-selected') !== null`)
	s.key("\r")
	s.waitFor(`document.querySelectorAll('[data-testid=span]').length === 2 && document.querySelectorAll('[data-testid=ghost]').length === 0`)
	f, err := annotations.Decode(s.download("export-document"))
	if err != nil {
		t.Fatal(err)
	}
	if d := f.Documents[0]; len(d.Spans) != 2 || d.Spans[1].Text != "Ерлан Досов" || d.Spans[1].Label != "PER" {
		t.Errorf("spans %+v", d.Spans)
	}
}
