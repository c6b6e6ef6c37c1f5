package app

import (
	"fmt"
	"math"
	"sort"
)

// An Arc is a relation drawn between two spans: From and To are span IDs
// (an event is drawn from its trigger).
type Arc struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	From     string `json:"from"`
	To       string `json:"to"`
	Selected bool   `json:"sel,omitempty"` // touches the selected span
}

// A Box is where the first line of a span is drawn, in pixels relative to
// the layer the arcs are drawn on.
type Box struct{ Left, Top, Width, Height float64 }

// An ArcPath is an arc ready to draw: an SVG path and where its label goes.
type ArcPath struct {
	Arc
	D              string  // SVG path data, from the top of From to the top of To
	LabelX, LabelY float64 // centre of the label
}

// Arc heights: the lowest arc rises minRise pixels above the higher of
// its ends; each level of nesting adds arcStep, up to maxLevel levels.
const (
	minRise  = 12
	arcStep  = 9
	maxLevel = 5
)

// LayoutArcs places arcs over the text, as brat does: each rises from the
// top of one span and falls onto the top of the other, and an arc that
// would cross a shorter one on the same stretch of text rises above it, so
// that arcs and their labels do not lie on each other. from[i] and to[i]
// are the boxes of arcs[i]'s ends.
func LayoutArcs(arcs []Arc, from, to []Box) []ArcPath {
	type placed struct {
		x0, x1, y0, y1 float64
		level          int
	}
	order := make([]int, len(arcs))
	for i := range order {
		order[i] = i
	}
	ax := func(i int) (float64, float64) { return from[i].Left + from[i].Width/2, to[i].Left + to[i].Width/2 }
	sort.SliceStable(order, func(a, b int) bool {
		a0, a1 := ax(order[a])
		b0, b1 := ax(order[b])
		da := math.Abs(a1-a0) + 1000*math.Abs(to[order[a]].Top-from[order[a]].Top)
		db := math.Abs(b1-b0) + 1000*math.Abs(to[order[b]].Top-from[order[b]].Top)
		return da < db
	})
	var done []placed
	out := make([]ArcPath, len(arcs))
	for _, i := range order {
		x0, x1 := ax(i)
		y0, y1 := from[i].Top, to[i].Top
		p := placed{x0: math.Min(x0, x1), x1: math.Max(x0, x1), y0: math.Min(y0, y1), y1: math.Max(y0, y1)}
		for p.level < maxLevel {
			clash := false
			for _, q := range done {
				if q.level == p.level && q.x0 <= p.x1 && p.x0 <= q.x1 && q.y0 <= p.y1+1 && p.y0 <= q.y1+1 {
					clash = true
					break
				}
			}
			if !clash {
				break
			}
			p.level++
		}
		done = append(done, p)
		peak := p.y0 - minRise - arcStep*float64(p.level)
		if x0 == x1 {
			x1 += 0.5 // a visible loop for an arc from a span to itself
		}
		out[i] = ArcPath{
			Arc:    arcs[i],
			D:      fmt.Sprintf("M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f", x0, y0, x0, peak, x1, peak, x1, y1),
			LabelX: (x0 + x1) / 2,
			// A cubic with both control points at the peak is at
			// 1/8·(y0+y1) + 3/4·peak halfway.
			LabelY: (y0+y1)/8 + 0.75*peak,
		}
	}
	return out
}

// arcs returns the binary relations of the open document as arcs between
// spans; an event stands for its trigger.
func (s *State) arcs() []Arc {
	d := s.Doc()
	if d == nil || len(d.Relations) == 0 {
		return nil
	}
	trigger := map[string]string{}
	for _, e := range d.Events {
		trigger[e.ID] = e.Trigger
	}
	end := func(id string) string {
		if t, ok := trigger[id]; ok {
			return t
		}
		return id
	}
	var out []Arc
	for _, r := range d.Relations {
		if len(r.Arguments) != 2 {
			continue
		}
		a := Arc{ID: r.ID, Type: r.Type, From: end(r.Arguments[0].Ref), To: end(r.Arguments[1].Ref)}
		a.Selected = s.Selected != "" && (a.From == s.Selected || a.To == s.Selected)
		out = append(out, a)
	}
	return out
}
