// Command base is a size probe; see package sizecheck.
package main

import (
	"fmt"
	"os"
)

func main() { fmt.Println(len(os.Args)) }
