// Command annotations is a size probe; see package sizecheck. It decodes
// and encodes a gold file.
package main

import (
	"fmt"
	"os"

	"belgi/annotations"
)

func main() {
	f, err := annotations.Decode([]byte(os.Args[0]))
	if err == nil {
		err = annotations.Encode(os.Stdout, f)
	}
	fmt.Println(len(os.Args), err)
}
