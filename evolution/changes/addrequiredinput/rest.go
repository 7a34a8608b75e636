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

func init() {
	a := restkit.Adapter{Requests: map[restkit.Op]restkit.Transform{restkit.OpPlace: restRequireCurrency}}
	side := restkit.NewSide(a, restkit.Contract[restkit.Customer, restkit.Order]{Body: func(req service.PlaceOrderRequest) any {
		return restPlaceOrder{Items: restkit.Items(req.Items), Note: req.Note, Currency: evolution.Currency}
	}})
	evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{Side: side})
}

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
