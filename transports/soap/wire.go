package soap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/intbench/intbench/service"
)

// Namespace is the target namespace of the service's messages and types.
const Namespace = "urn:intbench:orders:v1"

// xsdTimeLayout writes xsd:dateTime in UTC with microseconds, always six
// digits so that equal times always have equal bytes.
const xsdTimeLayout = "2006-01-02T15:04:05.000000Z07:00"

// xsdTime is a time.Time carried as xsd:dateTime.
type xsdTime struct{ t time.Time }

// MarshalText writes t in UTC with six fractional digits.
func (x xsdTime) MarshalText() ([]byte, error) {
	return x.t.UTC().AppendFormat(make([]byte, 0, len(xsdTimeLayout)+4), xsdTimeLayout), nil
}

// UnmarshalText reads an xsd:dateTime with a time zone, any precision.
func (x *xsdTime) UnmarshalText(b []byte) error {
	t, err := time.Parse(time.RFC3339Nano, string(bytes.TrimSpace(b)))
	if err != nil {
		return fmt.Errorf("soap: bad xsd:dateTime %q: %w", b, err)
	}
	x.t = t.UTC()
	return nil
}

// Response-side types: plain values, always written.

type wireTags struct {
	Tag []string `xml:"tag"`
}

type wireCustomer struct {
	ID        int64    `xml:"id"`
	Name      string   `xml:"name"`
	Email     string   `xml:"email"`
	Tier      string   `xml:"tier"`
	CreatedAt xsdTime  `xml:"createdAt"`
	Tags      wireTags `xml:"tags"`
}

type wireItem struct {
	SKU            string `xml:"sku"`
	Quantity       int32  `xml:"quantity"`
	UnitPriceCents int64  `xml:"unitPriceCents"`
}

type wireItems struct {
	Item []wireItem `xml:"item"`
}

type wireOrder struct {
	ID         int64     `xml:"id"`
	CustomerID int64     `xml:"customerId"`
	Status     string    `xml:"status"`
	Items      wireItems `xml:"items"`
	TotalCents int64     `xml:"totalCents"`
	Note       string    `xml:"note"`
	CreatedAt  xsdTime   `xml:"createdAt"`
}

type wireOrders struct {
	Order []wireOrder `xml:"order"`
}

type getCustomerResponse struct {
	XMLName  xml.Name     `xml:"urn:intbench:orders:v1 GetCustomerResponse"`
	Customer wireCustomer `xml:"customer"`
}

type placeOrderResponse struct {
	XMLName xml.Name  `xml:"urn:intbench:orders:v1 PlaceOrderResponse"`
	Order   wireOrder `xml:"order"`
}

type listOrdersResponse struct {
	XMLName    xml.Name   `xml:"urn:intbench:orders:v1 ListOrdersResponse"`
	Orders     wireOrders `xml:"orders"`
	NextCursor string     `xml:"nextCursor"`
}

// Request-side types: required elements are pointers so the server can tell
// a missing element from a zero value.

type getCustomerRequest struct {
	XMLName xml.Name `xml:"urn:intbench:orders:v1 GetCustomerRequest"`
	ID      *int64   `xml:"id"`
}

type reqItem struct {
	SKU            *string `xml:"sku"`
	Quantity       *int32  `xml:"quantity"`
	UnitPriceCents *int64  `xml:"unitPriceCents"`
}

type reqItems struct {
	Item []reqItem `xml:"item"`
}

type placeOrderRequest struct {
	XMLName    xml.Name  `xml:"urn:intbench:orders:v1 PlaceOrderRequest"`
	CustomerID *int64    `xml:"customerId"`
	RequestID  *string   `xml:"requestId"`
	Note       string    `xml:"note"`
	Items      *reqItems `xml:"items"`
}

type listOrdersRequest struct {
	XMLName    xml.Name `xml:"urn:intbench:orders:v1 ListOrdersRequest"`
	CustomerID *int64   `xml:"customerId"`
	Limit      *int32   `xml:"limit"`
	Cursor     string   `xml:"cursor,omitempty"`
}

func customerToWire(c service.Customer) wireCustomer {
	return wireCustomer{ID: c.ID, Name: c.Name, Email: c.Email, Tier: string(c.Tier),
		CreatedAt: xsdTime{c.CreatedAt}, Tags: wireTags{c.Tags}}
}

func customerFromWire(w wireCustomer) service.Customer {
	return service.Customer{ID: w.ID, Name: w.Name, Email: w.Email, Tier: service.Tier(w.Tier),
		CreatedAt: w.CreatedAt.t, Tags: w.Tags.Tag}
}

// ordersToWire converts orders, carving all line items out of one slice.
func ordersToWire(os []service.Order) []wireOrder {
	n := 0
	for i := range os {
		n += len(os[i].Items)
	}
	items := make([]wireItem, n)
	out := make([]wireOrder, len(os))
	for i := range os {
		k := len(os[i].Items)
		out[i] = orderToWire(&os[i], items[:k:k])
		items = items[k:]
	}
	return out
}

// orderToWire converts o, filling items (of len(o.Items)) with its lines.
func orderToWire(o *service.Order, items []wireItem) wireOrder {
	for i, it := range o.Items {
		items[i] = wireItem(it)
	}
	return wireOrder{ID: o.ID, CustomerID: o.CustomerID, Status: string(o.Status), Items: wireItems{items},
		TotalCents: o.TotalCents, Note: o.Note, CreatedAt: xsdTime{o.CreatedAt}}
}

func orderFromWire(w *wireOrder) service.Order {
	var items []service.LineItem
	if len(w.Items.Item) > 0 {
		items = make([]service.LineItem, len(w.Items.Item))
		for i, it := range w.Items.Item {
			items[i] = service.LineItem(it)
		}
	}
	return service.Order{ID: w.ID, CustomerID: w.CustomerID, Status: service.Status(w.Status), Items: items,
		TotalCents: w.TotalCents, Note: w.Note, CreatedAt: w.CreatedAt.t}
}

// placeOrderToWire returns the request element for req; it points into req.
func placeOrderToWire(req *service.PlaceOrderRequest) *placeOrderRequest {
	items := make([]reqItem, len(req.Items))
	for i := range req.Items {
		it := &req.Items[i]
		items[i] = reqItem{SKU: &it.SKU, Quantity: &it.Quantity, UnitPriceCents: &it.UnitPriceCents}
	}
	return &placeOrderRequest{CustomerID: &req.CustomerID, RequestID: &req.RequestID, Note: req.Note, Items: &reqItems{items}}
}
