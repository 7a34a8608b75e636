package bench

import (
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/intbench/intbench/results"
)

// recoveredP99 is how close to the baseline the p99 must be for the
// pattern to count as recovered: within 1.5 times.
const recoveredP99 = 1.5

// recoverySpan is how many buckets the recovery's p99 is taken over: as
// many as the baseline has by default (200 ms), so that one slow call in
// a 50 ms bucket does not read as a relapse.
const recoverySpan = 4

// failureMetrics turns a fault cell's merged log into its timeline and
// its failure metrics. start and stop bound the window (loop clock).
func failureMetrics(log *faultLog, start, stop int64, ev faultEvents, tl FaultTimeline) (*results.Timeline, *results.FailureMetrics) {
	bucket := int64(tl.Bucket)
	n := int((stop - start + bucket - 1) / bucket)
	for len(log.buckets) < n {
		log.buckets = append(log.buckets, faultBucket{})
	}
	buckets := log.buckets[:min(n, len(log.buckets))]
	onset, end := int((ev.onset-start)/bucket), int((ev.end-start+bucket-1)/bucket)
	t := &results.Timeline{Bucket: results.Duration(tl.Bucket), FaultStart: results.Duration(ev.onset - start),
		FaultEnd: results.Duration(ev.end - start)}
	for _, b := range buckets {
		t.Buckets = append(t.Buckets, timelineBucket(b))
	}
	f := &results.FailureMetrics{
		Reconnects: ev.dialsAtEnd - ev.dialsAtOnset,
		Retries:    ev.retriesAtEnd - ev.retriesAtOnset,
	}
	f.SuccessRate = 1
	if log.inFault > 0 {
		f.SuccessRate = 1 - float64(log.failedInFault)/float64(log.inFault)
	}
	f.BaselineP99 = p99Of(buckets[:min(onset, len(buckets))])
	f.FaultP99 = p99Of(buckets[min(onset, len(buckets)):min(end, len(buckets))])
	f.DetectMs = sinceMs(log.firstErr, ev.onset)
	f.RecoverFirstMs = sinceMs(log.firstOK, ev.end)
	if k, ok := recoveredAt(buckets, end, f.BaselineP99); ok {
		f.RecoverMs = results.Float(max(0, float64(start+int64(k)*bucket-ev.end)) / 1e6)
	}
	return t, f
}

func timelineBucket(b faultBucket) results.Bucket {
	out := results.Bucket{OK: b.ok}
	var errs [numClasses]int64 = b.errs
	out.Errors = classCounts(&errs)
	if b.lat != nil && b.lat.TotalCount() > 0 {
		p50, p99 := b.lat.ValueAtQuantile(50), b.lat.ValueAtQuantile(99)
		out.P50, out.P99 = &p50, &p99
	}
	return out
}

func errorsIn(b faultBucket) int64 {
	var n int64
	for _, c := range b.errs {
		n += c
	}
	return n
}

// successRate is the share of the calls ending in bs that succeeded; 1
// when none ended (nothing failed).
func successRate(bs []faultBucket) float64 {
	var ok, all int64
	for _, b := range bs {
		ok += b.ok
		all += b.ok + errorsIn(b)
	}
	if all == 0 {
		return 1
	}
	return float64(ok) / float64(all)
}

// p99Of is the p99 of the successes in bs; nil without any.
func p99Of(bs []faultBucket) *int64 {
	m := bucketHDR()
	for _, b := range bs {
		if b.lat != nil {
			m.Merge(b.lat)
		}
	}
	return quantile(m, 99)
}

func quantile(h *hdrhistogram.Histogram, q float64) *int64 {
	if h.TotalCount() == 0 {
		return nil
	}
	v := h.ValueAtQuantile(q)
	return &v
}

// sinceMs is the time from ref to t in milliseconds; nil when t never
// happened.
func sinceMs(t, ref int64) *float64 {
	if t == 0 || ref == 0 {
		return nil
	}
	return results.Float(float64(max(0, t-ref)) / float64(time.Millisecond))
}

// recoveredAt is the first bucket from end on that starts a span of
// recoverySpan buckets with successes, no failure, and a p99 within
// recoveredP99 of the baseline's: when the p99 is back. False when it
// never was within the window. A relapse after it shows in the timeline.
func recoveredAt(bs []faultBucket, end int, baseline *int64) (int, bool) {
	if baseline == nil {
		return 0, false
	}
	limit := float64(*baseline) * recoveredP99
	for i := end; i+recoverySpan <= len(bs); i++ {
		span := bs[i : i+recoverySpan]
		if p99 := p99Of(span); p99 != nil && float64(*p99) <= limit && successRate(span) == 1 {
			return i, true
		}
	}
	return 0, false
}
