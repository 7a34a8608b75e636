package soapkit

import (
	"context"
	"encoding/xml"
	"reflect"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/soap"
)

// operation is one SOAP operation as the server answers it. Its request
// and response elements are Name+"Request" and Name+"Response" in
// Namespace, as in v1.
type operation interface {
	Name() string
	// serve decodes the request element that start opens, calls svc and
	// returns the response element's content.
	serve(ctx context.Context, svc service.Service, d *xml.Decoder, start *xml.StartElement) (any, error)
	// types returns the Go types of the request and response elements'
	// content, for Check.
	types() (req, resp reflect.Type)
}

// CustomerOp is a mapping of GetCustomer: GetCustomer[C].
type CustomerOp interface {
	operation
	get(ctx context.Context, c *caller, id int64) (evolution.Record, error)
}

// OrdersOp is a mapping of ListOrders: ListOrders[O].
type OrdersOp interface {
	operation
	list(ctx context.Context, c *caller, customerID int64, limit int32) (evolution.Record, error)
}

// PlaceOp is a mapping of PlaceOrder: PlaceOrder[P, O].
type PlaceOp interface {
	operation
	place(ctx context.Context, c *caller, req service.PlaceOrderRequest) (evolution.Record, error)
}

// GetCustomer maps GetCustomer with C as the customer element's type.
type GetCustomer[C any] struct {
	// Wire is how the server writes a customer.
	Wire func(service.Customer) C
}

type getCustomerRequest struct {
	ID *int64 `xml:"id"`
}

type getCustomerResponse[C any] struct {
	Customer C `xml:"customer"`
}

// Name returns "GetCustomer".
func (GetCustomer[C]) Name() string { return "GetCustomer" }

func (op GetCustomer[C]) serve(ctx context.Context, svc service.Service, d *xml.Decoder, start *xml.StartElement) (any, error) {
	req, err := decode[getCustomerRequest](d, start)
	if err != nil {
		return nil, err
	}
	if req.ID == nil {
		return nil, missing("GetCustomerRequest", "id")
	}
	c, err := svc.GetCustomer(ctx, *req.ID)
	if err != nil {
		return nil, err
	}
	return getCustomerResponse[C]{op.Wire(c)}, nil
}

func (op GetCustomer[C]) get(ctx context.Context, c *caller, id int64) (evolution.Record, error) {
	var resp getCustomerResponse[C]
	if err := c.call(ctx, op.Name(), getCustomerRequest{&id}, &resp); err != nil {
		return nil, err
	}
	return evolution.Flatten("customer", resp.Customer), nil
}

func (GetCustomer[C]) types() (req, resp reflect.Type) {
	return reflect.TypeFor[getCustomerRequest](), reflect.TypeFor[getCustomerResponse[C]]()
}

// ListOrders maps ListOrders with O as an order element's type.
type ListOrders[O any] struct {
	// Wire is how the server writes an order.
	Wire func(service.Order) O
}

type listOrdersRequest struct {
	CustomerID *int64 `xml:"customerId"`
	Limit      *int32 `xml:"limit"`
	Cursor     string `xml:"cursor,omitempty"`
}

// Orders is the Orders complex type, of orders of type O.
type Orders[O any] struct {
	Order []O `xml:"order"`
}

type listOrdersResponse[O any] struct {
	Orders     Orders[O] `xml:"orders"`
	NextCursor string    `xml:"nextCursor"`
}

// Name returns "ListOrders".
func (ListOrders[O]) Name() string { return "ListOrders" }

func (op ListOrders[O]) serve(ctx context.Context, svc service.Service, d *xml.Decoder, start *xml.StartElement) (any, error) {
	req, err := decode[listOrdersRequest](d, start)
	if err != nil {
		return nil, err
	}
	switch {
	case req.CustomerID == nil:
		return nil, missing("ListOrdersRequest", "customerId")
	case req.Limit == nil:
		return nil, missing("ListOrdersRequest", "limit")
	}
	page, err := svc.ListOrders(ctx, service.ListOrdersRequest{CustomerID: *req.CustomerID, Limit: *req.Limit, Cursor: req.Cursor})
	if err != nil {
		return nil, err
	}
	orders := make([]O, len(page.Orders))
	for i, o := range page.Orders {
		orders[i] = op.Wire(o)
	}
	return listOrdersResponse[O]{Orders[O]{orders}, page.NextCursor}, nil
}

func (op ListOrders[O]) list(ctx context.Context, c *caller, customerID int64, limit int32) (evolution.Record, error) {
	var resp listOrdersResponse[O]
	if err := c.call(ctx, op.Name(), listOrdersRequest{CustomerID: &customerID, Limit: &limit}, &resp); err != nil {
		return nil, err
	}
	return evolution.Flatten("page", resp), nil
}

func (ListOrders[O]) types() (req, resp reflect.Type) {
	return reflect.TypeFor[listOrdersRequest](), reflect.TypeFor[listOrdersResponse[O]]()
}

// PlaceOrder maps PlaceOrder with P as the request element's content and
// O as the order element's type.
type PlaceOrder[P, O any] struct {
	// Request is how the client writes a request.
	Request func(service.PlaceOrderRequest) P
	// Service is how the server reads one: the request to the service, or
	// the error that refuses it.
	Service func(*P) (service.PlaceOrderRequest, error)
	// Wire is how the server writes the order.
	Wire func(service.Order) O
	// Placed, when set, writes into the order what the server reports
	// back of the request (an input it echoes), once Wire has written it.
	Placed func(p *P, o *O)
}

type placeOrderResponse[O any] struct {
	Order O `xml:"order"`
}

// Name returns "PlaceOrder".
func (PlaceOrder[P, O]) Name() string { return "PlaceOrder" }

func (op PlaceOrder[P, O]) serve(ctx context.Context, svc service.Service, d *xml.Decoder, start *xml.StartElement) (any, error) {
	p, err := decode[P](d, start)
	if err != nil {
		return nil, err
	}
	req, err := op.Service(p)
	if err != nil {
		return nil, err
	}
	o, err := svc.PlaceOrder(ctx, req)
	if err != nil {
		return nil, err
	}
	out := op.Wire(o)
	if op.Placed != nil {
		op.Placed(p, &out)
	}
	return placeOrderResponse[O]{out}, nil
}

func (op PlaceOrder[P, O]) place(ctx context.Context, c *caller, req service.PlaceOrderRequest) (evolution.Record, error) {
	var resp placeOrderResponse[O]
	if err := c.call(ctx, op.Name(), op.Request(req), &resp); err != nil {
		return nil, err
	}
	return evolution.Flatten("order", resp.Order), nil
}

func (PlaceOrder[P, O]) types() (req, resp reflect.Type) {
	return reflect.TypeFor[P](), reflect.TypeFor[placeOrderResponse[O]]()
}

// PlaceOrderOf maps PlaceOrder with v1's request and order elements whose
// line items are of type I: item writes one, from reads one.
func PlaceOrderOf[I any](item func(service.LineItem) I, from func(I) (service.LineItem, error)) PlaceOrder[PlaceOrderRequest[I], Order[I]] {
	return PlaceOrder[PlaceOrderRequest[I], Order[I]]{
		Request: func(r service.PlaceOrderRequest) PlaceOrderRequest[I] { return PlaceOrderRequestOf(r, item) },
		Service: func(p *PlaceOrderRequest[I]) (service.PlaceOrderRequest, error) { return p.Service(from) },
		Wire:    OrderOf(item),
	}
}

// decode decodes the element that start opens into a new R, as
// transports/soap's server decodes a request.
func decode[R any](d *xml.Decoder, start *xml.StartElement) (*R, error) {
	r := new(R)
	if err := soap.DecodeRequest(d, start, r); err != nil {
		return nil, err
	}
	return r, nil
}
