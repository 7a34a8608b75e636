package moveresource

import (
	"context"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/changes/moveresource/thriftv2/orders"
	"github.com/intbench/intbench/evolution/thriftkit"
)

//go:generate sh ../../thriftkit/generate.sh

// thriftOrders is the shape of the v2 Thrift service.
type thriftOrders = thriftkit.Orders[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]

// thriftV2 is the v2 Thrift side: listOrders moves to
// listCustomerOrders: the v2 server has no listOrders, and the v2 client
// calls the new method.
var thriftV2 = &thriftkit.Side[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]{
	NewProcessor: func(h thriftOrders) thrift.TProcessor { return orders.NewOrdersProcessor(movedHandler{h}) },
	NewClient:    func(c thrift.TClient) thriftOrders { return movedClient{orders.NewOrdersClient(c)} },
	Exceptions: thriftkit.ExceptionsOf(&orders.NotFound{}, &orders.InvalidArgument{}, &orders.Conflict{},
		&orders.Unavailable{}, &orders.DeadlineExceeded{}, &orders.Internal{}),
	Enums: []thriftkit.Enum{thriftkit.EnumOf(orders.TierFromString), thriftkit.EnumOf(orders.StatusFromString)},
}

func init() { evolution.RegisterVariant(Name, thriftkit.Pattern, evolution.Variant{Side: thriftV2}) }

// movedHandler serves the orders of a customer at their new method.
type movedHandler struct{ thriftOrders }

var _ orders.Orders = movedHandler{}

// ListCustomerOrders serves listCustomerOrders.
func (h movedHandler) ListCustomerOrders(ctx context.Context, req *orders.ListOrdersRequest) (*orders.OrderPage, error) {
	return h.ListOrders(ctx, req)
}

// movedClient calls the new method for the orders of a customer.
type movedClient struct{ *orders.OrdersClient }

// ListOrders calls listCustomerOrders.
func (c movedClient) ListOrders(ctx context.Context, req *orders.ListOrdersRequest) (*orders.OrderPage, error) {
	return c.ListCustomerOrders(ctx, req)
}
