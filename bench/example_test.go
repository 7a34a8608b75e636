package bench_test

import (
	"context"
	"fmt"
	"time"

	"github.com/intbench/intbench/bench"
	"github.com/intbench/intbench/scenarios"
)

// Run measures the raw-TCP floor on the get-customer scenario with two
// workers for a fifth of a second, serving it in this process over the
// in-memory backend.
func ExampleRun() {
	sc, _ := scenarios.Lookup("get-customer")
	doc, err := bench.Run(context.Background(), bench.Plan{
		Transports:  []string{"rawtcp"},
		Scenarios:   []scenarios.Scenario{sc},
		Concurrency: []int{2},
		Backend:     "memory",
		Warmup:      50 * time.Millisecond,
		Duration:    200 * time.Millisecond,
		Probe:       true,
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := doc.Cells[0]
	p := c.Probe["get-customer"]
	fmt.Println(c.Key)
	fmt.Println("errors:", c.Summary.Errors, "measured:", c.Summary.Calls > 0)
	fmt.Println("exact bytes of one call, out/in:", p.OutBytes, "/", p.InBytes)
	// Output:
	// transport=rawtcp/scenario=get-customer/backend=memory/load=closed-c2
	// errors: 0 measured: true
	// exact bytes of one call, out/in: 7 / 74
}
