package soapkit

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/intbench/intbench/service"
)

// envelopeNS is the SOAP 1.1 envelope namespace.
const envelopeNS = "http://schemas.xmlsoap.org/soap/envelope/"

// contentType is SOAP 1.1's media type.
const contentType = "text/xml; charset=utf-8"

// The envelope around every message, with the prefix that fault codes
// (soap:Client) refer to.
const (
	envelopeHead = `<soap:Envelope xmlns:soap="` + envelopeNS + `"><soap:Body>`
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

// fault is a SOAP 1.1 Fault's content, in v1's format: the kind in
// detail/ErrorKind.
type fault struct {
	Code   string      `xml:"faultcode"`
	String string      `xml:"faultstring"`
	Detail faultDetail `xml:"detail"`
}

type faultDetail struct {
	Kind string `xml:"urn:intbench:orders:v1 ErrorKind"`
}

// writeFault writes a fault envelope for err: soap:Client for the
// caller's errors, soap:Server for the others.
func writeFault(b *bytes.Buffer, err error) {
	kind := service.KindOf(err)
	f := fault{Code: "soap:Server", String: service.MessageOf(err), Detail: faultDetail{kind.String()}}
	switch kind {
	case service.KindInvalidArgument, service.KindNotFound, service.KindConflict:
		f.Code = "soap:Client"
	}
	b.WriteString(envelopeHead + "<soap:Fault>")
	enc := xml.NewEncoder(b)
	for _, el := range []struct {
		name string
		v    any
	}{{"faultcode", f.Code}, {"faultstring", f.String}, {"detail", f.Detail}} {
		_ = enc.EncodeElement(el.v, xml.StartElement{Name: xml.Name{Local: el.name}}) // strings only: cannot fail
	}
	_ = enc.Close()
	b.WriteString("</soap:Fault>" + envelopeTail)
}

// err maps a fault back to the error taxonomy: its ErrorKind, else its
// fault code.
func (f *fault) err() error {
	k, ok := service.ParseKind(strings.TrimSpace(f.Detail.Kind))
	if !ok || k == service.KindOK {
		k = service.KindInternal
		if strings.HasSuffix(strings.TrimSpace(f.Code), ":Client") {
			k = service.KindInvalidArgument
		}
	}
	return service.Errorf(k, "%s", f.String)
}

// openBody reads an envelope up to the first element of its Body, skipping
// a Header, and returns that element's start.
func openBody(d *xml.Decoder) (xml.StartElement, error) {
	for _, want := range []string{"Envelope", "Body"} {
		start, err := nextStart(d)
		if err != nil {
			return start, err
		}
		if start.Name.Local == "Header" && want == "Body" {
			if err := d.Skip(); err != nil {
				return start, malformed(err)
			}
			if start, err = nextStart(d); err != nil {
				return start, err
			}
		}
		if start.Name != (xml.Name{Space: envelopeNS, Local: want}) {
			return start, badRequest("expected a SOAP 1.1 %s, found <%s> in %q", want, start.Name.Local, start.Name.Space)
		}
	}
	return nextStart(d)
}

// nextStart returns the next start element, skipping the XML declaration,
// comments and white space; anything else is malformed.
func nextStart(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, malformed(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.ProcInst, xml.Comment:
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, badRequest("unexpected text %.40q", t)
			}
		default:
			return xml.StartElement{}, badRequest("unexpected XML markup (DTDs are not allowed)")
		}
	}
}

// badRequest is a soap:Client fault about the request itself.
func badRequest(format string, args ...any) error {
	return service.Errorf(service.KindInvalidArgument, "soapkit: "+format, args...)
}

// malformed turns a decoder error into a Client fault.
func malformed(err error) error {
	if errors.Is(err, io.EOF) {
		return badRequest("malformed XML: unexpected end of message")
	}
	return badRequest("malformed XML: %v", err)
}
