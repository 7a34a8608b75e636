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
