package addrequiredinput

import (
	_ "embed"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
)

// soapWSDL is v1's WSDL with a required currency element (minOccurs 1,
// the default) at the end of PlaceOrderRequest, and an optional one
// (minOccurs 0) at the end of Order, which PlaceOrder's answer echoes.
//
//go:embed soap/v2.wsdl
var soapWSDL string

// soapPlaceOrder is the v2 PlaceOrderRequest element: v1's, then the
// currency. A pointer, so that the server tells a missing currency from
// an empty one (both are refused).
type soapPlaceOrder struct {
	soapkit.PlaceOrderRequest[soapkit.Item]
	Currency *string `xml:"currency"`
}

// soapOrder is the v2 Order complex type: v1's, then the currency. As for
// any optional element of a typical encoding/xml mapping (and gowsdl's
// for minOccurs 0), a plain string, left out when empty: absent reads as
// "".
type soapOrder struct {
	ID         int64                       `xml:"id"`
	CustomerID int64                       `xml:"customerId"`
	Status     string                      `xml:"status"`
	Items      soapkit.Items[soapkit.Item] `xml:"items"`
	TotalCents int64                       `xml:"totalCents"`
	Note       string                      `xml:"note"`
	CreatedAt  time.Time                   `xml:"createdAt"`
	Currency   string                      `xml:"currency,omitempty"`
}

// soapOrderOf writes an order as the v2 Order, without a currency: the
// provider's store keeps none, so ListOrders' orders go out as in v1 and
// only PlaceOrder's echoes one.
func soapOrderOf(o service.Order) soapOrder {
	v1 := soapkit.OrderOf(soapkit.ItemOf)(o)
	return soapOrder{ID: v1.ID, CustomerID: v1.CustomerID, Status: v1.Status, Items: v1.Items,
		TotalCents: v1.TotalCents, Note: v1.Note, CreatedAt: v1.CreatedAt}
}

// soapContract is the SOAP v2: v2 clients send the currency, v2 servers
// refuse an order without one and echo it in the placed order. ListOrders
// maps v2's Order (its WSDL type changed) but writes no currency.
var soapContract = soapkit.Contract{
	WSDL:       soapWSDL,
	ListOrders: soapkit.ListOrders[soapOrder]{Wire: soapOrderOf},
	PlaceOrder: soapkit.PlaceOrder[soapPlaceOrder, soapOrder]{
		Request: func(r service.PlaceOrderRequest) soapPlaceOrder {
			cur := evolution.Currency
			return soapPlaceOrder{soapkit.PlaceOrderRequestOf(r, soapkit.ItemOf), &cur}
		},
		Service: func(p *soapPlaceOrder) (service.PlaceOrderRequest, error) {
			if p.Currency == nil || *p.Currency == "" {
				return service.PlaceOrderRequest{}, service.Errorf(service.KindInvalidArgument, "currency is required")
			}
			return p.PlaceOrderRequest.Service(soapkit.ItemFrom)
		},
		Wire:   soapOrderOf,
		Placed: func(p *soapPlaceOrder, o *soapOrder) { o.Currency = *p.Currency },
	},
}

func init() {
	evolution.RegisterVariant(Name, "soap", evolution.Variant{Side: soapkit.Side(soapContract)})
}
