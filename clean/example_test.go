package clean_test

import (
	"fmt"

	"belgi/clean"
)

// Text keeps the article of a page dump and drops the menu, the related
// news and the footer, saying why for each line; the Map leads every kept
// code point back to the input.
func ExampleText() {
	dump := "Главная\nНовости\n" +
		"В Таразе открыли новый парк у реки Талас\n" +
		"Новый парк площадью восемь гектаров открылся на берегу реки Талас. В нём высадили две тысячи деревьев и построили детские площадки.\n" +
		"Работы по благоустройству продолжатся летом, когда в парке появятся фонтаны и велодорожки.\n" +
		"Читайте также\nВ Шымкенте отремонтируют набережную\n© 2024 Тараз Ньюс\n"
	r := clean.Text(dump)
	for _, l := range r.Lines {
		fmt.Println(l.Keep, l.Reason)
	}
	fmt.Println(r.Map.FromOriginal(len([]rune("Главная\nНовости\n"))))
	// Output:
	// false menu
	// false menu
	// true title
	// true body
	// true body
	// false related
	// false related
	// false footer
	// 0 true
}
