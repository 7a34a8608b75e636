package addfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/results"
)

// Both v1 clients ignore the member they do not know; the v2 client's
// loyalty_points, missing from v1's customer, decode as 0.
func TestREST(t *testing.T) {
	evolutiontest.Pin(t, Name, "rest", evolutiontest.Want{
		OldClient: map[string]string{"": results.Compatible, restkit.LinksFlavour: results.Compatible},
		NewClient: results.Silent,
	})
}
