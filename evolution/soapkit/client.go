package soapkit

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Client limits. Calls last as long as their context allows, at most
// callTimeout, a safety net for callers without a deadline.
const (
	dialTimeout = 5 * time.Second
	callTimeout = time.Minute
)

// caller sends SOAP calls where the WSDL says, over one keep-alive HTTP
// client.
type caller struct {
	base   string // http://host:port
	routes map[string]route
	hc     *http.Client
	tr     *http.Transport
}

// newCaller returns a caller of the server at addr whose operations are
// where routes say.
func newCaller(addr string, routes map[string]route) *caller {
	tr := &http.Transport{
		DialContext:        (&net.Dialer{Timeout: dialTimeout}).DialContext,
		MaxIdleConns:       4,
		IdleConnTimeout:    30 * time.Second,
		DisableCompression: true,
	}
	hc := &http.Client{Transport: tr, Timeout: callTimeout, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse // a SOAP client does not follow redirects of a POST
	}}
	return &caller{base: "http://" + addr, routes: routes, hc: hc, tr: tr}
}

// Close releases the idle connections.
func (c *caller) Close() error {
	c.tr.CloseIdleConnections()
	return nil
}

// call sends req as operation op's request element to op's endpoint and
// decodes the response element into resp, or returns the fault as a
// service error.
func (c *caller) call(ctx context.Context, op string, req, resp any) error {
	rt := c.routes[op]
	var b bytes.Buffer
	if err := writeEnvelope(&b, op+"Request", req); err != nil {
		return fmt.Errorf("soapkit: %s: encode: %w: %w", op, service.ErrInternal, err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+rt.path, &b)
	if err != nil {
		return fmt.Errorf("soapkit: %s: %w: %w", op, service.ErrInternal, err)
	}
	hreq.Header.Set("Content-Type", contentType)
	hreq.Header.Set("SOAPAction", `"`+rt.action+`"`)
	res, err := c.hc.Do(hreq)
	if err != nil {
		return netErr(ctx, op, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, transports.DefaultMaxResponseBytes+1))
	if err != nil {
		return netErr(ctx, op, err)
	}
	if len(body) > transports.DefaultMaxResponseBytes {
		return fmt.Errorf("soapkit: %s: response exceeds %d bytes: %w", op, transports.DefaultMaxResponseBytes, service.ErrInternal)
	}
	return decodeResponse(op, res.StatusCode, body, resp)
}

// decodeResponse decodes op's response element from body into resp, or
// returns the fault it holds.
func decodeResponse(op string, status int, body []byte, resp any) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	start, err := openBody(d)
	if err != nil {
		return fmt.Errorf("soapkit: %s: HTTP status %d, and not a SOAP envelope but %.60q: %w", op, status, bytes.TrimSpace(body), service.ErrInternal)
	}
	if start.Name == (xml.Name{Space: envelopeNS, Local: "Fault"}) {
		var f fault
		if err := d.DecodeElement(&f, &start); err != nil {
			return fmt.Errorf("soapkit: %s: malformed fault: %w: %w", op, service.ErrInternal, err)
		}
		return f.err()
	}
	if want := (xml.Name{Space: Namespace, Local: op + "Response"}); status != http.StatusOK || start.Name != want {
		return fmt.Errorf("soapkit: %s: unexpected {%s}%s with HTTP status %d: %w", op, start.Name.Space, start.Name.Local, status, service.ErrInternal)
	}
	if err := d.DecodeElement(resp, &start); err != nil {
		return fmt.Errorf("soapkit: %s: malformed response: %w: %w", op, service.ErrInternal, err)
	}
	return nil
}

// netErr classes a failed exchange: the caller's deadline, or the network.
func netErr(ctx context.Context, op string, err error) error {
	if ctx.Err() != nil {
		return service.Wrap(service.KindDeadlineExceeded, err, "soapkit: %s", op)
	}
	return service.Wrap(service.KindUnavailable, err, "soapkit: %s", op)
}
