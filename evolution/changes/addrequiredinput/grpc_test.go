package addrequiredinput

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/results"
)

// A v1 client's order lacks the currency: INVALID_ARGUMENT "currency is
// required". The v1 server ignores a v2 client's currency as an unknown
// field and places the order. Silent, not compatible: the v2 Order echoes
// the currency, and the v1 server's order has none, so the v2 client
// reads order.currency "" where its own server echoes "EUR" (proto3
// implicit presence: absent reads as empty). Before the echo no field
// of the answer showed the dropped currency, and this cell read
// compatible.
func TestGRPC(t *testing.T) {
	evolutiontest.Pin(t, Name, grpckit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud},
		NewClient: results.Silent,
		NewFields: []string{"order.currency"},
	})
}
