package widentype

import (
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/service"
)

// restItem is the v2 client's line item: a 64-bit quantity.
type restItem struct {
	SKU            string `json:"sku"`
	Quantity       int64  `json:"quantity"`
	UnitPriceCents int64  `json:"unit_price_cents"`
}

// restOrder is the v2 client's order, of restItems.
type restOrder struct {
	ID         int64      `json:"id"`
	CustomerID int64      `json:"customer_id"`
	Status     string     `json:"status"`
	Items      []restItem `json:"items"`
	TotalCents int64      `json:"total_cents"`
	Note       string     `json:"note"`
	CreatedAt  time.Time  `json:"created_at"`
}

// restPlaceOrder is the v2 client's PlaceOrder body, of restItems.
type restPlaceOrder struct {
	Items []restItem `json:"items"`
	Note  string     `json:"note,omitempty"`
}

// JSON numbers have no width: v2's representation of the seeded values
// is v1's byte for byte (only a quantity beyond 32 bits, which the
// matrix's data never has, would tell them apart), so the v2 server is
// the v1 server behind an adapter that changes nothing, and the change is
// in the v2 client's types.
func init() {
	side := restkit.NewSide(restkit.Adapter{}, restkit.Contract[restkit.Customer, restOrder]{Body: func(req service.PlaceOrderRequest) any {
		items := make([]restItem, len(req.Items))
		for i, it := range req.Items {
			items[i] = restItem{SKU: it.SKU, Quantity: int64(it.Quantity), UnitPriceCents: it.UnitPriceCents}
		}
		return restPlaceOrder{Items: items, Note: req.Note}
	}})
	evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{Side: side})
}
