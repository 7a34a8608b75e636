package addrequiredinput

import (
	_ "embed"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
)

// soapWSDL is v1's WSDL with a required currency element (minOccurs 1,
// the default) at the end of PlaceOrderRequest.
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

// soapContract is the SOAP v2: v2 clients send the currency, v2 servers
// refuse an order without one and otherwise ignore it.
var soapContract = soapkit.Contract{
	WSDL: soapWSDL,
	PlaceOrder: soapkit.PlaceOrder[soapPlaceOrder, soapkit.Order[soapkit.Item]]{
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
		Wire: soapkit.OrderOf(soapkit.ItemOf),
	},
}

func init() {
	evolution.RegisterVariant(Name, "soap", evolution.Variant{Side: soapkit.Side(soapContract)})
}
