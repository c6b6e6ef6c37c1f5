package corpus

import (
	"math/rand/v2"
	"strings"
)

// Edit returns text with n of its longer words (five letters or more)
// replaced by other words of the text, chosen with seed: a near-duplicate
// as sites make when they republish a story.
func Edit(text string, n int, seed int64) string {
	r := rand.New(rand.NewPCG(uint64(seed), 0x6564))
	lines := strings.Split(text, "\n")
	type pos struct{ line, word int }
	var long []pos
	var words [][]string
	for i, l := range lines {
		ws := strings.Split(l, " ")
		words = append(words, ws)
		if len(ws) < 6 { // leave titles, menus and dates alone
			continue
		}
		for j, w := range ws {
			if len([]rune(w)) >= 5 {
				long = append(long, pos{i, j})
			}
		}
	}
	for k := 0; k < n && len(long) > 1; k++ {
		p := long[r.IntN(len(long))]
		q := long[r.IntN(len(long))]
		words[p.line][p.word] = words[q.line][q.word] + "ы"
	}
	for i, ws := range words {
		lines[i] = strings.Join(ws, " ")
	}
	return strings.Join(lines, "\n")
}
