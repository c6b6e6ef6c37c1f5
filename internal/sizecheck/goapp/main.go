// Command goapp is a size probe; see package sizecheck. It is the
// smallest go-app program: one route, one component.
package main

import (
	"fmt"
	"os"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

type hello struct{ app.Compo }

func (h *hello) Render() app.UI { return app.P().Text("hello") }

func main() {
	fmt.Println(len(os.Args))
	app.Route("/", &hello{})
	app.RunWhenOnBrowser()
}
