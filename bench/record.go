package bench

import (
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
)

// recorder holds one worker's measurements. Only its worker writes to it
// during a run, so recording needs no lock and allocates nothing.
type recorder struct {
	lat   *hdrhistogram.Histogram
	svc   *hdrhistogram.Histogram // open loop only
	calls int64
	errs  int64
	kinds [service.KindInternal + 1]int64
}

func newRecorder(open bool) *recorder {
	r := &recorder{lat: results.NewHDR()}
	if open {
		r.svc = results.NewHDR()
	}
	return r
}

// record adds one call: latency from the intended send time, service time
// from the actual send time (the same in a closed loop).
func (r *recorder) record(latency, service time.Duration, kind service.Kind) {
	r.calls++
	_ = r.lat.RecordValue(clamp(latency))
	if r.svc != nil {
		_ = r.svc.RecordValue(clamp(service))
	}
	if kind != 0 {
		r.errs++
		r.kinds[kind]++
	}
}

func clamp(d time.Duration) int64 {
	switch {
	case d < results.HistMin:
		return results.HistMin
	case d > results.HistMax:
		return results.HistMax
	}
	return int64(d)
}

// mergeRecorders folds the workers' recorders into one.
func mergeRecorders(rs []*recorder, open bool) *recorder {
	m := newRecorder(open)
	for _, r := range rs {
		m.lat.Merge(r.lat)
		if open {
			m.svc.Merge(r.svc)
		}
		m.calls += r.calls
		m.errs += r.errs
		for k, n := range r.kinds {
			m.kinds[k] += n
		}
	}
	return m
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
