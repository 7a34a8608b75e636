package results

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
)

// The fuzz targets feed the files intbench reads: a results document to
// Read, and an encoded latency histogram to Histogram.Decode (what
// compare, merge and the renderers do with every histogram of a document
// they read). Their seed corpora (testdata/fuzz) come from TestFuzzSeeds.

// Budgets: 1.5 times the worst case measured, the input that allocates
// most for its size, rounded up; such inputs are seeds, so go test checks
// that the budgets hold them.
var (
	// readBudget: 983 bytes a byte measured for cells that are empty
	// objects (`{},`: an 864-byte Cell in a slice grown by half each time,
	// for 3 bytes), 393 for empty runs (360-byte Runs), 24 for the sample
	// document. Read decodes from a copy, the schema first.
	readBudget = fuzzx.Budget{PerByte: 1536, Fixed: 64 << 10}
	// histogramBudget: a histogram of intbench's geometry costs its
	// counts array (27,648 entries, 221 KiB) and a zlib reader whatever
	// its size; its payload is bounded by that geometry (at most 9 bytes
	// a count), 248 KiB inflated.
	histogramBudget = fuzzx.Budget{PerByte: 16, Fixed: 1 << 20}
)

// FuzzRead reads b as a results document: it fails with ErrSchema or
// ErrDamaged, or returns a document that writes and reads back.
func FuzzRead(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		var d *Document
		var err error
		readBudget.Call(t, len(b), func(context.Context) { d, err = Read(bytes.NewReader(b)) })
		if err != nil {
			if !errors.Is(err, ErrSchema) && !errors.Is(err, ErrDamaged) {
				t.Fatalf("error neither ErrSchema nor ErrDamaged: %v", err)
			}
			return
		}
		var again bytes.Buffer
		if err := d.Write(&again); err != nil {
			t.Fatalf("a document that reads does not write: %v", err)
		}
		if _, err := Read(&again); err != nil {
			t.Fatalf("a document that reads does not read back: %v", err)
		}
	})
}

// FuzzHistogram decodes hdr as a histogram's encoding: it fails with an
// error, or returns a histogram of intbench's geometry.
func FuzzHistogram(f *testing.F) {
	f.Fuzz(func(t *testing.T, hdr string) {
		var err error
		histogramBudget.Call(t, len(hdr), func(context.Context) { _, err = (Histogram{HDR: hdr}).Decode() })
		_ = err
	})
}
