package removefield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/evolution/soapkit/soapkittest"
	"github.com/intbench/intbench/results"
)

func TestSOAPContract(t *testing.T) {
	soapkittest.Check(t, soapContract, soapkittest.Edit{Removed: []string{`<xsd:element name="email" type="xsd:string"/>`}})
}

// v1 reads the missing (required) email as empty, without an error; v2
// skips the email v1 still sends.
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.Silent, soapkit.WSDLFlavour: results.Silent}, NewClient: results.Compatible})
}
