// Command display is a size probe; see package sizecheck. It names a
// language as app/language.go does.
package main

import (
	"fmt"
	"os"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

func main() {
	t := language.Make(os.Args[0])
	fmt.Println(len(os.Args), display.English.Tags().Name(t), display.Self.Name(t))
}
