package grpckit

import (
	"context"
	"reflect"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/intbench/intbench/service"
)

// provider serves the service's values in v2 messages.
type provider struct {
	c   *contract
	svc service.Service
}

// operation answers one call: in is the request, out the fresh response.
type operation func(ctx context.Context, in, out protoreflect.Message) error

func (p provider) operation(op string) operation {
	return map[string]operation{GetCustomer: p.getCustomer, ListOrders: p.listOrders, PlaceOrder: p.placeOrder}[op]
}

// method serves operation op as md: dynamic messages of md's types in and
// out, the operation's error as a gRPC status.
func (p provider) method(op string, md protoreflect.MethodDescriptor) grpc.MethodDesc {
	do := p.operation(op)
	info := &grpc.UnaryServerInfo{FullMethod: path(md)}
	return grpc.MethodDesc{MethodName: string(md.Name()), Handler: func(_ any, ctx context.Context, dec func(any) error, icpt grpc.UnaryServerInterceptor) (any, error) {
		in := dynamicpb.NewMessage(md.Input())
		if err := dec(in); err != nil {
			return nil, err
		}
		h := func(ctx context.Context, req any) (any, error) {
			out := dynamicpb.NewMessage(md.Output())
			if err := do(ctx, req.(*dynamicpb.Message), out); err != nil {
				return nil, toStatus(err)
			}
			return out, nil
		}
		if icpt == nil {
			return h(ctx, in)
		}
		return icpt(ctx, in, info, h)
	}}
}

// getCustomerRequest is GetCustomerRequest in the service's terms.
type getCustomerRequest struct{ ID int64 }

func (p provider) getCustomer(ctx context.Context, in, out protoreflect.Message) error {
	var req getCustomerRequest
	if err := p.request(in, &req); err != nil {
		return err
	}
	c, err := p.svc.GetCustomer(ctx, req.ID)
	if err != nil {
		return err
	}
	return p.c.encode(out, reflect.ValueOf(c))
}

func (p provider) listOrders(ctx context.Context, in, out protoreflect.Message) error {
	var req service.ListOrdersRequest
	if err := p.request(in, &req); err != nil {
		return err
	}
	page, err := p.svc.ListOrders(ctx, req)
	if err != nil {
		return err
	}
	return p.c.encode(out, reflect.ValueOf(page))
}

func (p provider) placeOrder(ctx context.Context, in, out protoreflect.Message) error {
	if h := p.c.Provider.Place; h != nil {
		if err := h(in); err != nil {
			return err
		}
	}
	var req service.PlaceOrderRequest
	if err := p.request(in, &req); err != nil {
		return err
	}
	o, err := p.svc.PlaceOrder(ctx, req)
	if err != nil {
		return err
	}
	if err := p.c.encode(out, reflect.ValueOf(o)); err != nil {
		return err
	}
	if h := p.c.Provider.Placed; h != nil {
		return h(in, out)
	}
	return nil
}

// request decodes a request into v (a pointer); what the service's types
// cannot hold is InvalidArgument.
func (p provider) request(in protoreflect.Message, v any) error {
	if err := p.c.decode(in, reflect.ValueOf(v).Elem()); err != nil {
		return service.Errorf(service.KindInvalidArgument, "%v", err)
	}
	return nil
}

// statusCodes are the gRPC status codes of the service's errors, as
// transports/grpc sends them.
var statusCodes = map[service.Kind]codes.Code{
	service.KindNotFound:         codes.NotFound,
	service.KindInvalidArgument:  codes.InvalidArgument,
	service.KindConflict:         codes.AlreadyExists,
	service.KindUnavailable:      codes.Unavailable,
	service.KindDeadlineExceeded: codes.DeadlineExceeded,
}

// toStatus is the gRPC status of a service error; Internal for any other.
func toStatus(err error) error {
	code, ok := statusCodes[service.KindOf(err)]
	if !ok {
		code = codes.Internal
	}
	return status.Error(code, service.MessageOf(err))
}
