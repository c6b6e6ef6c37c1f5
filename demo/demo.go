// Package demo holds the demo corpus that Belgi opens with: short invented
// news page dumps in Russian, Kazakh and English, each with the menus,
// related-news lists and repeated lines that real pages have.
package demo

import (
	"embed"
	"io/fs"
)

//go:embed *.txt
var files embed.FS

// An Article is one demo page dump.
type Article struct {
	Name  string // file name
	Title string
	Lang  string // BCP 47
	Text  string
}

// Articles returns the demo corpus in a fixed order.
func Articles() []Article {
	list := []Article{
		{Name: "ru-almaty-rally.txt", Title: "Акимат Алматы отказал активистам в проведении митинга", Lang: "ru"},
		{Name: "kk-zhanaozen-strike.txt", Title: "Жаңаөзенде мұнайшылар ереуілге шықты", Lang: "kk"},
		{Name: "en-election-observers.txt", Title: "Observers report pressure on independent candidates", Lang: "en"},
	}
	for i := range list {
		b, err := fs.ReadFile(files, list[i].Name)
		if err != nil {
			panic(err) // embedded: cannot happen
		}
		list[i].Text = string(b)
	}
	return list
}
