package renamefield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/evolution/soapkit/soapkittest"
	"github.com/intbench/intbench/results"
)

func TestSOAPContract(t *testing.T) {
	soapkittest.Check(t, soapContract, soapkittest.Edit{
		Removed: []string{`<xsd:element name="name" type="xsd:string"/>`},
		Added:   []string{`<xsd:element name="fullName" type="xsd:string"/>`},
	})
}

// XML matches elements by name: each side skips the other's element and
// reads its own as empty, without an error (a schema-validating reader
// would fail instead: the name element is required).
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.Silent, soapkit.WSDLFlavour: results.Silent}, NewClient: results.Silent})
}
