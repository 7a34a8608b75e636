package grpckit

import (
	"fmt"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// v1Names are the v1 proto names of the service's fields, by their Go
// names in package service: the v1 contract
// (transports/grpc/proto/orders/v1/orders.proto) as transports/grpc's
// convert.go maps it.
var v1Names = map[string]string{
	// Customer
	"ID": "id", "Name": "name", "Email": "email", "Tier": "tier",
	"CreatedAt": "created_at_unix_micros", "Tags": "tags",
	// LineItem
	"SKU": "sku", "Quantity": "quantity", "UnitPriceCents": "unit_price_cents",
	// Order
	"CustomerID": "customer_id", "Status": "status", "Items": "items",
	"TotalCents": "total_cents", "Note": "note",
	// Requests and the page
	"RequestID": "request_id", "Limit": "limit", "Cursor": "cursor",
	"Orders": "orders", "NextCursor": "next_cursor",
}

// field is the field of messages md that carries the service's field
// goName in v2, or nil where v2 has none.
func (c *contract) field(md protoreflect.MessageDescriptor, goName string) (protoreflect.FieldDescriptor, error) {
	name, ok := v1Names[goName]
	if !ok {
		return nil, fmt.Errorf("grpckit: no v1 name for the service's field %s", goName)
	}
	if r, ok := c.Renames[string(md.Name())+"."+name]; ok {
		name = r
	}
	return md.Fields().ByName(protoreflect.Name(name)), nil
}
