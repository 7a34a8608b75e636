package addfield

import (
	_ "embed"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
)

// soapWSDL is v1's WSDL with loyaltyPoints added to Customer, last and
// optional (minOccurs 0), as the rules for a compatible addition say.
//
//go:embed soap/v2.wsdl
var soapWSDL string

// soapCustomer is the v2 Customer complex type. A typical encoding/xml
// mapping (and gowsdl's for minOccurs 0) holds the optional element in a
// plain int64: absent reads as 0. A *int64 would read as nil and still
// succeed: silent either way.
type soapCustomer struct {
	ID            int64        `xml:"id"`
	Name          string       `xml:"name"`
	Email         string       `xml:"email"`
	Tier          string       `xml:"tier"`
	CreatedAt     time.Time    `xml:"createdAt"`
	Tags          soapkit.Tags `xml:"tags"`
	LoyaltyPoints int64        `xml:"loyaltyPoints"`
}

// soapContract is the SOAP v2: the v2 server computes the points.
var soapContract = soapkit.Contract{
	WSDL: soapWSDL,
	GetCustomer: soapkit.GetCustomer[soapCustomer]{Wire: func(c service.Customer) soapCustomer {
		v1 := soapkit.CustomerOf(c)
		return soapCustomer{ID: v1.ID, Name: v1.Name, Email: v1.Email, Tier: v1.Tier, CreatedAt: v1.CreatedAt, Tags: v1.Tags,
			LoyaltyPoints: evolution.LoyaltyPoints(c.ID)}
	}},
}

func init() {
	evolution.RegisterVariant(Name, "soap", evolution.Variant{Side: soapkit.Side(soapContract)})
}
