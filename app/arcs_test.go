package app

import (
	"strings"
	"testing"
)

func TestLayoutArcs(t *testing.T) {
	line := func(left, width float64) Box { return Box{Left: left, Top: 100, Width: width, Height: 20} }
	tests := []struct {
		name      string
		from, to  []Box
		wantLevel []int // by rise above the text, lowest first
	}{
		{
			name: "one arc",
			from: []Box{line(0, 20)}, to: []Box{line(100, 20)},
			wantLevel: []int{0},
		},
		{
			name: "nested arcs: the longer rises above the shorter",
			from: []Box{line(0, 20), line(40, 20)}, to: []Box{line(300, 20), line(100, 20)},
			wantLevel: []int{1, 0},
		},
		{
			name: "arcs side by side share a level",
			from: []Box{line(0, 20), line(200, 20)}, to: []Box{line(100, 20), line(300, 20)},
			wantLevel: []int{0, 0},
		},
		{
			name: "arcs on different lines do not push each other up",
			from: []Box{line(0, 20), {Left: 0, Top: 200, Width: 20}}, to: []Box{line(100, 20), {Left: 100, Top: 200, Width: 20}},
			wantLevel: []int{0, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arcs := make([]Arc, len(tt.from))
			for i := range arcs {
				arcs[i] = Arc{ID: "R" + itoa(i+1), Type: "Located"}
			}
			got := LayoutArcs(arcs, tt.from, tt.to)
			for i, p := range got {
				if !strings.HasPrefix(p.D, "M") || p.ID != arcs[i].ID {
					t.Fatalf("arc %d: %+v", i, p)
				}
				top := min(tt.from[i].Top, tt.to[i].Top)
				peak := top - minRise - arcStep*float64(tt.wantLevel[i])
				wantY := (tt.from[i].Top+tt.to[i].Top)/8 + 0.75*peak
				if d := p.LabelY - wantY; d > 0.01 || d < -0.01 {
					t.Errorf("arc %d: label at y %.1f, want %.1f (level %d)", i, p.LabelY, wantY, tt.wantLevel[i])
				}
				if p.LabelY >= top {
					t.Errorf("arc %d: label at y %.1f is not above the text at %.1f", i, p.LabelY, top)
				}
			}
		})
	}
}
