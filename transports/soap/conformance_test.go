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

// TestSharedLimits: the limits every server shares, over raw HTTP/1.1.
func TestSharedLimits(t *testing.T) {
	conformance.Limits(t, New(), conformance.Wire{
		Request: []byte("GET /soap?wsdl HTTP/1.1\r\nHost: x\r\n\r\n"),
		Head:    []byte("POST /soap HTTP/1.1\r\nHo"),
		Body: []byte("POST /soap HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml; charset=utf-8\r\n" +
			"SOAPAction: GetCustomer\r\nContent-Length: 100\r\n\r\n<soap:Envelope"),
	})
}
