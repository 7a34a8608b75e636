package soapkit

import (
	"time"

	"github.com/intbench/intbench/service"
)

// Namespace is the target namespace of the v1 WSDL and of every v2: a v2
// applies its one change and keeps the namespace. (A new namespace per
// version, the other SOAP habit, would break every element at once.)
const Namespace = "urn:intbench:orders:v1"

// The v1 complex types, for the operations a change leaves as they were
// and for v2 types built from them. Times are xsd:dateTime as time.Time
// writes and reads them (RFC 3339, UTC).

// Tags is the Tags complex type.
type Tags struct {
	Tag []string `xml:"tag"`
}

// Customer is the Customer complex type.
type Customer struct {
	ID        int64     `xml:"id"`
	Name      string    `xml:"name"`
	Email     string    `xml:"email"`
	Tier      string    `xml:"tier"`
	CreatedAt time.Time `xml:"createdAt"`
	Tags      Tags      `xml:"tags"`
}

// CustomerOf maps a customer to the Customer complex type.
func CustomerOf(c service.Customer) Customer {
	return Customer{ID: c.ID, Name: c.Name, Email: c.Email, Tier: string(c.Tier), CreatedAt: c.CreatedAt.UTC(), Tags: Tags{c.Tags}}
}

// Item is the LineItem complex type.
type Item struct {
	SKU            string `xml:"sku"`
	Quantity       int32  `xml:"quantity"`
	UnitPriceCents int64  `xml:"unitPriceCents"`
}

// ItemOf maps a line item to the LineItem complex type.
func ItemOf(it service.LineItem) Item { return Item(it) }

// ItemFrom maps a LineItem element to a line item.
func ItemFrom(it Item) (service.LineItem, error) { return service.LineItem(it), nil }

// Items is the LineItems complex type, of line items of type I.
type Items[I any] struct {
	Item []I `xml:"item"`
}

// Order is the Order complex type, with line items of type I.
type Order[I any] struct {
	ID         int64     `xml:"id"`
	CustomerID int64     `xml:"customerId"`
	Status     string    `xml:"status"`
	Items      Items[I]  `xml:"items"`
	TotalCents int64     `xml:"totalCents"`
	Note       string    `xml:"note"`
	CreatedAt  time.Time `xml:"createdAt"`
}

// OrderOf returns the mapping of orders to the Order complex type whose
// line items item maps.
func OrderOf[I any](item func(service.LineItem) I) func(service.Order) Order[I] {
	return func(o service.Order) Order[I] {
		items := make([]I, len(o.Items))
		for i, it := range o.Items {
			items[i] = item(it)
		}
		return Order[I]{ID: o.ID, CustomerID: o.CustomerID, Status: string(o.Status), Items: Items[I]{items},
			TotalCents: o.TotalCents, Note: o.Note, CreatedAt: o.CreatedAt.UTC()}
	}
}

// PlaceOrderRequest is the PlaceOrderRequest element's content, with line
// items of type I. Its required elements are pointers, so that a server
// tells a missing element from a zero value (as the v1 server does).
type PlaceOrderRequest[I any] struct {
	CustomerID *int64    `xml:"customerId"`
	RequestID  *string   `xml:"requestId"`
	Note       string    `xml:"note"`
	Items      *Items[I] `xml:"items"`
}

// PlaceOrderRequestOf maps a request to the PlaceOrderRequest element
// whose line items item maps.
func PlaceOrderRequestOf[I any](r service.PlaceOrderRequest, item func(service.LineItem) I) PlaceOrderRequest[I] {
	items := make([]I, len(r.Items))
	for i, it := range r.Items {
		items[i] = item(it)
	}
	return PlaceOrderRequest[I]{CustomerID: &r.CustomerID, RequestID: &r.RequestID, Note: r.Note, Items: &Items[I]{items}}
}

// Service returns the request the element asks for, its line items mapped
// by item, or an InvalidArgument error naming a missing element.
func (p *PlaceOrderRequest[I]) Service(item func(I) (service.LineItem, error)) (service.PlaceOrderRequest, error) {
	switch {
	case p.CustomerID == nil:
		return service.PlaceOrderRequest{}, missing("PlaceOrderRequest", "customerId")
	case p.RequestID == nil:
		return service.PlaceOrderRequest{}, missing("PlaceOrderRequest", "requestId")
	case p.Items == nil:
		return service.PlaceOrderRequest{}, missing("PlaceOrderRequest", "items")
	}
	items := make([]service.LineItem, len(p.Items.Item))
	for i, it := range p.Items.Item {
		var err error
		if items[i], err = item(it); err != nil {
			return service.PlaceOrderRequest{}, err
		}
	}
	return service.PlaceOrderRequest{CustomerID: *p.CustomerID, RequestID: *p.RequestID, Note: p.Note, Items: items}, nil
}

// missing is the fault of a request without a required element.
func missing(parent, name string) error {
	return service.Errorf(service.KindInvalidArgument, "soapkit: %s is missing the required element %s", parent, name)
}
