package faults

import (
	"bytes"
	"io"
	"testing"
	"time"
)

// 100 kB at 4 Mbit/s takes at least 200 ms to come back, intact.
func TestBandwidth(t *testing.T) {
	t.Parallel()
	p, c := echoHop(t, Options{})
	inject(t, p, "bandwidth:4mbit@down")
	msg := bytes.Repeat([]byte("abcdefghij"), 10_000)
	start := time.Now()
	go func() { _, _ = c.Write(msg) }()
	got := make([]byte, len(msg))
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("read back: %v (intact: %v)", err, bytes.Equal(got, msg))
	}
	if d := time.Since(start); d < 190*time.Millisecond || d > 3*time.Second {
		t.Errorf("100 kB at 4mbit took %v, want about 200ms", d)
	}
}
