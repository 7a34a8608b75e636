package soapkit

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"

	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/soap"
)

// caller sends SOAP calls where the WSDL says, over the HTTP patterns'
// own client (internal/httpx) under the default profile: keep-alive
// HTTP/1.1, no redirects followed, the shared response limits, calls
// bounded by their context.
type caller struct {
	*httpx.Client
	base   string // http://host:port
	routes map[string]route
}

var errClosed = netx.Closed("soapkit")

// newCaller returns a caller of the server at addr whose operations are
// where routes say.
func newCaller(addr string, routes map[string]route) *caller {
	hc := httpx.NewClient(transports.DialConfig{}, map[string]string{"protocol": "SOAP 1.1 document/literal over HTTP/1.1 (net/http, encoding/xml)"})
	return &caller{Client: hc, base: "http://" + addr, routes: routes}
}

// call sends req as operation op's request element to op's endpoint and
// decodes the response element into resp, or returns the fault as a
// service error.
func (c *caller) call(ctx context.Context, op string, req, resp any) error {
	if c.Closed() {
		return errClosed
	}
	rt := c.routes[op]
	var b bytes.Buffer
	if err := writeEnvelope(&b, op+"Request", req); err != nil {
		return fmt.Errorf("soapkit: %s: encode: %w: %w", op, service.ErrInternal, err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+rt.path, &b)
	if err != nil {
		return fmt.Errorf("soapkit: %s: %w: %w", op, service.ErrInternal, err)
	}
	hreq.Header.Set("Content-Type", soap.ContentType)
	hreq.Header.Set("SOAPAction", `"`+rt.action+`"`)
	res, err := c.HTTP.Do(hreq)
	if err != nil {
		return netx.Err(ctx, err, "soapkit: %s", op)
	}
	var body bytes.Buffer
	if err := c.ReadBody(res, &body); err != nil {
		return netx.Err(ctx, err, "soapkit: %s", op)
	}
	return decodeResponse(op, res.StatusCode, body.Bytes(), resp)
}

// decodeResponse decodes op's response element from body into resp, or
// returns the fault it holds; the envelope and the fault are read as
// transports/soap's client reads them.
func decodeResponse(op string, status int, body []byte, resp any) error {
	d, start, err := soap.OpenBody(body)
	if err != nil {
		return fmt.Errorf("soapkit: %s: HTTP status %d, and not a SOAP envelope but %.60q: %w", op, status, bytes.TrimSpace(body), service.ErrInternal)
	}
	if soap.IsFault(start) {
		fault, err := soap.ReadFault(d, &start)
		if err != nil {
			return fmt.Errorf("soapkit: %s: malformed fault: %w: %w", op, service.ErrInternal, err)
		}
		return fault
	}
	if want := (xml.Name{Space: Namespace, Local: op + "Response"}); status != http.StatusOK || start.Name != want {
		return fmt.Errorf("soapkit: %s: unexpected {%s}%s with HTTP status %d: %w", op, start.Name.Space, start.Name.Local, status, service.ErrInternal)
	}
	if err := d.DecodeElement(resp, &start); err != nil {
		return fmt.Errorf("soapkit: %s: malformed response: %w: %w", op, service.ErrInternal, err)
	}
	return nil
}
