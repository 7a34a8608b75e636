package newenumvalue

import (
	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/changes/newenumvalue/thriftv2/orders"
	"github.com/intbench/intbench/evolution/thriftkit"
	"sync"

	"github.com/intbench/intbench/service"
)

//go:generate sh ../../thriftkit/generate.sh

// thriftOrders is the shape of the v2 Thrift service.
type thriftOrders = thriftkit.Orders[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]

// thriftV2 is the v2 Thrift side: Status gains REFUNDED (5), which the
// v2 server reports for evolution.RefundedOrder().
var thriftV2 = &thriftkit.Side[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]{
	NewProcessor: func(h thriftOrders) thrift.TProcessor { return orders.NewOrdersProcessor(h) },
	NewClient:    func(c thrift.TClient) thriftOrders { return orders.NewOrdersClient(c) },
	Exceptions: thriftkit.ExceptionsOf(&orders.NotFound{}, &orders.InvalidArgument{}, &orders.Conflict{},
		&orders.Unavailable{}, &orders.DeadlineExceeded{}, &orders.Internal{}),
	Enums: []thriftkit.Enum{thriftkit.EnumOf(orders.TierFromString), thriftkit.EnumOf(orders.StatusFromString)},
	Serves: []thriftkit.Edit{thriftkit.EditOf(func(o service.Order, w *orders.Order) {
		if o.ID == refundedOrder() {
			w.Status = orders.Status_REFUNDED
		}
	})},
}

func init() { evolution.RegisterVariant(Name, thriftkit.Pattern, evolution.Variant{Side: thriftV2}) }

// refundedOrder is evolution.RefundedOrder, which generates the seed: once.
var refundedOrder = sync.OnceValue(evolution.RefundedOrder)
