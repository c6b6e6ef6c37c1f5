package conll

import "strings"

// splitTag splits a tag into its boundary prefix ('B', 'I', 'E', 'S', or 0
// for none) and its type; the type of "O" is "".
func splitTag(tag string) (prefix byte, typ string) {
	if tag == "O" || tag == "" || tag == "_" || tag == "-" {
		return 0, ""
	}
	if len(tag) > 2 && (tag[1] == '-' || tag[1] == '_') {
		switch tag[0] {
		case 'B', 'I', 'E', 'S':
			return tag[0], tag[2:]
		case 'L':
			return 'E', tag[2:]
		case 'U':
			return 'S', tag[2:]
		}
	}
	return 0, tag
}

// An entity is a run of tokens, by index into a token list, end inclusive.
type entity struct {
	typ         string
	first, last int
}

// A tagProblem is a tag that breaks its scheme, by token index.
type tagProblem struct {
	tok int
	msg string
}

// decode turns the tags of tokens into entities. sent gives each token's
// sentence: no entity crosses a sentence break. Tags that break the scheme
// are read as conlleval reads them and reported.
func decode(tags []string, sent []int, scheme Scheme) ([]entity, []tagProblem) {
	var ents []entity
	var probs []tagProblem
	open := -1 // index in ents of the entity that may continue
	for i, tag := range tags {
		if i > 0 && sent[i] != sent[i-1] {
			open = -1
		}
		prefix, typ := splitTag(tag)
		if typ == "" {
			open = -1
			continue
		}
		cont := open >= 0 && ents[open].typ == typ
		start := func() {
			ents = append(ents, entity{typ, i, i})
			open = len(ents) - 1
		}
		switch prefix {
		case 'B':
			start()
		case 'S':
			start()
			open = -1
		case 'E':
			if cont {
				ents[open].last = i
			} else {
				if scheme == BIOES {
					probs = append(probs, tagProblem{i, "E-" + typ + " does not end an entity begun with B-" + typ + "; read as a one-token entity"})
				}
				start()
			}
			open = -1
		default: // I- or no prefix
			if cont {
				ents[open].last = i
				continue
			}
			if prefix == 'I' && (scheme == IOB2 || scheme == BIOES) {
				probs = append(probs, tagProblem{i, "I-" + typ + " does not continue an entity; read as its start"})
			}
			start()
		}
	}
	return ents, probs
}

// encode returns the tags of n tokens holding ents, which do not overlap and
// are in order.
func encode(n int, ents []entity, scheme Scheme) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "O"
	}
	for k, e := range ents {
		for i := e.first; i <= e.last; i++ {
			tags[i] = "I-" + e.typ
		}
		switch scheme {
		case IOB2:
			tags[e.first] = "B-" + e.typ
		case IOB1:
			if k > 0 && ents[k-1].last == e.first-1 && ents[k-1].typ == e.typ {
				tags[e.first] = "B-" + e.typ
			}
		case BIOES:
			if e.first == e.last {
				tags[e.first] = "S-" + e.typ
			} else {
				tags[e.first] = "B-" + e.typ
				tags[e.last] = "E-" + e.typ
			}
		}
	}
	return tags
}

// cleanType makes a label fit a tag column: no character that could
// separate columns or lines.
func cleanType(label, sep string) string {
	if label == "" {
		return "_"
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || string(r) == sep {
			return '_'
		}
		return r
	}, label)
}
