package grpctransport

import (
	"testing"

	"github.com/intbench/intbench/transports/conformance"
)

func TestConformance(t *testing.T) { conformance.Run(t, New()) }

// TestNetworkErrors: gRPC reports every network failure as UNAVAILABLE
// with the cause in the status message only, so only the kind is checked.
func TestNetworkErrors(t *testing.T) {
	conformance.Network(t, New(), conformance.HostPort, conformance.NetErrors{})
}
