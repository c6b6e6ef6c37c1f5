package batch

import (
	"crypto/sha256"
	"unicode"

	"belgi/annotations"
)

// Near-duplicate detection: MinHash over word shingles with LSH banding.
// Two texts are near-duplicates when the estimated Jaccard similarity of
// their sets of Shingle-word shingles is at least the threshold (default
// 0.6: boilerplate the cleaner leaves differs from site to site and lowers
// the similarity of republished articles). With 100 hash functions in 25
// bands of 4 rows, a pair at similarity 0.6 becomes a candidate with
// probability 0.97, at 0.7 with 0.9998; each candidate is then checked on
// its whole signature.
const (
	numHashes = 100
	numBands  = 25
	bandRows  = numHashes / numBands

	// DefaultThreshold is the estimated Jaccard similarity from which two
	// documents are near-duplicates.
	DefaultThreshold = 0.6
	// DefaultShingle is the number of words in a shingle.
	DefaultShingle = 5
)

// hashA and hashB are the parameters of the hash functions a·x+b (mod 2⁶⁴),
// drawn once from a fixed splitmix64 sequence so that every process agrees.
var hashA, hashB [numHashes]uint64

func init() {
	s := uint64(0x62656c6769) // "belgi"
	for i := range numHashes {
		hashA[i] = splitmix(&s) | 1
		hashB[i] = splitmix(&s)
	}
}

func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// A Fingerprint identifies a text for duplicate detection.
type Fingerprint struct {
	// Exact is a hash of the text's words, case-folded: texts that differ
	// only in case, punctuation or white space share it.
	Exact [16]byte
	// Sig is the MinHash signature of the text's shingles; nil when the text
	// has no word.
	Sig []uint32
}

// Fingerprint computes the fingerprint of text with shingles of k words.
func fingerprint(text string, k int) Fingerprint {
	if k < 1 {
		k = DefaultShingle
	}
	h := sha256.New()
	var word []byte
	var ring []uint64 // hashes of the last k words
	var sig []uint32
	n := 0
	add := func() {
		if len(word) == 0 {
			return
		}
		if n > 0 {
			h.Write([]byte{' '})
		}
		h.Write(word)
		ring = append(ring, fnv(word))
		if len(ring) > k {
			ring = ring[1:]
		}
		n++
		word = word[:0]
		if len(ring) == k {
			sig = addShingle(sig, ring)
		}
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			word = appendRune(word, annotations.FoldRune(r))
			continue
		}
		add()
	}
	add()
	if n > 0 && n < k {
		sig = addShingle(sig, ring) // a text shorter than a shingle is one shingle
	}
	var f Fingerprint
	copy(f.Exact[:], h.Sum(nil))
	f.Sig = sig
	return f
}

func appendRune(b []byte, r rune) []byte {
	if r < 0x80 {
		return append(b, byte(r))
	}
	return append(b, string(r)...)
}

func fnv(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// addShingle folds the shingle made of the word hashes ws into sig.
func addShingle(sig []uint32, ws []uint64) []uint32 {
	x := uint64(0)
	for _, w := range ws {
		x = (x ^ w) * 0x100000001b3
		x ^= x >> 29
	}
	if sig == nil {
		sig = make([]uint32, numHashes)
		for i := range sig {
			sig[i] = ^uint32(0)
		}
	}
	for i := range sig {
		v := uint32((hashA[i]*x + hashB[i]) >> 32)
		if v < sig[i] {
			sig[i] = v
		}
	}
	return sig
}

// bandKey is the LSH bucket of band b of sig.
func bandKey(sig []uint32, b int) uint32 {
	x := uint64(b+1) * 0x9e3779b97f4a7c15
	for _, v := range sig[b*bandRows : (b+1)*bandRows] {
		x = (x ^ uint64(v)) * 0xff51afd7ed558ccd
		x ^= x >> 33
	}
	return uint32(x)
}

// A Deduper finds exact and near-duplicates among documents added one at a
// time, in input order. It keeps, per kept document, its ID, the low 16 bits
// of each signature value (200 bytes) and one bucket entry per band. It is
// not safe for concurrent use.
type Deduper struct {
	threshold float64
	exact     map[[16]byte]int32
	buckets   map[uint32]int32   // band key → first kept document in it
	more      map[uint32][]int32 // further documents in a bucket, rare
	ids       []string
	// sigs holds numHashes values per kept document, in order, in blocks
	// of sigBlock documents, so that growing never copies them.
	sigs [][]uint16
}

const sigBlock = 4096

// NewDeduper returns a Deduper for the given threshold (DefaultThreshold
// when 0).
func NewDeduper(threshold float64) *Deduper {
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	return &Deduper{
		threshold: threshold,
		exact:     map[[16]byte]int32{},
		buckets:   map[uint32]int32{},
		more:      map[uint32][]int32{},
	}
}

// Duplicate kinds.
const (
	Exact = "exact"
	Near  = "near"
)

// Add checks the document id with fingerprint f against the documents kept
// so far. When it duplicates one, Add returns that document's ID, the kind
// ("exact" or "near") and the estimated similarity, and does not keep it;
// otherwise it keeps it and returns "". Of several candidates the earliest
// kept wins.
func (d *Deduper) Add(id string, f Fingerprint) (dupOf, kind string, sim float64) {
	if i, ok := d.exact[f.Exact]; ok {
		return d.ids[i], Exact, 1
	}
	var keys [numBands]uint32
	if f.Sig != nil {
		best := int32(-1)
		for b := range numBands {
			keys[b] = bandKey(f.Sig, b)
			i, ok := d.buckets[keys[b]]
			if !ok {
				continue
			}
			for _, j := range append([]int32{i}, d.more[keys[b]]...) {
				if best >= 0 && j >= best {
					continue
				}
				if s := d.similarity(j, f.Sig); s >= d.threshold {
					best, sim = j, s
				}
			}
		}
		if best >= 0 {
			return d.ids[best], Near, sim
		}
	}
	n := int32(len(d.ids))
	d.ids = append(d.ids, id)
	d.exact[f.Exact] = n
	if f.Sig != nil {
		for b := range numBands {
			if _, ok := d.buckets[keys[b]]; ok {
				d.more[keys[b]] = append(d.more[keys[b]], n)
			} else {
				d.buckets[keys[b]] = n
			}
		}
	}
	if int(n)%sigBlock == 0 {
		d.sigs = append(d.sigs, make([]uint16, 0, sigBlock*numHashes))
	}
	b := &d.sigs[len(d.sigs)-1]
	if f.Sig != nil {
		for _, v := range f.Sig {
			*b = append(*b, uint16(v))
		}
	} else {
		*b = append(*b, make([]uint16, numHashes)...)
	}
	return "", "", 0
}

// similarity estimates the Jaccard similarity of kept document i and sig
// from their 16-bit signatures (a chance match adds about 1/65536).
func (d *Deduper) similarity(i int32, sig []uint32) float64 {
	k := int(i) % sigBlock
	s := d.sigs[int(i)/sigBlock][k*numHashes : (k+1)*numHashes]
	eq := 0
	for k, v := range sig {
		if uint16(v) == s[k] {
			eq++
		}
	}
	return float64(eq) / numHashes
}

// Len returns the number of documents kept.
func (d *Deduper) Len() int { return len(d.ids) }
