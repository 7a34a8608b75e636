package soapkit_test

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/transports/conformance"
)

// A v2 server holds the limits every server shares, from its
// ServeConfig, as transports/soap's does.
func TestSharedLimits(t *testing.T) {
	evolutiontest.Limits(t, "soap", soapkit.Side(soapkit.Contract{WSDL: v1WSDL(t)}), conformance.Wire{
		Request: []byte("GET /soap?wsdl HTTP/1.1\r\nHost: x\r\n\r\n"),
		Head:    []byte("POST /soap HTTP/1.1\r\nHo"),
		Body: []byte("POST /soap HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml; charset=utf-8\r\n" +
			"SOAPAction: GetCustomer\r\nContent-Length: 100\r\n\r\n<soap:Envelope"),
	})
}
