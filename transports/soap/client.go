package soap

import (
	"context"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"

	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

var errClosed = netx.Closed("soap")

// clientOp is one operation as the client calls it.
type clientOp struct {
	name     string
	action   []string // SOAPAction header value, quoted as SOAP 1.1 asks
	response xml.Name
}

func newClientOp(name string) clientOp {
	return clientOp{name: name, action: []string{`"` + name + `"`}, response: xml.Name{Space: Namespace, Local: name + "Response"}}
}

// Client calls the orders service over SOAP. It is safe for concurrent use.
type Client struct {
	*httpx.Client
	url  string
	bufs bufPool

	opGet, opPlace, opList clientOp
}

func newClient(_ context.Context, addr string, cfg transports.DialConfig) (*Client, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, fmt.Errorf("soap: dial %q: %w", addr, err)
	}
	hc := httpx.NewClient(cfg, map[string]string{
		"protocol": "SOAP 1.1 document/literal over HTTP/1.1 (net/http, encoding/xml)",
		"library_retries": "none: net/http re-sends only replayable requests, and every SOAP call is a POST " +
			"without Idempotency-Key whose body cannot be rewound",
	})
	return &Client{
		Client:  hc,
		url:     "http://" + addr + Path,
		opGet:   newClientOp("GetCustomer"),
		opPlace: newClientOp("PlaceOrder"),
		opList:  newClientOp("ListOrders"),
	}, nil
}

// GetCustomer returns one customer.
func (c *Client) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	var resp getCustomerResponse
	if err := c.call(ctx, &c.opGet, &getCustomerRequest{ID: &id}, &resp); err != nil {
		return service.Customer{}, err
	}
	return customerFromWire(resp.Customer), nil
}

// PlaceOrder places an order, idempotently by req.RequestID.
func (c *Client) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (service.Order, error) {
	if err := checkText(&req); err != nil {
		return service.Order{}, err
	}
	wreq := placeOrderToWire(&req)
	var resp placeOrderResponse
	if err := c.call(ctx, &c.opPlace, wreq, &resp); err != nil {
		return service.Order{}, err
	}
	return orderFromWire(&resp.Order), nil
}

// ListOrders returns one page of a customer's orders.
func (c *Client) ListOrders(ctx context.Context, req service.ListOrdersRequest) (service.OrderPage, error) {
	if !service.ValidText(req.Cursor) {
		return service.OrderPage{}, unrepresentable("cursor")
	}
	wreq := listOrdersRequest{CustomerID: &req.CustomerID, Limit: &req.Limit, Cursor: req.Cursor}
	var resp listOrdersResponse
	if err := c.call(ctx, &c.opList, &wreq, &resp); err != nil {
		return service.OrderPage{}, err
	}
	page := service.OrderPage{NextCursor: resp.NextCursor}
	if n := len(resp.Orders.Order); n > 0 {
		page.Orders = make([]service.Order, n)
		for i := range resp.Orders.Order {
			page.Orders[i] = orderFromWire(&resp.Orders.Order[i])
		}
	}
	return page, nil
}

// checkText refuses strings XML 1.0 cannot carry, which encoding/xml would
// otherwise replace by U+FFFD without a word.
func checkText(req *service.PlaceOrderRequest) error {
	if !service.ValidText(req.RequestID) {
		return unrepresentable("request id")
	}
	if !service.ValidText(req.Note) {
		return unrepresentable("note")
	}
	for i := range req.Items {
		if !service.ValidText(req.Items[i].SKU) {
			return unrepresentable(fmt.Sprintf("item %d sku", i))
		}
	}
	return nil
}

func unrepresentable(what string) error {
	return service.Errorf(service.KindInvalidArgument, "soap: %s is not valid text: XML 1.0 cannot carry invalid UTF-8 or control characters", what)
}

// call sends one request envelope holding req and decodes the response
// element into resp, or returns the fault as a service error.
func (c *Client) call(ctx context.Context, op *clientOp, req, resp any) error {
	if c.Closed() {
		return errClosed
	}
	if err := ctx.Err(); err != nil {
		return netx.Err(ctx, err, "soap: %s", op.name)
	}
	sizes := transports.BodySizesFrom(ctx)
	body := c.bufs.get()
	if err := body.writeEnvelope(req); err != nil {
		return fmt.Errorf("soap: %s: encode request: %w: %w", op.name, service.ErrInternal, err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, body)
	if err != nil {
		body.Close()
		return fmt.Errorf("soap: %s: %w: %w", op.name, service.ErrInternal, err)
	}
	reqLen := int64(body.Len())
	hreq.ContentLength = reqLen
	hreq.Header = http.Header{"Content-Type": contentTypeValue, "Soapaction": op.action}
	res, err := c.HTTP.Do(hreq) // closes body, maybe later
	if err != nil {
		return netx.Err(ctx, err, "soap: %s", op.name)
	}
	n, err := c.readResponse(ctx, op, res, resp)
	if sizes != nil && n > 0 {
		sizes.Set(reqLen, n)
	}
	return err
}

// readResponse reads the whole response (up to the client's limit) so the
// connection goes back to the pool, then decodes it. It returns the size
// of the response body.
func (c *Client) readResponse(ctx context.Context, op *clientOp, res *http.Response, resp any) (int64, error) {
	buf := c.bufs.get()
	defer c.bufs.put(buf)
	if err := c.ReadBody(res, &buf.Buffer); err != nil {
		return 0, netx.Err(ctx, err, "soap: %s", op.name)
	}
	return int64(buf.Len()), decodeResponse(op, res.StatusCode, buf.Bytes(), resp)
}

func decodeResponse(op *clientOp, status int, b []byte, resp any) error {
	d, start, err := OpenBody(b)
	if err != nil {
		return statusErr(op, status, err)
	}
	if IsFault(start) {
		fault, err := ReadFault(d, &start)
		if err != nil {
			return fmt.Errorf("soap: %s: malformed fault: %w: %w", op.name, service.ErrInternal, err)
		}
		return fault
	}
	if status != http.StatusOK || start.Name != op.response {
		return fmt.Errorf("soap: %s: unexpected %s in a response with HTTP status %d: %w", op.name, fmtName(start.Name), status, service.ErrInternal)
	}
	if err := d.DecodeElement(resp, &start); err != nil {
		return fmt.Errorf("soap: %s: malformed response: %w: %w", op.name, service.ErrInternal, err)
	}
	return nil
}

// statusErr classifies a response that is not a SOAP envelope (a proxy's
// error page, say) by its HTTP status.
func statusErr(op *clientOp, status int, err error) error {
	kind := service.ErrInternal
	switch status {
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType,
		http.StatusRequestURITooLong, http.StatusRequestHeaderFieldsTooLarge:
		kind = service.ErrInvalidArgument
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable:
		kind = service.ErrUnavailable
	case http.StatusGatewayTimeout:
		kind = service.ErrDeadlineExceeded
	}
	return fmt.Errorf("soap: %s: HTTP status %d without a SOAP envelope (%v): %w", op.name, status, err, kind)
}
