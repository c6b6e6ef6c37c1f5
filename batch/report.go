package batch

// A Report is what a run did, written as DIR/report.json.
type Report struct {
	Files int   `json:"files"`
	In    int64 `json:"in"`   // records read, bad ones included
	Kept  int64 `json:"kept"` // documents in documents.jsonl
	// Duplicates counts the documents dropped as duplicates (in
	// duplicates.jsonl), Exact and Near split it.
	Duplicates int64 `json:"duplicates"`
	Exact      int64 `json:"exactDuplicates"`
	Near       int64 `json:"nearDuplicates"`
	// Rejected counts the other dropped records by reason (see the Reason
	// constants).
	Rejected map[string]int64 `json:"rejected"`
	// Examples holds the keys of up to five rejected records per reason.
	Examples map[string][]string `json:"examples,omitempty"`
	// Languages counts the kept documents by language; LanguagesIn counts
	// every cleaned document before the language filter.
	Languages   map[string]int64 `json:"languages"`
	LanguagesIn map[string]int64 `json:"languagesIn"`
	// Sources counts the kept documents by site (URL host, or folder).
	Sources map[string]int64 `json:"sources"`
	Months  map[string]int64 `json:"months"`
	// Encodings counts the pages converted to UTF-8, by their encoding.
	Encodings   map[string]int64 `json:"encodings,omitempty"`
	Suggestions int64            `json:"suggestions,omitempty"`
	Steps       []Step           `json:"steps"`
	Packages    []Package        `json:"packages,omitempty"`
	Settings    Settings         `json:"settings"`
	Warnings    []string         `json:"warnings,omitempty"`
	Seconds     float64          `json:"seconds"` // wall-clock time of the run
	Workers     int              `json:"workers"`
}

// A Step is one step's count of documents in and out, and its time. For the
// steps run per document on many cores at once, Seconds adds up the time of
// every worker, so it can exceed the run's wall-clock time.
type Step struct {
	Name    string  `json:"name"`
	In      int64   `json:"in"`
	Out     int64   `json:"out"`
	Seconds float64 `json:"seconds"`
}

// A Package is one annotator's gold file.
type Package struct {
	File      string `json:"file"`
	Documents int64  `json:"documents"`
}

// Settings records the configuration that decides the output.
type Settings struct {
	Clean      bool     `json:"clean"`
	Languages  []string `json:"languages,omitempty"`
	Keywords   []string `json:"keywords,omitempty"`
	Labels     []string `json:"labels,omitempty"`
	Dedup      bool     `json:"dedup"`
	Threshold  float64  `json:"threshold,omitempty"`
	Shingle    int      `json:"shingle,omitempty"`
	Hashes     int      `json:"hashes,omitempty"`
	Bands      int      `json:"bands,omitempty"`
	PerStratum int      `json:"perStratum,omitempty"`
	Seed       int64    `json:"seed"`
	Annotators int      `json:"annotators,omitempty"`
	Overlap    float64  `json:"overlap,omitempty"`
}

func newReport(c *Config) *Report {
	r := &Report{
		Rejected: map[string]int64{}, Examples: map[string][]string{},
		Languages: map[string]int64{}, LanguagesIn: map[string]int64{},
		Sources: map[string]int64{}, Months: map[string]int64{}, Encodings: map[string]int64{},
		Settings: Settings{
			Clean: !c.NoClean, Languages: c.Languages, Keywords: c.Keywords, Labels: c.Labels,
			Dedup: !c.NoDedup, PerStratum: c.PerStratum, Seed: c.Seed,
			Annotators: c.Annotators, Overlap: c.Overlap,
		},
	}
	if !c.NoDedup {
		r.Settings.Threshold, r.Settings.Shingle = c.threshold(), c.shingle()
		r.Settings.Hashes, r.Settings.Bands = numHashes, numBands
	}
	return r
}

func (c *Config) threshold() float64 {
	if c.Threshold > 0 {
		return c.Threshold
	}
	return DefaultThreshold
}

func (c *Config) shingle() int {
	if c.Shingle > 0 {
		return c.Shingle
	}
	return DefaultShingle
}

func (r *Report) reject(key string, x *Rejection) {
	r.Rejected[x.Reason]++
	if len(r.Examples[x.Reason]) < 5 {
		r.Examples[x.Reason] = append(r.Examples[x.Reason], key)
	}
}
