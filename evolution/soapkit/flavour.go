package soapkit

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
)

// WSDLFlavour is the name of the SOAP pattern's second v1 client: the one
// that reads the server's WSDL when it dials, as dynamic SOAP clients do,
// and calls each operation where the WSDL says. transports/soap's client,
// like stubs with a configured endpoint, calls every operation at /soap.
const WSDLFlavour = "wsdl"

func init() {
	evolution.RegisterFlavour("soap", evolution.Flavour{Name: WSDLFlavour, Dial: DialWSDL})
}

// wsdlPath is where a v1 consumer is told to find the service's WSDL.
const wsdlPath = "/soap?wsdl"

// wsdlClient is v1's contract called where the served WSDL says: it takes
// each operation's path and soapAction from any port of any service of
// the WSDL (node-soap gathers every port's operations onto its client the
// same way; zeep binds one port and would not find a moved operation).
// It keeps the host it dialled, decodes with v1's mapping as
// transports/soap's client does, and flattens the service's types as
// that client's records do.
type wsdlClient struct{ *caller }

// DialWSDL returns the wsdl flavour's client of the server at addr: it
// reads the server's WSDL and fails when the WSDL does not offer v1's
// operations.
func DialWSDL(ctx context.Context, addr string) (evolution.Client, error) {
	c := newCaller(addr, nil)
	text, err := c.fetch(ctx, wsdlPath)
	if err == nil {
		c.routes, err = wsdlRoutes(text)
	}
	if err != nil {
		_ = c.Close()
		return nil, fmt.Errorf("soapkit: dial %s: %w", addr, err)
	}
	return wsdlClient{c}, nil
}

func wsdlRoutes(text string) (map[string]route, error) {
	ws, err := parseWSDL(text)
	if err != nil {
		return nil, err
	}
	if err := ws.lacks(Contract{}.withDefaults().operations()); err != nil {
		return nil, err
	}
	return ws.routes, nil
}

// fetch GETs path, which must answer 200.
func (c *caller) fetch(ctx context.Context, path string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return "", err
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		return "", netx.Err(ctx, err, "soapkit: GET %s", path)
	}
	var b bytes.Buffer
	if err := c.ReadBody(res, &b); err != nil {
		return "", netx.Err(ctx, err, "soapkit: GET %s", path)
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: HTTP status %d: %w", path, res.StatusCode, service.ErrInternal)
	}
	return b.String(), nil
}

func (c wsdlClient) GetCustomer(ctx context.Context, id int64) (evolution.Record, error) {
	var resp getCustomerResponse[Customer]
	if err := c.call(ctx, "GetCustomer", getCustomerRequest{&id}, &resp); err != nil {
		return nil, err
	}
	w := resp.Customer
	return evolution.Flatten("customer", service.Customer{ID: w.ID, Name: w.Name, Email: w.Email, Tier: service.Tier(w.Tier),
		CreatedAt: w.CreatedAt, Tags: w.Tags.Tag}), nil
}

func (c wsdlClient) ListOrders(ctx context.Context, customerID int64, limit int32) (evolution.Record, error) {
	var resp listOrdersResponse[Order[Item]]
	if err := c.call(ctx, "ListOrders", listOrdersRequest{CustomerID: &customerID, Limit: &limit}, &resp); err != nil {
		return nil, err
	}
	page := service.OrderPage{NextCursor: resp.NextCursor}
	for _, o := range resp.Orders.Order {
		page.Orders = append(page.Orders, orderFrom(o))
	}
	return evolution.Flatten("page", page), nil
}

func (c wsdlClient) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (evolution.Record, error) {
	var resp placeOrderResponse[Order[Item]]
	if err := c.call(ctx, "PlaceOrder", PlaceOrderRequestOf(req, ItemOf), &resp); err != nil {
		return nil, err
	}
	return evolution.Flatten("order", orderFrom(resp.Order)), nil
}

// orderFrom reads an Order element as transports/soap's client does.
func orderFrom(w Order[Item]) service.Order {
	var items []service.LineItem
	for _, it := range w.Items.Item {
		items = append(items, service.LineItem(it))
	}
	return service.Order{ID: w.ID, CustomerID: w.CustomerID, Status: service.Status(w.Status), Items: items,
		TotalCents: w.TotalCents, Note: w.Note, CreatedAt: w.CreatedAt}
}
