package addrequiredinput

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/service"
)

// restPlaceOrder is the v2 client's PlaceOrder body: v1's and a currency.
type restPlaceOrder struct {
	Items    []restkit.LineItem `json:"items"`
	Note     string             `json:"note,omitempty"`
	Currency string             `json:"currency"`
}

// restOrder is the v2 client's order: v1's members (promoted, as
// encoding/json reads an embedded struct) and the currency, which a
// placed order echoes (a listed one has none: "").
type restOrder struct {
	restkit.Order
	Currency string `json:"currency"`
}

// restV2 is the REST v2: the v1 server behind an adapter that refuses an
// order without a currency and echoes it in the placed order, and a
// client that sends one.
var restV2 = restkit.NewSide(restkit.Adapter{
	Requests: map[restkit.Op]restkit.Transform{restkit.OpPlace: restRequireCurrency},
	Echoes:   map[restkit.Op]restkit.Echo{restkit.OpPlace: restEchoCurrency},
}, restkit.Contract[restkit.Customer, restOrder]{Body: func(req service.PlaceOrderRequest) any {
	return restPlaceOrder{Items: restkit.Items(req.Items), Note: req.Note, Currency: evolution.Currency}
}})

func init() { evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{Side: restV2}) }

// restRequireCurrency is v2's rule: an order without a currency is
// refused; one with a currency is placed as before, the currency unused
// (the v1 handler, which would refuse the unknown member, never sees it).
func restRequireCurrency(doc restkit.Object) error {
	c, ok, err := doc.String("currency")
	switch {
	case err != nil:
		return service.Errorf(service.KindInvalidArgument, "currency must be a string")
	case !ok || c == "":
		return service.Errorf(service.KindInvalidArgument, "currency is required")
	}
	delete(doc, "currency")
	return nil
}

// restEchoCurrency makes v2's placed order: v1's with the currency of the
// request it answers (which restRequireCurrency let through). The
// provider's store keeps none, so a listed order has no currency member:
// ListOrders stays v1's.
func restEchoCurrency(req, order restkit.Object) error {
	c, _, err := req.String("currency")
	if err != nil {
		return err
	}
	return order.Set("currency", c)
}
