package bench

import (
	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
)

// recorder holds one worker's measurements. Only its owner writes to it —
// the worker, or the engine once it abandoned the worker's call — so
// recording needs no lock and allocates nothing (but the first failure's
// histogram).
type recorder struct {
	lat    *hdrhistogram.Histogram // calls that did not fail, from the intended send time
	errLat *hdrhistogram.Histogram // failed calls; made on the first failure
	svc    *hdrhistogram.Histogram // open loop only: service time of successful calls
	calls  int64
	errs   int64
	hung   int64
	// clipped counts values beyond the histogram's range.
	clipped int64
	// completed counts calls that ended inside the wall-clock window,
	// measured or not: the divisor of the window's bytes and CPU.
	completed int64
	kinds     [service.KindInternal + 1]int64
	classes   [numClasses]int64
}

func newRecorder(open bool) *recorder {
	r := &recorder{lat: results.NewHDR()}
	if open {
		r.svc = results.NewHDR()
	}
	return r
}

// record adds one measured call: latency from the intended send time,
// service time from the actual send time (the same in a closed loop).
func (r *recorder) record(latency, service int64, kind service.Kind) {
	r.calls++
	if kind != 0 {
		r.fail(latency, kind)
		return
	}
	r.put(r.lat, latency)
	if r.svc != nil {
		r.put(r.svc, service)
	}
}

func (r *recorder) fail(latency int64, kind service.Kind) {
	r.errs++
	r.kinds[kind]++
	if r.errLat == nil {
		r.errLat = results.NewHDR()
	}
	r.put(r.errLat, latency)
}

// recordHung adds a call the engine abandoned after latency: an error of
// the DeadlineExceeded kind that never returned.
func (r *recorder) recordHung(latency int64) {
	r.calls++
	r.hung++
	r.classes[classHung]++
	r.fail(latency, service.KindDeadlineExceeded)
}

// put records v in h, counting the values beyond the histogram's range.
func (r *recorder) put(h *hdrhistogram.Histogram, v int64) {
	switch {
	case v < results.HistMin:
		v = results.HistMin
	case v > results.HistMax:
		r.clipped++
		v = results.HistMax
	}
	_ = h.RecordValue(v)
}

// merge folds o into r.
func (r *recorder) merge(o *recorder) {
	r.lat.Merge(o.lat)
	if o.errLat != nil {
		if r.errLat == nil {
			r.errLat = results.NewHDR()
		}
		r.errLat.Merge(o.errLat)
	}
	if r.svc != nil && o.svc != nil {
		r.svc.Merge(o.svc)
	}
	r.calls += o.calls
	r.errs += o.errs
	r.hung += o.hung
	r.clipped += o.clipped
	r.completed += o.completed
	for k, n := range o.kinds {
		r.kinds[k] += n
	}
	for c, n := range o.classes {
		r.classes[c] += n
	}
}

func (r *recorder) kindCounts() map[string]int64 {
	var out map[string]int64
	for k, n := range r.kinds {
		if n > 0 {
			if out == nil {
				out = map[string]int64{}
			}
			out[service.Kind(k).String()] = n
		}
	}
	return out
}
