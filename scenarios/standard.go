package scenarios

import "fmt"

// Standard is the default set that "intbench run" and the benchmark matrix
// compare every pattern on.
var Standard = []string{"get-customer", "place-order", "list-orders-10", "list-orders-100", "mixed"}

// PayloadSizes are the note sizes of the payload sweep, 64 B to 1 MiB.
var PayloadSizes = []int{64, 1 << 10, 16 << 10, 256 << 10, 1 << 20}

// ConcurrencySweep is the worker counts of the concurrency sweep.
var ConcurrencySweep = []int{1, 4, 16, 64, 256}

func init() {
	register(Scenario{Name: "get-customer", Description: "small read: the latency floor of each pattern",
		Steps: []Step{{Op: GetCustomer, Weight: 1}}})
	register(Scenario{Name: "place-order", Description: "transactional write with a fresh request ID and a 64-byte note",
		Steps: []Step{{Op: PlaceOrder, Weight: 1, NoteBytes: 64}}})
	for _, limit := range []int32{10, 100, 1000} {
		register(Scenario{Name: fmt.Sprintf("list-orders-%d", limit),
			Description: fmt.Sprintf("paged read of %d orders of a heavy customer", limit),
			Steps:       []Step{{Op: ListOrders, Weight: 1, Limit: limit}}})
	}
	register(Scenario{Name: "mixed", Description: "70% get-customer, 20% list-orders (10), 10% place-order",
		Steps: []Step{{Op: GetCustomer, Weight: 70}, {Op: ListOrders, Weight: 20, Limit: 10}, {Op: PlaceOrder, Weight: 10, NoteBytes: 64}}})
	var sweep []string
	for _, n := range PayloadSizes {
		name := "payload-" + sizeName(n)
		register(Scenario{Name: name, Description: fmt.Sprintf("place-order with a %s note", sizeName(n)),
			Steps: []Step{{Op: PlaceOrder, Weight: 1, NoteBytes: n}}})
		sweep = append(sweep, name)
	}
	groups["payload"] = sweep
}

func sizeName(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}
