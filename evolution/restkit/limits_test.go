package restkit

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/transports/conformance"
)

// A v2 server (the proxy in front of the v1 server) holds the limits
// every server shares, from its ServeConfig, as transports/rest's does.
func TestSharedLimits(t *testing.T) {
	evolutiontest.Limits(t, Pattern, NewSide(Adapter{}, Contract[Customer, Order]{}), conformance.Wire{
		Request: []byte("GET /customers/1 HTTP/1.1\r\nHost: x\r\n\r\n"),
		Head:    []byte("GET /customers/1 HTTP/1.1\r\nHo"),
		Body: []byte("POST /customers/1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
			"Idempotency-Key: k\r\nContent-Length: 100\r\n\r\n{\"items\":["),
	})
}
