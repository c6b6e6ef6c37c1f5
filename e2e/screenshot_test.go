package e2e

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"belgi/clean"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserScreenshots labels the Kazakh demo article as a person would
// and captures the result in light and dark mode. The pictures go to
// BELGI_SCREENSHOTS when set (make screenshots), to a temporary folder
// otherwise; either way the test checks that they show something.
func TestBrowserScreenshots(t *testing.T) {
	s := newSession(t)
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=document-item][data-doc=d2]`)))
	s.waitFor(`document.querySelector('[data-testid=document-text]').lang === "kk"`)
	raw, err := os.ReadFile(filepath.Join("..", "demo", "kk-zhanaozen-strike.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := clean.Text(string(raw)).Text
	for _, l := range []struct {
		text, key string
		n         int
	}{
		{"Маңғыстау облысындағы Жаңаөзен қаласында", "4", 1},
		{"Жаңаөзен", "4", 2},
		{"«ӨзенСервис» компаниясының", "2", 1},
		{"300-ге жуық жұмысшысы", "3", 1},
		{"300-ге жуық", "7", 1},
		{"Асқар Жұмабаев", "1", 1},
		{"Серік Тілеуов", "1", 1},
		{"Облыс әкімінің орынбасары", "8", 1},
		{"сәрсенбі күні таңертең", "6", 1},
	} {
		a, b := cp(t, doc, l.text, l.n)
		before := s.count(`[data-testid=span]`)
		s.selectText(a, b)
		s.key(l.key)
		s.waitFor(fmt.Sprintf(`document.querySelectorAll('[data-testid=span]').length === %d`, before+1))
	}
	s.do(chromedp.Click(chromedp.CSS(`[data-testid=span-segment][data-spans~="T6"]`)))
	dir := os.Getenv("BELGI_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, mode := range []string{"light", "dark"} {
		if _, err := chromedp.Call(s.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: mode}},
		}); err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatalf("%s screenshot: %v", mode, err)
		}
		// The background differs between modes: a light corner in light
		// mode, a dark one in dark mode.
		r, g, b, _ := img.At(img.Bounds().Max.X-5, img.Bounds().Max.Y-5).RGBA()
		if light := (r+g+b)/3 > 0x8000; light != (mode == "light") {
			t.Errorf("%s mode: the page corner is %s", mode, map[bool]string{true: "light", false: "dark"}[light])
		}
		name := filepath.Join(dir, "belgi-"+mode+".png")
		if err := os.WriteFile(name, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", name)
	}
}
