package restkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// caller is the HTTP side of the kit's clients: keep-alive HTTP/1.1, no
// redirects followed (as v1's client), calls bounded by their context.
type caller struct {
	hc   *http.Client
	tr   *http.Transport
	base *url.URL
}

func newCaller(addr string) (*caller, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, fmt.Errorf("restkit: dial %q: %w", addr, err)
	}
	tr := &http.Transport{
		DialContext:        (&net.Dialer{Timeout: dialTimeout}).DialContext,
		IdleConnTimeout:    idleTimeout,
		DisableCompression: true,
	}
	hc := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &caller{hc: hc, tr: tr, base: &url.URL{Scheme: "http", Host: addr}}, nil
}

// call sends a request to ref (a path, or a link's href, resolved
// against the server) and decodes a successful response into out with
// encoding/json: members out does not have are ignored, members the
// response lacks keep their zero value, as for any encoding/json client.
// A PlaceOrder (body not nil) carries its request ID as Idempotency-Key.
func (c *caller) call(ctx context.Context, method, ref string, body any, key string, out any) error {
	u, err := c.base.Parse(ref)
	if err != nil {
		return fmt.Errorf("restkit: %s %q: %w: %w", method, ref, service.ErrInternal, err)
	}
	req, err := c.request(ctx, method, u.String(), body, key)
	if err != nil {
		return err
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("restkit: %s %s: %w: %w", method, u.Path, service.ErrUnavailable, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, transports.DefaultMaxResponseBytes))
	if err != nil {
		return fmt.Errorf("restkit: %s %s: %w: %w", method, u.Path, service.ErrUnavailable, err)
	}
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusCreated {
		return errorFrom(res.StatusCode, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("restkit: %s %s: malformed response: %w: %w", method, u.Path, service.ErrInternal, err)
	}
	return nil
}

func (c *caller) request(ctx context.Context, method, u string, body any, key string) (*http.Request, error) {
	var rd io.Reader
	if body != nil {
		b, err := encode(body)
		if err != nil {
			return nil, fmt.Errorf("restkit: encode request: %w: %w", service.ErrInternal, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("restkit: %s %s: %w: %w", method, u, service.ErrInternal, err)
	}
	req.Header.Set("Accept", contentType)
	if body != nil {
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Idempotency-Key", url.PathEscape(key))
	}
	return req, nil
}

// Close releases the idle connections.
func (c *caller) Close() error {
	c.tr.CloseIdleConnections()
	return nil
}
