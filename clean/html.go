package clean

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// LooksLikeHTML reports whether raw starts, after white space and a BOM,
// with "<!doctype" or "<html" (in any case): a saved page rather than a
// text dump.
func LooksLikeHTML(raw string) bool {
	s := strings.TrimLeft(raw, " \t\r\n\uFEFF")
	if len(s) > 16 {
		s = s[:16]
	}
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "<!doctype") || strings.HasPrefix(s, "<html")
}

// HTML cleans a saved HTML page. Scripts, styles, templates, forms
// controls and hidden elements are dropped; the page is cut into blocks
// (paragraphs, headings, list items, runs of text between <br>s) and the
// article is found with readability-style scoring: text length and commas
// per paragraph, link density, class and id hints. Result.Lines holds every
// block, kept or not, in document order; each spans the block's text in the
// source (Start of its first text, End of its last), so markup inside a
// block lies inside its span. Result.Map maps the cleaned text to code
// points of the HTML source; character references map as whole chunks.
// The output is plain text: nothing from the page is rendered.
//
// The error is non-nil only when the page could not be read at all.
func HTML(raw string) (Result, error) {
	d, err := extract(raw)
	if err != nil {
		return Result{}, err
	}
	d.decide()
	return d.render(nil), nil
}

// ApplyHTML is Apply for a Result of HTML: it rebuilds the cleaned text from
// the page and decisions on its blocks. A line is matched to a block by its
// Start and End; blocks without a matching line keep HTML's own decision.
func ApplyHTML(raw string, lines []Line) (Result, error) {
	d, err := extract(raw)
	if err != nil {
		return Result{}, err
	}
	d.decide()
	keep := map[[2]int]bool{}
	for _, l := range lines {
		keep[[2]int{l.Start, l.End}] = l.Keep
	}
	r := d.render(keep)
	r.Lines = append([]Line(nil), lines...)
	return r, nil
}

// An hnode is an element of the light tree built from the tokenizer. Text
// is kept in blocks, not in the tree.
type hnode struct {
	tag    string
	parent *hnode
	hint   int    // class and id: +1 content-like, -1 boilerplate-like
	neg    string // the boilerplate word of a negative hint, for reasons
	hidden bool
	drop   bool // script, style and the like: contents never shown
	titled bool // class or id says title or headline

	score            float64
	chars, linkChars int // text in the subtree, and inside links
	scored           bool
}

// A piece is one run of source text, with character references undecoded.
type piece struct {
	bs, be int  // byte range in the source
	cp     int  // code point offset of bs
	link   bool // inside <a>
}

// An hblock is a block of text: what becomes one line.
type hblock struct {
	owner  *hnode // innermost block-level element
	pieces []piece
	text   string // normalised
	chars  int
	links  int
	title  bool // the <title> element
	Line
}

type hdoc struct {
	raw    string
	blocks []*hblock
	top    *hnode
}

var (
	voidTags = set(`area base br col embed hr img input link meta param source track wbr keygen`)
	// Elements whose content is never page text.
	dropTags = set(`script style noscript template iframe svg math canvas object embed select
		option textarea button head video audio map datalist`)
	blockTags = set(`address article aside blockquote body dd details dialog div dl dt fieldset
		figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre
		section summary table tbody thead tfoot td th tr ul caption center html legend menu`)
	// Blocks that are paragraphs: their score goes to the container above.
	paraTags = set(`p li dd dt td th blockquote pre h1 h2 h3 h4 h5 h6 figcaption caption summary`)
	// Opening one of these closes an open <p>.
	closesP = set(`address article aside blockquote details div dl fieldset figcaption figure
		footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul`)
	posHints = set(`article body content entry main page post text blog story detail details
		news material publication hentry single lead`)
	negHints = map[string]string{
		"comment": "comments", "comments": "comments", "disqus": "comments", "reply": "comments",
		"footer": "footer", "foot": "footer", "footnote": "footer", "copyright": "footer",
		"sidebar": "related", "side": "related", "widget": "related", "aside": "related",
		"related": "related", "similar": "related", "popular": "related", "trending": "related",
		"recommend": "related", "recommended": "related", "more": "related", "teaser": "related",
		"card": "related", "feed": "related", "latest": "related", "readmore": "related",
		"read": "related", "also": "related", "inline": "related",
		"share": "share", "sharing": "share", "social": "share", "sns": "share", "sharedaddy": "share",
		"nav": "menu", "navigation": "menu", "menu": "menu", "header": "menu", "masthead": "menu",
		"breadcrumb": "menu", "breadcrumbs": "menu", "crumbs": "menu", "toolbar": "menu",
		"pager": "menu", "pagination": "menu", "lang": "menu", "search": "menu", "login": "menu",
		"top": "menu", "logo": "menu",
		"meta": "meta", "byline": "meta", "author": "meta", "date": "meta", "time": "meta",
		"timestamp": "meta", "info": "meta", "rating": "meta", "views": "meta",
		"tags": "tags", "tag": "tags", "topics": "tags", "keywords": "tags",
		"ad": "ads", "ads": "ads", "adv": "ads", "advert": "ads", "banner": "ads", "promo": "ads",
		"sponsor": "ads", "sponsored": "ads", "slot": "ads",
		"cookie": "cookie", "cookies": "cookie", "consent": "cookie", "gdpr": "cookie",
		"popup": "boilerplate", "modal": "boilerplate", "subscribe": "subscribe",
		"newsletter": "subscribe", "print": "boilerplate",
		"caption": "credit", "credit": "credit", "credits": "credit", "photo": "credit",
	}
	hiddenClasses = set(`hidden hide d-none sr-only visually-hidden screen-reader-text invisible`)
)

// extract tokenizes the page and cuts it into blocks.
func extract(raw string) (*hdoc, error) {
	d := &hdoc{raw: raw}
	z := html.NewTokenizer(strings.NewReader(raw))
	root := &hnode{tag: "#root"}
	stack := []*hnode{root}
	cur := &hblock{owner: root}
	pos, cp := 0, 0 // byte and code point offsets of the current token
	links := 0
	flush := func() {
		// Trailing white space between inline elements is no part of it.
		for k := len(cur.pieces) - 1; k >= 0 && strings.TrimSpace(raw[cur.pieces[k].bs:cur.pieces[k].be]) == ""; k-- {
			cur.pieces = cur.pieces[:k]
		}
		if len(cur.pieces) > 0 {
			d.blocks = append(d.blocks, cur)
		}
		cur = &hblock{owner: blockOwner(stack)}
	}
	// popTo closes the open elements from stack[i] on.
	popTo := func(i int) {
		for _, e := range stack[i:] {
			if e.tag == "a" {
				links--
			}
		}
		if hasBlock(stack[i:]) || stack[i].tag == "title" {
			flush()
			stack = stack[:i]
			cur.owner = blockOwner(stack)
		} else {
			stack = stack[:i]
		}
	}
	for {
		tt := z.Next()
		n := len(z.Raw())
		switch tt {
		case html.ErrorToken:
			flush()
			if err := z.Err(); err != io.EOF {
				return nil, err
			}
			d.count()
			return d, nil
		case html.TextToken:
			t := stack[len(stack)-1]
			owner := blockOwner(stack)
			blank := strings.TrimSpace(raw[pos:pos+n]) == ""
			if t.drop || blank && (cur.owner != owner || len(cur.pieces) == 0) && owner.tag != "title" {
				break // white space counts only between words of a block
			}
			if t.hidden && !owner.hidden {
				break // hidden inline text inside a shown block
			}
			if cur.owner != owner {
				flush()
			}
			cur.pieces = append(cur.pieces, piece{bs: pos, be: pos + n, cp: cp, link: links > 0})
			cur.title = cur.title || owner.tag == "title"
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if tag == "br" || voidTags[tag] && blockTags[tag] {
				flush()
				break
			}
			if voidTags[tag] || tt == html.SelfClosingTagToken && !dropTags[tag] {
				break
			}
			// Implied end tags, roughly as browsers do.
			i := -1
			switch {
			case closesP[tag]:
				i = openIndex(stack, []string{"p"}, nil)
			case tag == "li":
				i = openIndex(stack, []string{"li"}, []string{"ul", "ol", "menu"})
			case tag == "dt" || tag == "dd":
				i = openIndex(stack, []string{"dt", "dd"}, []string{"dl"})
			case tag == "td" || tag == "th":
				i = openIndex(stack, []string{"td", "th"}, []string{"tr", "table"})
			case tag == "tr":
				i = openIndex(stack, []string{"tr", "td", "th"}, []string{"table", "tbody", "thead", "tfoot"})
			case tag == "option" || tag == "a":
				i = openIndex(stack, []string{tag}, nil)
			}
			if i > 0 {
				popTo(i)
			}
			parent := stack[len(stack)-1]
			e := &hnode{tag: tag, parent: parent, hidden: parent.hidden, drop: parent.drop || dropTags[tag]}
			if tag == "title" && (parent.tag == "head" || !parent.drop) {
				e.drop = false // the page title is shown, as a title
			}
			if hasAttr {
				readAttrs(z, e)
			}
			if len(stack) >= 256 {
				break // flatten absurdly deep pages
			}
			if blockTags[tag] || tag == "title" {
				flush()
			}
			stack = append(stack, e)
			if tag == "a" {
				links++
			}
			if blockTags[tag] || tag == "title" {
				cur.owner = e
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "br" { // </br> acts as <br>
				flush()
				break
			}
			for i := len(stack) - 1; i > 0; i-- {
				if stack[i].tag == tag {
					popTo(i)
					break
				}
			}
		}
		cp += utf8.RuneCountInString(raw[pos : pos+n])
		pos += n
	}
}

func hasBlock(s []*hnode) bool {
	for _, e := range s {
		if blockTags[e.tag] {
			return true
		}
	}
	return false
}

// blockOwner returns the innermost block-level element on the stack.
func blockOwner(stack []*hnode) *hnode {
	for i := len(stack) - 1; i > 0; i-- {
		if blockTags[stack[i].tag] || stack[i].tag == "title" {
			return stack[i]
		}
	}
	return stack[0]
}

// openIndex returns the stack index of the innermost open element named in
// names, or -1 when an element named in scope is nearer, or, with no scope,
// when another block element is nearer.
func openIndex(stack []*hnode, names, scope []string) int {
	for i := len(stack) - 1; i > 0; i-- {
		t := stack[i].tag
		for _, n := range names {
			if t == n {
				return i
			}
		}
		for _, s := range scope {
			if t == s {
				return -1
			}
		}
		if scope == nil && blockTags[t] {
			return -1
		}
	}
	return -1
}

// readAttrs records class and id hints and hidden state.
func readAttrs(z *html.Tokenizer, e *hnode) {
	for {
		k, v, more := z.TagAttr()
		key := string(k)
		val := strings.ToLower(string(v))
		switch key {
		case "class", "id", "role", "itemprop":
			for _, w := range strings.FieldsFunc(val, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				if r, ok := negHints[w]; ok {
					if e.hint >= 0 {
						e.neg = r
					}
					e.hint = -1
				} else if posHints[w] && e.hint == 0 {
					e.hint = 1
				}
				if w == "title" || w == "headline" || w == "heading" {
					e.titled = true
				}
				if key == "class" && hiddenClasses[w] {
					e.hidden = true
				}
			}
			if key == "class" && strings.Contains(val, "visually-hidden") || val == "navigation" || val == "contentinfo" || val == "complementary" {
				if val == "navigation" {
					e.hint, e.neg = -1, "menu"
				} else if val == "contentinfo" {
					e.hint, e.neg = -1, "footer"
				} else if val == "complementary" {
					e.hint, e.neg = -1, "related"
				} else {
					e.hidden = true
				}
			}
		case "hidden":
			e.hidden = true
		case "aria-hidden":
			e.hidden = e.hidden || val == "true"
		case "style":
			s := strings.ReplaceAll(val, " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				e.hidden = true
			}
		case "type":
			if val == "hidden" {
				e.hidden = true
			}
		}
		if !more {
			return
		}
	}
}

// count normalises every block's text and adds its length and link length
// to its ancestors.
func (d *hdoc) count() {
	var b builder
	var buf []src
	for _, bl := range d.blocks {
		buf = d.srcs(bl, buf[:0])
		b.lines = 0
		b.sb.Reset()
		b.m = Map{}
		b.line(buf, 0, 0)
		bl.text = b.sb.String()
		bl.chars = utf8.RuneCountInString(bl.text)
		for _, p := range bl.pieces {
			if p.link {
				bl.links += utf8.RuneCountInString(strings.TrimSpace(html.UnescapeString(d.raw[p.bs:p.be])))
			}
		}
		if bl.links > bl.chars {
			bl.links = bl.chars
		}
		first, last := bl.pieces[0], bl.pieces[len(bl.pieces)-1]
		bl.Start = first.cp
		bl.End = last.cp + utf8.RuneCountInString(d.raw[last.bs:last.be])
		for e := bl.owner; e != nil; e = e.parent {
			e.chars += bl.chars
			e.linkChars += bl.links
		}
	}
}

// srcs decodes a block's pieces into code points with their source runs.
func (d *hdoc) srcs(bl *hblock, buf []src) []src {
	for _, p := range bl.pieces {
		s := d.raw[p.bs:p.be]
		cp := p.cp
		for i := 0; i < len(s); {
			if s[i] == '&' {
				if j := entityEnd(s, i); j > i+1 {
					ent := s[i:j]
					dec := html.UnescapeString(ent)
					if dec != ent {
						// Legacy references may decode a prefix only ("&ampx"):
						// keep the undecoded tail one to one.
						tail := commonSuffix(ent[1:], dec)
						entRaw, val := ent[:len(ent)-tail], dec[:len(dec)-tail]
						n := utf8.RuneCountInString(entRaw)
						k := 0
						for _, r := range val {
							if k == 0 {
								buf = append(buf, src{r, cp, n})
							} else {
								buf = append(buf, src{r, cp + n, 0})
							}
							k++
						}
						cp += n
						for _, r := range ent[len(ent)-tail:] {
							buf = append(buf, src{r, cp, 1})
							cp++
						}
						i = j
						continue
					}
				}
			}
			r, w := utf8.DecodeRuneInString(s[i:])
			buf = append(buf, src{r, cp, 1})
			cp++
			i += w
		}
	}
	return buf
}

// entityEnd returns the end of a character reference starting at s[i] ==
// '&', or i+1 when there is none.
func entityEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			j++
		}
		k := j
		for j < len(s) && j-k < 8 && isAlnum(s[j]) {
			j++
		}
		if j == k {
			return i + 1
		}
	} else {
		k := j
		for j < len(s) && j-k < 32 && isAlnum(s[j]) {
			j++
		}
		if j == k {
			return i + 1
		}
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	return j
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	// Do not split a multi-byte code point.
	for n > 0 && !utf8.RuneStart(a[len(a)-n]) {
		n--
	}
	return n
}

// visible reports whether e and its ancestors are shown.
func visible(e *hnode) bool {
	return !e.hidden && !e.drop
}

// decide scores the containers, picks the article and sets every block's
// decision.
func (d *hdoc) decide() {
	// Readability-style scoring: each paragraph adds to its container and,
	// half, to the container above.
	var cands []*hnode
	for _, bl := range d.blocks {
		if bl.title || !visible(bl.owner) || bl.chars < 25 {
			continue
		}
		s := 1 + float64(strings.Count(bl.text, ",")+strings.Count(bl.text, "،")) + min(float64(bl.chars)/100, 3)
		target := bl.owner
		if paraTags[target.tag] && target.parent != nil {
			target = target.parent
		}
		for k, e := 0, target; k < 2 && e != nil && e.tag != "#root"; k, e = k+1, e.parent {
			if !e.scored {
				e.scored = true
				cands = append(cands, e)
			}
			if k == 0 {
				e.score += s
			} else {
				e.score += s / 2
			}
		}
	}
	best := -1.0
	for _, e := range cands {
		f := e.final()
		if f > best {
			best, d.top = f, e
		}
	}
	// Siblings of the top candidate that score well belong to the article
	// too (a page that splits its text over several containers).
	inTop := func(e *hnode) bool {
		for ; e != nil; e = e.parent {
			if e == d.top {
				return true
			}
			if d.top != nil && e.parent == d.top.parent && e.scored && e.hint >= 0 && e.final() >= max(10, best*0.2) {
				return true
			}
		}
		return false
	}
	firstKept := -1
	for i, bl := range d.blocks {
		switch {
		case bl.title:
			bl.Reason = "meta"
		case !visible(bl.owner):
			bl.Reason = "hidden"
		case d.top == nil || !inTop(bl.owner):
			bl.Reason = outsideHTML(bl.owner, firstKept < 0)
		default:
			bl.Keep, bl.Reason = d.inside(bl)
		}
		if bl.Keep && firstKept < 0 {
			firstKept = i
		}
	}
	d.pickTitle(firstKept)
	// Duplicates, as in text dumps.
	seen := map[string]bool{}
	for _, bl := range d.blocks {
		if !bl.Keep {
			continue
		}
		k := strings.TrimSpace(fold(bl.text))
		if seen[k] {
			bl.Keep, bl.Reason = false, "duplicate"
		}
		seen[k] = true
	}
}

// final is a candidate's score: its paragraphs' score with its class hint,
// discounted by its link density.
func (e *hnode) final() float64 {
	s := e.score + 25*float64(e.hint)
	switch e.tag {
	case "article", "main":
		s += 10
	case "div", "section":
		s += 5
	case "ul", "ol", "form", "aside", "nav", "footer", "header":
		s -= 5
	case "body":
		s -= 10
	}
	if e.chars > 0 {
		s *= 1 - float64(e.linkChars)/float64(e.chars)
	}
	return s
}

// inside decides on a block inside the article.
func (d *hdoc) inside(bl *hblock) (bool, string) {
	for e := bl.owner; e != nil && e != d.top; e = e.parent {
		if e.hint < 0 {
			return false, e.neg
		}
		switch e.tag {
		case "figcaption", "aside", "nav", "footer", "form":
			return false, map[string]string{"figcaption": "credit", "aside": "related", "nav": "menu", "footer": "footer", "form": "boilerplate"}[e.tag]
		}
	}
	if bl.chars > 0 && bl.links*2 > bl.chars {
		return false, "related"
	}
	f := analyse(bl.text)
	switch f.kind {
	case kBlank:
		return false, "blank"
	case kBody, kHead:
		return true, "body"
	case kShort:
		if isHeading(bl.owner.tag) {
			return true, "body"
		}
		return false, "short"
	}
	return false, f.reason
}

func isHeading(tag string) bool {
	return len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
}

// outsideHTML names why a block outside the article was dropped.
func outsideHTML(e *hnode, before bool) string {
	for ; e != nil; e = e.parent {
		if e.hint < 0 {
			return e.neg
		}
		switch e.tag {
		case "nav", "header":
			return "menu"
		case "footer":
			return "footer"
		case "aside":
			return "related"
		}
	}
	if before {
		return "menu"
	}
	return "footer"
}

// pickTitle keeps the heading just above the article, or failing that the
// first <h1>, or failing that the page <title>.
func (d *hdoc) pickTitle(first int) {
	if first < 0 {
		return
	}
	if isHeading(d.blocks[first].owner.tag) {
		d.blocks[first].Reason = "title"
		return
	}
	for i, k := first-1, 0; i >= 0 && k < 6; i, k = i-1, k+1 {
		bl := d.blocks[i]
		if !visible(bl.owner) || bl.title {
			continue
		}
		if t := bl.owner.tag; t == "h1" || t == "h2" || t == "h3" || bl.owner.titled && !paraTags[t] {
			if bl.chars >= 8 && bl.chars <= 300 {
				bl.Keep, bl.Reason = true, "title"
				return
			}
		}
	}
	for _, bl := range d.blocks {
		if bl.owner.tag == "h1" && visible(bl.owner) && bl.chars >= 8 {
			bl.Keep, bl.Reason = true, "title"
			return
		}
	}
	for _, bl := range d.blocks {
		if bl.title && bl.chars > 0 {
			bl.Keep, bl.Reason = true, "title"
			return
		}
	}
}

// render builds the Result; keep overrides decisions by block span.
func (d *hdoc) render(keep map[[2]int]bool) Result {
	var b builder
	b.m.OrigLen = utf8.RuneCountInString(d.raw)
	lines := make([]Line, len(d.blocks))
	var buf []src
	prevEnd := 0
	for i, bl := range d.blocks {
		lines[i] = bl.Line
		k := bl.Keep
		if keep != nil {
			if v, ok := keep[[2]int{bl.Start, bl.End}]; ok {
				k = v
			}
		}
		if !k {
			continue
		}
		buf = d.srcs(bl, buf[:0])
		if b.line(buf, prevEnd, 0) {
			prevEnd = bl.End
		}
	}
	return Result{Text: b.sb.String(), Lines: lines, Map: b.m}
}
