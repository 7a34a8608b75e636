package faults

import (
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// Latency of 50 ms each way adds about 100 ms to a round trip, on the
// connection open at injection and on a new one, and goes away at the end.
func TestLatency(t *testing.T) {
	t.Parallel()
	p, open := echoHop(t, Options{})
	end := inject(t, p, "latency:50ms")
	conns := []struct {
		name string
		c    net.Conn
	}{{"open", open}, {"new", dial(t, p.Addr())}}
	for _, tc := range conns {
		rtt := timeRoundTrip(t, tc.c, "ping")
		if rtt < 100*time.Millisecond || rtt > 600*time.Millisecond {
			t.Errorf("%s connection: round trip %v under latency:50ms, want about 100ms", tc.name, rtt)
		}
	}
	end()
	if rtt := timeRoundTrip(t, open, "pong"); rtt >= 100*time.Millisecond {
		t.Errorf("round trip %v after the end, want well under 100ms", rtt)
	}
}

// Jitter never reorders bytes, and bytes still delayed when the fault
// ends are delivered, in order, before the ones that follow.
func TestLatencyKeepsOrder(t *testing.T) {
	t.Parallel()
	p, c := echoHop(t, Options{Seed: 3})
	end := inject(t, p, "latency:10ms:10ms")
	var want strings.Builder
	done := make(chan error, 1)
	go func() {
		for i := range 300 {
			msg := fmt.Sprintf("<%d>", i)
			want.WriteString(msg)
			if _, err := io.WriteString(c, msg); err != nil {
				done <- err
				return
			}
			if i == 150 {
				end()
			}
			time.Sleep(100 * time.Microsecond)
		}
		done <- c.CloseWrite()
	}()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c)
	if werr := <-done; werr != nil {
		t.Fatal(werr)
	}
	if err != nil || string(got) != want.String() {
		t.Fatalf("read %d bytes (%v), want the %d bytes written, in order", len(got), err, want.Len())
	}
}
