package addrequiredinput

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/evolution/soapkit/soapkittest"
	"github.com/intbench/intbench/results"
)

func TestSOAPContract(t *testing.T) {
	soapkittest.Check(t, soapContract, soapkittest.Edit{Added: []string{`<xsd:element name="currency" type="xsd:string"/>`}})
}

// v1's PlaceOrder gets a soap:Client fault; v1's server skips the
// currency it does not know (encoding/xml), so v2's orders go through.
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.Loud, soapkit.WSDLFlavour: results.Loud}, NewClient: results.Compatible})
}
