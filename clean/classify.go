package clean

import (
	"strings"
	"unicode/utf8"
)

// Scores of line kinds for the choice of the article stretch. Prose scores
// by length; everything else costs a little, so that a subheading or a
// photo credit between paragraphs stays inside the stretch while a feed of
// fifty headlines does not.
const (
	scoreHead     = -0.5
	scoreShort    = -0.7
	scoreDate     = -0.5
	scoreMeta     = -0.7
	scoreBoiler   = -1.5
	scoreTelegram = -1
	scoreInline   = -0.5
	scoreSoftStop = -1
	scoreTeaser   = -0.6
)

// classify sets Keep and Reason on every line.
func classify(raw string, lines []textLine) {
	fs := make([]feat, len(lines))
	for i, l := range lines {
		fs[i] = analyse(raw[l.bs:l.be])
	}
	c := classifier{lines: lines, fs: fs}
	c.run()
}

type classifier struct {
	lines   []textLine
	fs      []feat
	channel bool // a Telegram channel dump: several posts, no single article
}

// next returns the index of the first non-blank line after i, or len.
func (c *classifier) next(i int) int {
	for i++; i < len(c.fs) && c.fs[i].kind == kBlank; i++ {
	}
	return i
}

// prev returns the index of the last non-blank line before i, or -1.
func (c *classifier) prev(i int) int {
	for i--; i >= 0 && c.fs[i].kind == kBlank; i-- {
	}
	return i
}

func (c *classifier) run() {
	fs := c.fs
	tg := 0
	for i := range fs {
		if fs[i].kind == kTelegram {
			tg++
		}
	}
	c.channel = tg >= 2
	c.continuations()
	c.teasers()
	c.scores()

	stretches := c.stretches()
	for k := range stretches {
		stretches[k][1] = c.extendList(stretches[k][1])
	}
	keep := make([]bool, len(fs))
	inStretch := make([]bool, len(fs))
	for _, s := range stretches {
		for i := s[0]; i < s[1]; i++ {
			inStretch[i] = true
		}
	}
	// Title: the headline just above the first stretch.
	title := map[int]bool{}
	if len(stretches) > 0 {
		for _, t := range c.title(stretches[0][0]) {
			title[t] = true
		}
	}
	seen := map[string]bool{}
	prefixes := map[string][]keyed{}
	lastStop := -1
	firstStart := len(fs)
	if len(stretches) > 0 {
		firstStart = stretches[0][0]
	}
	for i := range fs {
		f := &fs[i]
		l := &c.lines[i].Line
		if f.kind == kStop && !inStretch[i] {
			lastStop = i
		}
		switch {
		case title[i]:
			l.Keep, l.Reason = true, "title"
		case f.kind == kBlank:
			l.Reason = "blank"
		case !inStretch[i]:
			l.Reason = c.outsideReason(i, firstStart, lastStop)
		case f.kind == kBody || f.kind == kHead:
			l.Keep, l.Reason = true, "body"
		case f.kind == kShort:
			if c.keepShort(i, keep) {
				l.Keep, l.Reason = true, "body"
			} else {
				l.Reason = "short"
			}
		default:
			l.Reason = f.reason
		}
		if l.Keep {
			key := strings.TrimSpace(f.fold)
			if seen[key] || c.truncatedCopy(key, prefixes) {
				l.Keep, l.Reason = false, "duplicate"
			} else {
				seen[key] = true
				if p := prefixKey(key); p != "" {
					// A kept line that this one extends was a preview of it.
					for _, k := range prefixes[p] {
						if strings.HasPrefix(key, k.key) && c.lines[k.i].Keep {
							c.lines[k.i].Keep, c.lines[k.i].Reason = false, "duplicate"
							keep[k.i] = false
						}
					}
					prefixes[p] = append(prefixes[p], keyed{key, i})
				}
			}
		}
		keep[i] = l.Keep
	}
}

// keyed is a dedup key and its line.
type keyed struct {
	key string
	i   int
}

// outsideReason names why a line outside every kept stretch was dropped.
func (c *classifier) outsideReason(i, firstStart, lastStop int) string {
	f := &c.fs[i]
	switch f.kind {
	case kBody, kHead, kShort:
	default:
		return f.reason
	}
	switch {
	case i < firstStart:
		return "menu"
	case lastStop >= 0:
		if c.fs[lastStop].comments {
			return "comments"
		}
		return "related"
	case f.kind == kHead || f.teaser:
		return "related"
	}
	return "footer"
}

// prefixKey is the bucket of a dedup key for near-duplicate search.
func prefixKey(key string) string {
	const n = 24
	if len(key) < n*2 {
		return ""
	}
	return key[:n*2] // bytes: 24 Cyrillic letters or 48 Latin ones
}

// truncatedCopy reports a line whose text is the start of a line already
// kept: a teaser, a cut preview, a repeated first sentence.
func (c *classifier) truncatedCopy(key string, prefixes map[string][]keyed) bool {
	p := prefixKey(key)
	if p == "" {
		return false
	}
	for _, k := range prefixes[p] {
		if strings.HasPrefix(k.key, key) && c.lines[k.i].Keep {
			return true
		}
	}
	return false
}

// continuations gives a line that continues a wrapped sentence (it starts
// in lower case after a line without a sentence end) the kind of the line
// it continues.
func (c *classifier) continuations() {
	fs := c.fs
	for i := range fs {
		f := &fs[i]
		if !f.lower || f.kind == kBlank || f.kind == kTelegram || f.kind == kStop {
			continue
		}
		p := c.prev(i)
		if p < 0 || p != i-1 && !c.channel {
			continue
		}
		if (fs[p].kind == kBody || fs[p].kind == kHead) && !fs[p].end {
			f.kind, f.reason = kBody, "body"
		}
	}
}

// teasers marks one-sentence prose lines that sit in a list of headlines and
// dates: the teasers of a news feed.
func (c *classifier) teasers() {
	fs := c.fs
	for i := range fs {
		f := &fs[i]
		if f.kind != kBody || f.sents > 1 || f.runes >= 250 {
			continue
		}
		listy, seen := 0, 0
		for j, k := c.prev(i), 0; j >= 0 && k < 3; j, k = c.prev(j), k+1 {
			seen++
			if fs[j].kind == kHead || fs[j].kind == kDate {
				listy++
			}
		}
		for j, k := c.next(i), 0; j < len(fs) && k < 3; j, k = c.next(j), k+1 {
			seen++
			if fs[j].kind == kHead || fs[j].kind == kDate {
				listy++
			}
		}
		p, n := c.prev(i), c.next(i)
		if listy >= 4 && p >= 0 && fs[p].kind == kHead && (n >= len(fs) || fs[n].kind == kHead || fs[n].kind == kDate) {
			f.teaser = true
		}
	}
}

func (c *classifier) scores() {
	for i := range c.fs {
		f := &c.fs[i]
		switch f.kind {
		case kBody:
			s := float64(f.runes) / 50
			if s > 8 {
				s = 8
			}
			if s < 0.8 {
				s = 0.8
			}
			if f.words >= 6 {
				d := float64(f.fw) / float64(f.words)
				if d > 0.25 {
					d = 0.25
				}
				s *= 0.6 + 1.6*d
			}
			if f.teaser {
				s = scoreTeaser
			}
			f.score = s
		case kHead:
			f.score = scoreHead
		case kShort:
			f.score = scoreShort
		case kDate:
			f.score = scoreDate
		case kMeta:
			f.score = scoreMeta
		case kBoiler:
			f.score = scoreBoiler
		case kTelegram:
			f.score = scoreTelegram
		case kInline:
			f.score = scoreInline
		case kStop:
			f.score = scoreSoftStop
		}
		if c.channel {
			switch f.kind {
			case kTelegram, kDate, kHead:
				f.score = 0
			}
		}
	}
}

// softStop reports a related-news heading in the middle of an article: at
// most two headline lines follow it before prose resumes. It returns the
// index of the line where the related block ends.
func (c *classifier) softStop(i int) (int, bool) {
	fs := c.fs
	if fs[i].comments {
		return 0, false
	}
	j, n := c.next(i), 0
	for ; j < len(fs) && n < 3; j, n = c.next(j), n+1 {
		if fs[j].kind == kBody && !fs[j].teaser && fs[j].runes >= 120 {
			return j, true
		}
		if fs[j].kind != kHead && fs[j].kind != kShort {
			return 0, false
		}
	}
	return 0, false
}

// stretches returns the kept stretches as half-open index ranges, in order:
// the best-scoring run of lines that crosses no related-news or comments
// heading, or for a channel dump every good run.
func (c *classifier) stretches() [][2]int {
	fs := c.fs
	barrier := make([]bool, len(fs))
	for i := range fs {
		if fs[i].kind != kStop {
			continue
		}
		if end, ok := c.softStop(i); ok {
			// Drop the related block but keep a short subheading right
			// before the prose.
			last := c.prev(end)
			for j := i + 1; j < end; j++ {
				if fs[j].kind == kBlank || j == last && last != c.next(i) && fs[j].words <= 4 {
					continue
				}
				fs[j].kind, fs[j].reason, fs[j].score = kInline, "related", scoreInline
			}
			continue
		}
		barrier[i] = true
	}
	if c.channel {
		var out [][2]int
		c.allRuns(0, len(fs), barrier, &out)
		return out
	}
	best, bs, be := 0.0, 0, 0
	for z := 0; z < len(fs); {
		e := z
		for e < len(fs) && !barrier[e] {
			e++
		}
		if s, a, b := maxRun(fs, z, e); s > best {
			best, bs, be = s, a, b
		}
		z = e + 1
	}
	if best <= 0 {
		return nil
	}
	return [][2]int{{bs, be}}
}

// allRuns appends every run in [lo, hi) that scores well, best first within
// each zone, in input order.
func (c *classifier) allRuns(lo, hi int, barrier []bool, out *[][2]int) {
	for z := lo; z < hi; {
		e := z
		for e < hi && !barrier[e] {
			e++
		}
		c.runsIn(z, e, out)
		z = e + 1
	}
}

func (c *classifier) runsIn(lo, hi int, out *[][2]int) {
	s, a, b := maxRun(c.fs, lo, hi)
	if s < 2 {
		return
	}
	c.runsIn(lo, a, out)
	*out = append(*out, [2]int{a, b})
	c.runsIn(b, hi, out)
}

// maxRun returns the best sum of scores over a run of lines in [lo, hi)
// and that run (Kadane's algorithm).
func maxRun(fs []feat, lo, hi int) (float64, int, int) {
	best, bs, be := 0.0, lo, lo
	cur, cs := 0.0, lo
	for i := lo; i < hi; i++ {
		if cur <= 0 {
			cur, cs = 0, i
		}
		cur += fs[i].score
		if cur > best {
			best, bs, be = cur, cs, i+1
		}
	}
	return best, bs, be
}

// title finds the title lines above the article that starts at line s: the
// nearest headline above it, over bylines, dates and credits, and the
// headline above that one when the pair looks like a title and subtitle.
func (c *classifier) title(s int) []int {
	fs := c.fs
	shorts := 0
	for j, k := c.prev(s), 0; j >= 0 && k < 8; j, k = c.prev(j), k+1 {
		f := &fs[j]
		switch f.kind {
		case kDate, kMeta:
			continue
		case kShort, kBoiler, kStop:
			// Names, share buttons and comment counters often sit between a
			// title and its text; a menu is longer than three of them.
			if f.kind == kStop && !(f.comments && hasDigit(f.fold) && f.words <= 3) ||
				f.kind == kBoiler && f.words > 4 {
				return nil
			}
			if shorts++; shorts > 3 {
				return nil
			}
			continue
		case kHead, kBody:
			if f.kind == kBody && (f.runes > 200 || f.sents > 1 || f.end && lastMeaningful(f.text) == '.') {
				return nil
			}
			if f.words > 30 {
				return nil
			}
			out := []int{j}
			if u := c.prev(j); u >= 0 && fs[u].kind == kHead && fs[u].words >= 3 {
				if uu := c.prev(u); uu < 0 || fs[uu].kind != kHead && fs[uu].kind != kBody {
					out = append(out, u)
				}
			}
			return out
		}
		return nil
	}
	return nil
}

// keepShort decides on a one- or two-word line inside the article: kept
// when it continues the previous line or reads like a subheading between
// paragraphs, dropped when it looks like a name, a button or a menu item.
func (c *classifier) keepShort(i int, keep []bool) bool {
	fs := c.fs
	f := &fs[i]
	p := c.prev(i)
	if f.lower && p >= 0 && keep[p] && !fs[p].end {
		return true
	}
	n := c.next(i)
	return f.words >= 2 && !f.capsWords && p >= 0 && keep[p] && n < len(fs) && fs[n].kind == kBody
}

// extendList extends a stretch that ends at e over a list that closes the
// article: a lead-in line ending with a colon (inside the stretch or right
// after it) and the short items that follow it. Lists score badly line by
// line, yet belong to the text that introduces them.
func (c *classifier) extendList(e int) int {
	fs := c.fs
	last := c.prev(e)
	if last < 0 {
		return e
	}
	j := c.next(last)
	if !leadIn(&fs[last]) {
		// The lead-in may be the first line after the stretch.
		if j >= len(fs) || !leadIn(&fs[j]) || fs[j].kind != kHead && fs[j].kind != kShort {
			return e
		}
		if n := c.next(j); n >= len(fs) || !listItem(&fs[n]) {
			return e
		}
		e, j = j+1, c.next(j)
	}
	for ; j < len(fs) && listItem(&fs[j]); j = c.next(j) {
		e = j + 1
	}
	return e
}

func leadIn(f *feat) bool {
	return lastMeaningful(f.text) == ':'
}

// listItem reports a line that can be an item of a list in an article.
func listItem(f *feat) bool {
	switch f.kind {
	case kHead, kShort:
		return f.words <= 20
	case kBody:
		return f.runes < 200 && bullet(f.text)
	}
	return false
}

// bullet reports a line that starts with a list marker.
func bullet(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case '•', '—', '–', '-', '*', '·', '▪', '●', '◦', '‣':
		return true
	}
	return false
}
