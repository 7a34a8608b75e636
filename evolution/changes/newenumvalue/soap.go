package newenumvalue

import (
	"context"
	_ "embed"
	"sync"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
)

// soapWSDL is v1's WSDL with refunded added to the Status enumeration.
// The XML mapping does not change: a status is a string.
//
//go:embed soap/v2.wsdl
var soapWSDL string

// soapContract is the SOAP v2: its provider reports the refunded order.
var soapContract = soapkit.Contract{
	WSDL:     soapWSDL,
	Provider: func(s service.Service) service.Service { return soapRefunds{s} },
}

// soapRefunds is the v2 provider's service: it reports
// evolution.RefundedOrder() as refunded instead of its stored status.
type soapRefunds struct{ service.Service }

var soapRefundedOrder = sync.OnceValue(evolution.RefundedOrder)

func (s soapRefunds) ListOrders(ctx context.Context, req service.ListOrdersRequest) (service.OrderPage, error) {
	page, err := s.Service.ListOrders(ctx, req)
	for i := range page.Orders {
		if page.Orders[i].ID == soapRefundedOrder() {
			page.Orders[i].Status = evolution.RefundedStatus
		}
	}
	return page, err
}

func init() {
	evolution.RegisterVariant(Name, "soap", evolution.Variant{Side: soapkit.Side(soapContract)})
}
