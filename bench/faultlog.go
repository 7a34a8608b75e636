package bench

import (
	"sync/atomic"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/intbench/intbench/results"
)

// faultClock is what a fault cell's workers read: when the fault began and
// ended on the loop's clock (0: not yet).
type faultClock struct {
	onset, end atomic.Int64
	bucket     int64 // timeline bucket, ns
}

// Outcomes of a write, for reconciliation.
const (
	writeAcked  uint8 = iota // the caller was told it succeeded
	writeFailed              // the caller was told it failed
	writeHung                // the caller was never told: abandoned
)

type writeRecord struct {
	id      string
	outcome uint8
}

// faultLog is one worker's record of a fault cell: calls in buckets by the
// time they ended, the first failure after the onset and the first success
// after the end, and every write it made with what its caller was told.
// Like the recorder, only its owner writes to it.
type faultLog struct {
	buckets  []faultBucket
	firstErr int64 // loop clock; 0: none
	firstOK  int64
	// inFault and failedInFault count the calls sent while the fault was
	// in force: the calls it could hit, whenever they ended.
	inFault, failedInFault int64
	writes                 []writeRecord
}

type faultBucket struct {
	ok   int64
	errs [numClasses]int64
	lat  *hdrhistogram.Histogram // successes; made on the first
}

// bucketHDR is a timeline bucket's histogram: one significant figure
// (about ±10%) keeps a worker's hundred buckets small.
func bucketHDR() *hdrhistogram.Histogram { return hdrhistogram.New(1000, results.HistMax, 1) }

// note records a call sent at sent that ended at end (loop clock) after
// latency; class < 0 is a success. start is the window's start: a call
// that ended before it is only counted for the first-error and
// first-success times.
func (f *faultLog) note(fc *faultClock, start, sent, end, latency int64, class int) {
	onset, over := fc.onset.Load(), fc.end.Load()
	if onset > 0 && end >= onset && (over == 0 || sent < over) {
		f.inFault++
		if class >= 0 {
			f.failedInFault++
		}
	}
	if class < 0 {
		if over > 0 && end >= over && f.firstOK == 0 {
			f.firstOK = end
		}
	} else if onset > 0 && end >= onset && f.firstErr == 0 {
		f.firstErr = end
	}
	if end < start {
		return
	}
	i := int((end - start) / fc.bucket)
	for len(f.buckets) <= i {
		f.buckets = append(f.buckets, faultBucket{})
	}
	b := &f.buckets[i]
	if class >= 0 {
		b.errs[class]++
		return
	}
	b.ok++
	if b.lat == nil {
		b.lat = bucketHDR()
	}
	_ = b.lat.RecordValue(min(max(latency, 1000), results.HistMax))
}

// merge folds o into f.
func (f *faultLog) merge(o *faultLog) {
	for len(f.buckets) < len(o.buckets) {
		f.buckets = append(f.buckets, faultBucket{})
	}
	for i, b := range o.buckets {
		m := &f.buckets[i]
		m.ok += b.ok
		for c, n := range b.errs {
			m.errs[c] += n
		}
		if b.lat != nil {
			if m.lat == nil {
				m.lat = bucketHDR()
			}
			m.lat.Merge(b.lat)
		}
	}
	f.inFault += o.inFault
	f.failedInFault += o.failedInFault
	f.firstErr = earliest(f.firstErr, o.firstErr)
	f.firstOK = earliest(f.firstOK, o.firstOK)
	f.writes = append(f.writes, o.writes...)
}

// earliest is the smaller of two times, 0 meaning none.
func earliest(a, b int64) int64 {
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	}
	return min(a, b)
}
