package soap

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/intbench/intbench/service"
)

// EnvelopeNamespace is the SOAP 1.1 envelope namespace.
const EnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/"

const (
	envelopeHead = `<soap:Envelope xmlns:soap="` + EnvelopeNamespace + `"><soap:Body>`
	envelopeTail = `</soap:Body></soap:Envelope>`
)

// SOAP 1.1 fault codes (local parts; written with the soap: prefix).
const (
	codeClient          = "Client"
	codeServer          = "Server"
	codeVersionMismatch = "VersionMismatch"
	codeMustUnderstand  = "MustUnderstand"
)

var (
	nameEnvelope = xml.Name{Space: EnvelopeNamespace, Local: "Envelope"}
	nameHeader   = xml.Name{Space: EnvelopeNamespace, Local: "Header"}
	nameBody     = xml.Name{Space: EnvelopeNamespace, Local: "Body"}
	nameFault    = xml.Name{Space: EnvelopeNamespace, Local: "Fault"}
)

// faultError is a request error with a fault code other than the one its
// kind implies (VersionMismatch, MustUnderstand).
type faultError struct {
	code string
	err  error
}

func (e *faultError) Error() string { return e.err.Error() }
func (e *faultError) Unwrap() error { return e.err }

// badRequest is a soap:Client fault about the request itself.
func badRequest(format string, args ...any) error {
	return service.Errorf(service.KindInvalidArgument, "soap: "+format, args...)
}

// faultCode returns the fault code for err.
func faultCode(err error) string {
	var fe *faultError
	if errors.As(err, &fe) {
		return fe.code
	}
	switch service.KindOf(err) {
	case service.KindInvalidArgument, service.KindNotFound, service.KindConflict:
		return codeClient
	}
	return codeServer
}

// WriteFault writes a whole fault envelope for err into b, as the
// pattern's server answers an error: faultcode soap:Client for the
// caller's errors (InvalidArgument, NotFound, Conflict) and soap:Server
// for the others, the message in faultstring and the kind in
// detail/ErrorKind.
func WriteFault(b *bytes.Buffer, err error) {
	b.WriteString(envelopeHead)
	b.WriteString(`<soap:Fault><faultcode>soap:`)
	b.WriteString(faultCode(err))
	b.WriteString(`</faultcode><faultstring>`)
	_ = xml.EscapeText(b, []byte(service.MessageOf(err))) // bytes.Buffer writes do not fail
	b.WriteString(`</faultstring><detail><ErrorKind xmlns="` + Namespace + `">`)
	b.WriteString(service.KindOf(err).String())
	b.WriteString(`</ErrorKind></detail></soap:Fault>`)
	b.WriteString(envelopeTail)
}

// wireFault is a SOAP 1.1 Fault as a client reads it.
type wireFault struct {
	Code   string `xml:"faultcode"`
	String string `xml:"faultstring"`
	Kind   string `xml:"detail>ErrorKind"`
}

// err maps f back to the error taxonomy: the ErrorKind detail when present,
// else the fault code.
func (f *wireFault) err() error {
	k, ok := service.ParseKind(strings.TrimSpace(f.Kind))
	if !ok || k == service.KindOK {
		k = service.KindInternal
		code := f.Code
		if i := strings.LastIndexByte(code, ':'); i >= 0 {
			code = code[i+1:]
		}
		code, _, _ = strings.Cut(code, ".")
		switch strings.TrimSpace(code) {
		case codeClient, codeVersionMismatch, codeMustUnderstand:
			k = service.KindInvalidArgument
		}
	}
	return service.Errorf(k, "%s", f.String)
}

// IsFault reports whether start opens a SOAP 1.1 Fault.
func IsFault(start xml.StartElement) bool { return start.Name == nameFault }

// ReadFault decodes the Fault that start opens as the pattern's client
// does and returns the service error it carries (fault): its ErrorKind
// detail, else its fault code. err is set when the fault cannot be
// decoded.
func ReadFault(d *xml.Decoder, start *xml.StartElement) (fault, err error) {
	var f wireFault
	if err := d.DecodeElement(&f, start); err != nil {
		return nil, err
	}
	return f.err(), nil
}

// OpenBody reads the envelope b as the pattern's server reads a request
// and its client a response, up to the first element in its Body, and
// returns a decoder there and that element's start. What is not a SOAP
// 1.1 envelope is refused with InvalidArgument: malformed XML, DTDs,
// elements nested deeper than transports.MaxDepth (in every path, as
// newDecoder says), another envelope namespace (a VersionMismatch fault)
// and a header entry marked mustUnderstand (a MustUnderstand fault).
func OpenBody(b []byte) (*xml.Decoder, xml.StartElement, error) {
	d := newDecoder(b)
	start, err := openBody(d)
	return d, start, err
}

// nextToken returns the next token that matters: it skips the XML
// declaration, comments and whitespace, and rejects DTDs.
func nextToken(d *xml.Decoder) (xml.Token, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.ProcInst, xml.Comment:
			continue
		case xml.Directive:
			return nil, badRequest("DTDs and directives are not allowed in a SOAP message")
		case xml.CharData:
			if len(bytes.TrimSpace(t)) == 0 {
				continue
			}
		}
		return tok, nil
	}
}

// nextStart returns the next start element, failing on anything else.
func nextStart(d *xml.Decoder, what string) (xml.StartElement, error) {
	tok, err := nextToken(d)
	if err != nil {
		return xml.StartElement{}, malformed(err)
	}
	if s, ok := tok.(xml.StartElement); ok {
		return s, nil
	}
	return xml.StartElement{}, badRequest("expected %s, found %s", what, describe(tok))
}

// openBody reads the envelope up to the first element inside the Body and
// returns that element's start.
func openBody(d *xml.Decoder) (xml.StartElement, error) {
	env, err := nextStart(d, "soap:Envelope")
	if err != nil {
		return env, err
	}
	if env.Name.Local != "Envelope" {
		return env, badRequest("root element is %s, want a SOAP 1.1 Envelope", fmtName(env.Name))
	}
	if env.Name.Space != EnvelopeNamespace {
		return env, &faultError{codeVersionMismatch, badRequest("envelope namespace %q is not SOAP 1.1 (%s)", env.Name.Space, EnvelopeNamespace)}
	}
	el, err := nextStart(d, "soap:Header or soap:Body")
	if err != nil {
		return el, err
	}
	if el.Name == nameHeader {
		if err := checkHeader(d); err != nil {
			return el, err
		}
		if el, err = nextStart(d, "soap:Body"); err != nil {
			return el, err
		}
	}
	if el.Name != nameBody {
		return el, badRequest("expected soap:Body, found %s", fmtName(el.Name))
	}
	return nextStart(d, "an element in soap:Body")
}

// checkHeader skips the Header, refusing entries marked mustUnderstand: this
// service understands no header entries.
func checkHeader(d *xml.Decoder) error {
	for {
		tok, err := nextToken(d)
		if err != nil {
			return malformed(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			for _, a := range t.Attr {
				if a.Name.Space == EnvelopeNamespace && a.Name.Local == "mustUnderstand" && strings.TrimSpace(a.Value) == "1" {
					return &faultError{codeMustUnderstand, badRequest("header entry %s is not understood", fmtName(t.Name))}
				}
			}
			if err := d.Skip(); err != nil {
				return malformed(err)
			}
		}
	}
}

// closeBody checks that nothing but the closing tags follows the one Body
// element.
func closeBody(d *xml.Decoder) error {
	for _, want := range []string{"Body", "Envelope"} {
		tok, err := nextToken(d)
		if err != nil {
			return malformed(err)
		}
		if e, ok := tok.(xml.EndElement); !ok || e.Name.Local != want {
			return badRequest("soap:Body must hold exactly one element; found %s", describe(tok))
		}
	}
	if tok, err := nextToken(d); err != io.EOF {
		if err != nil {
			return malformed(err)
		}
		return badRequest("content after the envelope: %s", describe(tok))
	}
	return nil
}

// malformed turns a decoder error into a Client fault; request errors of
// our own pass through.
func malformed(err error) error {
	if service.KindOf(err) == service.KindInvalidArgument {
		return err
	}
	if err == io.EOF {
		return badRequest("malformed XML: unexpected end of message")
	}
	return badRequest("malformed XML: %v", err)
}

func describe(tok xml.Token) string {
	switch t := tok.(type) {
	case xml.StartElement:
		return "element " + fmtName(t.Name)
	case xml.EndElement:
		return "end of " + fmtName(t.Name)
	case xml.CharData:
		return fmt.Sprintf("text %.40q", t)
	}
	return "markup"
}

func fmtName(n xml.Name) string {
	if n.Space == "" {
		return "<" + n.Local + ">"
	}
	return "{" + n.Space + "}" + n.Local
}
