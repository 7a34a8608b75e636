package rawtcp

import (
	"testing"

	"github.com/intbench/intbench/transports/conformance"
)

func TestConformance(t *testing.T) { conformance.Run(t, New()) }

// TestNetworkErrors: the cause survives into the error's chain.
func TestNetworkErrors(t *testing.T) {
	conformance.Network(t, New(), conformance.HostPort, conformance.CausesKept)
}

// TestResends: our client re-sends once on a fresh connection when a reused
// one fails before any response byte, as net/http does.
func TestResends(t *testing.T) { conformance.Resends(t, New(), 2) }

// TestSharedLimits: the limits every server shares, over raw frames: a
// GetCustomer(1) frame, a length cut short, a frame cut short.
func TestSharedLimits(t *testing.T) {
	conformance.Limits(t, New(), conformance.Wire{
		Request: []byte{0, 0, 0, 2, opGetCustomer, 2},
		Head:    []byte{0, 0},
		Body:    []byte{0, 0, 0, 100, opGetCustomer},
	})
}
