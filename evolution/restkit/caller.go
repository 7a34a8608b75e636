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

	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/rest"
)

// caller is the HTTP side of the kit's clients: the HTTP patterns' own
// client (internal/httpx: keep-alive HTTP/1.1, no redirects followed,
// the shared response limits) under the default profile, calls bounded
// by their context.
type caller struct {
	*httpx.Client
	base *url.URL
}

var errClosed = netx.Closed("restkit")

func newCaller(addr string) (*caller, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, fmt.Errorf("restkit: dial %q: %w", addr, err)
	}
	hc := httpx.NewClient(transports.DialConfig{}, map[string]string{"protocol": "HTTP/1.1 keep-alive, JSON (encoding/json)"})
	return &caller{Client: hc, base: &url.URL{Scheme: "http", Host: addr}}, nil
}

// call sends a request to ref (a path, or a link's href, resolved
// against the server) and decodes a successful response into out with
// encoding/json: members out does not have are ignored, members the
// response lacks keep their zero value, as for any encoding/json client.
// A PlaceOrder (body not nil) carries its request ID as Idempotency-Key.
func (c *caller) call(ctx context.Context, method, ref string, body any, key string, out any) error {
	if c.Closed() {
		return errClosed
	}
	u, err := c.base.Parse(ref)
	if err != nil {
		return fmt.Errorf("restkit: %s %q: %w: %w", method, ref, service.ErrInternal, err)
	}
	req, err := c.request(ctx, method, u.String(), body, key)
	if err != nil {
		return err
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		return netx.Err(ctx, err, "restkit: %s %s", method, u.Path)
	}
	var buf bytes.Buffer
	if err := c.ReadBody(res, &buf); err != nil {
		return netx.Err(ctx, err, "restkit: %s %s", method, u.Path)
	}
	b := buf.Bytes()
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusCreated {
		return rest.ErrorFromResponse(method+" "+u.Path, res.StatusCode, b)
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
