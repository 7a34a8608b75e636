package addrequiredinput

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/evolution/soapkit/soapkittest"
	"github.com/intbench/intbench/results"
)

// The v2 WSDL adds two lines to v1's: Order's optional currency (the
// echo) and PlaceOrderRequest's required one.
func TestSOAPContract(t *testing.T) {
	soapkittest.Check(t, soapContract, soapkittest.Edit{Added: []string{
		`<xsd:element name="currency" type="xsd:string" minOccurs="0"/>`,
		`<xsd:element name="currency" type="xsd:string"/>`,
	}})
}

// v1's PlaceOrder gets a soap:Client fault; v1's server skips the
// currency it does not know (encoding/xml), so v2's orders go through.
// Silent, not compatible: the v2 Order echoes the currency, and the v1
// server's order has no currency element, so the v2 client reads
// order.Currency "" where its own server echoes "EUR". Before the echo
// no element of the answer showed the skipped currency, and this cell
// read compatible.
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud, soapkit.WSDLFlavour: results.Loud},
		NewClient: results.Silent,
		NewFields: []string{"order.Currency"},
	})
}
