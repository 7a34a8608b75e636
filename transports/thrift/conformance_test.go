package thrift

import (
	"testing"

	"github.com/intbench/intbench/transports/conformance"
)

func TestConformance(t *testing.T) { conformance.Run(t, New()) }

func TestConformanceCompact(t *testing.T) { conformance.Run(t, NewCompact()) }

// TestNetworkErrors: the cause survives into the error's chain.
func TestNetworkErrors(t *testing.T) {
	conformance.Network(t, New(), conformance.HostPort, conformance.CausesKept)
}

// TestResends: Thrift neither retries nor reconnects.
func TestResends(t *testing.T) { conformance.Resends(t, New(), 1) }

// TestSharedLimits: the limits every server shares, over raw framed
// binary messages.
func TestSharedLimits(t *testing.T) {
	conformance.Limits(t, New(), conformance.Wire{
		Request: rawMessage(t, Binary, "getCustomer", 1, getCustomerArgs),
		Head:    []byte{0, 0},
		Body:    frame([]byte{0x80, 1}, 100),
	})
}
