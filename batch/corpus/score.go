package corpus

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
)

// Score compares the output of a batch run in dir (documents.jsonl and
// duplicates.jsonl) with the truth of a synthetic corpus.
type Score struct {
	Kept, Duplicates int
	// NearFound counts injected near-duplicates reported as duplicates of a
	// page with the same article; ExactFound likewise for exact copies.
	NearFound, ExactFound int
	// FalseMerges counts pages reported as duplicates of a page with another
	// article.
	FalseMerges int
}

// ScoreRun reads a run's output in dir and scores it against t.
func ScoreRun(dir string, t *Truth) (Score, error) {
	var s Score
	idURL := map[string]string{}
	type line struct{ ID, Source, DuplicateOf string }
	each := func(name string, fn func(line)) error {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<26)
		for sc.Scan() {
			var l line
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				return err
			}
			fn(l)
		}
		return sc.Err()
	}
	if err := each("documents.jsonl", func(l line) { idURL[l.ID] = l.Source; s.Kept++ }); err != nil {
		return s, err
	}
	err := each("duplicates.jsonl", func(l line) {
		s.Duplicates++
		of, ok := idURL[l.DuplicateOf]
		if !ok || t.Article[of] != t.Article[l.Source] {
			s.FalseMerges++
			return
		}
		switch t.Kind[l.Source] {
		case "near":
			s.NearFound++
		case "exact":
			s.ExactFound++
		}
	})
	return s, err
}

// NearRecall is the share of t's injected near-duplicates found, in %.
func (s Score) NearRecall(t *Truth) float64 {
	return 100 * float64(s.NearFound) / float64(max(t.Near, 1))
}

// FalseMergeRate is the share of reported duplicates that are false, in %.
func (s Score) FalseMergeRate() float64 {
	return 100 * float64(s.FalseMerges) / float64(max(s.Duplicates, 1))
}

// ScoreCorpus scores the run output in out against the truth of the
// corpus in dir (as Bench makes it).
func ScoreCorpus(dir, out string) (*Truth, Score, error) {
	t, err := LoadTruth(filepath.Join(dir, "truth.json"))
	if err != nil {
		return nil, Score{}, err
	}
	s, err := ScoreRun(out, t)
	return t, s, err
}
