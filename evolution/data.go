package evolution

import (
	"sort"

	"github.com/intbench/intbench/service"
)

// What v2 providers add to the seeded data, the same for every pattern
// (and, for shareddb, written by the change's migration), so that every
// v2 side answers the same questions with the same values.

// LoyaltyPoints is a customer's points under add-field.
func LoyaltyPoints(customerID int64) int64 { return customerID * 37 % 1000 }

// Currency is what v2 clients send under add-required-input.
const Currency = "EUR"

// RefundedStatus is the status v1 does not know, under new-enum-value.
const RefundedStatus = "refunded"

// RefundedOrder is the order a v2 provider reports as refunded under
// new-enum-value: the third order of customer 1, which every matrix cell
// reads on the first page of its orders.
func RefundedOrder() int64 {
	ds := service.MustGenerate(Seed)
	var ids []int64
	for _, o := range ds.Orders {
		if o.CustomerID == 1 {
			ids = append(ids, o.ID)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids[2]
}
