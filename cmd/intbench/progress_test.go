package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/bench"
)

// Off a terminal, progress is a line now and then: the first step, the
// last, any step that skipped work, and one per interval.
func TestLineProgress(t *testing.T) {
	var buf bytes.Buffer
	l := &lineProgress{w: &buf, every: time.Hour, start: time.Now().Add(-10 * time.Second)}
	for _, e := range []bench.Event{
		{Done: 0, Total: 10, Line: "block 1/2: rest serving"},
		{Done: 1, Total: 10, Line: "rep 1"},
		{Done: 2, Total: 10, Line: "rep 2"},
		{Done: 6, Total: 10, Line: "grpc: failed"},
		{Done: 7, Total: 10, Line: "rep 7"},
		{Done: 10, Total: 10, Line: "rep 10"},
	} {
		l.event(e)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	want := []string{"[0/10 0%] block 1/2: rest serving", "[6/10 60%, ETA ", "[10/10 100%, ETA 0s] rep 10"}
	if len(lines) != len(want) {
		t.Fatalf("printed:\n%s\nwant 3 lines", buf.String())
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d %q, want prefix %q", i, lines[i], w)
		}
	}
}

// Quiet prints nothing; a buffer is not a terminal, so it gets lines.
func TestNewProgressChoosesItsForm(t *testing.T) {
	var buf bytes.Buffer
	if p, done := newProgress(&buf, true); p != nil {
		t.Error("quiet run has a progress function")
	} else {
		done()
	}
	p, done := newProgress(&buf, false)
	p(bench.Event{Done: 0, Total: 3, Line: "start"})
	done()
	if !strings.Contains(buf.String(), "[0/3 0%] start") {
		t.Errorf("off a terminal: %q", buf.String())
	}
}

func TestETA(t *testing.T) {
	tests := []struct {
		elapsed     time.Duration
		done, total int
		want        string
	}{
		{10 * time.Second, 0, 10, "0%"},
		{10 * time.Second, 5, 10, "50%, ETA 10s"},
		{90 * time.Second, 3, 4, "75%, ETA 30s"},
		{time.Second, 1, 0, "?"},
	}
	for _, tt := range tests {
		if got := eta(tt.elapsed, tt.done, tt.total); got != tt.want {
			t.Errorf("eta(%v, %d, %d) = %q, want %q", tt.elapsed, tt.done, tt.total, got, tt.want)
		}
	}
}
