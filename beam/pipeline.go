// Package beam runs belgi batch's steps as an Apache Beam pipeline, so that
// a crawl too large for one machine is prepared on Flink, Spark or Dataflow
// with the same output as `belgi batch` gives on one machine.
//
// The pipeline reads every input file in parallel and prepares every
// document in parallel (decode, clean, language id and filters,
// suggestions, fingerprint: nearly all of the work) with batch.Config.Prepare.
// The steps that need the whole corpus in input order (duplicates: the
// earliest copy is kept; the sample; the packages; the report) run in one
// worker with a batch.Collector over the prepared documents sorted by input
// position, which is why the output is the same byte for byte. That worker
// holds the prepared documents of the whole corpus; give it the memory.
//
// It lives in its own Go module so that Beam's dependencies stay out of the
// main module, the belgi binary and the browser's wasm.
package beam

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"

	"belgi/annotations"
	"belgi/batch"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// Options are the settings of the steps, as `belgi batch` takes them. They
// travel to the workers, so the gazetteer is its text, not a file name
// (Config.Suggest is not used).
type Options struct {
	Config    batch.Config
	Gazetteer string // NAME<TAB>LABEL lines
	TextField string
	HTMLField string
}

// BatchConfig returns the batch.Config of o, its gazetteer loaded.
func (o Options) BatchConfig() (batch.Config, error) {
	c := o.Config
	c.Suggest = nil
	if o.Gazetteer != "" {
		s, _, err := batch.Gazetteer(strings.NewReader(o.Gazetteer))
		if err != nil {
			return c, err
		}
		c.Suggest = s
	}
	return c, nil
}

// InputFile is one input file and its position among the inputs.
type InputFile struct {
	Index int64
	Path  string
}

// Prepared is the outcome of batch.Config.Prepare for one record, as JSON.
type Prepared struct {
	Seq       int64
	Key       string
	Doc       []byte // a batch.Doc, or empty
	Rejection []byte // a batch.Rejection, or empty
}

func init() {
	register.DoFn3x1[context.Context, InputFile, func(batch.Record), error](&readFn{})
	register.Emitter1[batch.Record]()
	register.DoFn2x1[batch.Record, func(int, Prepared), error](&prepareFn{})
	register.Emitter2[int, Prepared]()
	register.DoFn3x1[context.Context, int, func(*Prepared) bool, error](&collectFn{})
	register.Iter1[Prepared]()
	beam.RegisterType(reflect.TypeOf((*InputFile)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*batch.Record)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Prepared)(nil)).Elem())
}

// Build adds the pipeline to s: files (as batch.Files lists them, or
// gs:// paths) in, the output folder out (a local path, or gs://) written
// as `belgi batch --out` writes it.
func Build(s beam.Scope, o Options, files []string, out string) {
	in := make([]InputFile, len(files))
	for i, f := range files {
		in[i] = InputFile{int64(i), f}
	}
	list := beam.CreateList(s.Scope("files"), in)
	records := beam.ParDo(s.Scope("read"), &readFn{TextField: o.TextField, HTMLField: o.HTMLField}, beam.Reshuffle(s, list))
	// The options travel as JSON: Beam's schemas cannot hold Config.Suggest.
	opts, err := json.Marshal(o)
	if err != nil {
		panic(err) // Options has no type JSON cannot encode
	}
	// Prepare runs fused with read: the pages as crawled never cross the
	// network (a reshuffle of them overflowed Prism's 2 GB message limit
	// at 100,000 pages); the files spread the work.
	prepared := beam.ParDo(s.Scope("prepare"), &prepareFn{Opts: opts}, records)
	beam.ParDo0(s.Scope("collect"), &collectFn{Opts: opts, Out: out, Files: len(files)}, beam.GroupByKey(s, prepared))
}

type readFn struct {
	TextField, HTMLField string
}

// ProcessElement reads one file; records are numbered by file, then by
// position in it, which orders them as belgi batch does.
func (f *readFn) ProcessElement(ctx context.Context, in InputFile, emit func(batch.Record)) error {
	fs, err := filesystem.New(ctx, in.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	key := filepath.ToSlash(in.Path)
	rc, err := fs.OpenRead(ctx, in.Path)
	if err != nil {
		emit(batch.Record{Seq: in.Index << 32, Key: key, Source: key, Reject: batch.ReasonRead, Detail: err.Error()})
		return nil
	}
	defer rc.Close()
	rd := batch.Reader{TextField: f.TextField, HTMLField: f.HTMLField}
	n := int64(0)
	return rd.From(key, rc, func(r batch.Record) error {
		r.Seq = in.Index<<32 | n
		n++
		emit(r)
		return nil
	})
}

type prepareFn struct {
	Opts []byte // Options as JSON
	cfg  batch.Config
}

// config decodes the JSON of Options into a batch.Config.
func config(opts []byte) (batch.Config, error) {
	var o Options
	if err := json.Unmarshal(opts, &o); err != nil {
		return batch.Config{}, err
	}
	return o.BatchConfig()
}

func (f *prepareFn) Setup() error {
	var err error
	f.cfg, err = config(f.Opts)
	return err
}

func (f *prepareFn) ProcessElement(r batch.Record, emit func(int, Prepared)) error {
	d, rej := f.cfg.Prepare(r)
	p := Prepared{Seq: r.Seq, Key: r.Key}
	var err error
	if d != nil {
		d.Doc.Cleaning = keepCleaning(f.cfg, d)
		p.Doc, err = json.Marshal(d)
	} else {
		p.Rejection, err = json.Marshal(rej)
	}
	emit(0, p)
	return err
}

// keepCleaning drops the cleaning record (the page as crawled) when no
// package needs it, to keep the collecting worker small.
func keepCleaning(c batch.Config, d *batch.Doc) *annotations.Cleaning {
	if c.Annotators > 0 {
		return d.Doc.Cleaning
	}
	return nil
}

type collectFn struct {
	Opts  []byte // Options as JSON
	Out   string
	Files int
}

// ProcessElement sorts every prepared record by input position and runs
// the whole-corpus steps on them, writing the output.
func (f *collectFn) ProcessElement(ctx context.Context, _ int, rows func(*Prepared) bool) error {
	start := time.Now()
	var all []Prepared
	var p Prepared
	for rows(&p) {
		all = append(all, p)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Seq < all[j].Seq })
	c, err := config(f.Opts)
	if err != nil {
		return err
	}
	local := f.Out
	remote := strings.Contains(f.Out, "://")
	if remote {
		if local, err = os.MkdirTemp("", "belgi-beam-"); err != nil {
			return err
		}
		defer os.RemoveAll(local)
	}
	col, err := batch.NewCollector(c, local)
	if err != nil {
		return err
	}
	col.Report().Files = f.Files
	for _, p := range all {
		var d *batch.Doc
		var rej *batch.Rejection
		if len(p.Doc) > 0 {
			d = new(batch.Doc)
			if err := json.Unmarshal(p.Doc, d); err != nil {
				return fmt.Errorf("%s: %v", p.Key, err)
			}
		} else if err := json.Unmarshal(p.Rejection, &rej); err != nil {
			return fmt.Errorf("%s: %v", p.Key, err)
		}
		if err := col.Add(p.Key, d, rej); err != nil {
			return err
		}
	}
	if _, err := col.Close(start); err != nil {
		return err
	}
	if remote {
		return upload(ctx, local, strings.TrimSuffix(f.Out, "/"))
	}
	return nil
}

// upload copies the files under dir to the folder out of a Beam file
// system.
func upload(ctx context.Context, dir, out string) error {
	return filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		dst := out + "/" + filepath.ToSlash(rel)
		fs, err := filesystem.New(ctx, dst)
		if err != nil {
			return err
		}
		defer fs.Close()
		w, err := fs.OpenWrite(ctx, dst)
		if err != nil {
			return err
		}
		src, err := os.Open(p)
		if err != nil {
			w.Close()
			return err
		}
		defer src.Close()
		if _, err := io.Copy(w, src); err != nil {
			w.Close()
			return err
		}
		return w.Close()
	})
}
