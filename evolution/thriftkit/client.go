package thriftkit

import (
	"context"
	"strings"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
)

// client is a v2 client: the generated client over one connection. Its
// records flatten the generated types it decoded, with the generated
// field names ("customer.FullName", "page.Orders[0].Status"), which is
// what a v2 client's code reads. It decodes as the generated code does:
// fields of unknown ids are skipped, missing optional fields stay nil,
// missing default-requiredness fields stay zero, missing required fields
// and fields of another wire type than the IDL's (skipped, then missing)
// fail the call.
type client[C, O, P, R, L any] struct {
	conn *caller[Orders[C, O, P, R, L]]
	m    mapper
}

// GetCustomer calls getCustomer.
func (c *client[C, O, P, R, L]) GetCustomer(ctx context.Context, id int64) (evolution.Record, error) {
	var res C
	err := c.conn.call(ctx, "getCustomer", func(g Orders[C, O, P, R, L]) (err error) {
		res, err = g.GetCustomer(ctx, id)
		return err
	})
	return evolution.Flatten("customer", res), err
}

// ListOrders calls listOrders (or the method it moved to) for the first
// page.
func (c *client[C, O, P, R, L]) ListOrders(ctx context.Context, customerID int64, limit int32) (evolution.Record, error) {
	req, err := newFilled[L](c.m, service.ListOrdersRequest{CustomerID: customerID, Limit: limit})
	if err != nil {
		return nil, err
	}
	var res P
	err = c.conn.call(ctx, "listOrders", func(g Orders[C, O, P, R, L]) (err error) {
		res, err = g.ListOrders(ctx, req)
		return err
	})
	return evolution.Flatten("page", res), err
}

// PlaceOrder calls placeOrder. The order's creation time is the time of
// the call, which differs from run to run: it is left out of the record,
// as the matrix does for the fields it knows by name (CreatedAt,
// created_at).
func (c *client[C, O, P, R, L]) PlaceOrder(ctx context.Context, in service.PlaceOrderRequest) (evolution.Record, error) {
	req, err := newFilled[R](c.m, in)
	if err != nil {
		return nil, err
	}
	var res O
	err = c.conn.call(ctx, "placeOrder", func(g Orders[C, O, P, R, L]) (err error) {
		res, err = g.PlaceOrder(ctx, req)
		return err
	})
	rec := evolution.Flatten("order", res)
	for k := range rec {
		if strings.HasSuffix(k, "CreatedAtMicros") {
			delete(rec, k)
		}
	}
	return rec, err
}

// Close closes the connection.
func (c *client[C, O, P, R, L]) Close() error { return c.conn.Close() }
