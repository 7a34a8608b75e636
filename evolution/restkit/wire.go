package restkit

import (
	"time"

	"github.com/intbench/intbench/service"
)

// Customer is a client's typed customer, as the v1 representation has it:
// a change's v2 client declares its own where the change touches it.
type Customer struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Tier      string    `json:"tier"`
	CreatedAt time.Time `json:"created_at"`
	Tags      []string  `json:"tags"`
}

// LineItem is a client's typed line item, as v1 has it.
type LineItem struct {
	SKU            string `json:"sku"`
	Quantity       int32  `json:"quantity"`
	UnitPriceCents int64  `json:"unit_price_cents"`
}

// Order is a client's typed order, as v1 has it.
type Order struct {
	ID         int64      `json:"id"`
	CustomerID int64      `json:"customer_id"`
	Status     string     `json:"status"`
	Items      []LineItem `json:"items"`
	TotalCents int64      `json:"total_cents"`
	Note       string     `json:"note"`
	CreatedAt  time.Time  `json:"created_at"`
}

// Page is a client's typed page of orders of type O.
type Page[O any] struct {
	Orders     []O    `json:"orders"`
	NextCursor string `json:"next_cursor"`
}

// PlaceOrderBody is v1's request body of a PlaceOrder.
type PlaceOrderBody struct {
	Items []LineItem `json:"items"`
	Note  string     `json:"note,omitempty"`
}

// Items returns items as v1 writes them.
func Items(items []service.LineItem) []LineItem {
	out := make([]LineItem, len(items))
	for i, it := range items {
		out[i] = LineItem(it)
	}
	return out
}

// V1Body returns v1's body of req.
func V1Body(req service.PlaceOrderRequest) any {
	return PlaceOrderBody{Items: Items(req.Items), Note: req.Note}
}

// Links are a representation's HAL links; a client reads the ones it
// follows.
type Links struct {
	Self     Link `json:"self"`
	Orders   Link `json:"orders"`
	Customer Link `json:"customer"`
}

// Link is a HAL link.
type Link struct {
	Href string `json:"href"`
}

// service returns c in the service's types.
func (c Customer) service() service.Customer {
	return service.Customer{ID: c.ID, Name: c.Name, Email: c.Email, Tier: service.Tier(c.Tier), CreatedAt: c.CreatedAt.UTC(), Tags: c.Tags}
}

// service returns o in the service's types.
func (o Order) service() service.Order {
	var items []service.LineItem
	if len(o.Items) > 0 {
		items = make([]service.LineItem, len(o.Items))
	}
	for i, it := range o.Items {
		items[i] = service.LineItem(it)
	}
	return service.Order{ID: o.ID, CustomerID: o.CustomerID, Status: service.Status(o.Status), Items: items,
		TotalCents: o.TotalCents, Note: o.Note, CreatedAt: o.CreatedAt.UTC()}
}

// service returns p in the service's types.
func (p Page[O]) service(conv func(O) service.Order) service.OrderPage {
	out := service.OrderPage{NextCursor: p.NextCursor}
	for _, o := range p.Orders {
		out.Orders = append(out.Orders, conv(o))
	}
	return out
}
