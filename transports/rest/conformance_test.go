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

// TestSharedLimits: the limits every server shares, over raw HTTP/1.1.
func TestSharedLimits(t *testing.T) {
	conformance.Limits(t, New(), conformance.Wire{
		Request: []byte("GET /customers/1 HTTP/1.1\r\nHost: x\r\n\r\n"),
		Head:    []byte("GET /customers/1 HTTP/1.1\r\nHo"),
		Body: []byte("POST /customers/1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
			"Idempotency-Key: k\r\nContent-Length: 100\r\n\r\n{\"items\":["),
	})
}
