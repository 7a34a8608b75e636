package grpckit

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	grpctransport "github.com/intbench/intbench/transports/grpc"
)

// client is a v2 client: it sends the service's values in v2 requests and
// decodes the answers into dynamic messages of the v2 types, whose fields
// are its records. Like generated code, those messages keep the fields
// they do not know as unknown bytes, which no record shows, and give
// absent fields their zero values. Where a real client could do
// otherwise: with proto3 `optional` fields it could tell a field not sent
// from a zero (the v2 contracts use implicit presence, proto3's common
// style), and it could refuse enum numbers it does not know (the records
// show them as numbers, as a generated enum's String does).
type client struct {
	c  *contract
	cc *grpc.ClientConn
}

var _ evolution.Client = (*client)(nil)

// dial makes a client of c for the server at addr, on transports/grpc's
// client connection under the default profile (its dialer, limits and
// reconnection); calls are bounded by their contexts.
func dial(c *contract, addr string) (*client, error) {
	cc, err := grpctransport.NewClientConn(addr, transports.DialConfig{})
	if err != nil {
		return nil, fmt.Errorf("grpckit: %w", err)
	}
	return &client{c: c, cc: cc}, nil
}

// GetCustomer calls the v2 GetCustomer.
func (cl *client) GetCustomer(ctx context.Context, id int64) (evolution.Record, error) {
	return cl.call(ctx, GetCustomer, "customer", getCustomerRequest{ID: id}, nil)
}

// ListOrders calls the v2 ListOrders for the first page.
func (cl *client) ListOrders(ctx context.Context, customerID int64, limit int32) (evolution.Record, error) {
	return cl.call(ctx, ListOrders, "page", service.ListOrdersRequest{CustomerID: customerID, Limit: limit}, nil)
}

// PlaceOrder calls the v2 PlaceOrder with what v2 added to its request.
// Its record leaves out the order's creation time (the time of the call),
// as the matrix does for every client's created_at.
func (cl *client) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (evolution.Record, error) {
	rec, err := cl.call(ctx, PlaceOrder, "order", req, cl.c.Consumer.Place)
	for k := range rec {
		if strings.HasSuffix(k, ".created_at_unix_micros") {
			delete(rec, k)
		}
	}
	return rec, err
}

// call sends req (of the service's types, completed by hook) to op's v2
// method and flattens the answer under prefix.
func (cl *client) call(ctx context.Context, op, prefix string, req any, hook func(protoreflect.Message) error) (evolution.Record, error) {
	md := cl.c.methods[op]
	in := dynamicpb.NewMessage(md.Input())
	if err := cl.c.encode(in, reflect.ValueOf(req)); err != nil {
		return nil, err
	}
	if hook != nil {
		if err := hook(in); err != nil {
			return nil, err
		}
	}
	out := dynamicpb.NewMessage(md.Output())
	if err := cl.cc.Invoke(ctx, path(md), in, out); err != nil {
		return nil, fmt.Errorf("grpckit: %s: %w", path(md), err)
	}
	return Flatten(prefix, out), nil
}

// Close closes the connection.
func (cl *client) Close() error {
	if err := cl.cc.Close(); err != nil {
		return fmt.Errorf("grpckit: close: %w", err)
	}
	return nil
}
