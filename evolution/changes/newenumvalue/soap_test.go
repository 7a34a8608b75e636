package newenumvalue

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/evolution/soapkit/soapkittest"
	"github.com/intbench/intbench/results"
)

func TestSOAPContract(t *testing.T) {
	soapkittest.Check(t, soapContract, soapkittest.Edit{Added: []string{`<xsd:enumeration value="refunded"/>`}})
}

// Neither encoding/xml nor transports/soap's client checks an enumeration:
// v1 hands "refunded" on as a status it has no name for, without an
// error; v2 reads v1's stored status where v2 would say refunded.
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.Silent, soapkit.WSDLFlavour: results.Silent}, NewClient: results.Compatible})
}
