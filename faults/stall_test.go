package faults

import (
	"testing"
	"time"
)

// With probability 1 every chunk waits the RTO, each way.
func TestStall(t *testing.T) {
	t.Parallel()
	p, c := echoHop(t, Options{})
	inject(t, p, "stall:1:60ms")
	if rtt := timeRoundTrip(t, c, "ping"); rtt < 120*time.Millisecond || rtt > 700*time.Millisecond {
		t.Errorf("round trip %v under stall:1:60ms, want about 120ms", rtt)
	}
}
