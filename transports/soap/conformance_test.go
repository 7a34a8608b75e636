package soap

import (
	"io"
	"syscall"
	"testing"

	"github.com/intbench/intbench/transports/conformance"
)

func TestConformance(t *testing.T) { conformance.Run(t, New()) }

// TestNetworkErrors: the cause survives into the error's chain.
func TestNetworkErrors(t *testing.T) {
	conformance.Network(t, New(), conformance.HostPort,
		conformance.NetErrors{Refused: syscall.ECONNREFUSED, Reset: syscall.ECONNRESET, EOF: io.EOF})
}
