package soapkit

import (
	"bytes"
	"encoding/xml"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/soap"
)

// The envelope around every message, with the prefix that fault codes
// (soap:Client) refer to, as transports/soap writes it.
const (
	envelopeHead = `<soap:Envelope xmlns:soap="` + soap.EnvelopeNamespace + `"><soap:Body>`
	envelopeTail = `</soap:Body></soap:Envelope>`
)

// writeEnvelope writes an envelope whose Body holds v as the element
// {Namespace}name.
func writeEnvelope(b *bytes.Buffer, name string, v any) error {
	b.WriteString(envelopeHead)
	enc := xml.NewEncoder(b)
	if err := enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Space: Namespace, Local: name}}); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	b.WriteString(envelopeTail)
	return nil
}

// badRequest is a soap:Client fault about the request itself.
func badRequest(format string, args ...any) error {
	return service.Errorf(service.KindInvalidArgument, "soapkit: "+format, args...)
}
