package restkit

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
)

// Contract is the v2 contract as a v2 client is written against it: its
// own types, C for a customer and O for an order, and its URLs.
type Contract[C, O any] struct {
	// OrdersPath is where a customer's orders are listed and placed:
	// OrdersPath (v1's) when nil.
	OrdersPath func(customerID int64) string
	// Body is a PlaceOrder's request body: V1Body when nil.
	Body func(service.PlaceOrderRequest) any
}

// CustomerPath is the path of a customer, in v1 and every v2.
func CustomerPath(id int64) string { return "/customers/" + strconv.FormatInt(id, 10) }

// OrdersPath is v1's path of a customer's orders.
func OrdersPath(customerID int64) string { return CustomerPath(customerID) + "/orders" }

// client is a v2 client: URLs from its contract's templates, bodies
// decoded into its own types.
type client[C, O any] struct {
	*caller
	c Contract[C, O]
}

func (c *client[C, O]) GetCustomer(ctx context.Context, id int64) (evolution.Record, error) {
	var v C
	if err := c.call(ctx, http.MethodGet, CustomerPath(id), nil, "", &v); err != nil {
		return nil, err
	}
	return evolution.Flatten("customer", v), nil
}

func (c *client[C, O]) ListOrders(ctx context.Context, customerID int64, limit int32) (evolution.Record, error) {
	var p Page[O]
	if err := c.call(ctx, http.MethodGet, withLimit(c.c.OrdersPath(customerID), limit), nil, "", &p); err != nil {
		return nil, err
	}
	return evolution.Flatten("page", p), nil
}

func (c *client[C, O]) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (evolution.Record, error) {
	var o O
	if err := c.call(ctx, http.MethodPost, c.c.OrdersPath(req.CustomerID), c.c.Body(req), req.RequestID, &o); err != nil {
		return nil, err
	}
	return evolution.Flatten("order", o), nil
}

// withLimit adds the page size to a path that may have a query.
func withLimit(path string, limit int32) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "limit=" + strconv.FormatInt(int64(limit), 10)
}
