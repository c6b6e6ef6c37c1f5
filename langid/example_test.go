package langid_test

import (
	"fmt"

	"belgi/langid"
)

// Detect names the language of a text as a BCP 47 tag: Kazakh and Russian
// apart, though they share most of their letters.
func ExampleDetect() {
	for _, text := range []string{
		"Алматыда бейбіт митинг өтті, белсенділер әкімдікке хат жазды.",
		"В Алматы прошёл мирный митинг, активисты написали письмо в акимат.",
		"Activists held a peaceful rally in Almaty.",
	} {
		fmt.Println(langid.Detect(text).Tag)
	}
	// Output:
	// kk
	// ru
	// en
}
