package results_test

import (
	"fmt"

	"github.com/intbench/intbench/results"
)

// Key orders a cell's labels so that two documents name the same cell the
// same way.
func ExampleKey() {
	fmt.Println(results.Key(map[string]string{"scenario": "mixed", "load": "closed-c16", "transport": "grpc", "backend": "memory"}))
	// Output: transport=grpc/scenario=mixed/backend=memory/load=closed-c16
}
