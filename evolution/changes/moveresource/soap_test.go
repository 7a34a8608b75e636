package moveresource

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/evolution/soapkit/soapkittest"
	"github.com/intbench/intbench/results"
)

func TestSOAPContract(t *testing.T) {
	soapkittest.Check(t, soapContract, soapkittest.Edit{Added: []string{
		`</wsdl:portType>`,
		`<wsdl:portType name="OrderHistoryPortType">`,
		`</wsdl:binding>`,
		`<wsdl:binding name="OrderHistorySoapBinding" type="tns:OrderHistoryPortType">`,
		`<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>`,
		`<wsdl:service name="OrderHistoryService">`,
		`<wsdl:port name="OrderHistorySoapPort" binding="tns:OrderHistorySoapBinding">`,
		`<soap:address location="http://localhost/soap/orders"/>`,
		`</wsdl:port>`,
		`</wsdl:service>`,
	}})
}

// The WSDL announces the new address. transports/soap's client does not
// read it (nor do stubs with a configured endpoint): its ListOrders at
// /soap gets a soap:Client fault (unknown SOAPAction). The wsdl flavour
// reads it when it dials and follows the move. v2's client, built from
// the v2 WSDL, calls /soap/orders, which v1's server answers with a plain
// HTTP 404.
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.Loud, soapkit.WSDLFlavour: results.Compatible}, NewClient: results.Loud})
}
