package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/intbench/intbench/bench"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressEvery is how often a run that is not on a terminal prints a
// progress line.
const progressEvery = 5 * time.Second

// newProgress returns what shows a run's progress on w: a bar with an ETA
// on a terminal, a line every few seconds elsewhere (a log, CI), nothing
// when quiet. Call done when the run has returned.
func newProgress(w io.Writer, quiet bool) (progress bench.Progress, done func()) {
	switch {
	case quiet:
		return nil, func() {}
	case isTerminal(w):
		b := &barProgress{w: w}
		return b.event, b.done
	default:
		l := &lineProgress{w: w, every: progressEvery, start: time.Now()}
		return l.event, func() {}
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// barProgress draws a progress bar; steps that skip work (a pattern that
// failed gives up its remaining repetitions) are printed above it.
type barProgress struct {
	w    io.Writer
	mu   sync.Mutex
	bar  *progressbar.ProgressBar
	last int
}

func (b *barProgress) event(e bench.Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar == nil {
		b.bar = progressbar.NewOptions(e.Total, progressbar.OptionSetWriter(b.w), progressbar.OptionSetWidth(28),
			progressbar.OptionShowCount(), progressbar.OptionSetElapsedTime(true), progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionSetRenderBlankState(true), progressbar.OptionFullWidth())
	}
	if e.Done > b.last+1 {
		_ = b.bar.Clear()
		fmt.Fprintln(b.w, e.Line)
	}
	b.last = e.Done
	b.bar.Describe(shorten(e.Line, 60))
	_ = b.bar.Set(e.Done)
}

func (b *barProgress) done() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		_ = b.bar.Exit()
		fmt.Fprintln(b.w)
	}
}

// lineProgress prints a line with the count and the ETA now and then:
// the first step, every `every`, the last, and any step that skipped
// work.
type lineProgress struct {
	w       io.Writer
	every   time.Duration
	start   time.Time
	printed time.Time
	last    int
}

func (l *lineProgress) event(e bench.Event) {
	now := time.Now()
	skipped := e.Done > l.last+1
	l.last = e.Done
	if !l.printed.IsZero() && now.Sub(l.printed) < l.every && e.Done < e.Total && !skipped {
		return
	}
	l.printed = now
	fmt.Fprintf(l.w, "[%d/%d %s] %s\n", e.Done, e.Total, eta(now.Sub(l.start), e.Done, e.Total), e.Line)
}

// eta says how far along a run is and how long it has left, at the pace
// so far.
func eta(elapsed time.Duration, done, total int) string {
	if total <= 0 {
		return "?"
	}
	pct := 100 * done / total
	if done == 0 {
		return fmt.Sprintf("%d%%", pct)
	}
	left := time.Duration(float64(elapsed) / float64(done) * float64(total-done))
	return fmt.Sprintf("%d%%, ETA %s", pct, left.Round(time.Second))
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
