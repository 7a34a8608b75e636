package addfield

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/restkit"
)

// restCustomer is the v2 client's customer: v1's members (promoted, as
// encoding/json reads an embedded struct) and loyalty_points.
type restCustomer struct {
	restkit.Customer
	LoyaltyPoints int64 `json:"loyalty_points"`
}

func init() {
	a := restkit.Adapter{Responses: map[restkit.Op]restkit.Transform{restkit.OpCustomer: restAddPoints}}
	side := restkit.NewSide(a, restkit.Contract[restCustomer, restkit.Order]{})
	evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{Side: side})
}

// restAddPoints makes v2's customer: v1's with its loyalty points.
func restAddPoints(doc restkit.Object) error {
	id, err := doc.Int("id")
	if err != nil {
		return err
	}
	return doc.Set("loyalty_points", evolution.LoyaltyPoints(id))
}
