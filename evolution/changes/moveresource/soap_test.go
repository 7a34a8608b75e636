package moveresource

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
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

// The WSDL announces the new address, but neither client reads it at run
// time: v1's ListOrders at /soap gets a soap:Client fault (unknown
// SOAPAction), v2's at /soap/orders a plain HTTP 404 from v1's server.
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.Loud}, NewClient: results.Loud})
}
