package soap

import (
	"context"
	"encoding/xml"

	"github.com/intbench/intbench/service"
)

// operations returns the server's operations.
func operations() []*operation {
	return []*operation{
		{name: "GetCustomer", request: "GetCustomerRequest", serve: serveGetCustomer},
		{name: "PlaceOrder", request: "PlaceOrderRequest", serve: servePlaceOrder},
		{name: "ListOrders", request: "ListOrdersRequest", serve: serveListOrders},
	}
}

// DecodeRequest decodes the Body element that start opens into v and
// checks that the envelope ends after it, as the pattern's server reads a
// request: what does not decode, or follows the element, is
// InvalidArgument.
func DecodeRequest(d *xml.Decoder, start *xml.StartElement, v any) error {
	if err := d.DecodeElement(v, start); err != nil {
		return malformed(err)
	}
	return closeBody(d)
}

func missing(parent, name string) error {
	return badRequest("%s is missing the required element %s", parent, name)
}

func serveGetCustomer(ctx context.Context, svc service.Service, d *xml.Decoder, start *xml.StartElement) (any, error) {
	var req getCustomerRequest
	if err := DecodeRequest(d, start, &req); err != nil {
		return nil, err
	}
	if req.ID == nil {
		return nil, missing("GetCustomerRequest", "id")
	}
	c, err := svc.GetCustomer(ctx, *req.ID)
	if err != nil {
		return nil, err
	}
	return &getCustomerResponse{Customer: customerToWire(c)}, nil
}

func servePlaceOrder(ctx context.Context, svc service.Service, d *xml.Decoder, start *xml.StartElement) (any, error) {
	var req placeOrderRequest
	if err := DecodeRequest(d, start, &req); err != nil {
		return nil, err
	}
	sr, err := placeOrderFromWire(&req)
	if err != nil {
		return nil, err
	}
	o, err := svc.PlaceOrder(ctx, sr)
	if err != nil {
		return nil, err
	}
	return &placeOrderResponse{Order: orderToWire(&o, make([]wireItem, len(o.Items)))}, nil
}

func placeOrderFromWire(req *placeOrderRequest) (service.PlaceOrderRequest, error) {
	switch {
	case req.CustomerID == nil:
		return service.PlaceOrderRequest{}, missing("PlaceOrderRequest", "customerId")
	case req.RequestID == nil:
		return service.PlaceOrderRequest{}, missing("PlaceOrderRequest", "requestId")
	case req.Items == nil:
		return service.PlaceOrderRequest{}, missing("PlaceOrderRequest", "items")
	}
	items := make([]service.LineItem, len(req.Items.Item))
	for i, it := range req.Items.Item {
		switch {
		case it.SKU == nil:
			return service.PlaceOrderRequest{}, badRequest("item %d is missing the required element sku", i)
		case it.Quantity == nil:
			return service.PlaceOrderRequest{}, badRequest("item %d is missing the required element quantity", i)
		case it.UnitPriceCents == nil:
			return service.PlaceOrderRequest{}, badRequest("item %d is missing the required element unitPriceCents", i)
		}
		items[i] = service.LineItem{SKU: *it.SKU, Quantity: *it.Quantity, UnitPriceCents: *it.UnitPriceCents}
	}
	return service.PlaceOrderRequest{CustomerID: *req.CustomerID, Items: items, Note: req.Note, RequestID: *req.RequestID}, nil
}

func serveListOrders(ctx context.Context, svc service.Service, d *xml.Decoder, start *xml.StartElement) (any, error) {
	var req listOrdersRequest
	if err := DecodeRequest(d, start, &req); err != nil {
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
	return &listOrdersResponse{Orders: wireOrders{ordersToWire(page.Orders)}, NextCursor: page.NextCursor}, nil
}
