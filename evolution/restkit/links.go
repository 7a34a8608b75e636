package restkit

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
)

// Pattern is REST's name in the transports' registry.
const Pattern = "rest"

// LinksFlavour is the name of REST's v1 client that follows links.
const LinksFlavour = "links"

func init() {
	evolution.RegisterFlavour(Pattern, evolution.Flavour{Name: LinksFlavour, Dial: DialLinks})
}

// DialLinks returns a v1 REST client that follows links: it builds one
// URL, a customer's, and reaches the customer's orders, to list them or
// to place one, through the customer's _links.orders. Its records flatten
// the service's types, as the pattern's own client's do.
func DialLinks(_ context.Context, addr string) (evolution.Client, error) {
	c, err := newCaller(addr)
	if err != nil {
		return nil, err
	}
	return links{c}, nil
}

type links struct{ *caller }

// customerDoc is v1's customer with its links.
type customerDoc struct {
	Customer
	Links Links `json:"_links"`
}

func (c links) GetCustomer(ctx context.Context, id int64) (evolution.Record, error) {
	doc, err := c.customer(ctx, id)
	if err != nil {
		return nil, err
	}
	return evolution.Flatten("customer", doc.service()), nil
}

// ListOrders follows the customer's orders link, with the page size set
// in its query.
func (c links) ListOrders(ctx context.Context, customerID int64, limit int32) (evolution.Record, error) {
	href, err := c.orders(ctx, customerID)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(href)
	if err != nil {
		return nil, fmt.Errorf("restkit: orders link %q: %w: %w", href, service.ErrInternal, err)
	}
	q := u.Query()
	q.Set("limit", strconv.FormatInt(int64(limit), 10))
	u.RawQuery = q.Encode()
	var p Page[Order]
	if err := c.call(ctx, http.MethodGet, u.String(), nil, "", &p); err != nil {
		return nil, err
	}
	return evolution.Flatten("page", p.service(Order.service)), nil
}

// PlaceOrder posts the order to the customer's orders link.
func (c links) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (evolution.Record, error) {
	href, err := c.orders(ctx, req.CustomerID)
	if err != nil {
		return nil, err
	}
	var o Order
	if err := c.call(ctx, http.MethodPost, href, V1Body(req), req.RequestID, &o); err != nil {
		return nil, err
	}
	return evolution.Flatten("order", o.service()), nil
}

func (c links) customer(ctx context.Context, id int64) (customerDoc, error) {
	var doc customerDoc
	err := c.call(ctx, http.MethodGet, CustomerPath(id), nil, "", &doc)
	return doc, err
}

// orders returns the href of a customer's orders link.
func (c links) orders(ctx context.Context, customerID int64) (string, error) {
	doc, err := c.customer(ctx, customerID)
	if err != nil {
		return "", err
	}
	if doc.Links.Orders.Href == "" {
		return "", fmt.Errorf("restkit: customer %d has no orders link: %w", customerID, service.ErrInternal)
	}
	return doc.Links.Orders.Href, nil
}
