package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"unicode/utf8"

	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

var errClosed = netx.Closed("rest")

// Request header values; net/http only reads them.
var (
	acceptValue = []string{ContentType}
	getHeader   = http.Header{"Accept": acceptValue}
)

// Client calls the orders service over REST. It is safe for concurrent use.
type Client struct {
	*httpx.Client
	base string // http://host:port
	bufs bufPool
}

func newClient(_ context.Context, addr string, cfg transports.DialConfig) (*Client, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, fmt.Errorf("rest: dial %q: %w", addr, err)
	}
	hc := httpx.NewClient(cfg, map[string]string{
		"protocol": "HTTP/1.1 keep-alive, JSON (encoding/json)",
		"library_retries": "net/http re-sends a request that failed on a reused keep-alive connection before any response byte: " +
			"GETs, and POSTs with Idempotency-Key (every PlaceOrder); not counted in retries",
	})
	return &Client{Client: hc, base: "http://" + addr}, nil
}

// GetCustomer returns one customer.
func (c *Client) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	var resp customerJSON
	if err := c.call(ctx, "GetCustomer", http.MethodGet, c.base+customerPath(id), nil, "", &resp); err != nil {
		return service.Customer{}, err
	}
	return customerFromWire(&resp), nil
}

// PlaceOrder places an order, idempotently by req.RequestID.
func (c *Client) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (service.Order, error) {
	if err := checkUTF8(&req); err != nil {
		return service.Order{}, err
	}
	body, err := c.encode(&placeOrderJSON{Items: itemsToWire(req.Items), Note: req.Note})
	if err != nil {
		return service.Order{}, err
	}
	var resp orderJSON
	if err := c.call(ctx, "PlaceOrder", http.MethodPost, c.base+ordersPath(req.CustomerID), body, req.RequestID, &resp); err != nil {
		return service.Order{}, err
	}
	return orderFromWire(&resp), nil
}

// ListOrders returns one page of a customer's orders.
func (c *Client) ListOrders(ctx context.Context, req service.ListOrdersRequest) (service.OrderPage, error) {
	var resp pageJSON
	if err := c.call(ctx, "ListOrders", http.MethodGet, c.base+pagePath(req.CustomerID, req.Limit, req.Cursor), nil, "", &resp); err != nil {
		return service.OrderPage{}, err
	}
	return pageFromWire(&resp), nil
}

// checkUTF8 refuses strings encoding/json would silently change.
func checkUTF8(req *service.PlaceOrderRequest) error {
	if !utf8.ValidString(req.Note) {
		return service.Errorf(service.KindInvalidArgument, "rest: note is not valid UTF-8, which JSON cannot carry")
	}
	for i := range req.Items {
		if !utf8.ValidString(req.Items[i].SKU) {
			return service.Errorf(service.KindInvalidArgument, "rest: item %d sku is not valid UTF-8, which JSON cannot carry", i)
		}
	}
	return nil
}

// encode returns v as JSON in a slice of its own: net/http may read a
// request body after Do returns, and re-read it to retry (GetBody), so it
// cannot live in a pooled buffer.
func (c *Client) encode(v any) ([]byte, error) {
	buf := c.bufs.get()
	defer c.bufs.put(buf)
	if err := buf.encode(v); err != nil {
		return nil, fmt.Errorf("rest: encode request: %w: %w", service.ErrInternal, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// call sends one request and decodes a successful response into out, or
// returns the error response as a service error.
func (c *Client) call(ctx context.Context, op, method, url string, body []byte, key string, out any) error {
	if c.Closed() {
		return errClosed
	}
	if err := ctx.Err(); err != nil {
		return netx.Err(ctx, err, "rest: %s", op)
	}
	hreq, err := newRequest(ctx, method, url, body, key)
	if err != nil {
		return fmt.Errorf("rest: %s: %w: %w", op, service.ErrInternal, err)
	}
	res, err := c.HTTP.Do(hreq)
	if err != nil {
		return netx.Err(ctx, err, "rest: %s", op)
	}
	buf := c.bufs.get()
	defer c.bufs.put(buf)
	if err := c.ReadBody(res, &buf.Buffer); err != nil {
		return netx.Err(ctx, err, "rest: %s", op)
	}
	if b := transports.BodySizesFrom(ctx); b != nil {
		b.Set(int64(len(body)), int64(buf.Len()))
	}
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusCreated {
		return ErrorFromResponse(op, res.StatusCode, buf.Bytes())
	}
	if err := json.Unmarshal(buf.Bytes(), out); err != nil {
		return fmt.Errorf("rest: %s: malformed response: %w: %w", op, service.ErrInternal, err)
	}
	return nil
}

func newRequest(ctx context.Context, method, url string, body []byte, key string) (*http.Request, error) {
	if body == nil {
		req, err := http.NewRequestWithContext(ctx, method, url, nil)
		if err == nil {
			req.Header = getHeader
		}
		return req, err
	}
	// A *bytes.Reader body gives the request a GetBody, and the
	// Idempotency-Key makes the POST replayable, so net/http may retry it.
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err == nil {
		req.Header = http.Header{"Accept": acceptValue, "Content-Type": contentTypeValue, "Idempotency-Key": {escapeKey(key)}}
	}
	return req, err
}

// escapeKey percent-encodes a request ID for the Idempotency-Key header.
func escapeKey(k string) string {
	for i := 0; i < len(k); i++ {
		if !unreserved(k[i]) {
			return url.PathEscape(k)
		}
	}
	return k
}

func unreserved(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '.' || b == '_' || b == '~'
}

// ErrorFromResponse rebuilds the service error of an error response to
// op, as the pattern's client does: from its error document, or for a
// foreign body (a proxy's error page) by its status.
func ErrorFromResponse(op string, status int, b []byte) error {
	var doc errorDoc
	if err := json.Unmarshal(b, &doc); err == nil {
		if k, ok := service.ParseKind(doc.Error.Kind); ok && k != service.KindOK {
			return service.Errorf(k, "%s", doc.Error.Message)
		}
	}
	k := kindOfStatus(status)
	return fmt.Errorf("rest: %s: HTTP status %d without an error document: %w", op, status, k.Sentinel())
}
