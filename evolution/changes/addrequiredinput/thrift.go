package addrequiredinput

import (
	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/changes/addrequiredinput/thriftv2/orders"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/service"
)

//go:generate sh ../../thriftkit/generate.sh

// thriftOrders is the shape of the v2 Thrift service.
type thriftOrders = thriftkit.Orders[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]

// thriftV2 is the v2 Thrift side: PlaceOrderRequest requires a
// currency (id 5, required in the IDL: the generated decoder refuses a
// request without one before the handler sees it); the v2 server also
// refuses an empty one and echoes it in the placed order (Order.currency,
// id 8, optional: its store keeps none, so listOrders leaves it unset),
// and the v2 client sends evolution.Currency.
var thriftV2 = &thriftkit.Side[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]{
	NewProcessor: func(h thriftOrders) thrift.TProcessor { return orders.NewOrdersProcessor(h) },
	NewClient:    func(c thrift.TClient) thriftOrders { return orders.NewOrdersClient(c) },
	Exceptions: thriftkit.ExceptionsOf(&orders.NotFound{}, &orders.InvalidArgument{}, &orders.Conflict{},
		&orders.Unavailable{}, &orders.DeadlineExceeded{}, &orders.Internal{}),
	Enums: []thriftkit.Enum{thriftkit.EnumOf(orders.TierFromString), thriftkit.EnumOf(orders.StatusFromString)},
	Check: func(r *orders.PlaceOrderRequest) error {
		if r.GetCurrency() == "" {
			return service.Errorf(service.KindInvalidArgument, "currency is required")
		}
		return nil
	},
	Placed: func(r *orders.PlaceOrderRequest, o *orders.Order) { o.Currency = thrift.StringPtr(r.GetCurrency()) },
	Sends: []thriftkit.Edit{thriftkit.EditOf(func(_ service.PlaceOrderRequest, w *orders.PlaceOrderRequest) {
		w.Currency = evolution.Currency
	})},
}

func init() { evolution.RegisterVariant(Name, thriftkit.Pattern, evolution.Variant{Side: thriftV2}) }
