package widentype

import (
	"encoding/xml"
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/evolution/soapkit/soapkittest"
	"github.com/intbench/intbench/results"
)

func TestSOAPContract(t *testing.T) {
	soapkittest.Check(t, soapContract, soapkittest.Edit{
		Removed: []string{`<xsd:element name="quantity" type="xsd:int"/>`},
		Added:   []string{`<xsd:element name="quantity" type="xsd:long"/>`},
	})
}

// XML carries numbers as text: while the values fit in 32 bits, neither
// side can tell. (A quantity beyond 2^31-1 would be loud: encoding/xml
// refuses the text into an int32, and v1's server answers soap:Client.)
func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.Compatible, soapkit.WSDLFlavour: results.Compatible}, NewClient: results.Compatible})
}

// What the comment above says of quantities beyond 32 bits, pinned:
// encoding/xml refuses them into v1's int32 (no wrap, no clamp) and reads
// them into v2's int64.
func TestSOAPQuantityBeyond32Bits(t *testing.T) {
	const item = `<item><sku>A</sku><quantity>3000000000</quantity><unitPriceCents>1</unitPriceCents></item>`
	tests := []struct {
		name    string
		into    any
		wantErr bool
	}{
		{"v1 LineItem", new(soapkit.Item), true},
		{"v2 LineItem", new(soapItem), false},
	}
	for _, tt := range tests {
		if err := xml.Unmarshal([]byte(item), tt.into); (err != nil) != tt.wantErr {
			t.Errorf("%s: Unmarshal: %v, want an error: %v", tt.name, err, tt.wantErr)
		}
	}
}
