package addrequiredinput

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/results"
)

// A v1 client's order lacks the currency: INVALID_ARGUMENT "currency is
// required". The v1 server ignores a v2 client's currency as an unknown
// field: the call succeeds and nothing the client reads changes (the
// currency is dropped, but no field of the answer says so).
func TestGRPC(t *testing.T) {
	evolutiontest.Pin(t, Name, grpckit.Pattern, evolutiontest.Want{OldClient: map[string]string{"": results.Loud}, NewClient: results.Compatible})
}
