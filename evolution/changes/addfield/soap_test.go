package addfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/evolution/soapkit/soapkittest"
	"github.com/intbench/intbench/results"
)

func TestSOAPContract(t *testing.T) {
	soapkittest.Check(t, soapContract, soapkittest.Edit{Added: []string{`<xsd:element name="loyaltyPoints" type="xsd:long" minOccurs="0"/>`}})
}

// encoding/xml skips the element v1 does not know; v2 reads the points v1
// never sends as 0.
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.Compatible, soapkit.WSDLFlavour: results.Compatible}, NewClient: results.Silent})
}
