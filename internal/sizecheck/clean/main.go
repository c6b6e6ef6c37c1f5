// Command clean is a size probe; see package sizecheck.
package main

import (
	"fmt"
	"os"

	"belgi/clean"
)

func main() {
	r, _ := clean.HTML(os.Args[0])
	fmt.Println(len(os.Args), r.Text, clean.Text(os.Args[0]).Text)
}
