package widentype

import (
	_ "embed"
	"math"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
)

// soapWSDL is v1's WSDL with LineItem's quantity an xsd:long.
//
//go:embed soap/v2.wsdl
var soapWSDL string

// soapItem is the v2 LineItem complex type, in orders and in requests.
type soapItem struct {
	SKU            string `xml:"sku"`
	Quantity       int64  `xml:"quantity"`
	UnitPriceCents int64  `xml:"unitPriceCents"`
}

func soapItemOf(it service.LineItem) soapItem {
	return soapItem{SKU: it.SKU, Quantity: int64(it.Quantity), UnitPriceCents: it.UnitPriceCents}
}

// soapItemFrom reads a v2 line item into the reference service, whose
// quantities are 32 bits: the v2 server refuses what would not fit
// rather than wrap it (the service's own limit is far lower anyway).
func soapItemFrom(it soapItem) (service.LineItem, error) {
	if it.Quantity < math.MinInt32 || it.Quantity > math.MaxInt32 {
		return service.LineItem{}, service.Errorf(service.KindInvalidArgument, "quantity %d out of range", it.Quantity)
	}
	return service.LineItem{SKU: it.SKU, Quantity: int32(it.Quantity), UnitPriceCents: it.UnitPriceCents}, nil
}

// soapContract is the SOAP v2: 64-bit quantities in ListOrders and in
// both directions of PlaceOrder.
var soapContract = soapkit.Contract{
	WSDL:       soapWSDL,
	ListOrders: soapkit.ListOrders[soapkit.Order[soapItem]]{Wire: soapkit.OrderOf(soapItemOf)},
	PlaceOrder: soapkit.PlaceOrderOf(soapItemOf, soapItemFrom),
}

func init() {
	evolution.RegisterVariant(Name, "soap", evolution.Variant{Side: soapkit.Side(soapContract)})
}
