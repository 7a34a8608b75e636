package renamefield

import (
	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/changes/renamefield/thriftv2/orders"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/service"
)

//go:generate sh ../../thriftkit/generate.sh

// thriftOrders is the shape of the v2 Thrift service.
type thriftOrders = thriftkit.Orders[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]

// thriftV2 is the v2 Thrift side: Customer.name is renamed fullName,
// with the same id (2).
var thriftV2 = &thriftkit.Side[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]{
	NewProcessor: func(h thriftOrders) thrift.TProcessor { return orders.NewOrdersProcessor(h) },
	NewClient:    func(c thrift.TClient) thriftOrders { return orders.NewOrdersClient(c) },
	Exceptions: thriftkit.ExceptionsOf(&orders.NotFound{}, &orders.InvalidArgument{}, &orders.Conflict{},
		&orders.Unavailable{}, &orders.DeadlineExceeded{}, &orders.Internal{}),
	Enums:  []thriftkit.Enum{thriftkit.EnumOf(orders.TierFromString), thriftkit.EnumOf(orders.StatusFromString)},
	Serves: []thriftkit.Edit{thriftkit.EditOf(func(c service.Customer, w *orders.Customer) { w.FullName = c.Name })},
}

func init() { evolution.RegisterVariant(Name, thriftkit.Pattern, evolution.Variant{Side: thriftV2}) }
