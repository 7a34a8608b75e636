package soap

import (
	"testing"

	"github.com/intbench/intbench/transports/conformance"
)

func TestConformance(t *testing.T) { conformance.Run(t, New()) }

// TestNetworkErrors: the cause survives into the error's chain.
func TestNetworkErrors(t *testing.T) {
	conformance.Network(t, New(), conformance.HostPort, conformance.CausesKept)
}

// TestResends: net/http never re-sends a SOAP call: a POST without
// Idempotency-Key whose body cannot be rewound.
func TestResends(t *testing.T) { conformance.Resends(t, New(), 1) }
