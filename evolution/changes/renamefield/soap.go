package renamefield

import (
	_ "embed"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
)

// soapWSDL is v1's WSDL with Customer's name element renamed fullName, in
// the same place of the sequence.
//
//go:embed soap/v2.wsdl
var soapWSDL string

// soapCustomer is the v2 Customer complex type.
type soapCustomer struct {
	ID        int64        `xml:"id"`
	FullName  string       `xml:"fullName"`
	Email     string       `xml:"email"`
	Tier      string       `xml:"tier"`
	CreatedAt time.Time    `xml:"createdAt"`
	Tags      soapkit.Tags `xml:"tags"`
}

// soapContract is the SOAP v2.
var soapContract = soapkit.Contract{
	WSDL: soapWSDL,
	GetCustomer: soapkit.GetCustomer[soapCustomer]{Wire: func(c service.Customer) soapCustomer {
		v1 := soapkit.CustomerOf(c)
		return soapCustomer{ID: v1.ID, FullName: v1.Name, Email: v1.Email, Tier: v1.Tier, CreatedAt: v1.CreatedAt, Tags: v1.Tags}
	}},
}

func init() {
	evolution.RegisterVariant(Name, "soap", evolution.Variant{Side: soapkit.Side(soapContract)})
}
