package newenumvalue

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/restkit"
)

// restRefunded is the order v2 reports as refunded.
var restRefunded = evolution.RefundedOrder()

// The v2 client's types are v1's: a status is a string to it, refunded
// one more value.
func init() {
	a := restkit.Adapter{Responses: map[restkit.Op]restkit.Transform{restkit.OpPage: restReportRefunded}}
	side := restkit.NewSide(a, restkit.Contract[restkit.Customer, restkit.Order]{})
	evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{Side: side})
}

// restReportRefunded makes v2's page: the refunded order's status is
// refunded.
func restReportRefunded(doc restkit.Object) error {
	orders, err := doc.Objects("orders")
	if err != nil {
		return err
	}
	for _, o := range orders {
		id, err := o.Int("id")
		if err != nil {
			return err
		}
		if id == restRefunded {
			if err := o.Set("status", evolution.RefundedStatus); err != nil {
				return err
			}
		}
	}
	return doc.Set("orders", orders)
}
