package moveresource

import (
	_ "embed"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/soapkit"
)

// soapWSDL is v1's WSDL with ListOrders moved to a service of its own,
// OrderHistoryService, whose soap:address is /soap/orders; the port at
// /soap keeps GetCustomer and PlaceOrder. The v2 server listens where the
// WSDL says, and the v2 client, built from the same WSDL as stubs are,
// calls there: the XML mapping does not change.
//
//go:embed soap/v2.wsdl
var soapWSDL string

// soapContract is the SOAP v2.
var soapContract = soapkit.Contract{WSDL: soapWSDL}

func init() {
	evolution.RegisterVariant(Name, "soap", evolution.Variant{Side: soapkit.Side(soapContract)})
}
