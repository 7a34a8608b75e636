package grpckit

import (
	"iter"
	"reflect"

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

// carried yields the index of every field of the struct type t (of the
// service's types) that v2 carries in messages md, with the v2 field. A
// field without a v1 name is not carried (TestV1Names keeps the table
// complete).
func (c *contract) carried(md protoreflect.MessageDescriptor, t reflect.Type) iter.Seq2[int, protoreflect.FieldDescriptor] {
	return func(yield func(int, protoreflect.FieldDescriptor) bool) {
		for i := range t.NumField() {
			if fd := c.field(md, t.Field(i).Name); fd != nil && !yield(i, fd) {
				return
			}
		}
	}
}

// field is the field of messages md that carries the service's field
// goName in v2, or nil where v2 has none.
func (c *contract) field(md protoreflect.MessageDescriptor, goName string) protoreflect.FieldDescriptor {
	name, ok := v1Names[goName]
	if !ok {
		return nil
	}
	if r, ok := c.Renames[string(md.Name())+"."+name]; ok {
		name = r
	}
	return md.Fields().ByName(protoreflect.Name(name))
}
