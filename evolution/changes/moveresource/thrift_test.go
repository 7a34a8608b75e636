package moveresource

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/results"
)

// A method that moved is gone for the other side: the server answers a
// TApplicationException UNKNOWN_METHOD, which the clients report as
// Internal; getCustomer and placeOrder are untouched.
func TestThrift(t *testing.T) {
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud},
		NewClient: results.Loud,
	})
}
