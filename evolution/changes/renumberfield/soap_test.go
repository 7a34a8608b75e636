package renumberfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/results"
)

// SOAP has no field numbers, whichever v1 client. (Importing soapkit
// registers its wsdl flavour here, as evolution/all does for the matrix.)
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.NotApplicable, soapkit.WSDLFlavour: results.NotApplicable}, NewClient: results.NotApplicable})
}
