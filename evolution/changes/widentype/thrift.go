package widentype

import (
	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/changes/widentype/thriftv2/orders"
	"github.com/intbench/intbench/evolution/thriftkit"
)

//go:generate sh ../../thriftkit/generate.sh

// thriftOrders is the shape of the v2 Thrift service.
type thriftOrders = thriftkit.Orders[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]

// thriftV2 is the v2 Thrift side: LineItem.quantity is an i64; the
// v2 server refuses a quantity beyond the service's int32 (it cannot
// arrive from the seed or the matrix's order).
var thriftV2 = &thriftkit.Side[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]{
	NewProcessor: func(h thriftOrders) thrift.TProcessor { return orders.NewOrdersProcessor(h) },
	NewClient:    func(c thrift.TClient) thriftOrders { return orders.NewOrdersClient(c) },
	Exceptions: thriftkit.ExceptionsOf(&orders.NotFound{}, &orders.InvalidArgument{}, &orders.Conflict{},
		&orders.Unavailable{}, &orders.DeadlineExceeded{}, &orders.Internal{}),
	Enums: []thriftkit.Enum{thriftkit.EnumOf(orders.TierFromString), thriftkit.EnumOf(orders.StatusFromString)},
}

func init() { evolution.RegisterVariant(Name, thriftkit.Pattern, evolution.Variant{Side: thriftV2}) }
