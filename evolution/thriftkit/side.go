package thriftkit

import (
	"context"
	"errors"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/transports"
	thrifttr "github.com/intbench/intbench/transports/thrift"
)

// Pattern is the name of the Thrift pattern in the matrix.
var Pattern = thrifttr.New().Name()

// V1 is the Thrift pattern as it is: transports/thrift's server and
// client (the binary protocol, as registered).
func V1() evolution.Side { return evolution.V1(thrifttr.New()) }

// Orders is the shape of a generated Orders service of the v1 IDL's
// methods, over the generated types: Customer C, Order O, OrderPage P,
// PlaceOrderRequest R and ListOrdersRequest L (pointers). The generated
// interface (orders.Orders) and client (*orders.OrdersClient) both have
// it.
type Orders[C, O, P, R, L any] interface {
	GetCustomer(ctx context.Context, id int64) (C, error)
	PlaceOrder(ctx context.Context, req R) (O, error)
	ListOrders(ctx context.Context, req L) (P, error)
}

// Side is a change's v2 side of the Thrift pattern, over the code the
// thrift compiler generated from the change's v2 IDL: a server whose
// handler implements the generated interface over the reference service,
// and a client that is the generated client. Its values are filled from
// the service's by field name (see Enum and Edit); what the change adds
// on top is in its Edits, Check and Placed.
type Side[C, O, P, R, L any] struct {
	// NewProcessor returns the generated processor over h: in the
	// simplest case orders.NewOrdersProcessor.
	NewProcessor func(h Orders[C, O, P, R, L]) thrift.TProcessor
	// NewClient returns the generated client over c: in the simplest
	// case orders.NewOrdersClient.
	NewClient func(c thrift.TClient) Orders[C, O, P, R, L]
	// Exceptions are the generated declared exceptions.
	Exceptions Exceptions
	// Enums are the generated enums' parsers.
	Enums []Enum
	// Serves is what the v2 server writes beyond the matched fields, and
	// Sends what the v2 client writes.
	Serves, Sends []Edit
	// Check, when set, refuses a placed order the v2 server's rules
	// refuse, with a service error.
	Check func(req R) error
	// Placed, when set, writes into the v2 server's placed order what it
	// reports back of the request (an input it echoes), once the order is
	// filled.
	Placed func(req R, o O)
}

var _ evolution.Side = (*Side[any, any, any, any, any])(nil)

// Serve serves the v2 contract over cfg.Backend.
func (s *Side[C, O, P, R, L]) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("thriftkit: serve: backend has no service")
	}
	h := &handler[C, O, P, R, L]{side: s, svc: cfg.Backend.Service, m: mapper{enums: s.Enums, edits: s.Serves}}
	return thrifttr.New().ServeProcessor(ctx, cfg, s.NewProcessor(h))
}

// Dial returns the generated v2 client of the server at addr; it dials
// once now, so a wrong address fails here.
func (s *Side[C, O, P, R, L]) Dial(ctx context.Context, addr string) (evolution.Client, error) {
	conn, err := newCaller(ctx, addr, s.NewClient, s.Exceptions)
	if err != nil {
		return nil, err
	}
	return &client[C, O, P, R, L]{conn: conn, m: mapper{enums: s.Enums, edits: s.Sends}}, nil
}
