// Command langid is a size probe; see package sizecheck.
package main

import (
	"fmt"
	"os"

	"belgi/langid"
)

func main() { fmt.Println(len(os.Args), langid.Detect(os.Args[0]).Tag) }
