package rest

import (
	"testing"

	"github.com/intbench/intbench/transports/conformance"
)

func TestConformance(t *testing.T) { conformance.Run(t, New()) }

// TestNetworkErrors: the cause survives into the error's chain.
func TestNetworkErrors(t *testing.T) {
	conformance.Network(t, New(), conformance.HostPort, conformance.CausesKept)
}

// TestResends: net/http re-sends a GET that failed on a reused keep-alive
// connection before any response byte, once, on a fresh connection.
func TestResends(t *testing.T) { conformance.Resends(t, New(), 2) }
