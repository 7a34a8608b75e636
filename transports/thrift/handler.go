package thrift

import (
	"context"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// handler adapts a service.Service to the generated orders.Orders
// interface. It holds no rules: it converts, calls and maps errors.
type handler struct {
	svc service.Service
}

var _ orders.Orders = handler{}

// GetCustomer serves getCustomer.
func (h handler) GetCustomer(ctx context.Context, id int64) (*orders.Customer, error) {
	c, err := h.svc.GetCustomer(ctx, id)
	if err != nil {
		return nil, toException(err)
	}
	return toWireCustomer(c), nil
}

// PlaceOrder serves placeOrder.
func (h handler) PlaceOrder(ctx context.Context, req *orders.PlaceOrderRequest) (*orders.Order, error) {
	if req == nil {
		return nil, &orders.InvalidArgument{Message: "request is missing"}
	}
	o, err := h.svc.PlaceOrder(ctx, fromWirePlaceOrder(req))
	if err != nil {
		return nil, toException(err)
	}
	return toWireOrder(o), nil
}

// ListOrders serves listOrders.
func (h handler) ListOrders(ctx context.Context, req *orders.ListOrdersRequest) (*orders.OrderPage, error) {
	if req == nil {
		return nil, &orders.InvalidArgument{Message: "request is missing"}
	}
	p, err := h.svc.ListOrders(ctx, service.ListOrdersRequest{
		CustomerID: req.GetCustomerId(),
		Limit:      req.GetLimit(),
		Cursor:     req.GetCursor(),
	})
	if err != nil {
		return nil, toException(err)
	}
	page := &orders.OrderPage{Orders: make([]*orders.Order, len(p.Orders)), NextCursor: p.NextCursor}
	for i := range p.Orders {
		page.Orders[i] = toWireOrder(p.Orders[i])
	}
	return page, nil
}
