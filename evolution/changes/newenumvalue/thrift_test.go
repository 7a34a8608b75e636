package newenumvalue

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/results"
)

// The generated code reads an enum as its number, known or not;
// transports/thrift's client refuses a status it cannot map, so the whole
// page fails with Internal ("order 3 has unknown status 5"). A v2 client
// of a v1 server reads v1's statuses, all of which it knows (the refund is
// v2's data, which the change tolerates).
func TestThrift(t *testing.T) {
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud},
		NewClient: results.Compatible,
	})
}
