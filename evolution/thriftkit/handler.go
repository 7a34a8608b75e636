package thriftkit

import (
	"context"
	"reflect"

	"github.com/intbench/intbench/service"
)

// handler implements a generated Orders interface over the reference
// service, as transports/thrift's handler does for v1: it converts, calls
// and maps errors to the declared exceptions; the change's Check is its
// only rule of its own, and its Placed what it echoes of a request.
type handler[C, O, P, R, L any] struct {
	side *Side[C, O, P, R, L]
	svc  service.Service
	m    mapper
}

// GetCustomer serves getCustomer.
func (h *handler[C, O, P, R, L]) GetCustomer(ctx context.Context, id int64) (C, error) {
	c, err := h.svc.GetCustomer(ctx, id)
	return respond[C](h, c, err)
}

// PlaceOrder serves placeOrder.
func (h *handler[C, O, P, R, L]) PlaceOrder(ctx context.Context, req R) (O, error) {
	var in service.PlaceOrderRequest
	if err := h.request(req, &in); err != nil {
		var zero O
		return zero, err
	}
	if h.side.Check != nil {
		if err := h.side.Check(req); err != nil {
			var zero O
			return zero, h.side.Exceptions.To(err)
		}
	}
	o, err := h.svc.PlaceOrder(ctx, in)
	out, err := respond[O](h, o, err)
	if err == nil && h.side.Placed != nil {
		h.side.Placed(req, out)
	}
	return out, err
}

// ListOrders serves listOrders (or the method it moved to).
func (h *handler[C, O, P, R, L]) ListOrders(ctx context.Context, req L) (P, error) {
	var in service.ListOrdersRequest
	if err := h.request(req, &in); err != nil {
		var zero P
		return zero, err
	}
	p, err := h.svc.ListOrders(ctx, in)
	return respond[P](h, p, err)
}

// request converts a generated request into the service's: a value that
// does not fit the service's types is InvalidArgument.
func (h *handler[C, O, P, R, L]) request(req any, into any) error {
	if v := reflect.ValueOf(req); !v.IsValid() || v.IsNil() {
		return h.side.Exceptions.To(service.Errorf(service.KindInvalidArgument, "request is missing"))
	}
	if err := h.m.fill(reflect.ValueOf(into).Elem(), reflect.ValueOf(req)); err != nil {
		return h.side.Exceptions.To(service.Errorf(service.KindInvalidArgument, "%v", err))
	}
	return nil
}

// respond converts the service's answer into the generated type T, or its
// error into the declared exception.
func respond[T, C, O, P, R, L any](h *handler[C, O, P, R, L], v any, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, h.side.Exceptions.To(err)
	}
	out, err := newFilled[T](h.m, v)
	if err != nil {
		return out, h.side.Exceptions.To(service.Errorf(service.KindInternal, "%v", err))
	}
	return out, nil
}
